// Command icon draws pocketmap's application icon, a map pin over a small
// choropleth grid in the ColorBrewer YlOrRd class colours, and writes it as a
// 512×512 PNG (assets/icon.png by default, the icon named in FyneApp.toml).
//
// Run it from the repository root after changing the drawing:
//
//	go run ./tools/icon
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"

	"golang.org/x/image/vector"
)

const size = 512

var (
	background = color.RGBA{0xee, 0xf2, 0xf5, 0xff}
	frame      = color.RGBA{0x2c, 0x3e, 0x50, 0xff}
	gap        = color.RGBA{0xff, 0xff, 0xff, 0xff}
	pinColor   = color.RGBA{0x1f, 0x2d, 0x3a, 0xff}
	shadow     = color.RGBA{0x00, 0x00, 0x00, 0x40}

	// YlOrRd at five classes, low to high.
	ylOrRd = [5]color.RGBA{
		{0xff, 0xff, 0xb2, 0xff},
		{0xfe, 0xcc, 0x5c, 0xff},
		{0xfd, 0x8d, 0x3c, 0xff},
		{0xf0, 0x3b, 0x20, 0xff},
		{0xbd, 0x00, 0x26, 0xff},
	}

	// The class of each grid cell: a poverty pocket where the pin stands.
	grid = [4][4]int{
		{0, 1, 1, 0},
		{1, 3, 4, 2},
		{2, 4, 3, 1},
		{0, 2, 1, 0},
	}
)

// shape collects one filled path.
type shape struct{ z *vector.Rasterizer }

func newShape() shape { return shape{vector.NewRasterizer(size, size)} }

// poly adds a closed polygon.
func (s shape) poly(pts [][2]float64) {
	s.z.MoveTo(float32(pts[0][0]), float32(pts[0][1]))
	for _, p := range pts[1:] {
		s.z.LineTo(float32(p[0]), float32(p[1]))
	}
	s.z.ClosePath()
}

func (s shape) fill(dst draw.Image, c color.Color) {
	s.z.DrawOp = draw.Over
	s.z.Draw(dst, dst.Bounds(), image.NewUniform(c), image.Point{})
}

// arc returns points on a circle from angle a0 to a1 (radians, y down).
func arc(cx, cy, r, a0, a1 float64, n int) [][2]float64 {
	pts := make([][2]float64, 0, n+1)
	for i := 0; i <= n; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(n)
		pts = append(pts, [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)})
	}
	return pts
}

func ellipse(cx, cy, rx, ry float64) [][2]float64 {
	pts := make([][2]float64, 0, 96)
	for i := 0; i < 96; i++ {
		a := 2 * math.Pi * float64(i) / 96
		pts = append(pts, [2]float64{cx + rx*math.Cos(a), cy + ry*math.Sin(a)})
	}
	return pts
}

// roundRect returns the outline of a rectangle with rounded corners.
func roundRect(x0, y0, x1, y1, r float64) [][2]float64 {
	var pts [][2]float64
	pts = append(pts, arc(x1-r, y0+r, r, -math.Pi/2, 0, 12)...)
	pts = append(pts, arc(x1-r, y1-r, r, 0, math.Pi/2, 12)...)
	pts = append(pts, arc(x0+r, y1-r, r, math.Pi/2, math.Pi, 12)...)
	pts = append(pts, arc(x0+r, y0+r, r, math.Pi, 3*math.Pi/2, 12)...)
	return pts
}

// pin returns a teardrop: a circle of radius r around (cx, cy) drawn to a
// point at (cx, tipY) below it.
func pin(cx, cy, r, tipY float64) [][2]float64 {
	d := tipY - cy
	alpha := math.Acos(r / d) // angle between the axis and a tangent point
	down := math.Pi / 2
	pts := [][2]float64{{cx, tipY}}
	// From the right tangent point over the top to the left one.
	pts = append(pts, arc(cx, cy, r, down-alpha, down+alpha-2*math.Pi, 120)...)
	return pts
}

// Draw paints the icon.
func Draw() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))

	// Rounded tile with a thin frame.
	s := newShape()
	s.poly(roundRect(16, 16, size-16, size-16, 88))
	s.fill(img, frame)
	s = newShape()
	s.poly(roundRect(28, 28, size-28, size-28, 78))
	s.fill(img, background)

	// The choropleth grid, slightly sheared like a map seen from above.
	const x0, y0, cell, gapW, skew = 143.7, 164.0, 72.0, 7.0, 0.22
	s = newShape()
	s.poly([][2]float64{
		{x0 - 6 + skew*(y0-6-y0), y0 - 6},
		{x0 + 4*cell + 6 + skew*(y0-6-y0), y0 - 6},
		{x0 + 4*cell + 6 - skew*(4*cell+6), y0 + 4*cell + 6},
		{x0 - 6 - skew*(4*cell+6), y0 + 4*cell + 6},
	})
	s.fill(img, gap)
	for row := range grid {
		for col, class := range grid[row] {
			ya, yb := y0+float64(row)*cell+gapW/2, y0+float64(row+1)*cell-gapW/2
			xa, xb := x0+float64(col)*cell+gapW/2, x0+float64(col+1)*cell-gapW/2
			s = newShape()
			s.poly([][2]float64{
				{xa - skew*(ya-y0), ya},
				{xb - skew*(ya-y0), ya},
				{xb - skew*(yb-y0), yb},
				{xa - skew*(yb-y0), yb},
			})
			s.fill(img, ylOrRd[class])
		}
	}

	// The pin over the pocket, with its shadow on the grid.
	const px, py, pr, tip = 256.0, 132.0, 74.0, 308.0
	s = newShape()
	s.poly(ellipse(px, tip, 46, 13))
	s.fill(img, shadow)
	s = newShape()
	s.poly(pin(px, py, pr+9, tip+10))
	s.fill(img, gap)
	s = newShape()
	s.poly(pin(px, py, pr, tip))
	s.fill(img, pinColor)
	s = newShape()
	s.poly(ellipse(px, py, 34, 34))
	s.fill(img, gap)
	s = newShape()
	s.poly(ellipse(px, py, 20, 20))
	s.fill(img, ylOrRd[4])
	return img
}

func main() {
	out := flag.String("o", "assets/icon.png", "output PNG file")
	flag.Parse()
	f, err := os.Create(*out)
	if err == nil {
		err = png.Encode(f, Draw())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "icon:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
}
