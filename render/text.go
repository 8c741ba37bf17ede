package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sort"
	"sync"

	"github.com/dinsos-tuban/pocketmap/geo"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// fonts are the Go fonts (BSD licence), which cover the Latin letters
// Indonesian needs, parsed once: regular and bold.
var fonts = sync.OnceValues(func() (*opentype.Font, *opentype.Font) {
	r, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic(err) // the embedded Go fonts always parse
	}
	b, err := opentype.Parse(gobold.TTF)
	if err != nil {
		panic(err)
	}
	return r, b
})

// NewFace returns a face of the Go font (bold or regular) at size pixels,
// hinted: every map, legend and print image draws its text with it. A face
// is not safe for use by several goroutines at once.
func NewFace(size float64, bold bool) font.Face {
	reg, bld := fonts()
	fnt := reg
	if bold {
		fnt = bld
	}
	f, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err) // only for a size that is not a number
	}
	return f
}

// label is a rendered text: its glyph mask and the halo around it.
type label struct {
	mask, halo *image.Alpha
	ascent     int
}

type textKey struct {
	text string
	size float64
	bold bool
}

// textCache keeps rendered labels and font faces, which are costly to make.
type textCache struct {
	mu     sync.Mutex
	labels map[textKey]*label
	faces  map[textKey]font.Face
}

func newTextCache() *textCache {
	return &textCache{labels: map[textKey]*label{}, faces: map[textKey]font.Face{}}
}

func (tc *textCache) face(size float64, bold bool) font.Face {
	k := textKey{size: size, bold: bold}
	if f, ok := tc.faces[k]; ok {
		return f
	}
	f := NewFace(size, bold)
	tc.faces[k] = f
	return f
}

// get returns the label for text, rendering it on first use.
func (tc *textCache) get(text string, size float64, bold bool) *label {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	k := textKey{text, size, bold}
	if l, ok := tc.labels[k]; ok {
		return l
	}
	f := tc.face(size, bold)
	m := f.Metrics()
	const pad = 2
	w := font.MeasureString(f, text).Ceil() + 2*pad
	h := (m.Ascent + m.Descent).Ceil() + 2*pad
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	d := font.Drawer{Dst: mask, Src: image.Opaque, Face: f, Dot: fixed.Point26_6{X: fixed.I(pad), Y: m.Ascent + fixed.I(pad)}}
	d.DrawString(text)
	l := &label{mask: mask, halo: dilate(mask, 2), ascent: m.Ascent.Ceil() + pad}
	tc.labels[k] = l
	return l
}

// dilate returns the mask grown by r pixels (a round brush), for halos.
func dilate(m *image.Alpha, r int) *image.Alpha {
	b := m.Bounds()
	out := image.NewAlpha(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			var best uint8
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					if dx*dx+dy*dy > r*r+1 {
						continue
					}
					if a := m.AlphaAt(x+dx, y+dy).A; a > best {
						best = a
					}
				}
			}
			out.Pix[out.PixOffset(x, y)] = best
		}
	}
	return out
}

// placed keeps the boxes of labels drawn so far, to avoid overlaps.
type placed []image.Rectangle

func (p placed) free(r image.Rectangle) bool {
	for _, q := range p {
		if q.Overlaps(r) {
			return false
		}
	}
	return true
}

// drawLabel draws text centred on (x, y) with a white halo if it does not
// overlap an earlier label and lies inside dst; it reports whether it did.
func (tc *textCache) drawLabel(dst *image.RGBA, taken *placed, text string, x, y, size float64, bold bool, fg color.RGBA) bool {
	l := tc.get(text, size, bold)
	w, h := l.mask.Bounds().Dx(), l.mask.Bounds().Dy()
	min := image.Pt(int(math.Round(x))-w/2, int(math.Round(y))-h/2)
	r := image.Rectangle{Min: min, Max: min.Add(image.Pt(w, h))}
	if !r.In(dst.Bounds()) || !taken.free(r.Inset(-2)) {
		return false
	}
	*taken = append(*taken, r)
	draw.DrawMask(dst, r, image.NewUniform(color.RGBA{235, 235, 235, 235}), image.Point{}, l.halo, image.Point{}, draw.Over)
	draw.DrawMask(dst, r, image.NewUniform(fg), image.Point{}, l.mask, image.Point{}, draw.Over)
	return true
}

// textWidth returns the width in pixels of text at size.
func (tc *textCache) textWidth(text string, size float64, bold bool) float64 {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	return float64(font.MeasureString(tc.face(size, bold), text).Ceil())
}

// labelOrder returns the indexes of the named areas with geometry, largest
// first: big areas get their labels placed before small ones.
func labelOrder(list []*geo.Area) []int {
	idx := make([]int, 0, len(list))
	for i, a := range list {
		if len(a.Geom) > 0 && a.Name != "" {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(i, j int) bool { return list[idx[i]].AreaKm2 > list[idx[j]].AreaKm2 })
	return idx
}

// drawLabels names the outlined areas (largest first), then the filled areas
// that are large enough on screen to hold their name.
func (s *Scene) drawLabels(dst *image.RGBA, p proj, st *Style) {
	var taken placed
	size := st.FontSize
	if size <= 0 {
		size = 13
	}
	for _, i := range s.outlineOrder {
		a := s.Outlines[i]
		x, y := p.px(a.Label)
		s.text.drawLabel(dst, &taken, a.Name, x, y, size, true, color.RGBA{0x1a, 0x1a, 0x1a, 0xff})
	}
	small := math.Max(9, size-3)
	// Name the filled areas only once a typical one is wide on screen.
	if math.Sqrt(s.medianKm2)*p.zoom/111 < 70 {
		return
	}
	for _, i := range s.areaOrder {
		a := s.Areas[i]
		x0, y1 := p.px(a.Bound.Min)
		x1, y0 := p.px(a.Bound.Max)
		if x1-x0 < 40 || y1-y0 < small*2.5 || x1 < 0 || y1 < 0 || x0 > float64(dst.Bounds().Dx()) || y0 > float64(dst.Bounds().Dy()) {
			continue
		}
		if x1-x0 < s.text.textWidth(a.Name, small, false)*1.3 {
			continue
		}
		x, y := p.px(a.Label)
		s.text.drawLabel(dst, &taken, a.Name, x, y, small, false, color.RGBA{0x30, 0x30, 0x30, 0xff})
	}
}
