package classify

import (
	"encoding/csv"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"
)

// TestEBGlobalWorked follows the formula by hand on four areas.
func TestEBGlobalWorked(t *testing.T) {
	events := []float64{1, 30, 0, 12}
	pop := []float64{100, 200, 50, 150}
	// Raw rates 0.01, 0.15, 0, 0.08.
	// b = 43/500 = 0.086.
	// Σ p(r−b)² = 100·0.076² + 200·0.064² + 50·0.086² + 150·0.006²
	//           = 0.5776 + 0.8192 + 0.3698 + 0.0054 = 1.772
	// a = 1.772/500 − 0.086/(500/4) = 0.003544 − 0.000688 = 0.002856.
	const b, a = 0.086, 0.002856
	want := make([]float64, 4)
	for i := range want {
		r := events[i] / pop[i]
		w := a / (a + b/pop[i])
		want[i] = w*r + (1-w)*b
	}
	// The first by hand: w = 0.002856/(0.002856+0.00086) = 0.7685684,
	// s = 0.086 − 0.7685684·0.076 = 0.0275888.
	if !near(want[0], 0.0275888, 1e-6) {
		t.Fatalf("hand check: %v", want[0])
	}
	got := EBGlobal(events, pop)
	if !nearSlice(got, want, 1e-12) {
		t.Fatalf("got %v, want %v", got, want)
	}

	// Areas without a rate get NaN and leave the others as they were.
	got = EBGlobal([]float64{1, 30, 5, 0, math.NaN(), 12, 3}, []float64{100, 200, 0, 50, 80, 150, math.NaN()})
	for _, i := range []int{2, 4, 6} {
		if !math.IsNaN(got[i]) {
			t.Errorf("area %d: %v, want NaN", i, got[i])
		}
	}
	if kept := []float64{got[0], got[1], got[3], got[5]}; !nearSlice(kept, want, 1e-12) {
		t.Errorf("with gaps: %v, want %v", kept, want)
	}
}

// TestEBGlobalClamp: rates closer together than chance allows give a
// negative variance estimate, clamped to 0, so every rate becomes b.
func TestEBGlobalClamp(t *testing.T) {
	// b = 18/500 = 0.036; Σ p(r−b)²/Σp = 0.132/500 = 0.000264 < b/125 = 0.000288.
	got := EBGlobal([]float64{2, 10, 0, 6}, []float64{100, 200, 50, 150})
	for i, g := range got {
		if !near(g, 0.036, 1e-12) {
			t.Errorf("area %d: %v, want 0.036", i, g)
		}
	}
	// No events at all: b = 0 and a = 0; GeoDa takes w = 1, the raw rate 0.
	got = EBGlobal([]float64{0, 0}, []float64{10, 20})
	if !slices.Equal(got, []float64{0, 0}) {
		t.Errorf("no events: %v", got)
	}
	got = EBGlobal([]float64{1}, []float64{0})
	if len(got) != 1 || !math.IsNaN(got[0]) {
		t.Errorf("no base: %v", got)
	}
	if got := EBGlobal(nil, nil); len(got) != 0 {
		t.Errorf("empty: %v", got)
	}
}

// TestEBGlobalSIDS matches PySAL esda's test_smoothing.py: Empirical_Bayes
// of SID74 over BIR74 for the 100 North Carolina counties.
func TestEBGlobalSIDS(t *testing.T) {
	f, err := os.Open("testdata/sids2.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var births, deaths []float64
	for _, r := range recs[1:] {
		b, err1 := strconv.ParseFloat(r[1], 64)
		d, err2 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil {
			t.Fatal(r)
		}
		births = append(births, b)
		deaths = append(deaths, d)
	}
	if len(births) != 100 {
		t.Fatalf("%d counties, want 100", len(births))
	}
	got := EBGlobal(deaths, births)
	want := []float64{0.0016973, 0.0017054, 0.0017731, 0.0020129, 0.0035349}
	// PySAL's tolerances: rtol 1e-5, atol 1e-7.
	for i, w := range want {
		if math.Abs(got[i]-w) > 1e-7+1e-5*math.Abs(w) {
			t.Errorf("county %d (%s): %.7f, want %.7f", i, recs[i+1][0], got[i], w)
		}
	}
}

func TestSmallBase(t *testing.T) {
	got := SmallBase([]float64{10, 49.9, 50, 300, math.NaN(), 0}, DefaultMinBase)
	if want := []bool{true, true, false, false, true, true}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := SmallBase([]float64{10, 30}, 20); !slices.Equal(got, []bool{true, false}) {
		t.Errorf("threshold 20: %v", got)
	}
}
