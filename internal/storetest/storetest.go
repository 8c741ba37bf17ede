// Package storetest is the contract of the stores: one suite of tests that
// every implementation of the repositories (the SQLite file, the
// PostgreSQL server) must pass, so that the application behaves the same
// on either.
package storetest

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Store is what the contract covers so far: the areas and the indicators.
type Store interface {
	geo.AreaRepository
	geo.IndicatorRepository
}

// Run runs the contract against stores made by open, a new and empty one
// for each subtest.
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Run("boundaries", func(t *testing.T) { boundaries(t, open(t)) })
	t.Run("indicators", func(t *testing.T) { indicators(t, open(t)) })
	t.Run("crosswalk", func(t *testing.T) { crosswalk(t, open(t)) })
}

// square is a desa-sized square at lon, lat (about 1.1 km a side).
func square(lon, lat float64) orb.MultiPolygon {
	const d = 0.01
	return orb.MultiPolygon{{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}}
}

// area is a filled area.
func area(code, name string, g orb.MultiPolygon) *geo.Area {
	a := &geo.Area{Code: code, Name: name, Level: geo.CodeLevel(code), Parent: geo.ParentCode(code), Geom: g}
	a.Fill()
	return a
}

func codes(areas []*geo.Area) []string {
	out := make([]string, len(areas))
	for i, a := range areas {
		out[i] = a.Code + " " + a.Name
	}
	return out
}

func boundaries(t *testing.T, s Store) {
	ctx := context.Background()
	v0, err := s.AreasVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	desa := &geo.Layer{File: "desa.geojson", Areas: []*geo.Area{
		area("35.23.01.2001", "Jlodro", square(111.70, -6.90)),
		area("35.23.01.2002", "Sokogunung", square(111.71, -6.90)),
		area("35.23.02.1001", "Jatirogo", square(111.72, -6.90)),
	}, ParentNames: map[string]string{"35.23.01": "Kenduruan", "35.23.02": "Jatirogo"}}
	rep, err := s.ImportBoundaries(ctx, desa)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"35.23.01", "35.23.01.2001", "35.23.01.2002", "35.23.02", "35.23.02.1001"}; !slices.Equal(rep.Added, want) {
		t.Errorf("added %v, want %v", rep.Added, want)
	}
	got, err := s.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"35.23.01 Kenduruan", "35.23.01.2001 Jlodro", "35.23.01.2002 Sokogunung", "35.23.02 Jatirogo", "35.23.02.1001 Jatirogo"}
	if !slices.Equal(codes(got), want) {
		t.Fatalf("areas %v, want %v", codes(got), want)
	}
	for _, a := range got {
		switch a.Code {
		case "35.23.01":
			if a.Geom != nil || a.Level != geo.LevelKecamatan {
				t.Errorf("parent from names: %+v", a)
			}
		case "35.23.02.1001":
			w := desa.Areas[2]
			if a.Level != geo.LevelKelurahan || a.Parent != "35.23.02" || !orb.Equal(a.Geom, w.Geom) ||
				a.Bound != w.Bound || a.Label != w.Label || math.Abs(a.AreaKm2-w.AreaKm2) > 1e-9 {
				t.Errorf("area read back %+v, written %+v", a, w)
			}
		}
	}
	v1, err := s.AreasVersion(ctx)
	if err != nil || v1 == v0 {
		t.Errorf("areas version %d → %d (%v)", v0, v1, err)
	}
	// A new edition: one desa renamed, one dropped, same kabupaten.
	desa.Areas = []*geo.Area{area("35.23.01.2001", "Jlodro Baru", square(111.70, -6.90)), desa.Areas[2]}
	if rep, err = s.ImportBoundaries(ctx, desa); err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 0 || !slices.Equal(rep.Removed, []string{"35.23.01.2002"}) ||
		len(rep.Renamed) != 1 || rep.Renamed[0] != (geo.Rename{Code: "35.23.01.2001", Old: "Jlodro", New: "Jlodro Baru"}) || rep.Updated != 2 {
		t.Errorf("second import: %+v", rep)
	}
	if got, _ = s.Areas(ctx); len(got) != 4 {
		t.Errorf("after the second import: %v", codes(got))
	}
}

func indicators(t *testing.T, s Store) {
	ctx := context.Background()
	imp := geo.IndicatorImport{File: "a.csv", Format: "wide", Rows: 2, Matched: 2,
		Indicators: []geo.Indicator{
			{Key: "rt", Label: "Jumlah RT", Unit: "rumah tangga", Period: "2025", Sort: geo.KindCount},
			{Key: "rt_desil1", Label: "RT desil 1", Unit: "rumah tangga", Poorer: geo.HigherIsPoorer, Period: "2025", Source: "uji"},
			{Key: "status", Label: "Status", Period: "2025", Categories: []string{"A", "B"}, Ordered: true, Poorer: geo.LowerIsPoorer},
		},
		Values: []geo.Value{
			{Code: "35.23.01.2001", Indicator: "rt", Period: "2025", Value: 200},
			{Code: "35.23.01.2001", Indicator: "rt_desil1", Period: "2025", Value: 30},
			{Code: "35.23.01.2002", Indicator: "rt", Period: "2025", Value: 0},
			{Code: "35.23.01.2002", Indicator: "rt_desil1", Period: "2025", Value: 5},
			{Code: "35.23.01.2001", Indicator: "status", Period: "2025", Value: 1},
		}}
	n, err := s.ImportIndicators(ctx, imp)
	if err != nil || n != 5 {
		t.Fatalf("import: %d values, %v", n, err)
	}
	// An older period of rt: the default period stays 2025; a label is
	// kept, not overwritten by the file's.
	old := geo.IndicatorImport{File: "b.csv", Indicators: []geo.Indicator{{Key: "rt", Label: "rt lama", Period: "2024"}},
		Values: []geo.Value{{Code: "35.23.01.2001", Indicator: "rt", Period: "2024", Value: 180}}}
	if _, err := s.ImportIndicators(ctx, old); err != nil {
		t.Fatal(err)
	}
	derived := geo.Indicator{Key: "pct_desil1", Label: "% desil 1", Unit: "%", Poorer: geo.HigherIsPoorer, Numerator: "rt_desil1", Denominator: "rt", Scale: 100}
	if err := s.SaveIndicators(ctx, []geo.Indicator{derived}); err != nil {
		t.Fatal(err)
	}
	inds, err := s.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, ind := range inds {
		keys = append(keys, fmt.Sprintf("%s/%s/%s/%s", ind.Key, ind.Label, ind.Period, ind.Kind()))
	}
	if want := []string{"pct_desil1/% desil 1//rate", "rt/Jumlah RT/2025/count", "rt_desil1/RT desil 1/2025/count", "status/Status/2025/category"}; !slices.Equal(keys, want) {
		t.Errorf("indicators %v, want %v", keys, want)
	}
	st := inds[3]
	if !slices.Equal(st.Categories, []string{"A", "B"}) || !st.Ordered || st.Poorer != geo.LowerIsPoorer || inds[2].Source != "uji" {
		t.Errorf("definitions read back: %+v / %+v", st, inds[2])
	}
	if p, err := s.Periods(ctx, "rt"); err != nil || !slices.Equal(p, []string{"2024", "2025"}) {
		t.Errorf("periods of rt %v %v", p, err)
	}
	if p, _ := s.Periods(ctx, "pct_desil1"); !slices.Equal(p, []string{"2025"}) {
		t.Errorf("periods of the ratio %v", p)
	}
	v, err := s.Values(ctx, "rt", "")
	if err != nil || len(v) != 2 || v["35.23.01.2001"] != 200 {
		t.Errorf("rt default period %v %v", v, err)
	}
	if v, _ = s.Values(ctx, "rt", "2024"); len(v) != 1 || v["35.23.01.2001"] != 180 {
		t.Errorf("rt 2024 %v", v)
	}
	// The ratio from the counts, leaving out a zero denominator.
	if v, err = s.Values(ctx, "pct_desil1", ""); err != nil || len(v) != 1 || v["35.23.01.2001"] != 15 {
		t.Errorf("ratio %v %v", v, err)
	}
	av, err := s.AreaValues(ctx, "35.23.01.2001")
	if err != nil {
		t.Fatal(err)
	}
	var avs []string
	for _, a := range av {
		avs = append(avs, fmt.Sprintf("%s@%s=%g", a.Indicator.Key, a.Period, a.Value))
	}
	if want := []string{"pct_desil1@2025=15", "rt@2025=200", "rt_desil1@2025=30", "status@2025=1"}; !slices.Equal(avs, want) {
		t.Errorf("area values %v, want %v", avs, want)
	}
	ed := inds[1]
	ed.Label, ed.Poorer, ed.Unit = "Rumah tangga", geo.Neither, "RT"
	if err := s.UpdateIndicator(ctx, ed); err != nil {
		t.Fatal(err)
	}
	if inds, _ = s.Indicators(ctx); inds[1].Label != "Rumah tangga" || inds[1].Unit != "RT" || inds[1].Period != "2025" {
		t.Errorf("after the edit %+v", inds[1])
	}
	if err := s.UpdateIndicator(ctx, geo.Indicator{Key: "tidak_ada"}); err == nil {
		t.Error("editing an unknown indicator: no error")
	}
	if _, err := s.Values(ctx, "tidak_ada", ""); err == nil {
		t.Error("values of an unknown indicator: no error")
	}
	// A value for an unknown indicator refuses the whole import.
	bad := geo.IndicatorImport{File: "c.csv", Values: []geo.Value{{Code: "35.23.01.2001", Indicator: "rt", Period: "2026", Value: 1},
		{Code: "35.23.01.2001", Indicator: "tidak_ada", Period: "2026", Value: 1}}}
	if _, err := s.ImportIndicators(ctx, bad); err == nil {
		t.Error("an import with an unknown indicator: no error")
	}
	if p, _ := s.Periods(ctx, "rt"); slices.Contains(p, "2026") {
		t.Error("a refused import left values behind")
	}
}

func crosswalk(t *testing.T, s Store) {
	ctx := context.Background()
	if _, err := s.ImportIndicators(ctx, geo.IndicatorImport{File: "bps.csv", Indicators: []geo.Indicator{{Key: "x", Period: "2025"}},
		Crosswalk: []geo.CrosswalkPair{{BPS: "3523010001", Code: "35.23.01.2001", Name: "JLODRO", File: "bps.csv"}}}); err != nil {
		t.Fatal(err)
	}
	l := &geo.Layer{File: "bps.geojson", Areas: []*geo.Area{area("35.23.01.2002", "Sokogunung", square(111.71, -6.90))},
		Crosswalk: []geo.CrosswalkPair{{BPS: "3523010002", Code: "35.23.01.2002"}, {BPS: "3523010001", Code: "35.23.01.2001"}}}
	if _, err := s.ImportBoundaries(ctx, l); err != nil {
		t.Fatal(err)
	}
	cw, err := s.Crosswalk(ctx)
	if err != nil || len(cw) != 2 || cw["3523010001"] != "35.23.01.2001" || cw["3523010002"] != "35.23.01.2002" {
		t.Errorf("crosswalk %v %v", cw, err)
	}
}
