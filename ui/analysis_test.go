package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

func TestPocketAnalysisListsAndZooms(t *testing.T) {
	w, _ := newTestWindow(t)
	a := &w.an
	if w.res == nil {
		t.Fatal("no analysis after loading")
	}
	pockets := a.Pockets()
	if len(pockets) == 0 {
		t.Fatal("no pocket desa found in the clustered sample")
	}
	for i, p := range w.res.Pockets.Pocket {
		if p != (w.res.Pockets.Cluster[i].String() == "HH") {
			t.Fatalf("desa %d: pocket %v but cluster %v (threshold off)", i, p, w.res.Pockets.Cluster[i])
		}
	}
	if !strings.Contains(a.methodText.Text, "999 permutasi") || !strings.Contains(a.methodText.Text, "queen") {
		t.Errorf("method not shown: %q", a.methodText.Text)
	}
	if !strings.Contains(a.globalText.Text, "Moran global I") {
		t.Errorf("global Moran not shown: %q", a.globalText.Text)
	}
	z0 := w.mapView.View().Zoom
	a.list.Select(0)
	if w.mapView.View().Zoom <= z0 {
		t.Error("choosing a pocket did not zoom to it")
	}
	if info := labelsIn(w.infoBox.Objects); !strings.Contains(info, "Tinggi-Tinggi") {
		t.Errorf("area panel does not name the cluster:\n%s", info)
	}
	if w.mapView.Style().Selected < 0 || w.villages()[w.mapView.Style().Selected].Code != pockets[0] {
		t.Error("the chosen pocket is not selected on the map")
	}
}

func TestPocketThresholdAndBadSettings(t *testing.T) {
	w, _ := newTestWindow(t)
	a := &w.an
	before := len(a.Pockets())
	a.useThreshold.SetChecked(true)
	a.threshold.SetText("30")
	a.run()
	after := len(a.Pockets())
	if after <= before {
		t.Errorf("threshold 30 %% added no pockets: %d → %d", before, after)
	}
	// The run is acknowledged, the list counted and sorted by need (the
	// share of desil-1 households: highest first).
	if !a.ranText.Visible() || !strings.HasPrefix(a.ranText.Text, "Analisis selesai pukul") ||
		!strings.HasPrefix(a.countText.Text, fmt.Sprintf("%d desa kantong kemiskinan", after)) {
		t.Errorf("after the run: %q / %q", a.ranText.Text, a.countText.Text)
	}
	for k := 1; k < len(a.items); k++ {
		if w.res.Values[a.items[k]] > w.res.Values[a.items[k-1]] {
			t.Fatalf("pocket list not sorted by need at %d", k)
		}
	}
	for i, v := range w.res.Values {
		if v >= 30 && !w.res.Pockets.Pocket[i] {
			t.Errorf("desa %s at %.1f ≥ 30 not a pocket", w.villages()[i].Code, v)
		}
	}
	a.perms.SetText("lima")
	s := w.model.Settings()
	if err := a.apply(&s); err == nil || !strings.Contains(err.Error(), "permutasi") {
		t.Errorf("bad permutations accepted: %v", err)
	}
}

func TestClusterViewLegend(t *testing.T) {
	w, _ := newTestWindow(t)
	w.view.SetSelected(ViewClusters)
	l := w.Legend()
	if l.Names == nil || l.Names[0] != classify.LISALabels["HH"]+classify.PocketSuffix {
		t.Fatalf("cluster legend names %v", l.Names)
	}
	total := l.NoData
	for _, c := range l.Counts {
		total += c
	}
	if total != len(w.villages()) {
		t.Errorf("cluster counts add up to %d, want %d", total, len(w.villages()))
	}
	hh := 0
	for _, p := range w.res.Pockets.Pocket {
		if p {
			hh++
		}
	}
	if l.Counts[0] != hh {
		t.Errorf("HH count %d, pockets %d", l.Counts[0], hh)
	}
	if w.mapView.Style().Fills[w.an.items[0]] != classify.LISAColors["HH"] {
		t.Error("a pocket is not drawn in the High-High colour")
	}
}

func TestKecamatanLevel(t *testing.T) {
	w, _ := newTestWindow(t)
	w.level.SetSelected(LevelKecamatan)
	l := w.Legend()
	total := l.NoData
	for _, c := range l.Counts {
		total += c
	}
	if total != 20 {
		t.Fatalf("kecamatan legend covers %d areas, want 20", total)
	}
	// The rate is recomputed from the summed counts.
	r := w.res.Rollup[0]
	if want := r.Numerator / r.Denominator * 100; r.Value != want {
		t.Errorf("%s: rate %v, want %v from the sums", r.Name, r.Value, want)
	}
	pockets := 0
	for _, r := range w.res.Rollup {
		pockets += r.Pockets
	}
	if pockets != len(w.an.Pockets()) {
		t.Errorf("pocket desa per kecamatan add up to %d, want %d", pockets, len(w.an.Pockets()))
	}
	if !w.SelectArea(r.Code) || !strings.Contains(labelsIn(w.infoBox.Objects), "Kecamatan "+r.Name) {
		t.Error("selecting a kecamatan does not show its roll-up")
	}
	w.level.SetSelected(LevelDesa)
	if got := len(w.Legend().Values); got != len(w.villages()) {
		t.Errorf("back at desa level the legend has %d values", got)
	}
}

func TestClassificationSettings(t *testing.T) {
	w, _ := newTestWindow(t)
	w.method.SetSelected(classify.MethodJenks.Label())
	w.classes.SetSelected("7")
	if l := w.Legend(); l.Method != classify.MethodJenks || len(l.Colors) != 7 {
		t.Errorf("legend method %v with %d classes", l.Method, len(l.Colors))
	}
	w.method.SetSelected(classify.MethodManual.Label())
	w.breaks.SetText("10; 20; 30")
	w.applyClassification()
	l := w.Legend()
	if len(l.Breaks.Uppers) < 3 || l.Breaks.Uppers[0] != 10 || l.Breaks.Uppers[1] != 20 {
		t.Errorf("manual breaks %v", l.Breaks.Uppers)
	}
	w.breaks.SetText("10; dua puluh")
	w.applyClassification()
	if text := labelsIn(w.legendBox.Objects); !strings.Contains(text, "dua puluh") {
		t.Errorf("bad manual break not reported:\n%s", text)
	}
}

func TestEmpiricalBayesSmoothing(t *testing.T) {
	w, _ := newTestWindow(t)
	raw := append([]float64(nil), w.res.Values...)
	w.smooth.SetChecked(true)
	changed := 0
	for i := range raw {
		if w.res.Values[i] != raw[i] {
			changed++
		}
	}
	if changed == 0 {
		t.Fatal("smoothing changed no value")
	}
	if !strings.Contains(labelsIn(w.legendBox.Objects), "dihaluskan EB") {
		t.Error("legend does not say the rates are smoothed")
	}
	if !strings.Contains(w.an.methodText.Text, "Empirical Bayes") {
		t.Error("method text does not say the analysis used smoothed rates")
	}
	w.SelectIndicator("rt")
	if !w.smooth.Disabled() {
		t.Error("smoothing offered for a count")
	}
}

func TestParseNumberIndonesian(t *testing.T) {
	for s, want := range map[string]float64{"12,5": 12.5, "1.250": 1250, "1.250.000": 1250000, "1.250,5": 1250.5, "12.5": 12.5, " 30 ": 30} {
		if got, err := parseNumber(s); err != nil || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if _, err := parseNumber("dua"); err == nil {
		t.Error("words accepted as a number")
	}
}

func TestPocketsOnlyForPovertyIndicators(t *testing.T) {
	w, svc := newTestWindow(t)
	w.SelectIndicator("rt") // households: higher is not poorer
	if w.an.pocketFlags() != nil || len(w.an.Pockets()) != 0 || w.mapView.Style().Marked != nil {
		t.Fatal("High-High clusters of the household count were treated as poverty pockets")
	}
	if !strings.Contains(w.an.globalText.Text, "bukan kantong kemiskinan") {
		t.Errorf("no explanation: %q", w.an.globalText.Text)
	}
	// Marking the direction, as the indicator dialog does, turns pockets on.
	dir := geo.HigherIsPoorer
	if _, err := svc.EditIndicator(context.Background(), "rt", app.IndicatorEdit{Poorer: &dir}); err != nil {
		t.Fatal(err)
	}
	w.Reload()
	if w.res.Indicator.Poorer != geo.HigherIsPoorer || w.an.pocketFlags() == nil {
		t.Error("after marking higher = poorer the pockets are still off")
	}
	for i, p := range w.an.pocketFlags() {
		if p && w.res.Pockets.Cluster[i] != spatial.ClusterHH {
			t.Fatalf("desa %d is a pocket in cluster %v", i, w.res.Pockets.Cluster[i])
		}
	}
	// Lower = poorer makes the Low–Low clusters the pockets.
	dir = geo.LowerIsPoorer
	if _, err := svc.EditIndicator(context.Background(), "rt", app.IndicatorEdit{Poorer: &dir}); err != nil {
		t.Fatal(err)
	}
	w.Reload()
	n := 0
	for i, p := range w.an.pocketFlags() {
		if p {
			n++
			if w.res.Pockets.Cluster[i] != spatial.ClusterLL {
				t.Fatalf("lower = poorer: desa %d is a pocket in cluster %v", i, w.res.Pockets.Cluster[i])
			}
		}
	}
	if n == 0 || !strings.Contains(w.an.methodText.Text, "Rendah-Rendah") {
		t.Errorf("lower = poorer: %d pockets, method %q", n, w.an.methodText.Text)
	}
}

// TestAnalysisFormLimits: an entry outside the limits is
// refused with the message of app.Settings.Validate (the CLI's), and the
// settings stay as they were.
func TestAnalysisFormLimits(t *testing.T) {
	w, _ := newTestWindow(t)
	before := w.model.Settings()
	w.an.perms.SetText("50")
	w.an.tolerance.SetText("2000")
	w.an.run()
	if got := w.model.Settings(); got.Pockets.Permutations != before.Pockets.Permutations || got.Weights.Tolerance != before.Weights.Tolerance {
		t.Errorf("settings outside the limits applied: %+v", got)
	}
	w.an.perms.SetText("lima")
	w.an.tolerance.SetText("25")
	w.an.run()
	if got := w.model.Settings(); got.Pockets.Permutations != before.Pockets.Permutations {
		t.Errorf("half-read settings applied: %d permutations", got.Pockets.Permutations)
	}
	w.an.perms.SetText("499")
	w.an.run()
	if got := w.model.Settings(); got.Pockets.Permutations != 499 || w.res.Settings.Pockets.Permutations != 499 {
		t.Errorf("valid settings not applied: %d", got.Pockets.Permutations)
	}
}
