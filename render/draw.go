package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/paulmach/orb"
	"golang.org/x/image/vector"
)

// Style says how to draw a scene.
type Style struct {
	// Fills holds the fill colour of each area of the scene, by index; an
	// entry with A == 0 (or a missing entry) means no data and is drawn
	// hatched.
	Fills      []color.RGBA
	Background color.RGBA
	NoData     color.RGBA // base of the no-data hatch
	Hatch      color.RGBA // hatch lines over NoData
	Border     color.RGBA // thin border between areas (alpha used)
	Outline    color.RGBA // heavier outline of the outlined areas
	OutlineW   float64    // its width in pixels
	Selected   int        // index of the selected area, or -1
	Chosen     []bool     // areas chosen together (shift-click, box), outlined like Selected
	Hover      int        // index of the hovered area, or -1
	Highlight  color.RGBA // outline of the selected area
	Marked     []bool     // areas to outline in MarkColor (e.g. poverty pockets), by index
	MarkColor  color.RGBA // outline of marked areas
	MarkW      float64    // its width in pixels (1.8 when 0)
	// Dim washes out the fills of the areas it flags (the desa outside
	// the kecamatan a presentation is on), nil for none; Focus is the
	// outline (index in Scene.Outlines) drawn heavily over everything,
	// -1 for none. The zero Style has Focus 0: set it with Dim.
	Dim      []bool
	Focus    int
	Labels   bool    // name the outlined areas (and areas large enough on screen)
	FontSize float64 // outline label size in pixels; area labels are smaller
}

// DefaultStyle returns the style of the main map, with no fills yet.
func DefaultStyle() Style {
	return Style{
		Background: color.RGBA{0xf4, 0xf6, 0xf8, 0xff},
		NoData:     color.RGBA{0xe6, 0xe6, 0xe6, 0xff},
		Hatch:      color.RGBA{0xa0, 0xa0, 0xa0, 0xff},
		Border:     color.RGBA{0xff, 0xff, 0xff, 0xb0},
		Outline:    color.RGBA{0x33, 0x33, 0x33, 0xff},
		OutlineW:   1.8,
		Selected:   -1,
		Hover:      -1,
		Focus:      -1,
		Highlight:  color.RGBA{0x08, 0x1d, 0x58, 0xff},
		MarkColor:  color.RGBA{0x1d, 0x91, 0xc0, 0xff},
		MarkW:      1.8,
		Labels:     true,
		FontSize:   13,
	}
}

// Render draws the scene into a new w×h image.
func (s *Scene) Render(v View, w, h int, st *Style) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	s.Draw(dst, v, st)
	return dst
}

// Draw draws the scene into dst, whose bounds start at (0, 0).
func (s *Scene) Draw(dst *image.RGBA, v View, st *Style) {
	w, h := dst.Bounds().Dx(), dst.Bounds().Dy()
	draw.Draw(dst, dst.Bounds(), image.NewUniform(st.Background), image.Point{}, draw.Src)
	if w == 0 || h == 0 || v.Zoom <= 0 {
		return
	}
	p := s.proj(v, w, h)
	lod := lodLevel(v.Zoom)
	areas := s.level(false, lod)
	var outlines *shapes
	if len(s.Outlines) > 0 {
		outlines = s.level(true, lod)
	}
	var visible []int
	s.Index.Search(s.VisibleBound(v, w, h), func(i int) { visible = append(visible, i) })

	bands := 2
	if h < 64 {
		bands = 1
	}
	var wg sync.WaitGroup
	for b := range bands {
		band := image.Rect(0, h*b/bands, w, h*(b+1)/bands)
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.drawBand(dst, band, p, st, areas, outlines, visible)
		}()
	}
	wg.Wait()
	if st.Labels {
		s.drawLabels(dst, p, st)
	}
}

// washOut is a fill faded three quarters of the way to white: the area
// stays recognisable but out of the way.
func washOut(c color.RGBA) color.RGBA {
	f := func(v uint8) uint8 { return uint8((int(v) + 3*255) / 4) }
	return color.RGBA{f(c.R), f(c.G), f(c.B), 255}
}

// painter draws into one band of the image. Its rasterizer and coverage
// mask are reused from frame to frame.
type painter struct {
	dst  *image.RGBA
	band image.Rectangle
	p    proj
	z    vector.Rasterizer
	buf  []uint8
	mask image.Alpha // reused coverage mask over buf
}

var painters = sync.Pool{New: func() any { return new(painter) }}

func (s *Scene) drawBand(dst *image.RGBA, band image.Rectangle, p proj, st *Style, areas, outlines *shapes, visible []int) {
	pt := painters.Get().(*painter)
	defer painters.Put(pt)
	pt.dst, pt.band, pt.p = dst, band, p
	hatch := &hatchImage{base: st.NoData, line: st.Hatch}
	for _, i := range visible {
		r := pt.pixelRect(s.Areas[i].Bound)
		if r.Empty() {
			continue
		}
		from, to := areas.rings(i)
		if from == to {
			continue
		}
		dim := i < len(st.Dim) && st.Dim[i]
		switch {
		case i < len(st.Fills) && st.Fills[i].A != 0 && dim:
			pt.fill(r, areas, from, to, washOut(st.Fills[i]), nil)
		case i < len(st.Fills) && st.Fills[i].A != 0:
			pt.fill(r, areas, from, to, st.Fills[i], nil)
		case dim:
			pt.fill(r, areas, from, to, washOut(st.NoData), nil)
		default:
			pt.fill(r, areas, from, to, st.NoData, hatch)
		}
	}
	if st.Border.A > 0 {
		for _, i := range visible {
			if pt.pixelRect(s.Areas[i].Bound).Empty() {
				continue
			}
			from, to := areas.rings(i)
			for ri := from; ri < to; ri++ {
				pt.thinRing(areas.ring(ri), st.Border)
			}
		}
	}
	if outlines != nil && st.OutlineW > 0 {
		for i, a := range s.Outlines {
			if pt.rawRect(a.Bound).Inset(-4).Intersect(band).Empty() {
				continue
			}
			from, to := outlines.rings(i)
			for ri := from; ri < to; ri++ {
				pt.stroke(outlines.ring(ri), st.OutlineW, st.Outline)
			}
		}
	}
	markW := st.MarkW
	if markW <= 0 {
		markW = 1.8
	}
	for _, i := range visible {
		if i >= len(st.Marked) || !st.Marked[i] || pt.rawRect(s.Areas[i].Bound).Inset(-4).Intersect(band).Empty() {
			continue
		}
		from, to := areas.rings(i)
		for ri := from; ri < to; ri++ {
			pt.stroke(areas.ring(ri), markW, st.MarkColor)
		}
	}
	for _, i := range visible {
		if i >= len(st.Chosen) || !st.Chosen[i] || i == st.Selected || pt.rawRect(s.Areas[i].Bound).Inset(-4).Intersect(band).Empty() {
			continue
		}
		from, to := areas.rings(i)
		for ri := from; ri < to; ri++ {
			pt.stroke(areas.ring(ri), 4, color.RGBA{0xff, 0xff, 0xff, 0xff})
		}
		for ri := from; ri < to; ri++ {
			pt.stroke(areas.ring(ri), 2, st.Highlight)
		}
	}
	for _, hl := range []struct {
		i int
		w float64
		c color.RGBA
	}{{st.Hover, 1.6, color.RGBA{0x20, 0x20, 0x20, 0xc0}}, {st.Selected, 5, color.RGBA{0xff, 0xff, 0xff, 0xff}}, {st.Selected, 2.5, st.Highlight}} {
		if hl.i < 0 || hl.i >= len(s.Areas) || pt.rawRect(s.Areas[hl.i].Bound).Inset(-4).Intersect(band).Empty() {
			continue
		}
		from, to := areas.rings(hl.i)
		for ri := from; ri < to; ri++ {
			pt.stroke(areas.ring(ri), hl.w, hl.c)
		}
	}
	if st.Dim != nil && outlines != nil && st.Focus >= 0 && st.Focus < len(s.Outlines) &&
		!pt.rawRect(s.Outlines[st.Focus].Bound).Inset(-8).Intersect(band).Empty() {
		from, to := outlines.rings(st.Focus)
		for _, l := range []struct {
			w float64
			c color.RGBA
		}{{8, color.RGBA{0xff, 0xff, 0xff, 0xff}}, {4.5, color.RGBA{0x10, 0x10, 0x10, 0xff}}} {
			for ri := from; ri < to; ri++ {
				pt.stroke(outlines.ring(ri), l.w, l.c)
			}
		}
	}
}

// stroke draws a line of width w along ring in colour c. The ring is cut
// into short runs, each rasterized within its own small pixel box, so the
// cost follows the length of the line rather than the area it encloses.
func (pt *painter) stroke(ring []orb.Point, w float64, c color.RGBA) {
	const run = 24
	pad := int(math.Ceil(w)) + 1
	for start := 0; start < len(ring)-1; start += run {
		end := min(start+run+1, len(ring))
		part := ring[start:end]
		b := orb.Bound{Min: part[0], Max: part[0]}
		for _, q := range part[1:] {
			b = b.Extend(q)
		}
		r := pt.rawRect(b).Inset(-pad).Intersect(pt.band)
		if r.Empty() {
			continue
		}
		pt.z.Reset(r.Dx(), r.Dy())
		pt.strokeRing(part, w, r.Min)
		pt.composite(r, c, nil)
	}
}

// rawRect returns the pixels covered by a lon/lat box.
func (pt *painter) rawRect(b orb.Bound) image.Rectangle {
	x0, y1 := pt.p.px(b.Min)
	x1, y0 := pt.p.px(b.Max)
	const lim = 1 << 24
	clamp := func(v float64) int { return int(math.Max(-lim, math.Min(lim, v))) }
	return image.Rect(clamp(math.Floor(x0)), clamp(math.Floor(y0)), clamp(math.Ceil(x1))+1, clamp(math.Ceil(y1))+1)
}

// pixelRect returns the pixels covered by a lon/lat box, within the band.
func (pt *painter) pixelRect(b orb.Bound) image.Rectangle {
	return pt.rawRect(b).Intersect(pt.band)
}

// fill fills the rings from..to of sh, which lie within r, with colour c
// or, when hatch is not nil, with its pattern.
func (pt *painter) fill(r image.Rectangle, sh *shapes, from, to int32, c color.RGBA, hatch *hatchImage) {
	z := &pt.z
	z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for ri := from; ri < to; ri++ {
		ring := sh.ring(ri)
		x, y := pt.p.px(ring[0])
		z.MoveTo(float32(x-ox), float32(y-oy))
		for _, q := range ring[1:] {
			x, y := pt.p.px(q)
			z.LineTo(float32(x-ox), float32(y-oy))
		}
		z.ClosePath()
	}
	pt.composite(r, c, hatch)
}

// composite rasterizes the path gathered in pt.z into a coverage mask and
// blends colour c (or the hatch) through it into r. Unlike the generic
// vector.Rasterizer.Draw it skips uncovered pixels and copies fully
// covered opaque ones, which is most of a map.
func (pt *painter) composite(r image.Rectangle, c color.RGBA, hatch *hatchImage) {
	w, h := r.Dx(), r.Dy()
	if cap(pt.buf) < w*h {
		pt.buf = make([]uint8, w*h)
	}
	pt.mask = image.Alpha{Pix: pt.buf[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
	mask := &pt.mask
	pt.z.DrawOp = draw.Src
	pt.z.Draw(mask, mask.Rect, image.Opaque, image.Point{})
	dst := pt.dst
	for y := 0; y < h; y++ {
		row := mask.Pix[y*w : y*w+w]
		off := dst.PixOffset(r.Min.X, r.Min.Y+y)
		pix := dst.Pix[off : off+4*w : off+4*w]
		if hatch == nil && c.A == 0xff {
			// Opaque colour: copy where covered, blend only the edges.
			for x, m := range row {
				if m == 0 {
					continue
				}
				px := pix[4*x : 4*x+4 : 4*x+4]
				if m == 0xff {
					px[0], px[1], px[2], px[3] = c.R, c.G, c.B, 0xff
					continue
				}
				over(px, c, m)
			}
			continue
		}
		for x, m := range row {
			if m == 0 {
				continue
			}
			col := c
			if hatch != nil {
				col = hatch.at(r.Min.X+x, r.Min.Y+y)
			}
			over(pix[4*x:4*x+4:4*x+4], col, m)
		}
	}
}

// over blends the premultiplied colour c with coverage m (0–255) over px.
func over(px []uint8, c color.RGBA, m uint8) {
	a := uint32(m) * uint32(c.A) / 0xff
	k := 0xff - a
	px[0] = uint8((uint32(px[0])*k + uint32(c.R)*uint32(m)) / 0xff)
	px[1] = uint8((uint32(px[1])*k + uint32(c.G)*uint32(m)) / 0xff)
	px[2] = uint8((uint32(px[2])*k + uint32(c.B)*uint32(m)) / 0xff)
	px[3] = uint8((uint32(px[3])*k + 0xff*a) / 0xff)
}

// strokeRing adds a stroke of width w along ring to the rasterizer, whose
// origin is at pixel o: one quad per segment, extended by half the width
// at both ends so that joins are filled. All quads wind the same way, so
// overlaps saturate rather than cancel.
func (pt *painter) strokeRing(ring []orb.Point, w float64, o image.Point) {
	hw := w / 2
	ox, oy := float64(o.X), float64(o.Y)
	x0, y0 := pt.p.px(ring[0])
	for _, q := range ring[1:] {
		x1, y1 := pt.p.px(q)
		dx, dy := x1-x0, y1-y0
		l := math.Hypot(dx, dy)
		if l < 0.25 {
			continue
		}
		ux, uy := dx/l*hw, dy/l*hw
		nx, ny := -uy, ux
		ax, ay := x0-ux-ox, y0-uy-oy
		bx, by := x1+ux-ox, y1+uy-oy
		z := &pt.z
		z.MoveTo(float32(ax-nx), float32(ay-ny))
		z.LineTo(float32(bx-nx), float32(by-ny))
		z.LineTo(float32(bx+nx), float32(by+ny))
		z.LineTo(float32(ax+nx), float32(ay+ny))
		z.ClosePath()
		x0, y0 = x1, y1
	}
}

// thinRing draws a one-pixel anti-aliased line along ring.
func (pt *painter) thinRing(ring []orb.Point, c color.RGBA) {
	x0, y0 := pt.p.px(ring[0])
	for _, q := range ring[1:] {
		x1, y1 := pt.p.px(q)
		if math.Abs(x1-x0)+math.Abs(y1-y0) < 0.3 {
			continue
		}
		pt.line(x0, y0, x1, y1, c)
		x0, y0 = x1, y1
	}
}

// hatchImage is the no-data fill: thin diagonal lines over a light grey.
type hatchImage struct{ base, line color.RGBA }

func (h *hatchImage) at(x, y int) color.RGBA {
	if ((x+y)%7+7)%7 == 0 {
		return h.line
	}
	return h.base
}
