package render

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// DrawLegend draws the legend in a white box in the lower-left corner of
// dst: title, one swatch per class with its range and count, the no-data
// entry, and a warning line when the data are synthetic. scale enlarges
// it for big images (1 suits 1920×1080).
func DrawLegend(dst *image.RGBA, l Legend, scale float64) {
	if scale <= 0 {
		scale = 1
	}
	tc := newTextCache()
	size := 15 * scale
	small := 13 * scale
	type line struct {
		text    string
		sw      *color.RGBA
		hatch   bool
		outline bool
		bold    bool
		red     bool
		count   string
	}
	lines := []line{{text: l.Title(), bold: true}}
	for i := range l.Colors {
		c := l.Colors[i]
		lines = append(lines, line{text: l.ClassLabel(i), sw: &c, count: CountLabel(l.Counts[i])})
	}
	if l.NoData > 0 {
		lines = append(lines, line{text: "Tidak ada data", hatch: true, count: CountLabel(l.NoData)})
	}
	if l.Outlined.Label != "" {
		lines = append(lines, line{text: l.Outlined.Label, outline: true, count: CountLabel(l.Outlined.Count)})
	}
	if l.Indicator.Synthetic {
		lines = append(lines, line{text: "DATA CONTOH SINTETIS — bukan data resmi", red: true, bold: true})
	}
	rowH := int(size * 1.6)
	swW := int(28 * scale)
	pad := int(10 * scale)
	width := 0
	for _, ln := range lines {
		fs := small
		if ln.bold {
			fs = size
		}
		w := int(tc.textWidth(ln.text, fs, ln.bold))
		if ln.sw != nil || ln.hatch || ln.outline {
			w += swW + pad + int(tc.textWidth(ln.count, small, false)) + 2*pad
		}
		width = max(width, w)
	}
	boxW, boxH := width+2*pad, len(lines)*rowH+2*pad-int(size*0.4)
	b := dst.Bounds()
	box := image.Rect(b.Min.X+pad*2, b.Max.Y-pad*2-boxH, b.Min.X+pad*2+boxW, b.Max.Y-pad*2)
	draw.Draw(dst, box, image.NewUniform(color.RGBA{0xf0, 0xf0, 0xf0, 0xf0}), image.Point{}, draw.Over)
	frame(dst, box, color.RGBA{0x88, 0x88, 0x88, 0xff})
	hatch := &hatchImage{base: color.RGBA{0xe6, 0xe6, 0xe6, 0xff}, line: color.RGBA{0xa0, 0xa0, 0xa0, 0xff}}
	y := box.Min.Y + pad
	for _, ln := range lines {
		x := box.Min.X + pad
		fs, fg := small, color.RGBA{0x20, 0x20, 0x20, 0xff}
		if ln.bold {
			fs = size
		}
		if ln.red {
			fg = color.RGBA{0xb0, 0x00, 0x20, 0xff}
		}
		if ln.sw != nil || ln.hatch || ln.outline {
			sw := image.Rect(x, y+2, x+swW, y+rowH-int(size*0.5))
			if ln.outline {
				// The outline drawn as on the map: MarkColor, 2.5 px at scale 1.
				t := max(1, int(2.5*scale+0.5))
				mark := DefaultStyle().MarkColor
				for k := range t {
					frame(dst, sw.Inset(k), mark)
				}
			} else if ln.hatch {
				for yy := sw.Min.Y; yy < sw.Max.Y; yy++ {
					for xx := sw.Min.X; xx < sw.Max.X; xx++ {
						dst.SetRGBA(xx, yy, hatch.at(xx, yy))
					}
				}
			} else {
				draw.Draw(dst, sw, image.NewUniform(*ln.sw), image.Point{}, draw.Src)
			}
			if !ln.outline {
				frame(dst, sw, color.RGBA{0x66, 0x66, 0x66, 0xff})
			}
			x += swW + pad
			cw := int(tc.textWidth(ln.count, small, false))
			drawText(dst, tc, ln.count, box.Max.X-pad-cw, y, small, false, fg)
		}
		drawText(dst, tc, ln.text, x, y, fs, ln.bold, fg)
		y += rowH
	}
}

func frame(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	for x := r.Min.X; x < r.Max.X; x++ {
		dst.SetRGBA(x, r.Min.Y, c)
		dst.SetRGBA(x, r.Max.Y-1, c)
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		dst.SetRGBA(r.Min.X, y, c)
		dst.SetRGBA(r.Max.X-1, y, c)
	}
}

// drawText draws text with its top-left corner at (x, y).
func drawText(dst *image.RGBA, tc *textCache, text string, x, y int, size float64, bold bool, c color.RGBA) {
	tc.mu.Lock()
	f := tc.face(size, bold)
	tc.mu.Unlock()
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: f,
		Dot: fixed.Point26_6{X: fixed.I(x), Y: fixed.I(y) + f.Metrics().Ascent}}
	d.DrawString(text)
}
