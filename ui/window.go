package ui

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
)

// Window is pocketmap's main window: the map, with the indicator picker,
// legend and area panel beside it and a status line below.
type Window struct {
	App fyne.App
	Win fyne.Window
	src Source

	areas    []*geo.Area          // every area
	byCode   map[string]*geo.Area // every area by code
	villages []*geo.Area          // the filled areas, scene order
	inds     []geo.Indicator
	legend   render.Legend
	selected int

	Map        *MapView
	Picker     *widget.Select
	LegendBox  *fyne.Container
	HoverText  *widget.Label
	InfoBox    *fyne.Container
	StatusText *widget.Label
	side       *fyne.Container
}

// NewWindow builds the main window over src and loads its data.
func NewWindow(a fyne.App, src Source) (*Window, error) {
	w := &Window{App: a, src: src, selected: -1}
	w.Win = a.NewWindow("pocketmap — Peta Kantong Kemiskinan")
	w.Map = NewMapView(nil, render.DefaultStyle())
	w.Map.OnHover = w.hovered
	w.Map.OnSelect = w.selectArea
	w.Picker = widget.NewSelect(nil, w.pickLabel)
	w.Picker.PlaceHolder = "Pilih indikator"
	w.LegendBox = container.NewVBox()
	w.HoverText = widget.NewLabel("Arahkan tetikus ke peta untuk melihat desa.")
	w.HoverText.Wrapping = fyne.TextWrapWord
	w.InfoBox = container.NewVBox(widget.NewLabel("Klik sebuah desa untuk melihat semua indikatornya."))
	w.StatusText = widget.NewLabel("")
	w.StatusText.Truncation = fyne.TextTruncateEllipsis

	w.Win.SetMainMenu(w.menu())
	w.Win.SetContent(w.layout())
	w.Win.Resize(fyne.NewSize(1280, 800))
	if err := w.Reload(); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *Window) layout() fyne.CanvasObject {
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { w.Map.Zoom(1.5) })
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { w.Map.Zoom(1 / 1.5) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), w.Map.FitExtent)
	controls := container.NewVBox(zoomIn, zoomOut, fit)
	mapArea := container.NewStack(w.Map, container.NewVBox(container.NewHBox(layout.NewSpacer(), controls)))

	toolbar := widget.NewToolbar(
		widget.NewToolbarAction(theme.FolderOpenIcon(), w.importBoundariesDialog),
		widget.NewToolbarAction(theme.UploadIcon(), w.importIndicatorsDialog),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { w.Map.Zoom(1.5) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { w.Map.Zoom(1 / 1.5) }),
		widget.NewToolbarAction(theme.ZoomFitIcon(), w.Map.FitExtent),
	)
	w.side = container.NewVBox(
		widget.NewLabelWithStyle("Indikator", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		w.Picker,
		w.LegendBox,
		widget.NewSeparator(),
		w.HoverText,
		widget.NewSeparator(),
		w.InfoBox,
	)
	split := container.NewHSplit(mapArea, container.NewVScroll(container.NewPadded(w.side)))
	split.Offset = 0.72
	return container.NewBorder(toolbar, container.NewPadded(w.StatusText), nil, nil, split)
}

func (w *Window) menu() *fyne.MainMenu {
	return fyne.NewMainMenu(
		fyne.NewMenu("Berkas",
			fyne.NewMenuItem("Impor batas wilayah (GeoJSON)…", w.importBoundariesDialog),
			fyne.NewMenuItem("Impor indikator (CSV)…", w.importIndicatorsDialog),
		),
		fyne.NewMenu("Tampilan",
			fyne.NewMenuItem("Perbesar", func() { w.Map.Zoom(1.5) }),
			fyne.NewMenuItem("Perkecil", func() { w.Map.Zoom(1 / 1.5) }),
			fyne.NewMenuItem("Tampilkan seluruh wilayah", w.Map.FitExtent),
		),
		fyne.NewMenu("Bantuan",
			fyne.NewMenuItem("Tentang pocketmap", w.about),
		),
	)
}

// Reload reads the areas and indicators from the source again, after an
// import, and redraws.
func (w *Window) Reload() error {
	areas, err := w.src.Areas()
	if err != nil {
		return fmt.Errorf("membaca wilayah: %w", err)
	}
	inds, err := w.src.Indicators()
	if err != nil {
		return fmt.Errorf("membaca indikator: %w", err)
	}
	w.areas, w.inds = areas, inds
	w.byCode = make(map[string]*geo.Area, len(areas))
	var villages, kec []*geo.Area
	for _, a := range areas {
		w.byCode[a.Code] = a
		switch {
		case a.Level.IsVillage() && len(a.Geom) > 0:
			villages = append(villages, a)
		case a.Level == geo.LevelKecamatan && len(a.Geom) > 0:
			kec = append(kec, a)
		}
	}
	w.villages = villages
	w.selected = -1
	w.Map.SetScene(render.NewScene(villages, kec), render.DefaultStyle())

	labels := make([]string, len(inds))
	for i, ind := range inds {
		labels[i] = ind.Label
	}
	w.Picker.Options = labels
	w.StatusText.SetText(w.src.Describe() + " · " + assets.BoundarySource)
	if len(inds) > 0 {
		key := inds[0].Key
		if w.legend.Indicator.Key != "" {
			key = w.legend.Indicator.Key
		}
		if !w.SelectIndicator(key) {
			w.SelectIndicator(inds[0].Key)
		}
	} else {
		w.Picker.ClearSelected()
		w.LegendBox.Objects = []fyne.CanvasObject{widget.NewLabel("Belum ada indikator. Impor berkas CSV melalui menu Berkas.")}
		w.LegendBox.Refresh()
	}
	w.InfoBox.Objects = []fyne.CanvasObject{widget.NewLabel("Klik sebuah desa untuk melihat semua indikatornya.")}
	w.InfoBox.Refresh()
	return nil
}

func (w *Window) pickLabel(label string) {
	for _, ind := range w.inds {
		if ind.Label == label && ind.Key != w.legend.Indicator.Key {
			w.SelectIndicator(ind.Key)
			return
		}
	}
}

// SelectIndicator shades the map by the indicator with key; it reports
// whether the key exists.
func (w *Window) SelectIndicator(key string) bool {
	for _, ind := range w.inds {
		if ind.Key != key {
			continue
		}
		vals, err := w.src.Values(key)
		if err != nil {
			w.showError(err)
			return true
		}
		w.legend = render.NewLegend(ind, w.villages, vals)
		st := w.Map.Style()
		st.Fills = w.legend.Fills
		w.Map.SetStyle(st)
		w.Picker.SetSelected(ind.Label)
		w.showLegend()
		if w.selected >= 0 {
			w.selectArea(w.selected)
		}
		return true
	}
	return false
}

// Legend returns the classification shown.
func (w *Window) Legend() render.Legend { return w.legend }

func swatch(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.StrokeColor = color.RGBA{0x66, 0x66, 0x66, 0xff}
	r.StrokeWidth = 1
	r.SetMinSize(fyne.NewSize(28, 16))
	return r
}

func (w *Window) showLegend() {
	l := w.legend
	objs := []fyne.CanvasObject{widget.NewLabelWithStyle(l.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for i := range l.Colors {
		objs = append(objs, container.NewHBox(swatch(l.Colors[i]), widget.NewLabel(l.ClassLabel(i)), layout.NewSpacer(), widget.NewLabel(render.CountLabel(l.Counts[i]))))
	}
	if l.NoData > 0 || len(l.Colors) == 0 {
		objs = append(objs, container.NewHBox(swatch(classify.NoData), widget.NewLabel("Tidak ada data (diarsir)"), layout.NewSpacer(), widget.NewLabel(render.CountLabel(l.NoData))))
	}
	note := widget.NewLabel("Kuantil, 5 kelas. " + classify.RuleText)
	note.Wrapping = fyne.TextWrapWord
	note.TextStyle.Italic = true
	objs = append(objs, note)
	if l.Indicator.Synthetic {
		warn := widget.NewLabelWithStyle("⚠ DATA CONTOH SINTETIS — bukan data resmi", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		warn.Importance = widget.DangerImportance
		objs = append(objs, warn)
	}
	if l.Indicator.Source != "" {
		src := widget.NewLabel("Sumber: " + l.Indicator.Source)
		src.Wrapping = fyne.TextWrapWord
		objs = append(objs, src)
	}
	w.LegendBox.Objects = objs
	w.relayout()
}

// relayout lays the side panel out again after a part of it changed size.
func (w *Window) relayout() {
	if w.side != nil {
		w.side.Refresh()
	}
}

func (w *Window) kecName(a *geo.Area) string {
	if p := w.byCode[a.Parent]; p != nil {
		return p.Name
	}
	return a.Parent
}

func (w *Window) hovered(i int) {
	if i < 0 || i >= len(w.villages) {
		w.HoverText.SetText("Arahkan tetikus ke peta untuk melihat desa.")
		return
	}
	a := w.villages[i]
	v := math.NaN()
	if i < len(w.legend.Values) {
		v = w.legend.Values[i]
	}
	w.HoverText.SetText(fmt.Sprintf("%s %s, Kec. %s\n%s: %s", levelTitle(a.Level), a.Name, w.kecName(a), w.legend.Indicator.Label, render.FormatValue(w.legend.Indicator, v)))
}

func levelTitle(l geo.Level) string {
	if l == geo.LevelKelurahan {
		return "Kelurahan"
	}
	return "Desa"
}

// SelectArea selects the village area with code and shows its indicators.
func (w *Window) SelectArea(code string) bool {
	for i, a := range w.villages {
		if a.Code == code {
			w.Map.Select(i)
			w.selectArea(i)
			return true
		}
	}
	return false
}

func (w *Window) selectArea(i int) {
	w.selected = i
	if i < 0 || i >= len(w.villages) {
		w.InfoBox.Objects = []fyne.CanvasObject{widget.NewLabel("Klik sebuah desa untuk melihat semua indikatornya.")}
		w.relayout()
		return
	}
	a := w.villages[i]
	title := widget.NewLabelWithStyle(levelTitle(a.Level)+" "+a.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sub := widget.NewLabel(fmt.Sprintf("Kec. %s · kode %s\nLuas %s km²", w.kecName(a), a.Code, idfmt.Number(a.AreaKm2, 2)))
	objs := []fyne.CanvasObject{title, sub}
	vals, err := w.src.AreaValues(a.Code)
	if err != nil {
		objs = append(objs, widget.NewLabel("Gagal membaca indikator: "+err.Error()))
	}
	order := map[string]int{}
	for j, ind := range w.inds {
		order[ind.Key] = j
	}
	sort.SliceStable(vals, func(x, y int) bool { return order[vals[x].Indicator.Key] < order[vals[y].Indicator.Key] })
	rows := container.NewVBox()
	synthetic := false
	for _, v := range vals {
		name := widget.NewLabel(v.Indicator.Label)
		name.Truncation = fyne.TextTruncateEllipsis
		val := widget.NewLabelWithStyle(render.FormatValue(v.Indicator, v.Value), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		rows.Add(container.NewBorder(nil, nil, nil, val, name))
		synthetic = synthetic || v.Indicator.Synthetic
	}
	if len(vals) == 0 {
		objs = append(objs, widget.NewLabel("Belum ada nilai indikator untuk wilayah ini."))
	}
	objs = append(objs, rows)
	if synthetic {
		n := widget.NewLabel("Nilai di atas adalah data contoh sintetis, bukan data resmi.")
		n.Wrapping = fyne.TextWrapWord
		n.TextStyle.Italic = true
		objs = append(objs, n)
	}
	w.InfoBox.Objects = objs
	w.relayout()
}

func (w *Window) about() {
	text := widget.NewLabel("pocketmap — peta kantong kemiskinan desa demi desa untuk Dinas Sosial.\n\n" + assets.DataLicense)
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(560, 360))
	showCustom("Tentang pocketmap", "Tutup", scroll, w.Win)
}
