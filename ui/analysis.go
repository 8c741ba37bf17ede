package ui

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

// analysis is the poverty-pocket tab: its settings, the last result and the
// list of pocket desa.
type analysis struct {
	w       *Window
	result  *spatial.PocketResult
	method  string
	weights map[spatial.ContiguityOptions]*spatial.Weights
	gen     int // generation of the running analysis; stale results are dropped
	items   []int

	Rule, Alpha       *widget.Select
	Tolerance, Perms  *widget.Entry
	Seed, Threshold   *widget.Entry
	FDR, UseThreshold *widget.Check
	RunButton         *widget.Button
	CancelButton      *widget.Button
	Bar               *widget.ProgressBarInfinite
	MethodText        *widget.Label
	GlobalText        *widget.Label
	List              *widget.List
}

func (a *analysis) init(w *Window) {
	a.w = w
	d := spatial.DefaultPocketOptions()
	a.Rule = widget.NewSelect([]string{"queen", "rook"}, nil)
	a.Rule.PlaceHolder = lang.L("(pilih)")
	a.Rule.SetSelected("queen")
	a.Tolerance = widget.NewEntry()
	a.Tolerance.SetText(strconv.FormatFloat(spatial.DefaultTolerance, 'f', -1, 64))
	a.Perms = widget.NewEntry()
	a.Perms.SetText(strconv.Itoa(d.Permutations))
	a.Seed = widget.NewEntry()
	a.Seed.SetText(strconv.FormatUint(d.Seed, 10))
	a.Alpha = widget.NewSelect([]string{"0,05", "0,01"}, nil)
	a.Alpha.SetSelected("0,05")
	a.FDR = widget.NewCheck(lang.L("Koreksi FDR (Benjamini–Hochberg)"), nil)
	a.UseThreshold = widget.NewCheck(lang.L("Juga desa dengan nilai ≥"), nil)
	a.Threshold = widget.NewEntry()
	a.Threshold.SetPlaceHolder(lang.L("ambang, mis. 25"))
	a.RunButton = widget.NewButton(lang.L("Jalankan analisis"), a.run)
	a.RunButton.Importance = widget.HighImportance
	a.Bar = widget.NewProgressBarInfinite()
	a.Bar.Stop()
	a.Bar.Hide()
	a.CancelButton = widget.NewButton(lang.L("Batal"), a.cancel)
	a.CancelButton.Hide()
	a.MethodText = widget.NewLabel("")
	a.MethodText.Wrapping = fyne.TextWrapWord
	a.GlobalText = widget.NewLabel("")
	a.GlobalText.Wrapping = fyne.TextWrapWord
	a.List = widget.NewList(func() int { return len(a.items) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, detail)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			name, detail := a.itemText(id)
			box.Objects[0].(*widget.Label).SetText(name)
			box.Objects[1].(*widget.Label).SetText(detail)
		})
	a.List.OnSelected = a.showPocket
}

func (a *analysis) content() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Tetangga"), a.Rule),
		widget.NewFormItem(lang.L("Toleransi celah (m)"), a.Tolerance),
		widget.NewFormItem(lang.L("Permutasi"), a.Perms),
		widget.NewFormItem(lang.L("Seed"), a.Seed),
		widget.NewFormItem(lang.L("Signifikansi α"), a.Alpha),
	)
	settings := widget.NewAccordion(widget.NewAccordionItem(lang.L("Pengaturan analisis"),
		container.NewVBox(form, a.FDR, container.NewBorder(nil, nil, a.UseThreshold, nil, a.Threshold))))
	top := container.NewVBox(settings,
		container.NewBorder(nil, nil, nil, a.CancelButton, a.RunButton), a.Bar,
		a.MethodText, a.GlobalText, bold(lang.L("Desa kantong kemiskinan (klik untuk memperbesar)")))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, a.List)
}

// options reads the settings, with messages for bad entries.
func (a *analysis) options() (spatial.ContiguityOptions, spatial.PocketOptions, error) {
	var c spatial.ContiguityOptions
	o := spatial.DefaultPocketOptions()
	r, err := spatial.ParseRule(a.Rule.Selected)
	if err != nil {
		return c, o, err
	}
	c.Rule = r
	if c.Tolerance, err = parseNumber(a.Tolerance.Text); err != nil || c.Tolerance < 0 || c.Tolerance > 1000 {
		return c, o, fmt.Errorf(lang.L("toleransi celah %q: isi angka meter antara 0 dan 1.000"), a.Tolerance.Text)
	}
	if o.Permutations, err = strconv.Atoi(strings.TrimSpace(a.Perms.Text)); err != nil || o.Permutations < 99 || o.Permutations > 99999 {
		return c, o, fmt.Errorf(lang.L("permutasi %q: isi bilangan bulat antara 99 dan 99.999"), a.Perms.Text)
	}
	if o.Seed, err = strconv.ParseUint(strings.TrimSpace(a.Seed.Text), 10, 64); err != nil {
		return c, o, fmt.Errorf(lang.L("seed %q: isi bilangan bulat tidak negatif"), a.Seed.Text)
	}
	o.Alpha = 0.05
	if a.Alpha.Selected == "0,01" {
		o.Alpha = 0.01
	}
	o.FDR = a.FDR.Checked
	if a.UseThreshold.Checked {
		if o.Threshold, err = parseNumber(a.Threshold.Text); err != nil {
			return c, o, fmt.Errorf(lang.L("ambang %q bukan angka"), a.Threshold.Text)
		}
		o.UseThreshold = true
	}
	return c, o, nil
}

// parseNumber reads a number typed the Indonesian way: a comma before the
// decimals and dots between thousands (1.250,5), as in every number the
// interface shows; a dot followed by other than three digits (12.5) is
// taken as a decimal point.
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.Contains(s, ","):
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	case strings.Count(s, ".") > 1:
		s = strings.ReplaceAll(s, ".", "")
	case strings.Count(s, ".") == 1 && len(s)-strings.IndexByte(s, '.') == 4:
		s = strings.Replace(s, ".", "", 1)
	}
	return strconv.ParseFloat(s, 64)
}

func (a *analysis) reset(w *Window) {
	a.weights = map[spatial.ContiguityOptions]*spatial.Weights{}
	a.invalidate(w)
}

// invalidate forgets the result after the data or indicator changed, and
// starts a new analysis.
func (a *analysis) invalidate(w *Window) {
	a.gen++
	a.result = nil
	a.items = nil
	a.List.UnselectAll()
	a.List.Refresh()
	a.GlobalText.SetText("")
	if w.ind.Key != "" && len(w.villages) > 0 {
		a.run()
	}
}

func (a *analysis) cancel() {
	a.gen++
	a.done()
	a.MethodText.SetText(lang.L("Analisis dibatalkan."))
}

func (a *analysis) done() {
	a.Bar.Stop()
	a.Bar.Hide()
	a.CancelButton.Hide()
	a.RunButton.Enable()
}

// run starts the analysis of the shown values off the interface goroutine.
func (a *analysis) run() {
	w := a.w
	if w.ind.Key == "" || len(w.villages) == 0 {
		return
	}
	copt, popt, err := a.options()
	if err != nil {
		w.showError(err)
		return
	}
	a.gen++
	gen := a.gen
	values := slices.Clone(w.shown)
	villages := w.villages
	cached := a.weights[copt]
	a.RunButton.Disable()
	a.CancelButton.Show()
	a.Bar.Show()
	a.Bar.Start()
	a.MethodText.SetText(lang.L("Menghitung tetangga dan Moran lokal…"))
	work := func() {
		wts := cached
		if wts == nil {
			wts = spatial.Contiguity(villages, copt)
		}
		res := spatial.FindPockets(values, wts, popt)
		method := describePockets(popt, fmt.Sprintf(lang.L("%s, toleransi %s m"), copt.Rule, idfmt.Auto(copt.Tolerance)))
		if w.smooth && w.ind.Derived() {
			method += " " + lang.L("Nilai yang dianalisis: rasio yang dihaluskan Empirical Bayes.")
		}
		apply := func() {
			if gen != a.gen {
				return // a newer analysis or a cancel came first
			}
			a.weights[copt] = wts
			a.result, a.method = res, method
			a.done()
			a.show(wts)
			w.refresh()
			w.iv.updateGaps()
		}
		if SyncFrames {
			apply()
		} else {
			fyne.Do(apply)
		}
	}
	if SyncFrames {
		work()
	} else {
		go work()
	}
}

// show fills the method text, the global statistic and the list.
func (a *analysis) show(wts *spatial.Weights) {
	r := a.result
	a.MethodText.SetText(a.method)
	g := fmt.Sprintf(lang.N("Moran global I = %s (p semu = %s) atas %d desa.", r.Valid), idfmt.Number(r.Global.I, 3), idfmt.Number(r.Global.PSim, 3), r.Valid)
	if isl := wts.Islands(); len(isl) > 0 {
		names := make([]string, 0, len(isl))
		for _, i := range isl {
			names = append(names, a.w.villages[i].Name)
		}
		g += "\n" + fmt.Sprintf(lang.N("Peringatan: %d desa tanpa tetangga (pulau), tidak ikut dianalisis: %s.", len(isl)), len(isl), strings.Join(names, ", "))
	}
	a.GlobalText.SetText(g)
	a.items = a.items[:0]
	for i, p := range a.pocketFlags() {
		if p {
			a.items = append(a.items, i)
		}
	}
	if !a.w.ind.HigherIsPoorer {
		g += "\n" + lang.L("Indikator ini tidak bertanda \"nilai tinggi = lebih miskin\", jadi klaster Tinggi-Tinggi-nya bukan kantong kemiskinan. Ubah tandanya lewat tombol pensil di samping nama indikator bila perlu.")
		a.GlobalText.SetText(g)
	}
	slices.SortStableFunc(a.items, func(x, y int) int {
		if c := cmpNaN(r.PValue[x], r.PValue[y]); c != 0 {
			return c
		}
		return cmpNaN(a.w.shown[y], a.w.shown[x])
	})
	a.List.UnselectAll()
	a.List.Refresh()
}

func cmpNaN(x, y float64) int {
	switch {
	case math.IsNaN(x) && math.IsNaN(y):
		return 0
	case math.IsNaN(x):
		return 1
	case math.IsNaN(y):
		return -1
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// Pockets returns the codes of the pocket desa in list order.
func (a *analysis) Pockets() []string {
	out := make([]string, len(a.items))
	for k, i := range a.items {
		out[k] = a.w.villages[i].Code
	}
	return out
}

func (a *analysis) itemText(id int) (string, string) {
	if id >= len(a.items) {
		return "", ""
	}
	w, i := a.w, a.items[id]
	v := w.villages[i]
	detail := formatValue(w.ind, w.shown[i]) + " · " + a.clusterOf(i) + a.pValueText(i)
	return fmt.Sprintf(lang.L("%s (Kec. %s)"), v.Name, w.kecName(v)), detail
}

func (a *analysis) showPocket(id widget.ListItemID) {
	if id >= len(a.items) {
		return
	}
	w := a.w
	if w.kecLevel() {
		w.Level.SetSelected(lang.L(LevelDesa))
	}
	i := a.items[id]
	w.Map.ZoomTo(i)
	w.Map.Select(i)
	w.selectArea(i)
}

// pocketFlags returns the pocket desa by index, or nil before an analysis.
func (a *analysis) pocketFlags() []bool {
	if a.result == nil || !a.w.ind.HigherIsPoorer {
		// High-High clusters of an indicator where higher is not poorer
		// (households, persons…) are not poverty pockets.
		return nil
	}
	return a.result.Pocket
}

// clusterOf names the LISA cluster of village i, or "" before an analysis.
func (a *analysis) clusterOf(i int) string {
	if a.result == nil || i >= len(a.result.Cluster) {
		return ""
	}
	return tr(classify.LISALabels[a.result.Cluster[i].String()])
}

func (a *analysis) pValueText(i int) string {
	if a.result == nil || i >= len(a.result.PValue) || math.IsNaN(a.result.PValue[i]) {
		return ""
	}
	return fmt.Sprintf(lang.L(" (p = %s)"), idfmt.Number(a.result.PValue[i], 3))
}

// clusterLegend is the LISA cluster map: GeoDa's colours, Indonesian (or
// English) names.
func (a *analysis) clusterLegend(w *Window) render.Legend {
	names := make([]string, len(classify.LISAOrder))
	colors := make([]color.RGBA, len(classify.LISAOrder))
	index := map[string]int{}
	for k, key := range classify.LISAOrder {
		names[k] = tr(classify.LISALabels[key])
		colors[k] = classify.LISAColors[key]
		index[key] = k
	}
	cats := make([]int, len(w.villages))
	for i := range cats {
		cats[i] = -1
		if a.result != nil && !math.IsNaN(w.shown[i]) {
			cats[i] = index[a.result.Cluster[i].String()]
		}
	}
	note := lang.L("Klaster Moran lokal (LISA).")
	if a.method != "" {
		note = a.method
	}
	return render.CategoryLegend(w.ind, w.shown, cats, names, colors, note)
}

// describePockets is spatial.PocketOptions.Describe in the interface's
// language: how the pockets were found, for the method text and the
// cluster legend. In Indonesian it says exactly what Describe says (a test
// holds them together).
func describePockets(o spatial.PocketOptions, weights string) string {
	num := func(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1) }
	s := fmt.Sprintf(lang.L("Kantong kemiskinan = desa dalam klaster Tinggi-Tinggi Moran lokal (LISA) yang signifikan pada α = %s"), num(o.Alpha))
	if o.FDR {
		s = fmt.Sprintf(lang.L("%s dengan koreksi FDR (Benjamini–Hochberg)"), s)
	}
	s = fmt.Sprintf(lang.L("%s; %d permutasi bersyarat, seed %d"), s, o.Permutations, o.Seed)
	if weights != "" {
		s = fmt.Sprintf(lang.L("%s; bobot %s, distandardisasi per baris"), s, weights)
	}
	if o.UseThreshold {
		s = fmt.Sprintf(lang.L("%s; ditambah setiap desa dengan nilai ≥ %s"), s, num(o.Threshold))
	}
	return s + "."
}
