package render

import (
	"image/color"
	"math"
)

// line draws an anti-aliased line of about one pixel (Xiaolin Wu's
// algorithm) in colour c, using c.A as opacity, clipped to the band.
func (pt *painter) line(x0, y0, x1, y1 float64, c color.RGBA) {
	b := pt.band
	minX, minY, maxX, maxY := float64(b.Min.X)-1, float64(b.Min.Y)-1, float64(b.Max.X)+1, float64(b.Max.Y)+1
	inside := x0 >= minX && x0 <= maxX && x1 >= minX && x1 <= maxX && y0 >= minY && y0 <= maxY && y1 >= minY && y1 <= maxY
	if !inside {
		var ok bool
		if x0, y0, x1, y1, ok = clipLine(x0, y0, x1, y1, minX, minY, maxX, maxY); !ok {
			return
		}
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
	a := float64(c.A)
	plot := func(x, y int, cov float64) {
		if steep {
			x, y = y, x
		}
		pt.blend(x, y, c, uint32(a*cov+0.5))
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

// blend puts colour c (straight, not premultiplied) over pixel (x, y)
// with opacity a (0–255).
func (pt *painter) blend(x, y int, c color.RGBA, a uint32) {
	if a == 0 || x < pt.band.Min.X || y < pt.band.Min.Y || x >= pt.band.Max.X || y >= pt.band.Max.Y {
		return
	}
	i := pt.dst.PixOffset(x, y)
	px := pt.dst.Pix[i : i+4 : i+4]
	k := 0xff - a
	px[0] = uint8((uint32(px[0])*k + uint32(c.R)*a + 0x7f) / 0xff)
	px[1] = uint8((uint32(px[1])*k + uint32(c.G)*a + 0x7f) / 0xff)
	px[2] = uint8((uint32(px[2])*k + uint32(c.B)*a + 0x7f) / 0xff)
	px[3] = uint8((uint32(px[3])*k + 0xff*a + 0x7f) / 0xff)
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
