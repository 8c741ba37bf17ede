package ui

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

// Map levels and views: the keys of the radio groups, which show them
// translated; level and view read the choice back as a key.
const (
	LevelDesa      = "Desa"
	LevelKecamatan = "Kecamatan"
	ViewValues     = "Nilai"
	ViewClusters   = "Klaster"
)

var (
	levelKeys = []string{LevelDesa, LevelKecamatan}
	viewKeys  = []string{ViewValues, ViewClusters, ViewCoverage, ViewGap}
)

// Window is pocketmap's main window: the map, with the indicator picker,
// classification, legend, pocket analysis and area panel beside it and a
// status line below.
type Window struct {
	App fyne.App
	Win fyne.Window
	src Source

	areas    []*geo.Area          // every area
	byCode   map[string]*geo.Area // every area by code
	villages []*geo.Area          // desa and kelurahan with geometry
	kec      []*geo.Area          // kecamatan with geometry
	desaOf   []int                // kecamatan index of each village
	inds     []geo.Indicator
	ind      geo.Indicator // the indicator shown

	raw      []float64 // the indicator by village, NaN for no data
	num, den []float64 // for a rate: its counts by village
	shown    []float64 // raw, or smoothed
	rollup   []spatial.RollupRow
	legend   render.Legend
	selected int

	desaScene, kecScene *render.Scene

	// Settings.
	method  classify.Method
	classes int
	manual  []float64
	smooth  bool
	minBase float64

	an  analysis
	iv  interventionTab
	va  validationTab
	cmp comparison
	pr  presentation

	Map        *MapView
	Picker     *widget.Select
	Level      *widget.RadioGroup
	View       *widget.RadioGroup
	Method     *widget.Select
	Classes    *widget.Select
	Breaks     *widget.Entry
	Smooth     *widget.Check
	LegendBox  *fyne.Container
	HoverText  *widget.Label
	InfoBox    *fyne.Container
	StatusText *widget.Label
	Search     *widget.SelectEntry
	Tabs       *container.AppTabs
	side       *fyne.Container
}

// NewWindow builds the main window over src and loads its data.
func NewWindow(a fyne.App, src Source) (*Window, error) {
	w := &Window{App: a, src: src, selected: -1, method: classify.MethodQuantile, classes: 5, minBase: classify.DefaultMinBase}
	w.Win = a.NewWindow(lang.L("pocketmap — Peta Kantong Kemiskinan"))
	w.Map = NewMapView(nil, render.DefaultStyle())
	w.Map.OnHover = w.hovered
	w.Map.OnSelect = w.selectArea
	w.Picker = widget.NewSelect(nil, w.pickLabel)
	w.Picker.PlaceHolder = lang.L("Pilih indikator")
	w.Level = widget.NewRadioGroup(trAll(levelKeys...), func(string) { w.refresh() })
	w.Level.Horizontal, w.Level.Required = true, true
	w.Level.SetSelected(lang.L(LevelDesa))
	w.View = widget.NewRadioGroup(trAll(viewKeys...), func(string) { w.refresh() })
	w.View.Horizontal, w.View.Required = true, true
	w.View.SetSelected(lang.L(ViewValues))
	w.Breaks = widget.NewEntry()
	w.Breaks.SetPlaceHolder(lang.L("batas atas, mis. 5; 10; 15; 20"))
	w.Breaks.OnSubmitted = func(string) { w.refresh() }
	w.Breaks.Hide()
	var labels []string
	for m := classify.MethodQuantile; m <= classify.MethodManual; m++ {
		labels = append(labels, lang.L(m.Label()))
	}
	w.Method = widget.NewSelect(labels, w.pickMethod)
	w.Method.PlaceHolder = lang.L("(pilih)")
	w.Method.SetSelected(lang.L(classify.MethodQuantile.Label()))
	w.Classes = widget.NewSelect([]string{"3", "4", "5", "6", "7", "8", "9"}, func(s string) {
		w.classes, _ = strconv.Atoi(s)
		w.refresh()
	})
	w.Classes.SetSelected("5")
	w.Smooth = widget.NewCheck(lang.L("Haluskan rasio (Empirical Bayes)"), func(on bool) {
		w.smooth = on
		w.loadValues()
		w.refresh()
		w.an.invalidate(w)
	})
	w.LegendBox = container.NewVBox()
	w.HoverText = widget.NewLabel(lang.L("Arahkan tetikus ke peta untuk melihat desa."))
	w.HoverText.Wrapping = fyne.TextWrapWord
	w.InfoBox = container.NewVBox(widget.NewLabel(lang.L("Klik sebuah desa untuk melihat semua indikatornya.")))
	w.StatusText = widget.NewLabel("")
	w.StatusText.Truncation = fyne.TextTruncateEllipsis
	w.an.init(w)
	w.iv.init(w)
	w.va.init(w)
	w.cmp.init(w)
	w.pr.init(w)
	w.Map.OnChoose = w.iv.choose

	w.Search = w.newSearch()
	prefs := a.Preferences()
	w.Win.SetMainMenu(w.menu())
	w.Win.SetContent(w.layout())
	w.Win.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(prefWidth, 1280)), float32(prefs.FloatWithFallback(prefHeight, 800))))
	w.Win.SetCloseIntercept(func() {
		s := w.Win.Canvas().Size()
		prefs.SetFloat(prefWidth, float64(s.Width))
		prefs.SetFloat(prefHeight, float64(s.Height))
		w.Win.Close()
	})
	w.bindKeys()
	if key := prefs.String(prefIndicator); key != "" {
		w.ind.Key = key // Reload keeps it when it still exists
	}
	if err := w.Reload(); err != nil {
		return nil, err
	}
	// The preferences hold keys, so that they survive a change of language.
	if v := prefs.String(prefView); v != "" {
		w.View.SetSelected(tr(v))
	}
	if l := prefs.String(prefLevel); l != "" {
		w.Level.SetSelected(tr(l))
	}
	w.View.OnChanged = func(string) { prefs.SetString(prefView, w.view()); w.refresh() }
	w.Level.OnChanged = func(string) { prefs.SetString(prefLevel, w.level()); w.refresh() }
	return w, nil
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
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
		widget.NewToolbarAction(theme.DocumentSaveIcon(), w.exportDialog),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { w.Map.Zoom(1.5) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { w.Map.Zoom(1 / 1.5) }),
		widget.NewToolbarAction(theme.ZoomFitIcon(), w.Map.FitExtent),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ViewFullScreenIcon(), func() { w.pr.Enter() }),
	)
	top := container.NewBorder(nil, nil, toolbar, container.NewGridWrap(fyne.NewSize(360, 36), w.Search))
	classRow := container.NewBorder(nil, nil, nil, w.Classes, w.Method)
	w.side = container.NewVBox(
		bold(lang.L("Indikator")),
		container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), w.indicatorDialog), w.Picker),
		container.NewHBox(widget.NewLabel(lang.L("Tingkat:")), w.Level),
		container.NewHBox(widget.NewLabel(lang.L("Tampilan:")), w.View),
		classRow, w.Breaks, w.Smooth,
		w.cmp.content(),
		w.LegendBox,
		widget.NewSeparator(),
		w.HoverText,
		widget.NewSeparator(),
		w.InfoBox,
	)
	w.Tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Peta"), container.NewVScroll(container.NewPadded(w.side))),
		container.NewTabItem(lang.L("Kantong"), w.an.content()),
		container.NewTabItem(lang.L("Intervensi"), w.iv.content()),
		container.NewTabItem(lang.L("Validasi"), w.va.content()),
	)
	split := container.NewHSplit(mapArea, w.Tabs)
	split.Offset = 0.70
	return container.NewBorder(top, container.NewPadded(w.StatusText), nil, nil, split)
}

func (w *Window) menu() *fyne.MainMenu {
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.L("Berkas"),
			fyne.NewMenuItem(lang.L("Impor batas wilayah (GeoJSON)…"), w.importBoundariesDialog),
			fyne.NewMenuItem(lang.L("Impor indikator (CSV)…"), w.importIndicatorsDialog),
			fyne.NewMenuItem(lang.L("Impor daftar rumah tangga (CSV/XLSX)…"), w.importHouseholdsDialog),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Ekspor ringkasan, peta atau lapisan…"), w.exportDialog),
		),
		fyne.NewMenu(lang.L("Tampilan"),
			fyne.NewMenuItem(lang.L("Mode presentasi (F11)"), func() { w.pr.Enter() }),
			fyne.NewMenuItem(lang.L("Perbesar"), func() { w.Map.Zoom(1.5) }),
			fyne.NewMenuItem(lang.L("Perkecil"), func() { w.Map.Zoom(1 / 1.5) }),
			fyne.NewMenuItem(lang.L("Tampilkan seluruh wilayah"), w.Map.FitExtent),
		),
		fyne.NewMenu(lang.L("Analisis"),
			fyne.NewMenuItem(lang.L("Cari kantong kemiskinan"), w.an.run),
		),
		fyne.NewMenu(lang.L("Bantuan"),
			fyne.NewMenuItem(lang.L("Tentang pocketmap"), w.about),
		),
	)
}

// Reload reads the areas and indicators from the source again, after an
// import, and redraws.
func (w *Window) Reload() error {
	areas, err := w.src.Areas()
	if err != nil {
		return fmt.Errorf(lang.L("membaca wilayah: %w"), err)
	}
	inds, err := w.src.Indicators()
	if err != nil {
		return fmt.Errorf(lang.L("membaca indikator: %w"), err)
	}
	w.areas, w.inds = areas, inds
	w.byCode = make(map[string]*geo.Area, len(areas))
	w.villages, w.kec = nil, nil
	for _, a := range areas {
		w.byCode[a.Code] = a
		switch {
		case a.Level.IsVillage() && len(a.Geom) > 0:
			w.villages = append(w.villages, a)
		case a.Level == geo.LevelKecamatan && len(a.Geom) > 0:
			w.kec = append(w.kec, a)
		}
	}
	w.desaOf = spatial.KecamatanOf(w.villages, w.kec)
	w.desaScene = render.NewScene(w.villages, w.kec)
	w.kecScene = render.NewScene(w.kec, w.kec)
	w.selected = -1
	w.an.reset(w)
	w.Map.SetScene(w.scene(), w.Map.Style())
	w.iv.choose(nil)

	labels := make([]string, len(inds))
	for i, ind := range inds {
		labels[i] = ind.Label
	}
	w.Picker.Options = labels
	w.StatusText.SetText(w.src.Describe() + " · " + lang.L(assets.BoundarySource))
	if len(inds) == 0 {
		w.ind = geo.Indicator{}
		w.Picker.ClearSelected()
		w.LegendBox.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("Belum ada indikator. Impor berkas CSV melalui menu Berkas."))}
		w.relayout()
		return nil
	}
	key := inds[0].Key
	if w.ind.Key != "" {
		key = w.ind.Key
	}
	if !w.SelectIndicator(key) {
		w.SelectIndicator(inds[0].Key)
	}
	return nil
}

func (w *Window) scene() *render.Scene {
	if w.kecLevel() {
		return w.kecScene
	}
	return w.desaScene
}

func (w *Window) kecLevel() bool { return w.level() == LevelKecamatan && len(w.kec) > 0 }

// level returns the key of the level chosen (LevelDesa, LevelKecamatan).
func (w *Window) level() string { return keyOf(w.Level.Selected, levelKeys...) }

// view returns the key of the view chosen (ViewValues, ViewClusters, …).
func (w *Window) view() string { return keyOf(w.View.Selected, viewKeys...) }

func (w *Window) pickLabel(label string) {
	for _, ind := range w.inds {
		if ind.Label == label && ind.Key != w.ind.Key {
			w.SelectIndicator(ind.Key)
			return
		}
	}
}

func (w *Window) pickMethod(label string) {
	for m := classify.MethodQuantile; m <= classify.MethodManual; m++ {
		if lang.L(m.Label()) == label {
			w.method = m
		}
	}
	if w.method == classify.MethodManual {
		w.Breaks.Show()
	} else {
		w.Breaks.Hide()
	}
	w.refresh()
}

// SelectIndicator shades the map by the indicator with key; it reports
// whether the key exists.
func (w *Window) SelectIndicator(key string) bool {
	for _, ind := range w.inds {
		if ind.Key != key {
			continue
		}
		w.ind = ind
		w.App.Preferences().SetString(prefIndicator, key)
		w.Picker.SetSelected(ind.Label)
		if ind.Derived() {
			w.Smooth.Enable()
		} else {
			w.Smooth.SetChecked(false)
			w.Smooth.Disable()
		}
		w.loadValues()
		w.cmp.periods()
		w.an.invalidate(w)
		w.refresh()
		return true
	}
	return false
}

// loadValues reads the indicator (and, for a rate, its counts) by village
// and applies the smoothing setting.
func (w *Window) loadValues() {
	read := func(key string) []float64 {
		vals, err := w.src.Values(key)
		if err != nil {
			w.showError(err)
			vals = nil
		}
		return render.ValuesOf(w.villages, vals)
	}
	w.raw = read(w.ind.Key)
	w.num, w.den = nil, nil
	if w.ind.Derived() {
		w.num, w.den = read(w.ind.Numerator), read(w.ind.Denominator)
	}
	w.shown = w.raw
	if w.smooth && w.ind.Derived() {
		eb := classify.EBGlobal(w.num, w.den)
		scale := w.ind.Scale
		if scale == 0 {
			scale = 1
		}
		w.shown = make([]float64, len(eb))
		for i, v := range eb {
			w.shown[i] = v * scale
		}
	}
}

func parseBreaks(s string) ([]float64, error) {
	var out []float64
	for i, f := range strings.Split(s, ";") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		v, err := parseNumber(f)
		if err != nil {
			return nil, fmt.Errorf(lang.L("batas ke-%d %q bukan angka (tulis dengan koma desimal, pisahkan dengan titik koma)"), i+1, f)
		}
		out = append(out, v)
	}
	return out, nil
}

// refresh recomputes what the map shows from the settings: level, view,
// classification, smoothing and the pocket analysis.
func (w *Window) refresh() {
	if w.ind.Key == "" || w.Map == nil || w.desaScene == nil {
		return
	}
	scene := w.scene()
	if w.Map.Scene() != scene {
		w.selected = -1
		w.Map.SetSceneKeepView(scene)
		w.iv.choose(nil)
	}
	st := w.Map.Style()
	st.Marked = nil
	var err error
	switch {
	case w.kecLevel():
		var pockets []bool
		if r := w.an.result; r != nil {
			pockets = r.Pocket
		}
		w.rollup = spatial.Rollup(w.villages, w.kec, w.ind, codeMap(w.villages, w.raw), codeMap(w.villages, w.num), codeMap(w.villages, w.den), pockets)
		vals := make([]float64, len(w.rollup))
		for i, r := range w.rollup {
			vals[i] = r.Value
		}
		w.legend, err = w.classLegend(vals)
		w.legend.Note = fmt.Sprintf(lang.L("Rekap per kecamatan: jumlah dijumlahkan, rasio dihitung ulang dari jumlahnya. %s"), w.legend.Note)
	case w.cmp.active() && w.view() == ViewValues:
		w.legend, err = w.cmp.legend()
	case w.view() == ViewCoverage:
		w.legend, err = w.iv.coverageLegend()
		st.Marked = w.an.pocketFlags()
	case w.view() == ViewGap:
		if w.an.result == nil {
			w.an.run()
		}
		w.legend = w.iv.gapLegend()
	case w.view() == ViewClusters:
		if w.an.result == nil {
			w.an.run()
		}
		w.legend = w.an.clusterLegend(w)
		if w.an.result != nil && w.an.result.Options.UseThreshold {
			// High-High already shows the cluster pockets; outline all.
			st.Marked = w.an.pocketFlags()
		}
	default:
		w.legend, err = w.classLegend(w.shown)
		st.Marked = w.an.pocketFlags()
	}
	if err != nil {
		w.LegendBox.Objects = []fyne.CanvasObject{widget.NewLabel(fmt.Sprintf(lang.L("Klasifikasi gagal: %s"), err.Error()))}
		w.relayout()
		return
	}
	st.Fills = w.legend.Fills
	w.Map.SetStyle(st)
	w.showLegend()
	if w.selected >= 0 {
		w.selectArea(w.selected)
	}
}

func codeMap(areas []*geo.Area, vals []float64) map[string]float64 {
	if vals == nil {
		return nil
	}
	m := make(map[string]float64, len(vals))
	for i, v := range vals {
		if !math.IsNaN(v) {
			m[areas[i].Code] = v
		}
	}
	return m
}

func (w *Window) classLegend(vals []float64) (render.Legend, error) {
	var manual []float64
	if w.method == classify.MethodManual {
		var err error
		if manual, err = parseBreaks(w.Breaks.Text); err != nil {
			return render.Legend{}, err
		}
		if len(manual) == 0 {
			return render.Legend{}, errors.New(lang.L("ketik batas atas kelas, mis. 5; 10; 15"))
		}
	}
	l, err := render.ClassLegend(w.ind, vals, w.method, w.classes, manual)
	if err == nil {
		l.Note = classNote(l)
	}
	return l, err
}

// classNote is render.ClassLegend's note on how the classes were made, in
// the interface's language.
func classNote(l render.Legend) string {
	return fmt.Sprintf(lang.L("%s, %d kelas. %s"), lang.L(l.Method.Label()), l.Breaks.Classes(), lang.L(classify.RuleText))
}

// formatValue is render.FormatValue with "no data" in the interface's
// language.
func formatValue(ind geo.Indicator, v float64) string {
	if math.IsNaN(v) {
		return lang.L("tidak ada data")
	}
	return render.FormatValue(ind, v)
}

// rollupFor returns the kecamatan roll-up of the indicator shown.
func (w *Window) rollupFor() []spatial.RollupRow {
	return spatial.Rollup(w.villages, w.kec, w.ind, codeMap(w.villages, w.raw), codeMap(w.villages, w.num), codeMap(w.villages, w.den), w.an.pocketFlags())
}

// Presentation returns the FGD presentation mode.
func (w *Window) Presentation() *presentation { return &w.pr }

// Legend returns what the map shows.
func (w *Window) Legend() render.Legend { return w.legend }

func swatch(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.StrokeColor = color.RGBA{0x66, 0x66, 0x66, 0xff}
	r.StrokeWidth = 1
	r.SetMinSize(fyne.NewSize(28, 16))
	return r
}

// countAreas says how many desa, or kecamatan at that level, "12 desa".
func (w *Window) countAreas(n int) string {
	if w.kecLevel() {
		return fmt.Sprintf(lang.N("%s kecamatan", n), idfmt.Number(float64(n), 0))
	}
	return fmt.Sprintf(lang.N("%s desa", n), idfmt.Number(float64(n), 0))
}

func (w *Window) showLegend() {
	l := w.legend
	title := l.Title()
	if w.smooth && w.ind.Derived() && !w.kecLevel() {
		title = fmt.Sprintf(lang.L("%s, dihaluskan EB"), title)
	}
	objs := []fyne.CanvasObject{bold(title)}
	count := w.countAreas
	for i := range l.Colors {
		objs = append(objs, container.NewHBox(swatch(l.Colors[i]), widget.NewLabel(l.ClassLabel(i)), layout.NewSpacer(), widget.NewLabel(count(l.Counts[i]))))
	}
	if l.NoData > 0 || len(l.Colors) == 0 {
		objs = append(objs, container.NewHBox(swatch(classify.NoData), widget.NewLabel(lang.L("Tidak ada data (diarsir)")), layout.NewSpacer(), widget.NewLabel(count(l.NoData))))
	}
	if marked := w.Map.Style().Marked; marked != nil {
		n := 0
		for _, m := range marked {
			if m {
				n++
			}
		}
		objs = append(objs, container.NewHBox(swatchOutline(), widget.NewLabel(lang.L("Kantong kemiskinan (garis tebal)")), layout.NewSpacer(), widget.NewLabel(count(n))))
	}
	note := widget.NewLabel(l.Note)
	note.Wrapping = fyne.TextWrapWord
	note.TextStyle.Italic = true
	objs = append(objs, note)
	if small := w.smallBases(); small > 0 && !w.kecLevel() {
		warn := widget.NewLabel(fmt.Sprintf(lang.N("Perhatian: rasio %d desa bertumpu pada kurang dari %s rumah tangga; tafsirkan dengan hati-hati atau aktifkan penghalusan.", small), small, idfmt.Number(w.minBase, 0)))
		warn.Wrapping = fyne.TextWrapWord
		warn.Importance = widget.WarningImportance
		objs = append(objs, warn)
	}
	if l.Indicator.Synthetic {
		warn := bold(lang.L("⚠ DATA CONTOH SINTETIS — bukan data resmi"))
		warn.Importance = widget.DangerImportance
		objs = append(objs, warn)
	}
	if l.Indicator.Source != "" {
		src := widget.NewLabel(fmt.Sprintf(lang.L("Sumber: %s"), l.Indicator.Source))
		src.Wrapping = fyne.TextWrapWord
		objs = append(objs, src)
	}
	w.LegendBox.Objects = objs
	w.relayout()
}

func swatchOutline() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.StrokeColor = render.DefaultStyle().MarkColor
	r.StrokeWidth = 2.5
	r.SetMinSize(fyne.NewSize(28, 16))
	return r
}

// smallBases counts the desa whose rate rests on fewer households than the
// minimum base.
func (w *Window) smallBases() int {
	if w.den == nil {
		return 0
	}
	n := 0
	for _, small := range classify.SmallBase(w.den, w.minBase) {
		if small {
			n++
		}
	}
	return n
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
	if i < 0 {
		w.HoverText.SetText(lang.L("Arahkan tetikus ke peta untuk melihat desa."))
		return
	}
	if w.kecLevel() {
		if i >= len(w.rollup) {
			return
		}
		r := w.rollup[i]
		w.HoverText.SetText(fmt.Sprintf(lang.N("Kecamatan %s (%d desa)\n%s: %s", r.Desa), r.Name, r.Desa, w.ind.Label, formatValue(w.ind, r.Value)))
		return
	}
	if i >= len(w.villages) {
		return
	}
	a := w.villages[i]
	text := fmt.Sprintf(lang.L("%s, Kec. %s\n%s: %s"), areaTitle(a), w.kecName(a), w.ind.Label, formatValue(w.ind, w.shown[i]))
	if c := w.an.clusterOf(i); c != "" {
		text += "\n" + fmt.Sprintf(lang.L("Klaster: %s"), c)
	}
	w.HoverText.SetText(text)
}

// areaTitle names a desa or kelurahan with its title, "Desa Glondonggede":
// the titles stay Indonesian in English too, as proper terms.
func areaTitle(a *geo.Area) string {
	if a.Level == geo.LevelKelurahan {
		return fmt.Sprintf(lang.L("Kelurahan %s"), a.Name)
	}
	return fmt.Sprintf(lang.L("Desa %s"), a.Name)
}

// SelectArea selects the area with code (a desa, or a kecamatan at that
// level) and shows its figures.
func (w *Window) SelectArea(code string) bool {
	list := w.villages
	if w.kecLevel() {
		list = w.kec
	}
	for i, a := range list {
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
	if w.kecLevel() {
		w.selectKecamatan(i)
		return
	}
	if i < 0 || i >= len(w.villages) {
		w.InfoBox.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("Klik sebuah desa untuk melihat semua indikatornya."))}
		w.relayout()
		return
	}
	a := w.villages[i]
	objs := []fyne.CanvasObject{
		bold(areaTitle(a)),
		widget.NewLabel(fmt.Sprintf(lang.L("Kec. %s · kode %s\nLuas %s km²"), w.kecName(a), a.Code, idfmt.Number(a.AreaKm2, 2))),
	}
	if c := w.an.clusterOf(i); c != "" {
		objs = append(objs, widget.NewLabel(fmt.Sprintf(lang.L("Klaster LISA: %s"), c)+w.an.pValueText(i)))
	}
	if w.den != nil && i < len(w.den) && !math.IsNaN(w.den[i]) && w.den[i] < w.minBase {
		warn := widget.NewLabel(fmt.Sprintf(lang.L("Perhatian: rasio desa ini bertumpu pada hanya %s rumah tangga."), idfmt.Number(w.den[i], 0)))
		warn.Wrapping = fyne.TextWrapWord
		warn.Importance = widget.WarningImportance
		objs = append(objs, warn)
	}
	if ivs, err := w.src.ListInterventions(a.Code, InterventionFilter{}); err == nil && len(ivs) > 0 {
		active := 0
		var progs []string
		for _, iv := range ivs {
			if iv.ActiveOn(time.Now()) {
				active++
			}
			progs = append(progs, iv.Programme)
		}
		l := widget.NewLabel(fmt.Sprintf(lang.L("Intervensi: %d (%d aktif hari ini): %s"), len(ivs), active, strings.Join(progs, ", ")))
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	vals, err := w.src.AreaValues(a.Code)
	if err != nil {
		objs = append(objs, widget.NewLabel(fmt.Sprintf(lang.L("Gagal membaca indikator: %s"), err.Error())))
	}
	order := map[string]int{}
	for j, ind := range w.inds {
		order[ind.Key] = j
	}
	sort.SliceStable(vals, func(x, y int) bool { return order[vals[x].Indicator.Key] < order[vals[y].Indicator.Key] })
	rows := container.NewVBox()
	synthetic := false
	for _, v := range vals {
		rows.Add(valueRow(v.Indicator.Label, formatValue(v.Indicator, v.Value)))
		synthetic = synthetic || v.Indicator.Synthetic
	}
	if len(vals) == 0 {
		objs = append(objs, widget.NewLabel(lang.L("Belum ada nilai indikator untuk wilayah ini.")))
	}
	objs = append(objs, rows)
	if synthetic {
		n := widget.NewLabel(lang.L("Nilai di atas adalah data contoh sintetis, bukan data resmi."))
		n.Wrapping = fyne.TextWrapWord
		n.TextStyle.Italic = true
		objs = append(objs, n)
	}
	w.InfoBox.Objects = objs
	w.relayout()
}

func valueRow(name, value string) fyne.CanvasObject {
	n := widget.NewLabel(name)
	n.Truncation = fyne.TextTruncateEllipsis
	v := widget.NewLabelWithStyle(value, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	return container.NewBorder(nil, nil, nil, v, n)
}

func (w *Window) selectKecamatan(i int) {
	if i < 0 || i >= len(w.rollup) {
		w.InfoBox.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("Klik sebuah kecamatan untuk melihat rekapnya."))}
		w.relayout()
		return
	}
	r := w.rollup[i]
	objs := []fyne.CanvasObject{
		bold(fmt.Sprintf(lang.L("Kecamatan %s"), r.Name)),
		widget.NewLabel(fmt.Sprintf(lang.N("kode %s · %d desa/kelurahan, %d dengan nilai", r.Desa), r.Code, r.Desa, r.WithValue)),
		valueRow(w.ind.Label, formatValue(w.ind, r.Value)),
	}
	if w.ind.Derived() {
		objs = append(objs,
			valueRow(fmt.Sprintf(lang.L("Pembilang (%s)"), w.ind.Numerator), idfmt.Number(r.Numerator, 0)),
			valueRow(fmt.Sprintf(lang.L("Penyebut (%s)"), w.ind.Denominator), idfmt.Number(r.Denominator, 0)))
	}
	if w.an.result != nil {
		objs = append(objs, valueRow(lang.L("Desa kantong kemiskinan"), idfmt.Number(float64(r.Pockets), 0)))
	}
	w.InfoBox.Objects = objs
	w.relayout()
}

func (w *Window) about() {
	text := widget.NewLabel(lang.L("pocketmap — peta kantong kemiskinan desa demi desa untuk Dinas Sosial.") + "\n\n" + assets.DataLicense)
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(560, 360))
	showCustom(lang.L("Tentang pocketmap"), lang.L("Tutup"), scroll, w.Win)
}
