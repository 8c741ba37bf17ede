package sample

import (
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/geo"
)

const tubanFile = "/work/shared/data/tuban-desa.geojson"

func tubanAreas(t *testing.T) []*geo.Area {
	t.Helper()
	if _, err := os.Stat(tubanFile); err != nil {
		t.Skip("data Tuban tidak tersedia:", err)
	}
	l, err := geo.ReadGeoJSONFile(tubanFile, geo.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return l.Areas
}

// byArea indexes values by area code and indicator key.
func byArea(vals []geo.Value) map[string]map[string]float64 {
	m := map[string]map[string]float64{}
	for _, v := range vals {
		if m[v.Code] == nil {
			m[v.Code] = map[string]float64{}
		}
		m[v.Code][v.Indicator] = v.Value
	}
	return m
}

func TestIndicatorDefinitions(t *testing.T) {
	inds, _ := Indicators(nil, 1)
	if inds[0].Key != DefaultIndicator {
		t.Fatalf("first indicator %q, want %q", inds[0].Key, DefaultIndicator)
	}
	keys := map[string]geo.Indicator{}
	for _, ind := range inds {
		if !ind.Synthetic || ind.Source != Source || ind.Period != "2025" || ind.Label == "" || ind.Unit == "" {
			t.Errorf("bad metadata: %+v", ind)
		}
		keys[ind.Key] = ind
	}
	for _, ind := range inds {
		if !ind.Derived() {
			continue
		}
		n, okN := keys[ind.Numerator]
		d, okD := keys[ind.Denominator]
		if !okN || !okD || n.Derived() || d.Derived() || ind.Scale == 0 {
			t.Errorf("%s: bad ratio %s/%s×%g", ind.Key, ind.Numerator, ind.Denominator, ind.Scale)
		}
	}
	for _, k := range []string{"rt", "penduduk", "rt_desil1", "rt_desil2", "rt_desil3", "rt_desil4", "rt_desil1_4",
		"disabilitas", "rt_miskin_ekstrem", "pct_desil1", "pct_desil1_4", "pct_miskin_ekstrem", "disabilitas_per_1000"} {
		ind, ok := keys[k]
		if !ok {
			t.Errorf("missing indicator %s", k)
		}
		if want := k != "rt" && k != "penduduk"; (ind.Poorer == geo.HigherIsPoorer) != want {
			t.Errorf("%s: poorer %v", k, ind.Poorer)
		}
	}
}

func TestDeterminism(t *testing.T) {
	areas := tubanAreas(t)
	_, a := Indicators(areas, 42)
	rev := slices.Clone(areas)
	slices.Reverse(rev)
	_, b := Indicators(rev, 42)
	if !slices.Equal(a, b) {
		t.Fatal("same seed gave different values")
	}
	_, c := Indicators(areas, 43)
	if slices.Equal(a, c) {
		t.Fatal("different seed gave identical values")
	}
	if !sort.SliceIsSorted(a, func(i, j int) bool { return a[i].Code < a[j].Code }) {
		t.Error("values not sorted by code")
	}
}

func TestPlausibleTuban(t *testing.T) {
	areas := tubanAreas(t)
	for _, seed := range []uint64{1, 2, 2025} {
		_, vals := Indicators(areas, seed)
		m := byArea(vals)
		if len(m) != 328 {
			t.Fatalf("values for %d areas, want 328", len(m))
		}
		sum := map[string]float64{}
		for code, v := range m {
			for k, x := range v {
				if x < 0 || x != math.Trunc(x) {
					t.Fatalf("%s %s = %v: not a non-negative integer", code, k, x)
				}
				sum[k] += x
			}
			if v["rt"] < 300 {
				t.Errorf("%s: %v households", code, v["rt"])
			}
			if s := v["rt_desil1"] + v["rt_desil2"] + v["rt_desil3"] + v["rt_desil4"]; s != v["rt_desil1_4"] || s > v["rt"] {
				t.Errorf("%s: desil sum %v, rt_desil1_4 %v, rt %v", code, s, v["rt_desil1_4"], v["rt"])
			}
			if v["rt_miskin_ekstrem"] > v["rt_desil1"] || v["disabilitas"] > v["penduduk"] {
				t.Errorf("%s: subset counts too large: %v", code, v)
			}
		}
		pop, rt := sum["penduduk"], sum["rt"]
		share := func(k string) float64 { return sum[k] / rt }
		t.Logf("seed %d: penduduk %.0f, jiwa/RT %.2f, desil1 %.3f, d2 %.3f, d3 %.3f, d4 %.3f, d1-4 %.3f, ekstrem %.3f, disabilitas %.4f",
			seed, pop, pop/rt, share("rt_desil1"), share("rt_desil2"), share("rt_desil3"), share("rt_desil4"),
			share("rt_desil1_4"), share("rt_miskin_ekstrem"), sum["disabilitas"]/pop)
		check := func(name string, x, lo, hi float64) {
			if x < lo || x > hi {
				t.Errorf("seed %d: %s = %.4f, want %g..%g", seed, name, x, lo, hi)
			}
		}
		check("penduduk", pop, 1.15e6, 1.30e6)
		check("jiwa per RT", pop/rt, 3.2, 3.5)
		check("desil 1", share("rt_desil1"), 0.12, 0.16)
		check("desil 1-4", share("rt_desil1_4"), 0.35, 0.45)
		for _, k := range []string{"rt_desil2", "rt_desil3", "rt_desil4"} {
			check(k, share(k), 0.03, 0.12)
		}
		check("miskin ekstrem", share("rt_miskin_ekstrem"), 0.01, 0.04)
		check("disabilitas", sum["disabilitas"]/pop, 0.01, 0.02)
	}
}

func TestSpatialStructure(t *testing.T) {
	areas := tubanAreas(t)
	_, vals := Indicators(areas, 7)
	m := byArea(vals)
	var pts []*geo.Area
	var x []float64
	for _, a := range areas {
		if v, ok := m[a.Code]; ok {
			pts = append(pts, a)
			x = append(x, 100*v["rt_desil1"]/v["rt"])
		}
	}
	if mi := moranKNN(pts, x, 6); mi <= 0.3 {
		t.Errorf("Moran's I = %.3f, want > 0.3", mi)
	} else {
		t.Logf("Moran's I (k=6) = %.3f", mi)
	}

	poor := []string{"35.23.01", "35.23.03", "35.23.05", "35.23.09", "35.23.10", "35.23.20"}
	var sp, np, st, nt float64
	for i, a := range pts {
		switch {
		case slices.Contains(poor, a.Parent):
			sp, np = sp+x[i], np+1
		case strings.HasPrefix(a.Code, "35.23.16."):
			st, nt = st+x[i], nt+1
		}
	}
	if np == 0 || nt == 0 {
		t.Fatal("kecamatan not found")
	}
	t.Logf("mean desil-1 %%: south/west %.1f, Tuban %.1f", sp/np, st/nt)
	if sp/np-st/nt < 5 {
		t.Errorf("south/west %.1f%% vs Tuban %.1f%%: gap below 5 points", sp/np, st/nt)
	}
}

// moranKNN is Moran's I of x with row-standardised k-nearest-neighbour
// weights on the label points (planar lon/lat distance, fine at this scale).
func moranKNN(areas []*geo.Area, x []float64, k int) float64 {
	n := len(x)
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(n)
	var num, den float64
	idx := make([]int, 0, n)
	for i := range n {
		idx = idx[:0]
		for j := range n {
			if j != i {
				idx = append(idx, j)
			}
		}
		d := func(j int) float64 {
			dx, dy := areas[i].Label[0]-areas[j].Label[0], areas[i].Label[1]-areas[j].Label[1]
			return dx*dx + dy*dy
		}
		sort.Slice(idx, func(a, b int) bool { return d(idx[a]) < d(idx[b]) })
		for _, j := range idx[:k] {
			num += (x[i] - mean) * (x[j] - mean) / float64(k)
		}
		den += (x[i] - mean) * (x[i] - mean)
	}
	// With row-standardised weights the sum of weights S0 equals n.
	return num / den
}
