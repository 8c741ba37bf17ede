package report

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/paulmach/orb"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// MapOptions describes a print-ready map image: the scene and how to shade
// it, its legend, the image size and the texts around the map.
type MapOptions struct {
	Scene *render.Scene // the areas to draw (desa filled, kecamatan outlined)
	// Style shades the scene. Its Background is replaced by white; its
	// FontSize (13 when 0), OutlineW and MarkW are taken as sizes at
	// 1920×1080 and scaled with the image (MarkW half as much again).
	Style         render.Style
	Legend        render.Legend // drawn beside or below the map; none when it has no classes
	Width, Height int           // image size in pixels
	Title         string        // bold, in the title band
	Subtitle      string        // under the title, e.g. the period and the classification
	Source        string        // e.g. "Sumber: … · Batas: … (MIT)", in the footer
	Made          time.Time     // "Dibuat 20 Oktober 2025" in the footer; left out when zero
	Synthetic     bool          // adds "DATA CONTOH SINTETIS — bukan data resmi" in red to the footer
}

// Colours of the texts and furniture of a map image.
var (
	miWhite = color.RGBA{0xff, 0xff, 0xff, 0xff}
	miInk   = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	miGrey  = color.RGBA{0x44, 0x44, 0x44, 0xff}
	miRule  = color.RGBA{0x99, 0x99, 0x99, 0xff}
	miRed   = color.RGBA{0xb0, 0x00, 0x20, 0xff}
)

// miText draws texts with the Go fonts; it caches font faces and is used by
// one goroutine at a time.
type miText struct {
	faces map[miFaceKey]font.Face
}

type miFaceKey struct {
	size float64
	bold bool
}

func newMiText() *miText { return &miText{faces: map[miFaceKey]font.Face{}} }

func (t *miText) face(size float64, bold bool) font.Face {
	size = math.Round(size*4) / 4
	k := miFaceKey{size, bold}
	if f, ok := t.faces[k]; ok {
		return f
	}
	f := render.NewFace(size, bold)
	t.faces[k] = f
	return f
}

// width is the advance of s in pixels.
func (t *miText) width(s string, size float64, bold bool) int {
	return font.MeasureString(t.face(size, bold), s).Ceil()
}

// height is the line height (ascent plus descent) in pixels.
func (t *miText) height(size float64, bold bool) int {
	m := t.face(size, bold).Metrics()
	return (m.Ascent + m.Descent).Ceil()
}

// draw writes s with the top of its line box at y and its left at x.
func (t *miText) draw(dst *image.RGBA, s string, x, y int, size float64, bold bool, c color.RGBA) {
	f := t.face(size, bold)
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: f,
		Dot: fixed.Point26_6{X: fixed.I(x), Y: fixed.I(y) + f.Metrics().Ascent}}
	d.DrawString(s)
}

// fit returns s at the largest size from size down to 60 % of it at which
// it is no wider than w, cut with an ellipsis if even that is too wide.
func (t *miText) fit(s string, size float64, bold bool, w int) (string, float64) {
	for sz := size; sz >= size*0.6; sz *= 0.93 {
		if t.width(s, sz, bold) <= w {
			return s, sz
		}
	}
	sz := size * 0.6
	r := []rune(s)
	for len(r) > 1 && t.width(string(r)+"…", sz, bold) > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…", sz
}

// miLayout is where MapImage put each part of the image; tests read it.
type miLayout struct {
	Title, Map, Legend, ScaleBar, Arrow, Footer image.Rectangle
	ScaleKm                                     float64 // length of the scale bar
	ScaleLabel                                  string
}

// MapImage draws a print-ready map: a white page with a title band, the
// map fitted beside (or, on tall pages, above) its legend, a scale bar
// under the map's lower-right corner, a north arrow to the right of its
// top, and a footer with the source, the date made and the synthetic-data
// warning. Sizes scale with the image: the legend has scale 1 at
// 1920×1080 and 1,83 on A4 at 300 dpi (3508×2480, either orientation),
// and is drawn smaller only when it would take more than 40 % of the
// width or 90 % of the height. Without a scene only the title band and
// the footer are drawn. No text overlaps another: the map, legend, scale bar and
// arrow each get a box of their own, and the renderer's labels stay in
// the map's box.
func MapImage(o MapOptions) *image.RGBA {
	img, _ := mapImage(o)
	return img
}

func mapImage(o MapOptions) (*image.RGBA, miLayout) {
	W, H := max(o.Width, 1), max(o.Height, 1)
	dst := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(miWhite), image.Point{}, draw.Src)
	var lay miLayout
	tx := newMiText()

	// Type and furniture scale with the paper, whatever its orientation:
	// 1 at 1920×1080 (or 1080×1920), 1,83 on A4 at 300 dpi, never below 0,6.
	long, short := float64(max(W, H)), float64(min(W, H))
	fu := math.Max(math.Min(long/1920, short/1080), 0.6)
	px := func(v float64) int { return max(1, int(math.Round(v*fu))) }
	margin := px(28)
	gap := px(16)

	// Title band.
	titleSize, subSize := 34*fu, 20*fu
	y := margin
	inner := W - 2*margin
	top := y
	if o.Title != "" {
		s, sz := tx.fit(o.Title, titleSize, true, inner)
		tx.draw(dst, s, margin, y, sz, true, miInk)
		y += int(float64(tx.height(sz, true)) * 1.1)
	}
	if o.Subtitle != "" {
		s, sz := tx.fit(o.Subtitle, subSize, false, inner)
		tx.draw(dst, s, margin, y, sz, false, miGrey)
		y += int(float64(tx.height(sz, false)) * 1.1)
	}
	if y > top {
		y += px(8)
		miFill(dst, image.Rect(margin, y, W-margin, y+px(2)), miInk)
		y += px(2)
		lay.Title = image.Rect(margin, top, W-margin, y)
		y += gap
	}
	contentTop := y

	// Footer, laid out from the bottom up.
	footSize := 14 * fu
	footLines := miFooterLines(tx, o, footSize, inner)
	lineH := int(float64(tx.height(footSize, false)) * 1.25)
	footH := len(footLines) * lineH
	footTop := H - margin - footH
	if len(footLines) > 0 {
		lay.Footer = image.Rect(margin, footTop, W-margin, H-margin)
		miFill(dst, image.Rect(margin, footTop-px(8)-1, W-margin, footTop-px(8)), miRule)
		for i, ln := range footLines {
			x := margin
			for j, seg := range ln.segs {
				if j == ln.right {
					run := 0
					for _, s := range ln.segs[j:] {
						run += tx.width(s.text, footSize, s.bold)
					}
					x = W - margin - run
				}
				tx.draw(dst, seg.text, x, footTop+i*lineH, footSize, seg.bold, seg.col)
				x += tx.width(seg.text, footSize, seg.bold)
			}
		}
		footTop -= px(8) + gap
	}
	content := image.Rect(margin, contentTop, W-margin, max(contentTop+1, footTop))

	// The legend, drawn aside and measured.
	legend, lsize := miLegend(o.Legend, fu, content)

	// Furniture sizes: the north arrow's box and the scale bar's height.
	labelSize := 14 * fu
	arrowW, arrowTri := px(34), px(46)
	arrowH := arrowTri + px(6) + tx.height(20*fu, true)
	barH := px(9)
	sbH := barH + px(5) + tx.height(labelSize, false)

	if o.Scene == nil {
		return dst, lay
	}
	bound := o.Scene.Bound()
	pad := float64(px(4))
	zoomFor := func(w, h int) float64 {
		if w < 8 || h < 8 {
			return 0
		}
		return o.Scene.Fit(bound, w, h, pad).Zoom
	}
	// Beside: legend on the left, map and arrow on the right, scale bar
	// under the map. Below: map and arrow above, legend (left) and scale
	// bar (right) in a band under the map, or stacked, scale bar first,
	// when the map is too narrow for both side by side.
	lgW, lgH := lsize.X, lsize.Y
	lgGap := 0
	if lgW > 0 {
		lgGap = gap
	}
	// fitBox shrinks a w×h box to the fitted data, so that the renderer's
	// labels stay near the map.
	fitBox := func(w, h int) (int, int, float64) {
		z := zoomFor(w, h)
		if z <= 0 {
			return 0, 0, 0
		}
		v := o.Scene.Fit(bound, w, h, pad)
		x0, y0 := o.Scene.ToPixel(v, w, h, orb.Point{bound.Min[0], bound.Max[1]})
		x1, y1 := o.Scene.ToPixel(v, w, h, orb.Point{bound.Max[0], bound.Min[1]})
		return min(w, int(math.Ceil(x1-x0+2*pad))), min(h, int(math.Ceil(y1-y0+2*pad))), z
	}
	sideW, sideH, zSide := fitBox(content.Dx()-lgW-lgGap-gap-arrowW, content.Dy()-gap-sbH)
	// The widest scale bar: a quarter of the map and its labels.
	sbMax := func(mw int) int {
		return mw/4 + tx.width("0", labelSize, false) + tx.width("0000 km", labelSize, false)
	}
	stacked := false
	band := func() int {
		switch {
		case lgW == 0:
			return sbH
		case stacked:
			return sbH + gap + lgH
		}
		return max(lgH, sbH)
	}
	belowW, belowH, zBelow := fitBox(content.Dx()-gap-arrowW, content.Dy()-gap-band())
	if lgW > 0 && zBelow > 0 && lgW+gap+sbMax(belowW) > belowW {
		stacked = true
		belowW, belowH, zBelow = fitBox(content.Dx()-gap-arrowW, content.Dy()-gap-band())
	}
	beside := zSide >= zBelow
	mw, mh := sideW, sideH
	if !beside {
		mw, mh = belowW, belowH
	}
	if mw <= 0 || mh <= 0 {
		return dst, lay
	}

	var mapR, legR image.Rectangle
	if beside {
		blockH := mh + gap + sbH
		gw, gh := lgW+lgGap+mw+gap+arrowW, max(lgH, blockH)
		gx := content.Min.X + (content.Dx()-gw)/2
		gy := content.Min.Y + (content.Dy()-gh)/2
		by := gy + (gh-blockH)/2
		mapR = image.Rect(gx+lgW+lgGap, by, gx+lgW+lgGap+mw, by+mh)
		if lgW > 0 {
			bottom := by + blockH
			if lgH > blockH {
				bottom = gy + gh
			}
			legR = image.Rect(gx, bottom-lgH, gx+lgW, bottom)
		}
	} else {
		gw, gh := mw+gap+arrowW, mh+gap+band()
		gx := content.Min.X + (content.Dx()-gw)/2
		gy := content.Min.Y + (content.Dy()-gh)/2
		mapR = image.Rect(gx, gy, gx+mw, gy+mh)
		if lgW > 0 {
			legR = image.Rect(gx, gy+gh-lgH, gx+lgW, gy+gh)
		}
	}

	// The map itself, drawn in its own image so its labels stay inside.
	st := o.Style
	st.Background = miWhite
	if st.FontSize <= 0 {
		st.FontSize = 13
	}
	st.FontSize *= fu
	st.OutlineW *= fu
	if st.MarkW <= 0 {
		st.MarkW = 1.8
	}
	// Print wants the pocket outlines heavier than the screen: 1.8 px at
	// 1920×1080 becomes about 5 px, 1.2 pt, on an A4 page at 300 dpi.
	st.MarkW *= fu * 1.5
	mv := o.Scene.Fit(bound, mw, mh, pad)
	m := o.Scene.Render(mv, mw, mh, &st)
	draw.Draw(dst, mapR, m, image.Point{}, draw.Src)
	miFrame(dst, mapR.Inset(-1), miRule)
	lay.Map = mapR

	if legend != nil {
		draw.Draw(dst, legR, legend, legend.Bounds().Min, draw.Over)
		lay.Legend = legR
	}

	// North arrow, right of the map's top.
	ar := image.Rect(mapR.Max.X+gap, mapR.Min.Y, mapR.Max.X+gap+arrowW, mapR.Min.Y+arrowH)
	miNorthArrow(dst, tx, ar, arrowTri, 20*fu)
	lay.Arrow = ar

	// Scale bar under the map's right end, measured at the map's centre.
	cx, cy := float64(mw)/2, float64(mh)/2
	a := o.Scene.ToLonLat(mv, mw, mh, cx-50, cy)
	b := o.Scene.ToLonLat(mv, mw, mh, cx+50, cy)
	kmPerPx := geo.DistanceKm(a, b) / 100
	if kmPerPx > 0 && !math.IsInf(kmPerPx, 0) {
		L := scaleLength(float64(mw) * kmPerPx)
		barPx := int(math.Round(L / kmPerPx))
		ticks, unit := scaleTicks(L)
		last := ticks[len(ticks)-1]
		unitW := tx.width(" "+unit, labelSize, false)
		right := mapR.Max.X - unitW - tx.width(last, labelSize, false)/2 // the bar's right end
		left := right - barPx
		top := mapR.Max.Y + gap
		sb := image.Rect(left-tx.width(ticks[0], labelSize, false)/2-1, top, mapR.Max.X, top+sbH)
		miScaleBar(dst, tx, left, top, barPx, barH, ticks, unit, labelSize, px(5))
		lay.ScaleBar, lay.ScaleKm = sb, L
		lay.ScaleLabel = strings.Join(ticks, "  ") + " " + unit
	}
	return dst, lay
}

// miSeg is a piece of a footer line.
type miSeg struct {
	text string
	col  color.RGBA
	bold bool
}

// miLine is one footer line: segments drawn left to right, those from
// index right on as one run that ends at the right edge.
type miLine struct {
	segs  []miSeg
	right int
}

// miFooterLines lays out the footer: the source on the left and the
// synthetic-data warning and the date on the right when all fit on one
// line, else every piece on lines of its own, long ones wrapped at spaces.
func miFooterLines(tx *miText, o MapOptions, size float64, w int) []miLine {
	var left, right []miSeg
	if s := strings.TrimSpace(o.Source); s != "" {
		left = append(left, miSeg{text: s, col: miGrey})
	}
	if o.Synthetic {
		right = append(right, miSeg{text: SyntheticWarning, col: miRed, bold: true})
	}
	if !o.Made.IsZero() {
		if len(right) > 0 {
			right = append(right, miSeg{text: "  ·  ", col: miGrey})
		}
		right = append(right, miSeg{text: "Dibuat " + idfmt.Date(o.Made), col: miGrey})
	}
	if len(left)+len(right) == 0 {
		return nil
	}
	total := 0
	for _, s := range append(append([]miSeg(nil), left...), right...) {
		total += tx.width(s.text, size, s.bold)
	}
	if len(left) > 0 && len(right) > 0 {
		total += tx.width("      ", size, false)
	}
	if total <= w {
		return []miLine{{segs: append(left, right...), right: len(left)}}
	}
	var lines []miLine
	for _, s := range append(left, right...) {
		if strings.TrimSpace(s.text) == "·" {
			continue
		}
		for _, t := range miWrap(tx, s.text, size, s.bold, w) {
			lines = append(lines, miLine{segs: []miSeg{{text: t, col: s.col, bold: s.bold}}, right: 1})
		}
	}
	return lines
}

// miWrap breaks s at spaces into lines no wider than w.
func miWrap(tx *miText, s string, size float64, bold bool, w int) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && tx.width(try, size, bold) > w {
			out = append(out, line)
			line = word
			continue
		}
		line = try
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// miLegend draws the legend into an image of its own, cropped to the box
// render.DrawLegend made, at the largest scale (from fu down) at which it
// takes no more than 40 % of the content's width and 90 % of its height.
// It returns nil and a zero size when the legend has no classes.
func miLegend(l render.Legend, fu float64, content image.Rectangle) (*image.RGBA, image.Point) {
	if len(l.Colors) == 0 && l.NoData == 0 {
		return nil, image.Point{}
	}
	var best *image.RGBA
	for scale := fu; ; scale *= 0.88 {
		w := min(content.Dx(), int(1400*scale)+40)
		h := min(content.Dy(), int(1600*scale)+40)
		tmp := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
		render.DrawLegend(tmp, l, scale)
		box := miOpaqueBound(tmp)
		clipped := box.Empty() || box.Min.Y <= 0 || box.Max.X >= tmp.Bounds().Max.X
		best = tmp.SubImage(box).(*image.RGBA)
		if !clipped && box.Dx() <= content.Dx()*2/5 && box.Dy() <= content.Dy()*9/10 || scale < 0.35 {
			break
		}
	}
	return best, best.Bounds().Size()
}

// miOpaqueBound is the smallest rectangle holding every pixel of m that is
// not fully transparent.
func miOpaqueBound(m *image.RGBA) image.Rectangle {
	b := m.Bounds()
	r := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := m.Pix[(y-b.Min.Y)*m.Stride:]
		for x := 0; x < b.Dx(); x++ {
			if row[4*x+3] == 0 {
				continue
			}
			r.Min.X, r.Max.X = min(r.Min.X, b.Min.X+x), max(r.Max.X, b.Min.X+x+1)
			r.Min.Y, r.Max.Y = min(r.Min.Y, y), max(r.Max.Y, y+1)
		}
	}
	if r.Empty() {
		return image.Rectangle{}
	}
	return r
}

func miFill(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(dst, r, image.NewUniform(c), image.Point{}, draw.Src)
}

func miFrame(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	miFill(dst, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), c)
	miFill(dst, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), c)
	miFill(dst, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), c)
	miFill(dst, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), c)
}

// miNorthArrow draws a filled arrowhead pointing up, tri pixels tall and
// centred in r, with "U" (utara, north) under it.
func miNorthArrow(dst *image.RGBA, tx *miText, r image.Rectangle, tri int, size float64) {
	cx := float32(r.Min.X) + float32(r.Dx())/2
	top, bottom := float32(r.Min.Y), float32(r.Min.Y+tri)
	hw := float32(r.Dx()) * 0.36
	notch := float32(tri) * 0.22
	var z vector.Rasterizer
	z.Reset(r.Dx(), tri+2)
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	z.MoveTo(cx-ox, top-oy)
	z.LineTo(cx+hw-ox, bottom-oy)
	z.LineTo(cx-ox, bottom-notch-oy)
	z.LineTo(cx-hw-ox, bottom-oy)
	z.ClosePath()
	z.Draw(dst, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+tri+2), image.NewUniform(miInk), image.Point{})
	w := tx.width("U", size, true)
	tx.draw(dst, "U", int(cx)-w/2, r.Min.Y+tri+int(size*0.3), size, true, miInk)
}

// miScaleBar draws a bar barPx long of alternating dark and white
// segments, two per interval between the ticks, with the tick labels under
// it and the unit after the last.
func miScaleBar(dst *image.RGBA, tx *miText, left, top, barPx, barH int, ticks []string, unit string, size float64, gap int) {
	n := len(ticks) - 1
	segs := 2 * n
	for i := range segs {
		x0, x1 := left+barPx*i/segs, left+barPx*(i+1)/segs
		c := miInk
		if i%2 == 1 {
			c = miWhite
		}
		miFill(dst, image.Rect(x0, top, x1, top+barH), c)
	}
	miFrame(dst, image.Rect(left, top, left+barPx+1, top+barH), miInk)
	ly := top + barH + gap
	for i, s := range ticks {
		x := left + barPx*i/n
		w := tx.width(s, size, false)
		tx.draw(dst, s, x-w/2, ly, size, false, miInk)
		if i == n {
			tx.draw(dst, " "+unit, x-w/2+w, ly, size, false, miInk)
		}
	}
}

// scaleLength picks the scale bar's length in km for a map widthKm wide: a
// round length of 15–25 % of the width, closest to 20 %, preferring 1, 2
// and 5 times a power of ten and otherwise 1,5, 3, 4, 6 or 8 times one
// (consecutive steps differ by at most 1,5×, so one always fits).
func scaleLength(widthKm float64) float64 {
	if widthKm <= 0 || math.IsNaN(widthKm) || math.IsInf(widthKm, 0) {
		return 1
	}
	for _, tier := range [][]float64{{1, 2, 5}, {1, 1.5, 2, 3, 4, 5, 6, 8}} {
		best, bestD := 0.0, math.Inf(1)
		for e := math.Floor(math.Log10(widthKm)) - 2; e <= math.Floor(math.Log10(widthKm)); e++ {
			for _, m := range tier {
				L := m * math.Pow(10, e)
				f := L / widthKm
				if f < 0.15-1e-9 || f > 0.25+1e-9 {
					continue
				}
				if d := math.Abs(f - 0.2); d < bestD {
					best, bestD = L, d
				}
			}
		}
		if best > 0 {
			// Strip the binary noise of m·10^e.
			v, _ := strconv.ParseFloat(strconv.FormatFloat(best, 'g', 6, 64), 64)
			return v
		}
	}
	return widthKm / 5
}

// scaleTicks are the numbers under the ticks of a scale bar L km long and
// their unit: km, or m below 1 km; written Indonesian style ("2,5"). A
// length of 1,5, 3 or 6 times a power of ten gets three intervals (0 5 10
// 15 km), any other two (0 5 10 km).
func scaleTicks(L float64) ([]string, string) {
	unit := "km"
	if L < 1 {
		L *= 1000
		unit = "m"
	}
	n := 2
	m := L / math.Pow(10, math.Floor(math.Log10(L)+1e-9))
	for _, three := range []float64{1.5, 3, 6} {
		if math.Abs(m-three) < 1e-6 {
			n = 3
		}
	}
	num := func(v float64) string {
		for dec := 0; dec < 3; dec++ {
			p := math.Pow(10, float64(dec))
			if math.Abs(v*p-math.Round(v*p)) < 1e-6 {
				return idfmt.Number(v, dec)
			}
		}
		return idfmt.Number(v, 3)
	}
	out := make([]string, n+1)
	for i := range out {
		out[i] = num(L * float64(i) / float64(n))
	}
	return out, unit
}
