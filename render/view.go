package render

import (
	"math"

	"github.com/paulmach/orb"
)

// View is what part of the map is shown: the lon/lat at the centre of the
// image and the zoom in pixels per degree of latitude. Longitudes are scaled
// by the cosine of the scene's middle latitude, so shapes keep their
// proportions near the equator (an equirectangular projection).
type View struct {
	Center orb.Point
	Zoom   float64
}

// proj maps lon/lat to pixels for a view and image size.
type proj struct {
	cos    float64
	cx, cy float64 // world coordinates of the centre
	zoom   float64
	hw, hh float64 // half the image size
}

func (s *Scene) proj(v View, w, h int) proj {
	return proj{cos: s.cos, cx: v.Center[0] * s.cos, cy: -v.Center[1], zoom: v.Zoom, hw: float64(w) / 2, hh: float64(h) / 2}
}

func (p proj) px(pt orb.Point) (float64, float64) {
	return (pt[0]*p.cos-p.cx)*p.zoom + p.hw, (-pt[1]-p.cy)*p.zoom + p.hh
}

// ToPixel returns the pixel position of a lon/lat point in an image of size
// w×h showing view v.
func (s *Scene) ToPixel(v View, w, h int, pt orb.Point) (float64, float64) {
	return s.proj(v, w, h).px(pt)
}

// ToLonLat returns the lon/lat at pixel (x, y) of an image of size w×h
// showing view v.
func (s *Scene) ToLonLat(v View, w, h int, x, y float64) orb.Point {
	p := s.proj(v, w, h)
	return orb.Point{((x-p.hw)/p.zoom + p.cx) / p.cos, -((y-p.hh)/p.zoom + p.cy)}
}

// VisibleBound returns the lon/lat box seen in an image of size w×h.
func (s *Scene) VisibleBound(v View, w, h int) orb.Bound {
	a := s.ToLonLat(v, w, h, 0, 0)
	b := s.ToLonLat(v, w, h, float64(w), float64(h))
	return orb.Bound{Min: orb.Point{a[0], b[1]}, Max: orb.Point{b[0], a[1]}}
}

// Fit returns the view that shows b whole in an image of size w×h, leaving
// margin pixels free on every side.
func (s *Scene) Fit(b orb.Bound, w, h int, margin float64) View {
	bw := (b.Max[0] - b.Min[0]) * s.cos
	bh := b.Max[1] - b.Min[1]
	aw, ah := math.Max(float64(w)-2*margin, 1), math.Max(float64(h)-2*margin, 1)
	zoom := math.Min(aw/math.Max(bw, 1e-9), ah/math.Max(bh, 1e-9))
	return View{Center: b.Center(), Zoom: zoom}
}

// ZoomAt returns v zoomed by factor f keeping the lon/lat under pixel
// (x, y) fixed, as a scroll wheel zoom toward the cursor does.
func (s *Scene) ZoomAt(v View, w, h int, x, y, f float64) View {
	before := s.ToLonLat(v, w, h, x, y)
	v.Zoom *= f
	after := s.ToLonLat(v, w, h, x, y)
	v.Center[0] += before[0] - after[0]
	v.Center[1] += before[1] - after[1]
	return v
}

// Pan returns v moved so that the map follows a drag of (dx, dy) pixels.
func (s *Scene) Pan(v View, dx, dy float64) View {
	v.Center[0] -= dx / v.Zoom / s.cos
	v.Center[1] += dy / v.Zoom
	return v
}
