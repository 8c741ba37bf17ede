package render

import (
	"image/color"
	"math"
)

// line draws an anti-aliased line of about one pixel (Xiaolin Wu's
// algorithm) in colour c, using c.A as opacity, clipped to the band.
func (pt *painter) line(x0, y0, x1, y1 float64, c color.RGBA) {
	b := pt.band
	var ok bool
	x0, y0, x1, y1, ok = clipLine(x0, y0, x1, y1, float64(b.Min.X)-1, float64(b.Min.Y)-1, float64(b.Max.X)+1, float64(b.Max.Y)+1)
	if !ok {
		return
	}
	steep := math.Abs(y1-y0) > math.Abs(x1-x0)
	if steep {
		x0, y0, x1, y1 = y0, x0, y1, x1
	}
	if x0 > x1 {
		x0, x1, y0, y1 = x1, x0, y1, y0
	}
	dx := x1 - x0
	grad := 1.0
	if dx > 1e-9 {
		grad = (y1 - y0) / dx
	}
	a := float64(c.A) / 255
	plot := func(x, y int, cov float64) {
		if steep {
			x, y = y, x
		}
		pt.blend(x, y, c, a*cov)
	}
	xs, xe := int(math.Round(x0)), int(math.Round(x1))
	y := y0 + grad*(float64(xs)-x0)
	for x := xs; x <= xe; x++ {
		fy := math.Floor(y)
		f := y - fy
		plot(x, int(fy), 1-f)
		plot(x, int(fy)+1, f)
		y += grad
	}
}

func (pt *painter) blend(x, y int, c color.RGBA, a float64) {
	if a <= 0.004 || x < pt.band.Min.X || y < pt.band.Min.Y || x >= pt.band.Max.X || y >= pt.band.Max.Y {
		return
	}
	i := pt.dst.PixOffset(x, y)
	px := pt.dst.Pix[i : i+4 : i+4]
	k := 1 - a
	px[0] = uint8(float64(px[0])*k + float64(c.R)*a + 0.5)
	px[1] = uint8(float64(px[1])*k + float64(c.G)*a + 0.5)
	px[2] = uint8(float64(px[2])*k + float64(c.B)*a + 0.5)
	px[3] = uint8(float64(px[3])*k + 255*a + 0.5)
}

// clipLine clips a segment to a rectangle (Liang–Barsky).
func clipLine(x0, y0, x1, y1, minX, minY, maxX, maxY float64) (float64, float64, float64, float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, e := range [4][2]float64{{-dx, x0 - minX}, {dx, maxX - x0}, {-dy, y0 - minY}, {dy, maxY - y0}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return 0, 0, 0, 0, false
			}
			t0 = math.Max(t0, r)
		} else {
			if r < t0 {
				return 0, 0, 0, 0, false
			}
			t1 = math.Min(t1, r)
		}
	}
	return x0 + t0*dx, y0 + t0*dy, x0 + t1*dx, y0 + t1*dy, true
}
