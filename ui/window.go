package ui

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
)

// Map levels and views: the keys of the radio groups, which show them
// translated; level and view read the choice back as a key.
const (
	LevelDesa      = "Desa"
	LevelKecamatan = "Kecamatan"
	ViewValues     = "Nilai"
	ViewClusters   = "Klaster"
	ViewCoverage   = "Cakupan"
	ViewGap        = "Celah"
)

var (
	levelKeys = []string{LevelDesa, LevelKecamatan}
	viewKeys  = []string{ViewValues, ViewClusters, ViewCoverage, ViewGap}
	// levelOf and viewOf map the radio keys to the settings.
	levelOf = map[string]app.Level{LevelDesa: app.LevelDesa, LevelKecamatan: app.LevelKecamatan}
	viewOf  = map[string]app.View{ViewValues: app.ViewValues, ViewClusters: app.ViewClusters, ViewCoverage: app.ViewCoverage, ViewGap: app.ViewGap}
)

// Options are how the window runs.
type Options struct {
	// Describe names the database for the status line.
	Describe string
	// Role is the office role of the user on a server ("viewer",
	// "planner", "data", "admin"); "" on the local file, where everything
	// is allowed. What the role may not do is disabled and says why.
	Role string
	// Runner runs analyses and database reads off the interface goroutine
	// and applies their results on it; nil starts a goroutine and applies
	// through fyne.Do. A synchronous runner (app.RunNow) also draws the
	// map's frames on the calling goroutine.
	Runner app.Runner
	// Explain turns an error into the message shown, with what to do;
	// nil means app.Explain.
	Explain func(error) string
	// Maintenance backs the database up and restores it; nil hides the
	// menu items.
	Maintenance app.Maintenance
	// Connect tests an office server's address and remembers it for the
	// next start, returning what to tell the user; nil hides the entry.
	Connect func(url string) (string, error)
}

// Window is pocketmap's main window: views over an app.Model. The map,
// the indicator picker and classification, the legend and the area panel
// (tab Peta), the pocket analysis (Kantong), interventions (Intervensi)
// and household-data validation (Validasi) all draw from the model's
// Result and change it only through the model.
type Window struct {
	App   fyne.App
	Win   fyne.Window
	svc   *app.Service
	model *app.Model
	run   app.Runner
	opts  Options

	res    *app.Result          // the result shown
	inds   []geo.Indicator      // the indicators offered
	byCode map[string]*geo.Area // every area by code
	kecOf  map[string]string    // kecamatan name of each village by code, as the roll-up finds it

	desaScene, kecScene *render.Scene
	sceneOf             []*geo.Area // the villages the scenes were built for
	legend              render.Legend
	selected            int

	an  analysis
	iv  interventionTab
	va  validationTab
	cmp comparison
	pr  presentation

	mapView    *MapView
	picker     *widget.Select
	level      *widget.RadioGroup
	view       *widget.RadioGroup
	method     *widget.Select
	classes    *widget.Select
	breaks     *widget.Entry
	smooth     *widget.Check
	legendBox  *fyne.Container
	hoverText  *widget.Label
	infoBox    *fyne.Container
	sideScroll *container.Scroll // the Peta tab's panel
	tip        tooltip           // the hover read-out by the pointer
	statusText *widget.Label
	search     *widget.SelectEntry
	names      map[string]string // area code → name, with the kecamatan where two desa share it
	tabs       *container.AppTabs
	side       *fyne.Container
}

// defaultRunner runs work on a new goroutine and apply through fyne.Do.
func defaultRunner(work, apply func()) {
	go func() {
		work()
		fyne.Do(apply)
	}()
}

// NewWindow builds the main window over svc and starts the first
// analysis with the settings remembered from the last session.
func NewWindow(a fyne.App, svc *app.Service, opts Options) (*Window, error) {
	ensureLanguage()
	run := opts.Runner
	if run == nil {
		run = defaultRunner
	}
	prefs := a.Preferences()
	set := app.DefaultSettings()
	set.Indicator = prefs.String(prefIndicator)
	if l, ok := levelOf[prefs.String(prefLevel)]; ok {
		set.Level = l
	}
	if v, ok := viewOf[prefs.String(prefView)]; ok {
		set.View = v
	}
	w := &Window{App: a, svc: svc, run: run, opts: opts, selected: -1}
	w.model = app.NewModel(svc, set, run)
	w.Win = a.NewWindow(lang.L("pocketmap — Peta Kantong Kemiskinan"))
	w.mapView = NewMapView(nil, render.DefaultStyle())
	w.mapView.Sync = opts.Runner != nil
	w.mapView.OnHover = w.hovered
	w.mapView.OnSelect = w.selectArea
	w.picker = widget.NewSelect(nil, w.pickLabel)
	w.picker.PlaceHolder = lang.L("Pilih indikator")
	w.level = widget.NewRadioGroup(trAll(levelKeys...), nil)
	w.level.Horizontal, w.level.Required = true, true
	w.view = widget.NewRadioGroup(trAll(viewKeys...), nil)
	w.view.Horizontal, w.view.Required = true, true
	w.breaks = widget.NewEntry()
	w.breaks.SetPlaceHolder(lang.L("batas atas, mis. 5; 10; 15; 20"))
	w.breaks.OnSubmitted = func(string) { w.applyClassification() }
	w.breaks.Hide()
	var labels []string
	for m := classify.MethodQuantile; m <= classify.MethodManual; m++ {
		labels = append(labels, lang.L(m.Label()))
	}
	w.method = widget.NewSelect(labels, nil)
	w.method.PlaceHolder = lang.L("(pilih)")
	w.classes = widget.NewSelect([]string{"3", "4", "5", "6", "7", "8", "9"}, nil)
	w.smooth = widget.NewCheck(lang.L("Haluskan rasio (Empirical Bayes)"), nil)
	w.legendBox = container.NewVBox()
	w.hoverText = widget.NewLabel(lang.L("Arahkan tetikus ke peta untuk melihat desa."))
	w.hoverText.Wrapping = fyne.TextWrapWord
	w.infoBox = container.NewVBox(widget.NewLabel(lang.L("Klik sebuah desa untuk melihat semua indikatornya.")))
	w.tip.init()
	w.statusText = widget.NewLabel("")
	w.statusText.Truncation = fyne.TextTruncateEllipsis
	w.an.init(w)
	w.iv.init(w)
	w.va.init(w)
	w.cmp.init(w)
	w.pr.init(w)
	w.mapView.OnChoose = w.iv.choose
	w.search = w.newSearch()
	w.syncWidgets()
	// The widgets change the settings only from now on.
	w.level.OnChanged = func(string) { w.update(func(s *app.Settings) { s.Level = levelOf[w.levelKey()] }) }
	w.view.OnChanged = func(string) { w.update(func(s *app.Settings) { s.View = viewOf[w.viewKey()] }) }
	w.method.OnChanged = w.pickMethod
	w.classes.OnChanged = func(string) { w.applyClassification() }
	w.smooth.OnChanged = func(on bool) { w.update(func(s *app.Settings) { s.Smooth = on }) }

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
	w.model.Observe(w.changed)
	w.statusText.SetText(w.status(geo.Indicator{}))
	inds, err := svc.Indicators.Indicators(context.Background())
	if err != nil {
		return nil, fmt.Errorf(lang.L("membaca indikator: %w"), err)
	}
	w.setIndicators(inds)
	return w, nil
}

// Model returns the window's model.
func (w *Window) Model() *app.Model { return w.model }

// update changes the settings and analyses again; settings that do not
// validate are shown in the legend box and not applied.
func (w *Window) update(fn func(*app.Settings)) {
	w.releaseFocus()
	if err := w.model.Update(fn); err != nil {
		w.legendBox.Objects = []fyne.CanvasObject{wrapLabel(fmt.Sprintf(lang.L("Klasifikasi gagal: %s"), err.Error()))}
		w.relayout()
	}
}

// syncWidgets sets the settings widgets from the model without calling
// their callbacks.
func (w *Window) syncWidgets() {
	s := w.model.Settings()
	for k, l := range levelOf {
		if l == s.Level {
			w.level.Selected = tr(k)
		}
	}
	for k, v := range viewOf {
		if v == s.View {
			w.view.Selected = tr(k)
		}
	}
	w.method.Selected = lang.L(s.Method.Label())
	w.classes.Selected = strconv.Itoa(s.Classes)
	w.smooth.Checked = s.Smooth
	w.level.Refresh()
	w.view.Refresh()
	w.method.Refresh()
	w.classes.Refresh()
	w.smooth.Refresh()
}

// roleRank orders the office roles.
var roleRank = map[string]int{"viewer": 1, "planner": 2, "data": 3, "admin": 4}

// allowed reports whether the user's role may do what needs role need,
// and shows why not when it may not.
func (w *Window) allowed(need string) bool {
	if w.opts.Role == "" || roleRank[w.opts.Role] >= roleRank[need] {
		return true
	}
	dialog.ShowInformation(lang.L("Tidak diizinkan"), fmt.Sprintf(lang.L("Peran Anda di server kantor (%s) tidak mengizinkan ini; perlu peran %s. Minta admin kantor menambah peran Anda."),
		w.opts.Role, need), w.Win)
	return false
}

// RemoteChange redraws what another workstation changed on the office
// server: the interventions (and the analysis that counts them), or the
// indicators and boundaries after an import.
func (w *Window) RemoteChange(what string) {
	if what == "intervention" {
		w.iv.saved()
		return
	}
	w.Reload()
}

// FitScreen shrinks the window to a screen of widthPx × heightPx pixels
// when the size it was restored to (saved on a larger screen) does not
// fit, keeping room for a task bar.
func (w *Window) FitScreen(widthPx, heightPx int) {
	scale := w.Win.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	s := w.Win.Canvas().Size()
	if f := fitSize(s, fyne.NewSize(float32(widthPx)/scale, float32(heightPx)/scale)); f != s {
		w.Win.Resize(f)
	}
}

// fitSize is size within a screen, less 80 units of height for the task
// bar and title, and never below 800 × 560.
func fitSize(size, screen fyne.Size) fyne.Size {
	return fyne.NewSize(max(800, min(size.Width, screen.Width)), max(560, min(size.Height, screen.Height-80)))
}

// status is the status line: the database, where the shown indicator's
// figures come from (synthetic sample or a named source) and the
// boundaries' source.
func (w *Window) status(ind geo.Indicator) string {
	parts := []string{w.opts.Describe}
	switch {
	case ind.Synthetic:
		parts = append(parts, lang.L("Data: contoh sintetis (bukan data resmi)"))
	case ind.Source != "":
		parts = append(parts, fmt.Sprintf(lang.L("Data: %s"), ind.Source))
	}
	return strings.Join(append(parts, lang.L(assets.BoundaryShort)), " · ")
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (w *Window) layout() fyne.CanvasObject {
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { w.mapView.Zoom(1.5) })
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { w.mapView.Zoom(1 / 1.5) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), w.mapView.FitExtent)
	controls := container.NewVBox(zoomIn, zoomOut, fit)
	mapArea := container.NewStack(w.mapView, container.NewVBox(container.NewHBox(layout.NewSpacer(), controls)), w.tip.layer)

	toolbar := widget.NewToolbar(
		widget.NewToolbarAction(theme.FolderOpenIcon(), w.importBoundariesDialog),
		widget.NewToolbarAction(theme.UploadIcon(), w.importIndicatorsDialog),
		widget.NewToolbarAction(theme.DocumentSaveIcon(), w.exportDialog),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { w.mapView.Zoom(1.5) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { w.mapView.Zoom(1 / 1.5) }),
		widget.NewToolbarAction(theme.ZoomFitIcon(), w.mapView.FitExtent),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ViewFullScreenIcon(), func() { w.pr.Enter() }),
	)
	top := container.NewBorder(nil, nil, toolbar, container.NewGridWrap(fyne.NewSize(360, 36), w.search))
	classRow := container.NewBorder(nil, nil, nil, w.classes, w.method)
	w.side = container.NewVBox(
		bold(lang.L("Indikator")),
		container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), w.indicatorDialog), w.picker),
		container.NewHBox(widget.NewLabel(lang.L("Tingkat:")), w.level),
		container.NewHBox(widget.NewLabel(lang.L("Tampilan:")), w.view),
		classRow, w.breaks, w.smooth,
		w.cmp.content(),
		w.legendBox,
		widget.NewSeparator(),
		w.hoverText,
		widget.NewSeparator(),
		w.infoBox,
	)
	w.sideScroll = container.NewVScroll(container.NewPadded(w.side))
	w.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Peta"), w.sideScroll),
		container.NewTabItem(lang.L("Kantong"), w.an.content()),
		container.NewTabItem(lang.L("Intervensi"), w.iv.content()),
		container.NewTabItem(lang.L("Validasi"), w.va.content()),
	)
	split := container.NewHSplit(mapArea, w.tabs)
	split.Offset = 0.70
	return container.NewBorder(top, container.NewPadded(w.statusText), nil, nil, split)
}

func (w *Window) menu() *fyne.MainMenu {
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.L("Berkas"),
			fyne.NewMenuItem(lang.L("Impor batas wilayah (GeoJSON, GeoPackage, Shapefile)…"), w.importBoundariesDialog),
			fyne.NewMenuItem(lang.L("Impor indikator (CSV/XLSX)…"), w.importIndicatorsDialog),
			fyne.NewMenuItem(lang.L("Impor daftar rumah tangga (CSV/XLSX)…"), w.importHouseholdsDialog),
			fyne.NewMenuItem(lang.L("Buka berkas dari jalurnya… (Ctrl+L)"), func() { w.OpenPath() }),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Ekspor ringkasan, peta atau lapisan…"), w.exportDialog),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Cadangkan basis data…"), w.backupDialog),
			fyne.NewMenuItem(lang.L("Pulihkan dari cadangan…"), w.restoreDialog),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Sambungkan ke server kantor…"), w.connectDialog),
		),
		fyne.NewMenu(lang.L("Tampilan"),
			fyne.NewMenuItem(lang.L("Mode presentasi (F11)"), func() { w.pr.Enter() }),
			fyne.NewMenuItem(lang.L("Perbesar"), func() { w.mapView.Zoom(1.5) }),
			fyne.NewMenuItem(lang.L("Perkecil"), func() { w.mapView.Zoom(1 / 1.5) }),
			fyne.NewMenuItem(lang.L("Tampilkan seluruh wilayah"), w.mapView.FitExtent),
		),
		fyne.NewMenu(lang.L("Analisis"),
			fyne.NewMenuItem(lang.L("Cari kantong kemiskinan"), w.an.run),
		),
		fyne.NewMenu(lang.L("Bantuan"),
			fyne.NewMenuItem(lang.L("Tentang pocketmap"), w.about),
		),
	)
}

// background runs a database read off the interface goroutine (through
// the window's runner) and then apply with its result on it; an error is
// shown.
func background[T any](w *Window, read func(ctx context.Context) (T, error), apply func(T)) {
	var v T
	var err error
	w.run(func() { v, err = read(context.Background()) }, func() {
		if err != nil {
			w.showError(err)
			return
		}
		apply(v)
	})
}

// Reload reads the indicator list again, off the interface goroutine,
// and analyses the settings again: after an import or an edit. With a key
// it then shows that indicator.
func (w *Window) Reload(show ...string) {
	background(w, w.svc.Indicators.Indicators, func(inds []geo.Indicator) {
		if len(show) > 0 && show[0] != "" && slices.ContainsFunc(inds, func(d geo.Indicator) bool { return d.Key == show[0] }) {
			// A new indicator is first seen as its values, whatever view
			// the window was in.
			w.model.Update(func(s *app.Settings) { s.Indicator, s.Period, s.View = show[0], "", app.ViewValues })
			w.syncWidgets()
		}
		w.setIndicators(inds)
	})
}

// setIndicators offers the indicators and analyses again, keeping the
// indicator shown when it still exists.
func (w *Window) setIndicators(inds []geo.Indicator) {
	w.inds = inds
	labels := make([]string, len(inds))
	for i, ind := range inds {
		labels[i] = ind.Label
	}
	w.picker.Options = labels
	w.picker.Refresh()
	if len(inds) == 0 {
		w.picker.ClearSelected()
		w.legendBox.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("Belum ada indikator. Impor berkas CSV melalui menu Berkas."))}
		w.relayout()
		return
	}
	key := w.model.Settings().Indicator
	if !w.hasIndicator(key) {
		key = inds[0].Key
	}
	if key != w.model.Settings().Indicator {
		w.model.Update(func(s *app.Settings) { s.Indicator, s.Period = key, "" })
		w.iv.reload()
		return
	}
	w.model.DataChanged()
}

func (w *Window) hasIndicator(key string) bool {
	for _, ind := range w.inds {
		if ind.Key == key {
			return true
		}
	}
	return false
}

// changed draws the model's news.
func (w *Window) changed(e app.Event) {
	switch e {
	case app.Analysed:
		if r := w.model.Result(); r != nil {
			w.show(r)
		} else if err := w.model.Err(); err != nil && err != context.Canceled {
			w.legendBox.Objects = []fyne.CanvasObject{wrapLabel(fmt.Sprintf(lang.L("Analisis gagal: %s"), err.Error()))}
			w.relayout()
		}
	}
}

// show draws a result: the map, the legend, the pocket list, the gaps and
// the selected area's panel.
func (w *Window) show(r *app.Result) {
	first := w.res == nil
	if w.sceneOf == nil || len(r.Villages) != len(w.sceneOf) || (len(r.Villages) > 0 && r.Villages[0] != w.sceneOf[0]) {
		// Other areas: fit them, unless they are the same desa read again.
		same := len(r.Villages) == len(w.sceneOf) && len(r.Villages) > 0 &&
			r.Villages[0].Code == w.sceneOf[0].Code && r.Villages[len(r.Villages)-1].Code == w.sceneOf[len(w.sceneOf)-1].Code
		w.desaScene = render.NewScene(r.Villages, r.Kecamatan)
		w.kecScene = render.NewScene(r.Kecamatan, r.Kecamatan)
		w.sceneOf = r.Villages
		w.names = geo.QualifiedNames(r.Areas)
		w.byCode = make(map[string]*geo.Area, len(r.Areas))
		for _, a := range r.Areas {
			w.byCode[a.Code] = a
		}
		w.kecOf = make(map[string]string, len(r.Villages))
		for i, k := range r.KecamatanOf {
			if k >= 0 {
				w.kecOf[r.Villages[i].Code] = r.Kecamatan[k].Name
			}
		}
		w.selected = -1
		first = first || !same
	}
	prevKec := w.res != nil && w.res.KecamatanLevel()
	w.res = r
	ind := r.Indicator
	w.App.Preferences().SetString(prefIndicator, ind.Key)
	w.App.Preferences().SetString(prefLevel, w.levelKey())
	w.App.Preferences().SetString(prefView, w.viewKey())
	w.picker.Selected = ind.Label
	w.picker.Refresh()
	w.statusText.SetText(w.status(ind))
	if ind.Categorical() {
		// Categories are not classified: the legend lists them.
		w.method.Disable()
		w.classes.Disable()
	} else {
		w.method.Enable()
		w.classes.Enable()
	}
	if ind.Derived() {
		w.smooth.Enable()
	} else {
		w.smooth.Disable()
	}
	scene := w.desaScene
	if r.KecamatanLevel() {
		scene = w.kecScene
	}
	st := w.mapView.Style()
	st.Marked = r.Marked
	w.legend = r.Map
	if w.cmp.active() && !r.KecamatanLevel() && r.Settings.View == app.ViewValues {
		if l, err := w.cmp.legend(); err == nil {
			w.legend = l
		} else {
			w.showError(err)
		}
	}
	if w.legend.Names != nil {
		names := make([]string, len(w.legend.Names))
		for i, n := range w.legend.Names {
			names[i] = tr(n)
		}
		w.legend.Names = names
	}
	st.Fills = w.legend.Fills
	switch {
	case first:
		w.mapView.SetScene(scene, st)
		w.iv.choose(nil)
	case w.mapView.Scene() != scene || prevKec != r.KecamatanLevel():
		w.selected = -1
		w.mapView.SetSceneKeepView(scene)
		w.mapView.SetStyle(st)
		w.iv.choose(nil)
	default:
		w.mapView.SetStyle(st)
	}
	w.cmp.periods()
	w.showLegend()
	if w.selected >= 0 {
		w.selectArea(w.selected)
	}
	if w.pr.active {
		w.pr.show(w.pr.index)
	}
}

// levelKey returns the key of the level chosen (LevelDesa, LevelKecamatan).
func (w *Window) levelKey() string { return keyOf(w.level.Selected, levelKeys...) }

// viewKey returns the key of the view chosen (ViewValues, ViewClusters, …).
func (w *Window) viewKey() string { return keyOf(w.view.Selected, viewKeys...) }

// kecLevel reports whether the map shows kecamatan.
func (w *Window) kecLevel() bool { return w.res != nil && w.res.KecamatanLevel() }

// villages returns the desa of the result shown.
func (w *Window) villages() []*geo.Area {
	if w.res == nil {
		return nil
	}
	return w.res.Villages
}

// kecamatan returns the kecamatan of the result shown.
func (w *Window) kecamatan() []*geo.Area {
	if w.res == nil {
		return nil
	}
	return w.res.Kecamatan
}

func (w *Window) pickLabel(label string) {
	for _, ind := range w.inds {
		if ind.Label == label && ind.Key != w.model.Settings().Indicator {
			w.SelectIndicator(ind.Key)
			return
		}
	}
}

func (w *Window) pickMethod(label string) {
	manual := false
	for m := classify.MethodQuantile; m <= classify.MethodManual; m++ {
		if lang.L(m.Label()) == label {
			manual = m == classify.MethodManual
		}
	}
	if manual {
		w.breaks.Show()
	} else {
		w.breaks.Hide()
	}
	w.applyClassification()
}

// applyClassification reads the method, classes and breaks into the
// settings.
func (w *Window) applyClassification() {
	m := w.model.Settings().Method
	for x := classify.MethodQuantile; x <= classify.MethodManual; x++ {
		if lang.L(x.Label()) == w.method.Selected {
			m = x
		}
	}
	k, _ := strconv.Atoi(w.classes.Selected)
	var br []float64
	if m == classify.MethodManual {
		var err error
		if br, err = parseBreaks(w.breaks.Text); err != nil {
			w.legendBox.Objects = []fyne.CanvasObject{wrapLabel(fmt.Sprintf(lang.L("Klasifikasi gagal: %s"), err.Error()))}
			w.relayout()
			return
		}
		if len(br) == 0 {
			w.legendBox.Objects = []fyne.CanvasObject{wrapLabel(fmt.Sprintf(lang.L("Klasifikasi gagal: %s"), lang.L("ketik batas atas kelas, mis. 5; 10; 15")))}
			w.relayout()
			return
		}
	}
	w.update(func(s *app.Settings) { s.Method, s.Classes, s.Breaks = m, k, br })
}

// SelectIndicator shades the map by the indicator with key; it reports
// whether the key exists.
func (w *Window) SelectIndicator(key string) bool {
	if !w.hasIndicator(key) {
		return false
	}
	w.update(func(s *app.Settings) {
		s.Indicator = key
		s.Period = ""
		for _, ind := range w.inds {
			if ind.Key == key && !ind.Derived() {
				s.Smooth = false
			}
		}
	})
	w.smooth.Checked = w.model.Settings().Smooth
	w.smooth.Refresh()
	return true
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

// legendNote is the note under the legend, in the interface's language.
func (w *Window) legendNote() string {
	l, r := w.legend, w.res
	switch {
	case l.Names != nil && r.Settings.View == app.ViewClusters:
		return w.an.describe(r)
	case r.Indicator.Categorical() && !w.cmp.active() && r.Settings.View == app.ViewValues:
		note := ""
		if r.Indicator.Ordered {
			note = fmt.Sprintf(lang.L("Kategori berurutan: %s."), strings.Join(r.Indicator.Categories, " < "))
		} else {
			note = lang.L("Kategori tanpa urutan.")
		}
		if r.KecamatanLevel() {
			note = lang.L(app.RollupNote(r.Indicator)) + " " + note
		}
		return note + " " + lang.L("Analisis kantong memerlukan angka; pilih indeksnya untuk mencari kantong.")
	case l.Names != nil && w.cmp.active():
		return lang.L("Perubahan kategori antara dua periode: naik, tetap atau turun.")
	case l.Names != nil:
		return fmt.Sprintf(lang.L("Celah: desa kantong kemiskinan (%s) yang belum dijangkau intervensi yang sedang berjalan atau direncanakan untuk hari ini."), r.Indicator.Label)
	case r.KecamatanLevel():
		note := lang.L(app.RollupNote(r.Indicator)) + " " + classNote(l)
		if r.MapNote != "" {
			note += " " + lang.L(r.MapNote)
		}
		return note
	case w.cmp.active() && r.Settings.View == app.ViewValues:
		return l.Note
	case r.Settings.View == app.ViewCoverage:
		return classNote(l) + " " + r.CoverageNote
	}
	return classNote(l)
}

func (w *Window) showLegend() {
	l, r := w.legend, w.res
	title := l.Title()
	if r.Smoothed && !r.KecamatanLevel() {
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
	if o := r.Map.Outlined; o.Label != "" && w.mapView.Style().Marked != nil {
		// The entry the print map's legend has too.
		objs = append(objs, container.NewHBox(swatchOutline(), widget.NewLabel(lang.L(o.Label)), layout.NewSpacer(), widget.NewLabel(count(o.Count))))
	}
	note := wrapLabel(w.legendNote())
	note.TextStyle.Italic = true
	objs = append(objs, note)
	if small := w.smallBases(); small > 0 && !r.KecamatanLevel() {
		warn := wrapLabel(fmt.Sprintf(lang.N("Perhatian: rasio %d desa bertumpu pada kurang dari %s rumah tangga; tafsirkan dengan hati-hati atau aktifkan penghalusan.", small), small, idfmt.Number(r.Settings.MinBase, 0)))
		warn.Importance = widget.WarningImportance
		objs = append(objs, warn)
	}
	if l.Indicator.Synthetic {
		warn := bold(lang.L("⚠ DATA CONTOH SINTETIS — bukan data resmi"))
		warn.Importance = widget.DangerImportance
		objs = append(objs, warn)
	}
	if l.Indicator.Source != "" {
		objs = append(objs, wrapLabel(fmt.Sprintf(lang.L("Sumber: %s"), l.Indicator.Source)))
	}
	w.legendBox.Objects = objs
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
	n := 0
	for _, small := range w.res.SmallBase {
		if small {
			n++
		}
	}
	return n
}

// revealInfo scrolls the Peta panel so that the selected area's details
// are in view: a click on the map shows them without scrolling.
func (w *Window) revealInfo() {
	if w.sideScroll == nil || w.tabs == nil || w.tabs.SelectedIndex() != 0 {
		return
	}
	w.sideScroll.Refresh() // lays the panel out with the new details
	top := w.infoBox.Position().Y - theme.Padding()
	w.sideScroll.Offset = fyne.NewPos(0, max(0, top))
	w.sideScroll.Refresh() // clamps the offset to the content
}

// relayout lays the side panel out again after a part of it changed size.
func (w *Window) relayout() {
	if w.side != nil {
		w.side.Refresh()
	}
	if w.sideScroll != nil {
		// The panel's height changed: the scroll resizes its content, which
		// lays the panel out again (a refresh alone leaves the old
		// positions, texts drawn over each other).
		w.sideScroll.Refresh()
	}
}

// kecName names the kecamatan of a village: the one the roll-up puts it
// in (by its code, else by its label point), as the exports do.
func (w *Window) kecName(a *geo.Area) string {
	if n, ok := w.kecOf[a.Code]; ok {
		return n
	}
	if p := w.byCode[a.Parent]; p != nil {
		return p.Name
	}
	return a.Parent
}

func (w *Window) hovered(i int) {
	w.hoverAt(i)
	w.tip.show(w.hoverText.Text, i >= 0 && w.res != nil, w.mapView.Pointer())
}

// hoverAt sets the hover read-out of area i (-1 for none).
func (w *Window) hoverAt(i int) {
	r := w.res
	if i < 0 || r == nil {
		w.hoverText.SetText(lang.L("Arahkan tetikus ke peta untuk melihat desa."))
		return
	}
	if r.KecamatanLevel() {
		if i >= len(r.Rollup) {
			return
		}
		k := r.Rollup[i]
		w.hoverText.SetText(fmt.Sprintf(lang.N("Kecamatan %s (%d desa)\n%s: %s", k.Desa), k.Name, k.Desa, r.Indicator.Label, formatValue(r.Indicator, k.Value)))
		return
	}
	if i >= len(r.Villages) {
		return
	}
	a := r.Villages[i]
	text := fmt.Sprintf(lang.L("%s, Kec. %s\n%s: %s"), areaTitle(a), w.kecName(a), r.Indicator.Label, formatValue(r.Indicator, r.Values[i]))
	if c := w.an.clusterOf(i); c != "" {
		text += "\n" + fmt.Sprintf(lang.L("Klaster: %s"), c)
	}
	w.hoverText.SetText(text)
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
	if w.res == nil {
		return false
	}
	for i, a := range w.res.MapAreas() {
		if a.Code == code {
			w.mapView.Select(i)
			w.selectArea(i)
			// Selected is chosen, as a click does: the Intervensi tab
			// lists and adds for it.
			w.mapView.SetChosen([]int{i})
			w.iv.choose([]int{i})
			return true
		}
	}
	return false
}

func (w *Window) selectArea(i int) {
	w.selected = i
	r := w.res
	if r == nil {
		return
	}
	if r.KecamatanLevel() {
		w.selectKecamatan(i)
		return
	}
	if i < 0 || i >= len(r.Villages) {
		w.model.Select("")
		w.infoBox.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("Klik sebuah desa untuk melihat semua indikatornya."))}
		w.relayout()
		return
	}
	a := r.Villages[i]
	w.model.Select(a.Code)
	objs := []fyne.CanvasObject{
		bold(areaTitle(a)),
		widget.NewLabel(fmt.Sprintf(lang.L("Kec. %s · kode %s\nLuas %s km²"), w.kecName(a), a.Code, idfmt.Number(a.AreaKm2, 2))),
	}
	if c := w.an.clusterOf(i); c != "" {
		objs = append(objs, widget.NewLabel(fmt.Sprintf(lang.L("Klaster LISA: %s"), c)+w.an.pValueText(i)))
	}
	if r.SmallBase != nil && r.SmallBase[i] {
		warn := wrapLabel(fmt.Sprintf(lang.L("Perhatian: rasio desa ini bertumpu pada hanya %s rumah tangga."), idfmt.Number(r.Den[i], 0)))
		warn.Importance = widget.WarningImportance
		objs = append(objs, warn)
	}
	var ivs []aid.Intervention
	for _, iv := range r.Interventions {
		if slices.Contains(iv.Areas, a.Code) || slices.Contains(iv.Areas, a.Parent) {
			ivs = append(ivs, iv)
		}
	}
	if len(ivs) > 0 {
		active := 0
		var progs []string
		for _, iv := range ivs {
			if iv.ActiveOn(r.Day) {
				active++
			}
			progs = append(progs, iv.Programme)
		}
		objs = append(objs, wrapLabel(fmt.Sprintf(lang.L("Intervensi: %d (%d aktif hari ini): %s"), len(ivs), active, strings.Join(progs, ", "))))
	}
	rows := container.NewVBox()
	objs = append(objs, rows)
	w.infoBox.Objects = objs
	w.relayout()
	w.revealInfo()
	code := a.Code
	background(w, func(ctx context.Context) ([]geo.AreaValue, error) { return w.svc.AreaValues(ctx, code) }, func(vals []geo.AreaValue) {
		if w.res == nil || w.selected < 0 || w.selected >= len(w.res.Villages) || w.res.Villages[w.selected].Code != code {
			return // another area was chosen meanwhile
		}
		order := map[string]int{}
		for j, ind := range w.inds {
			order[ind.Key] = j
		}
		sort.SliceStable(vals, func(x, y int) bool { return order[vals[x].Indicator.Key] < order[vals[y].Indicator.Key] })
		synthetic := false
		for _, v := range vals {
			rows.Add(valueRow(v.Indicator.Label, formatValue(v.Indicator, v.Value)))
			synthetic = synthetic || v.Indicator.Synthetic
		}
		if len(vals) == 0 {
			rows.Add(widget.NewLabel(lang.L("Belum ada nilai indikator untuk wilayah ini.")))
		}
		if synthetic {
			n := wrapLabel(lang.L("Nilai di atas adalah data contoh sintetis, bukan data resmi."))
			n.TextStyle.Italic = true
			rows.Add(n)
		}
		w.relayout()
		w.revealInfo()
	})
}

func valueRow(name, value string) fyne.CanvasObject {
	n := widget.NewLabel(name)
	n.Truncation = fyne.TextTruncateEllipsis
	v := widget.NewLabelWithStyle(value, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	return container.NewBorder(nil, nil, nil, v, n)
}

func (w *Window) selectKecamatan(i int) {
	r := w.res
	if i < 0 || i >= len(r.Rollup) {
		w.model.Select("")
		w.infoBox.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("Klik sebuah kecamatan untuk melihat rekapnya."))}
		w.relayout()
		return
	}
	k := r.Rollup[i]
	w.model.Select(k.Code)
	ind := r.Indicator
	objs := []fyne.CanvasObject{
		bold(fmt.Sprintf(lang.L("Kecamatan %s"), k.Name)),
		widget.NewLabel(fmt.Sprintf(lang.N("kode %s · %d desa/kelurahan, %d dengan nilai", k.Desa), k.Code, k.Desa, k.WithValue)),
		valueRow(ind.Label, formatValue(ind, k.Value)),
	}
	if ind.Derived() {
		objs = append(objs,
			valueRow(fmt.Sprintf(lang.L("Pembilang (%s)"), ind.Numerator), idfmt.Number(k.Numerator, 0)),
			valueRow(fmt.Sprintf(lang.L("Penyebut (%s)"), ind.Denominator), idfmt.Number(k.Denominator, 0)))
	}
	if r.NoPockets == "" {
		objs = append(objs, valueRow(lang.L("Desa kantong kemiskinan"), idfmt.Number(float64(k.Pockets), 0)))
	}
	w.infoBox.Objects = objs
	w.relayout()
}

func (w *Window) about() {
	text := wrapLabel(lang.L("pocketmap — peta kantong kemiskinan desa demi desa untuk Dinas Sosial.") + "\n\n" + assets.DataLicense)
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(560, 360))
	showCustom(lang.L("Tentang pocketmap"), lang.L("Tutup"), scroll, w.Win)
}

// redraw draws the result shown again, after a choice that changes only
// the drawing (the periods compared).
func (w *Window) redraw() {
	if w.res != nil {
		w.show(w.res)
	}
}

// Waiting tells the user, in the status line, that a save waits for
// another process (an import in another window, a batch job) to finish
// writing. It may be called from any goroutine.
func (w *Window) Waiting() {
	fyne.Do(func() {
		w.statusText.SetText(lang.L("Menunggu proses lain selesai menulis basis data…") + " · " + w.opts.Describe)
	})
}

// ShowStartError shows, in a small window of its own, why pocketmap could
// not open its database (damaged, another application's, locked…) with
// what to do, and runs until it is closed: started from a desktop icon
// there is no console to read the message in.
func ShowStartError(a fyne.App, msg string) {
	ensureLanguage()
	w := a.NewWindow(lang.L("pocketmap — basis data tidak dapat dibuka"))
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	text.Selectable = true
	quit := widget.NewButton(lang.L("Tutup"), func() { w.Close() })
	w.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), quit), nil, nil, container.NewVScroll(text)))
	w.Resize(fyne.NewSize(640, 320))
	w.ShowAndRun()
}
