package ui

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

// analysis is the poverty-pocket tab: its settings, the method and global
// statistic of the result shown, and the list of pocket desa.
type analysis struct {
	w     *Window
	res   *app.Result // the result listed
	items []int

	rule, alpha       *widget.Select
	tolerance, perms  *widget.Entry
	seed, threshold   *widget.Entry
	fdr, useThreshold *widget.Check
	runButton         *widget.Button
	ranText           *widget.Label // "Analisis selesai pukul 10.32", after Jalankan analisis
	countText         *widget.Label // the list's heading, with the count
	ranPending        bool          // Jalankan analisis was pressed: say when it is done
	cancelButton      *widget.Button
	bar               *widget.ProgressBarInfinite
	methodText        *widget.Label
	globalText        *widget.Label
	list              *widget.List
}

func (a *analysis) init(w *Window) {
	a.w = w
	s := w.model.Settings()
	a.rule = widget.NewSelect([]string{"queen", "rook"}, nil)
	a.rule.PlaceHolder = lang.L("(pilih)")
	a.rule.SetSelected(s.Weights.Rule.String())
	a.tolerance = widget.NewEntry()
	a.tolerance.SetText(strings.Replace(strconv.FormatFloat(s.Weights.Tolerance, 'f', -1, 64), ".", ",", 1))
	a.perms = widget.NewEntry()
	a.perms.SetText(strconv.Itoa(s.Pockets.Permutations))
	a.seed = widget.NewEntry()
	a.seed.SetText(strconv.FormatUint(s.Pockets.Seed, 10))
	a.alpha = widget.NewSelect([]string{"0,05", "0,01"}, nil)
	a.alpha.SetSelected("0,05")
	a.fdr = widget.NewCheck(lang.L("Koreksi FDR (Benjamini–Hochberg)"), nil)
	a.useThreshold = widget.NewCheck(lang.L("Juga desa dengan nilai di sisi miskin ambang"), nil)
	a.threshold = widget.NewEntry()
	a.threshold.SetPlaceHolder(lang.L("ambang, mis. 25"))
	a.runButton = widget.NewButton(lang.L("Jalankan analisis"), a.run)
	a.ranText = widget.NewLabel("")
	a.ranText.Importance = widget.SuccessImportance
	a.ranText.Hide()
	a.countText = bold(lang.L("Desa kantong kemiskinan"))
	a.runButton.Importance = widget.HighImportance
	a.bar = widget.NewProgressBarInfinite()
	a.bar.Stop()
	a.bar.Hide()
	a.cancelButton = widget.NewButton(lang.L("Batal"), a.cancel)
	a.cancelButton.Hide()
	a.methodText = wrapLabel("")
	a.globalText = wrapLabel("")
	a.list = widget.NewList(func() int { return len(a.items) },
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
	a.list.OnSelected = a.showPocket
	w.model.Observe(func(e app.Event) {
		switch e {
		case app.Started:
			a.started()
		case app.Analysed:
			a.done()
			if r := w.model.Result(); r != nil {
				a.show(r)
			}
		}
	})
}

func (a *analysis) content() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Tetangga"), a.rule),
		widget.NewFormItem(lang.L("Toleransi celah (m)"), a.tolerance),
		widget.NewFormItem(lang.L("Permutasi"), a.perms),
		widget.NewFormItem(lang.L("Seed"), a.seed),
		widget.NewFormItem(lang.L("Signifikansi α"), a.alpha),
	)
	settings := widget.NewAccordion(widget.NewAccordionItem(lang.L("Pengaturan analisis"),
		container.NewVBox(form, a.fdr, container.NewBorder(nil, nil, a.useThreshold, nil, a.threshold))))
	top := container.NewVBox(settings,
		container.NewBorder(nil, nil, nil, a.cancelButton, a.runButton), a.bar,
		a.ranText, a.methodText, a.globalText, a.countText)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, a.list)
}

// apply reads the settings form into s, with messages for entries that
// are not numbers; the limits are checked by the model (Settings.Validate).
func (a *analysis) apply(s *app.Settings) error {
	r, err := spatial.ParseRule(a.rule.Selected)
	if err != nil {
		return err
	}
	s.Weights.Rule = r
	if s.Weights.Tolerance, err = parseNumber(a.tolerance.Text); err != nil {
		return fmt.Errorf(lang.L("toleransi celah %q: isi angka meter antara 0 dan 1.000"), a.tolerance.Text)
	}
	o := &s.Pockets
	if o.Permutations, err = strconv.Atoi(strings.TrimSpace(a.perms.Text)); err != nil {
		return fmt.Errorf(lang.L("permutasi %q: isi bilangan bulat antara 99 dan 99.999"), a.perms.Text)
	}
	if o.Seed, err = strconv.ParseUint(strings.TrimSpace(a.seed.Text), 10, 64); err != nil {
		return fmt.Errorf(lang.L("seed %q: isi bilangan bulat tidak negatif"), a.seed.Text)
	}
	o.Alpha = 0.05
	if a.alpha.Selected == "0,01" {
		o.Alpha = 0.01
	}
	o.FDR = a.fdr.Checked
	o.UseThreshold = a.useThreshold.Checked
	if o.UseThreshold {
		if o.Threshold, err = parseNumber(a.threshold.Text); err != nil {
			return fmt.Errorf(lang.L("ambang %q bukan angka"), a.threshold.Text)
		}
	}
	return nil
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

// run applies the settings form: the model analyses them off the
// interface goroutine.
func (a *analysis) run() {
	w := a.w
	s := w.model.Settings()
	if err := a.apply(&s); err != nil {
		w.showError(err)
		return
	}
	// The limits are app.Settings.Validate's, the same as the CLI's.
	a.ranPending = true
	if err := w.model.Update(func(x *app.Settings) { *x = s }); err != nil {
		a.ranPending = false
		w.showError(err)
	}
}

func (a *analysis) cancel() {
	a.w.model.Cancel()
	a.methodText.SetText(lang.L("Analisis dibatalkan."))
}

// started shows that an analysis runs.
func (a *analysis) started() {
	a.runButton.Disable()
	a.cancelButton.Show()
	a.bar.Show()
	a.bar.Start()
}

// done hides the progress of an analysis.
func (a *analysis) done() {
	a.bar.Stop()
	a.bar.Hide()
	a.cancelButton.Hide()
	a.runButton.Enable()
}

// describe says how the pockets of r were found, in the interface's
// language.
func (a *analysis) describe(r *app.Result) string {
	o := r.Settings.Pockets
	o.Poorer = r.Indicator.Poorer
	m := describePockets(o, fmt.Sprintf(lang.L("%s, toleransi %s m"), r.Settings.Weights.Rule, idfmt.Auto(r.Settings.Weights.Tolerance)))
	if r.Smoothed {
		m += " " + lang.L("Nilai yang dianalisis: rasio yang dihaluskan Empirical Bayes.")
	}
	return m
}

// show fills the method text, the global statistic and the list from a
// result.
func (a *analysis) show(r *app.Result) {
	a.res = r
	a.methodText.SetText(a.describe(r))
	g := fmt.Sprintf(lang.N("Moran global I = %s (p semu = %s) atas %d desa.", r.Pockets.Valid), idfmt.Number(r.Pockets.Global.I, 3), idfmt.Number(r.Pockets.Global.PSim, 3), r.Pockets.Valid)
	if isl := r.Islands; len(isl) > 0 {
		names := make([]string, 0, len(isl))
		for _, i := range isl {
			names = append(names, a.w.names[r.Villages[i].Code])
		}
		g += "\n" + fmt.Sprintf(lang.N("Peringatan: %d desa tanpa tetangga (pulau), tidak ikut dianalisis: %s.", len(isl)), len(isl), strings.Join(names, ", "))
	}
	if r.NoPockets != "" {
		g += "\n" + lang.L("Indikator ini tidak menunjukkan arah kemiskinan, jadi klasternya bukan kantong kemiskinan. Tetapkan arahnya (nilai tinggi atau rendah = lebih miskin) lewat tombol pensil di samping nama indikator bila perlu.")
	}
	a.globalText.SetText(g)
	a.items = a.items[:0]
	for i, p := range a.pocketFlags() {
		if p {
			a.items = append(a.items, i)
		}
	}
	// By need: the poorest value first, then the strongest evidence.
	dir := r.Indicator.Poorer
	slices.SortStableFunc(a.items, func(x, y int) int {
		c := cmpNaN(r.Values[y], r.Values[x])
		if dir == geo.LowerIsPoorer {
			c = cmpNaN(r.Values[x], r.Values[y])
		}
		if c != 0 {
			return c
		}
		return cmpNaN(r.Pockets.PValue[x], r.Pockets.PValue[y])
	})
	a.countText.SetText(fmt.Sprintf(lang.N("%d desa kantong kemiskinan, yang paling miskin dulu (klik untuk melihat di peta)", len(a.items)), len(a.items)))
	if a.ranPending {
		a.ranPending = false
		a.ranText.SetText(fmt.Sprintf(lang.L("Analisis selesai pukul %s."), time.Now().Format("15.04")))
		a.ranText.Show()
	}
	a.list.UnselectAll()
	a.list.Refresh()
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
		out[k] = a.res.Villages[i].Code
	}
	return out
}

func (a *analysis) itemText(id int) (string, string) {
	if id >= len(a.items) {
		return "", ""
	}
	w, i := a.w, a.items[id]
	v := a.res.Villages[i]
	detail := formatValue(a.res.Indicator, a.res.Values[i]) + " · " + a.clusterOf(i) + a.pValueText(i)
	return fmt.Sprintf(lang.L("%s (Kec. %s)"), v.Name, w.kecName(v)), detail
}

func (a *analysis) showPocket(id widget.ListItemID) {
	if id >= len(a.items) {
		return
	}
	w := a.w
	if w.kecLevel() {
		w.level.SetSelected(lang.L(LevelDesa))
	}
	i := a.items[id]
	// Zoom to the desa within its kecamatan: close enough to see it, not
	// so close that the kecamatan around it is lost.
	r := a.res
	if k := r.KecamatanOf[i]; k >= 0 && k < len(r.Kecamatan) {
		w.mapView.ZoomToBound(r.Kecamatan[k].Bound, 0.1)
	} else {
		w.mapView.ZoomTo(i)
	}
	w.mapView.Select(i)
	w.selectArea(i)
}

// pocketFlags returns the pocket desa by index, or nil when the indicator
// has none (it does not point towards poverty) or nothing is analysed.
func (a *analysis) pocketFlags() []bool {
	r := a.res
	if r == nil || r.NoPockets != "" {
		return nil
	}
	return r.Pockets.Pocket
}

// clusterOf names the LISA cluster of village i, or "" before an analysis.
func (a *analysis) clusterOf(i int) string {
	r := a.res
	if r == nil || i >= len(r.Pockets.Cluster) {
		return ""
	}
	return tr(classify.LISALabels[r.Pockets.Cluster[i].String()])
}

func (a *analysis) pValueText(i int) string {
	r := a.res
	if r == nil || i >= len(r.Pockets.PValue) || math.IsNaN(r.Pockets.PValue[i]) {
		return ""
	}
	return fmt.Sprintf(lang.L(" (p = %s)"), idfmt.Number(r.Pockets.PValue[i], 3))
}

// describePockets is spatial.PocketOptions.Describe in the interface's
// language: how the pockets were found, for the method text and the
// cluster legend. In Indonesian it says exactly what Describe says (a test
// holds them together).
func describePockets(o spatial.PocketOptions, weights string) string {
	num := func(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1) }
	var s string
	switch o.Poorer {
	case geo.HigherIsPoorer:
		s = fmt.Sprintf(lang.L("Kantong kemiskinan = desa dalam klaster Tinggi-Tinggi Moran lokal (LISA) yang signifikan pada α = %s (arah: %s)"), num(o.Alpha), lang.L(o.Poorer.Label()))
	case geo.LowerIsPoorer:
		s = fmt.Sprintf(lang.L("Kantong kemiskinan = desa dalam klaster Rendah-Rendah Moran lokal (LISA) yang signifikan pada α = %s (arah: %s)"), num(o.Alpha), lang.L(o.Poorer.Label()))
	default:
		s = fmt.Sprintf(lang.L("Klaster Moran lokal (LISA) yang signifikan pada α = %s; tanpa kantong kemiskinan karena indikator ini tidak menunjukkan arah kemiskinan"), num(o.Alpha))
	}
	if o.FDR {
		s = fmt.Sprintf(lang.L("%s dengan koreksi FDR (Benjamini–Hochberg)"), s)
	}
	s = fmt.Sprintf(lang.L("%s; %d permutasi bersyarat, seed %d"), s, o.Permutations, o.Seed)
	if weights != "" {
		s = fmt.Sprintf(lang.L("%s; bobot %s, distandardisasi per baris"), s, weights)
	}
	if o.UseThreshold && o.Poorer != geo.Neither {
		op := "≥"
		if o.Poorer == geo.LowerIsPoorer {
			op = "≤"
		}
		s = fmt.Sprintf(lang.L("%s; ditambah setiap desa dengan nilai %s %s"), s, op, num(o.Threshold))
	}
	return s + "."
}
