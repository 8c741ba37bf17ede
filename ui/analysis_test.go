package ui

import (
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/classify"
)

func TestPocketAnalysisListsAndZooms(t *testing.T) {
	w, _ := newTestWindow(t)
	a := &w.an
	if a.result == nil {
		t.Fatal("no analysis after loading")
	}
	pockets := a.Pockets()
	if len(pockets) == 0 {
		t.Fatal("no pocket desa found in the clustered sample")
	}
	for i, p := range a.result.Pocket {
		if p != (a.result.Cluster[i].String() == "HH") {
			t.Fatalf("desa %d: pocket %v but cluster %v (threshold off)", i, p, a.result.Cluster[i])
		}
	}
	if !strings.Contains(a.MethodText.Text, "999 permutasi") || !strings.Contains(a.MethodText.Text, "queen") {
		t.Errorf("method not shown: %q", a.MethodText.Text)
	}
	if !strings.Contains(a.GlobalText.Text, "Moran global I") {
		t.Errorf("global Moran not shown: %q", a.GlobalText.Text)
	}
	z0 := w.Map.View().Zoom
	a.List.Select(0)
	if w.Map.View().Zoom <= z0 {
		t.Error("choosing a pocket did not zoom to it")
	}
	if info := labelsIn(w.InfoBox.Objects); !strings.Contains(info, "Tinggi-Tinggi") {
		t.Errorf("area panel does not name the cluster:\n%s", info)
	}
	if w.Map.Style().Selected < 0 || w.villages[w.Map.Style().Selected].Code != pockets[0] {
		t.Error("the chosen pocket is not selected on the map")
	}
}

func TestPocketThresholdAndBadSettings(t *testing.T) {
	w, _ := newTestWindow(t)
	a := &w.an
	before := len(a.Pockets())
	a.UseThreshold.SetChecked(true)
	a.Threshold.SetText("30")
	a.run()
	after := len(a.Pockets())
	if after <= before {
		t.Errorf("threshold 30 %% added no pockets: %d → %d", before, after)
	}
	for i, v := range w.shown {
		if v >= 30 && !a.result.Pocket[i] {
			t.Errorf("desa %s at %.1f ≥ 30 not a pocket", w.villages[i].Code, v)
		}
	}
	a.Perms.SetText("lima")
	if _, _, err := a.options(); err == nil || !strings.Contains(err.Error(), "permutasi") {
		t.Errorf("bad permutations accepted: %v", err)
	}
}

func TestClusterViewLegend(t *testing.T) {
	w, _ := newTestWindow(t)
	w.View.SetSelected(ViewClusters)
	l := w.Legend()
	if l.Names == nil || l.Names[0] != classify.LISALabels["HH"] {
		t.Fatalf("cluster legend names %v", l.Names)
	}
	total := l.NoData
	for _, c := range l.Counts {
		total += c
	}
	if total != len(w.villages) {
		t.Errorf("cluster counts add up to %d, want %d", total, len(w.villages))
	}
	hh := 0
	for _, p := range w.an.result.Pocket {
		if p {
			hh++
		}
	}
	if l.Counts[0] != hh {
		t.Errorf("HH count %d, pockets %d", l.Counts[0], hh)
	}
	if w.Map.Style().Fills[w.an.items[0]] != classify.LISAColors["HH"] {
		t.Error("a pocket is not drawn in the High-High colour")
	}
}

func TestKecamatanLevel(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Level.SetSelected(LevelKecamatan)
	l := w.Legend()
	total := l.NoData
	for _, c := range l.Counts {
		total += c
	}
	if total != 20 {
		t.Fatalf("kecamatan legend covers %d areas, want 20", total)
	}
	// The rate is recomputed from the summed counts.
	r := w.rollup[0]
	if want := r.Numerator / r.Denominator * 100; r.Value != want {
		t.Errorf("%s: rate %v, want %v from the sums", r.Name, r.Value, want)
	}
	pockets := 0
	for _, r := range w.rollup {
		pockets += r.Pockets
	}
	if pockets != len(w.an.Pockets()) {
		t.Errorf("pocket desa per kecamatan add up to %d, want %d", pockets, len(w.an.Pockets()))
	}
	if !w.SelectArea(r.Code) || !strings.Contains(labelsIn(w.InfoBox.Objects), "Kecamatan "+r.Name) {
		t.Error("selecting a kecamatan does not show its roll-up")
	}
	w.Level.SetSelected(LevelDesa)
	if got := len(w.Legend().Values); got != len(w.villages) {
		t.Errorf("back at desa level the legend has %d values", got)
	}
}

func TestClassificationSettings(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Method.SetSelected(classify.MethodJenks.Label())
	w.Classes.SetSelected("7")
	if l := w.Legend(); l.Method != classify.MethodJenks || len(l.Colors) != 7 {
		t.Errorf("legend method %v with %d classes", l.Method, len(l.Colors))
	}
	w.Method.SetSelected(classify.MethodManual.Label())
	w.Breaks.SetText("10; 20; 30")
	w.refresh()
	l := w.Legend()
	if len(l.Breaks.Uppers) < 3 || l.Breaks.Uppers[0] != 10 || l.Breaks.Uppers[1] != 20 {
		t.Errorf("manual breaks %v", l.Breaks.Uppers)
	}
	w.Breaks.SetText("10; dua puluh")
	w.refresh()
	if text := labelsIn(w.LegendBox.Objects); !strings.Contains(text, "dua puluh") {
		t.Errorf("bad manual break not reported:\n%s", text)
	}
}

func TestEmpiricalBayesSmoothing(t *testing.T) {
	w, _ := newTestWindow(t)
	raw := append([]float64(nil), w.shown...)
	w.Smooth.SetChecked(true)
	changed := 0
	for i := range raw {
		if w.shown[i] != raw[i] {
			changed++
		}
	}
	if changed == 0 {
		t.Fatal("smoothing changed no value")
	}
	if !strings.Contains(labelsIn(w.LegendBox.Objects), "dihaluskan EB") {
		t.Error("legend does not say the rates are smoothed")
	}
	if !strings.Contains(w.an.MethodText.Text, "Empirical Bayes") {
		t.Error("method text does not say the analysis used smoothed rates")
	}
	w.SelectIndicator("rt")
	if !w.Smooth.Disabled() {
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
	w, src := newTestWindow(t)
	w.SelectIndicator("rt") // households: higher is not poorer
	if w.an.pocketFlags() != nil || len(w.an.Pockets()) != 0 || w.Map.Style().Marked != nil {
		t.Fatal("High-High clusters of the household count were treated as poverty pockets")
	}
	if !strings.Contains(w.an.GlobalText.Text, "bukan kantong kemiskinan") {
		t.Errorf("no explanation: %q", w.an.GlobalText.Text)
	}
	// Marking the direction in the indicator dialog's terms turns pockets on.
	ind := w.ind
	ind.HigherIsPoorer = true
	if err := src.UpdateIndicator(ind); err != nil {
		t.Fatal(err)
	}
	if err := w.Reload(); err != nil {
		t.Fatal(err)
	}
	if !w.ind.HigherIsPoorer || w.an.pocketFlags() == nil {
		t.Error("after marking higher = poorer the pockets are still off")
	}
}
