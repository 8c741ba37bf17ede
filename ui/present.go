package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"

	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
)

// Presentation type sizes, chosen to be read on a 1280×720 projector from
// the back of a meeting room.
const (
	presTitleSize   = 30
	presCaptionSize = 22
	presLegendSize  = 19
	presSourceSize  = 15
)

// presentation is the FGD mode: full screen, large type, only the map,
// title, legend and source line. Arrow keys step through the kecamatan,
// Home shows the whole kabupaten, Esc leaves.
type presentation struct {
	w       *Window
	active  bool
	index   int // kecamatan shown, -1 for the whole kabupaten
	main    fyne.CanvasObject
	title   *canvas.Text
	caption *canvas.Text
	legend  *fyne.Container
	overlay *fyne.Container
	source  *canvas.Text
	warning *canvas.Text
	// What Enter changed, for Leave to put back: the view, the menu
	// bar and the label size.
	savedView             render.View
	savedMenu             *fyne.MainMenu
	savedFont, savedMarkW float64
	body                  *fyne.Container // the presentation's layout
}

// presLabelSize is the size of the map's labels in a presentation, and
// presMarkW the width of the pocket outlines.
const (
	presLabelSize = 19
	presMarkW     = 3.5
)

func ink() color.Color { return color.RGBA{0x10, 0x10, 0x10, 0xff} }

func (p *presentation) init(w *Window) {
	p.w = w
	p.index = -1
	p.title = canvas.NewText("", ink())
	p.title.TextSize, p.title.TextStyle = presTitleSize, fyne.TextStyle{Bold: true}
	p.caption = canvas.NewText("", ink())
	p.caption.TextSize = presCaptionSize
	p.source = canvas.NewText("", color.RGBA{0x40, 0x40, 0x40, 0xff})
	p.source.TextSize = presSourceSize
	p.warning = canvas.NewText(lang.L("DATA CONTOH SINTETIS — bukan data resmi"), color.RGBA{0xb0, 0x00, 0x20, 0xff})
	p.warning.TextSize, p.warning.TextStyle = presSourceSize, fyne.TextStyle{Bold: true}
	p.legend = container.NewVBox()
}

// Enter switches to presentation mode.
func (p *presentation) Enter() {
	if p.active {
		return
	}
	w := p.w
	p.active = true
	p.main = w.Win.Content()
	p.savedView, p.savedMenu = w.mapView.View(), w.Win.MainMenu()
	st := w.mapView.Style()
	p.savedFont, p.savedMarkW = st.FontSize, st.MarkW
	st.FontSize, st.MarkW, st.Hover = presLabelSize, presMarkW, -1
	w.mapView.SetStyle(st)
	w.mapView.Quiet = true
	w.mapView.MouseOut()
	w.tip.show("", false, fyne.Position{})
	white := canvas.NewRectangle(color.White)
	// The legend has a band of its own beside the map: it hides no desa.
	p.overlay = container.NewVBox(layout.NewSpacer(), p.legend, layout.NewSpacer())
	header := container.NewVBox(p.title, p.caption)
	footer := container.NewHBox(p.source, layout.NewSpacer(), p.warning)
	body := container.NewBorder(container.NewPadded(header), container.NewPadded(footer), nil, container.NewPadded(p.overlay), w.mapView)
	p.body = body
	w.Win.SetMainMenu(nil)
	w.Win.SetContent(container.NewStack(white, body))
	w.Win.SetFullScreen(true)
	p.show(p.index)
}

// Leave returns to the normal window.
func (p *presentation) Leave() {
	if !p.active {
		return
	}
	w := p.w
	p.active = false
	w.Win.SetFullScreen(false)
	w.Win.SetContent(p.main)
	if p.savedMenu != nil {
		w.Win.SetMainMenu(p.savedMenu)
	}
	w.mapView.Quiet = false
	st := w.mapView.Style()
	st.Chosen, st.Dim, st.Focus, st.FontSize, st.MarkW = nil, nil, -1, p.savedFont, p.savedMarkW
	w.mapView.SetStyle(st)
	w.redraw()
	w.mapView.SetView(p.savedView) // where the user was before the presentation
}

// key handles the keys of presentation mode; it reports whether it used
// the key.
func (p *presentation) key(ev *fyne.KeyEvent) bool {
	if !p.active {
		if ev.Name == fyne.KeyF11 {
			p.Enter()
			return true
		}
		return false
	}
	n := len(p.w.kecamatan())
	switch ev.Name {
	case fyne.KeyEscape, fyne.KeyF11:
		p.Leave()
	case fyne.KeyRight, fyne.KeyDown, fyne.KeyPageDown, fyne.KeySpace:
		if n > 0 {
			p.show((p.index + 1) % n)
		}
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp:
		if n > 0 {
			p.show((p.index - 1 + n) % n)
		}
	case fyne.KeyHome:
		p.show(-1)
	default:
		return false
	}
	return true
}

// show puts the whole kabupaten (-1) or kecamatan k on screen, with its
// pocket desa outlined, its desa with active interventions highlighted and
// its key figures in the caption.
func (p *presentation) show(k int) {
	w := p.w
	p.index = k
	if w.kecLevel() {
		w.level.SetSelected(lang.L(LevelDesa))
		return // the new result shows this kecamatan again
	}
	r := w.res
	if r == nil {
		return
	}
	ind := r.Indicator
	title := ind.Label
	if r.Period != "" {
		title += " (" + r.Period + ")"
	}
	p.title.Text = title
	st := w.mapView.Style()
	st.Marked = w.an.pocketFlags()
	st.Chosen, st.Dim, st.Focus = nil, nil, -1
	st.Selected = -1
	pockets, active := 0, 0
	var budget float64
	reach := r.Reach
	villages, kecs := r.Villages, r.Kecamatan
	if k < 0 || k >= len(kecs) {
		p.index = -1
		w.mapView.FitExtent()
		for i := range villages {
			if st.Marked != nil && st.Marked[i] {
				pockets++
			}
		}
		p.caption.Text = fmt.Sprintf(lang.L("Seluruh wilayah · %d kecamatan, %d desa · %d desa kantong kemiskinan · ← → per kecamatan"),
			len(kecs), len(villages), pockets)
	} else {
		kec := kecs[k]
		w.mapView.ZoomToBound(kec.Bound, 0.06)
		st.Chosen = make([]bool, len(villages))
		marked := make([]bool, len(villages))
		desa := 0
		for i := range villages {
			if r.KecamatanOf[i] != k {
				continue
			}
			desa++
			if st.Marked != nil && st.Marked[i] {
				marked[i] = true
				pockets++
			}
			if reach[i].Active > 0 {
				st.Chosen[i] = true
				active++
				budget += reach[i].Budget
			}
		}
		st.Marked = marked
		// The kecamatan stands out: heavy outline, the rest washed out.
		st.Dim = make([]bool, len(villages))
		for i := range villages {
			st.Dim[i] = r.KecamatanOf[i] != k
		}
		st.Focus = k
		value := render.FormatValue(ind, r.Rollup[k].Value)
		p.caption.Text = fmt.Sprintf(lang.L("Kecamatan %s (%d/%d) · %d desa · nilai %s · %d desa kantong · %d desa dengan intervensi aktif (%s)"),
			kec.Name, k+1, len(kecs), desa, value, pockets, active, idfmt.Rupiah(int64(budget+0.5)))
	}
	w.mapView.SetStyle(st)
	p.fillLegend()
	p.source.Text = fmt.Sprintf(lang.L("Sumber: %s"), ind.Source)
	if ind.Synthetic {
		p.warning.Show()
	} else {
		p.warning.Hide()
	}
	p.title.Refresh()
	p.caption.Refresh()
	p.source.Refresh()
}

// fillLegend writes the legend in large type.
func (p *presentation) fillLegend() {
	l := p.w.legend
	head := canvas.NewText(l.Title(), ink())
	head.TextSize, head.TextStyle = presLegendSize, fyne.TextStyle{Bold: true}
	objs := []fyne.CanvasObject{head}
	for i := range l.Colors {
		sw := canvas.NewRectangle(l.Colors[i])
		sw.StrokeColor, sw.StrokeWidth = color.RGBA{0x66, 0x66, 0x66, 0xff}, 1
		sw.SetMinSize(fyne.NewSize(36, 22))
		t := canvas.NewText(fmt.Sprintf(lang.N("%s  (%d desa)", l.Counts[i]), l.ClassLabel(i), l.Counts[i]), ink())
		t.TextSize = presLegendSize
		objs = append(objs, container.NewHBox(sw, t))
	}
	mark := canvas.NewRectangle(color.Transparent)
	mark.StrokeColor, mark.StrokeWidth = render.DefaultStyle().MarkColor, 3
	mark.SetMinSize(fyne.NewSize(36, 22))
	mt := canvas.NewText(lang.L("Kantong kemiskinan"), ink())
	mt.TextSize = presLegendSize
	chosen := canvas.NewRectangle(color.Transparent)
	chosen.StrokeColor, chosen.StrokeWidth = render.DefaultStyle().Highlight, 3
	chosen.SetMinSize(fyne.NewSize(36, 22))
	ct := canvas.NewText(lang.L("Ada intervensi aktif"), ink())
	ct.TextSize = presLegendSize
	objs = append(objs, container.NewHBox(mark, mt), container.NewHBox(chosen, ct))
	p.legend.Objects = objs
	if p.body != nil {
		p.body.Refresh() // the legend's size changed: give its band the width
	}
}
