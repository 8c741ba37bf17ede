package store

import (
	"context"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
)

const dataDir = "/work/shared/data/"

// square returns an area whose boundary is a 0.01° square at (x, y) with a
// square hole.
func square(code, name string, x, y float64) *geo.Area {
	const s = 0.01
	a := &geo.Area{Code: code, Name: name, Level: geo.CodeLevel(code), Parent: geo.ParentCode(code),
		Geom: orb.MultiPolygon{{
			{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}},
			{{x + s/4, y + s/4}, {x + s/4, y + s/2}, {x + s/2, y + s/2}, {x + s/2, y + s/4}, {x + s/4, y + s/4}},
		}}}
	a.Fill()
	return a
}

// layer returns a layer of the areas with the parent names given as code,
// name pairs.
func layer(areas ...*geo.Area) *geo.Layer {
	return &geo.Layer{File: "uji.geojson", Areas: areas, ParentNames: map[string]string{}}
}

func withParents(l *geo.Layer, kv ...string) *geo.Layer {
	for i := 0; i+1 < len(kv); i += 2 {
		l.ParentNames[kv[i]] = kv[i+1]
	}
	return l
}

func readLayer(t testing.TB, name string) *geo.Layer {
	t.Helper()
	path := dataDir + name
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not available", path)
	}
	l, err := geo.ReadGeoJSONFile(path, geo.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestAreasRoundTrip(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	in := []*geo.Area{square("35.23.01.1001", "Kel", 111.5, -6.9), square("35.23.01.2001", "Jlodro", 111.6, -6.9)}
	if _, err := db.ImportBoundaries(ctx, withParents(layer(in...), "35.23.01", "Kenduruan")); err != nil {
		t.Fatal(err)
	}
	got, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]*geo.Area{{Code: "35.23.01", Name: "Kenduruan", Level: geo.LevelKecamatan, Parent: "35.23"}}, in...)
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			if i >= len(got) || i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("area %d differs:\n got %+v\nwant %+v", i, got[min(i, len(got)-1)], want[min(i, len(want)-1)])
			}
		}
	}
}

func TestImportBoundariesKeepsValues(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	// A neighbouring kabupaten, not to be touched by the Tuban imports.
	if _, err := db.ImportBoundaries(ctx, layer(square("35.24.01.2001", "Lamongan", 112, -7))); err != nil {
		t.Fatal(err)
	}
	first := withParents(layer(
		square("35.23.01.2001", "Jlodro", 111.50, -6.9),
		square("35.23.01.2002", "Sidohasri", 111.52, -6.9),
		square("35.23.02.2001", "Bangilan", 111.54, -6.9),
		square("35.23.02.1002", "Kel Bangilan", 111.56, -6.9),
	), "35.23.01", "Kenduruan", "35.23.02", "Bangilan", "35.23", "Kabupaten Tuban")
	rep, err := db.ImportBoundaries(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	want := &geo.BoundaryReport{Added: []string{"35.23", "35.23.01", "35.23.01.2001", "35.23.01.2002",
		"35.23.02", "35.23.02.1002", "35.23.02.2001"}}
	if !reflect.DeepEqual(rep, want) {
		t.Errorf("first import: %+v, want %+v", rep, want)
	}

	codes := []string{"35.23.01.2001", "35.23.01.2002", "35.23.02.2001", "35.23.02.1002"}
	if err := db.SaveIndicators(ctx, []geo.Indicator{{Key: "rt", Label: "Rumah tangga"}}); err != nil {
		t.Fatal(err)
	}
	var vals []geo.Value
	for i, c := range codes {
		vals = append(vals, geo.Value{Code: c, Indicator: "rt", Period: "2025", Value: float64(10 + i)})
	}
	if err := db.SaveValues(ctx, vals); err != nil {
		t.Fatal(err)
	}

	moved := square("35.23.01.2001", "Jlodro", 111.60, -6.8)
	second := withParents(layer(
		moved, // geometry changed
		square("35.23.01.2003", "Baru", 111.52, -6.9),          // added
		square("35.23.02.2001", "Bangilan Kota", 111.54, -6.9), // renamed
		square("35.23.02.1002", "Kel Bangilan", 111.56, -6.9),
	), "35.23.01", "Kenduruan", "35.23.02", "Bangilan", "35.23", "Kabupaten Tuban")
	if rep, err = db.ImportBoundaries(ctx, second); err != nil {
		t.Fatal(err)
	}
	want = &geo.BoundaryReport{Added: []string{"35.23.01.2003"}, Removed: []string{"35.23.01.2002"},
		Renamed: []geo.Rename{{Code: "35.23.02.2001", Old: "Bangilan", New: "Bangilan Kota"}}, Updated: 3}
	if !reflect.DeepEqual(rep, want) {
		t.Errorf("second import: %+v, want %+v", rep, want)
	}
	for _, s := range []string{"1 wilayah baru, 3 diperbarui, 1 berganti nama, 1 dihapus", "35.23.02.2001 Bangilan → Bangilan Kota"} {
		if !strings.Contains(rep.String(), s) {
			t.Errorf("report %q lacks %q", rep, s)
		}
	}

	got, err := db.Values(ctx, "rt", "")
	if err != nil {
		t.Fatal(err)
	}
	// The removed code keeps its value too: it shows in the join-health report.
	if wantVals := map[string]float64{codes[0]: 10, codes[1]: 11, codes[2]: 12, codes[3]: 13}; !reflect.DeepEqual(got, wantVals) {
		t.Errorf("values after re-import %v, want %v", got, wantVals)
	}

	areas, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, a := range areas {
		have = append(have, a.Code+" "+a.Name)
		if a.Code == moved.Code && !reflect.DeepEqual(a, moved) {
			t.Errorf("geometry of %s not replaced: %+v", a.Code, a.Bound)
		}
	}
	wantAreas := []string{"35.23 Kabupaten Tuban", "35.23.01 Kenduruan", "35.23.01.2001 Jlodro", "35.23.01.2003 Baru",
		"35.23.02 Bangilan", "35.23.02.1002 Kel Bangilan", "35.23.02.2001 Bangilan Kota", "35.24.01.2001 Lamongan"}
	if !slices.Equal(have, wantAreas) {
		t.Errorf("areas %v\nwant %v", have, wantAreas)
	}
	if n := count(t, db, "imports"); n != 3 {
		t.Errorf("%d imports logged, want 3", n)
	}
}

func TestImportTuban(t *testing.T) {
	desa, kec := readLayer(t, "tuban-desa.geojson"), readLayer(t, "tuban-kecamatan.geojson")
	db := openTest(t)
	ctx := context.Background()
	for _, l := range []*geo.Layer{desa, kec} {
		if _, err := db.ImportBoundaries(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	levels := map[geo.Level]int{}
	areas, err := db.Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		levels[a.Level]++
		if a.Level == geo.LevelKecamatan && len(a.Geom) == 0 {
			t.Errorf("kecamatan %s has no geometry", a.Code)
		}
	}
	if v, k, kab := levels[geo.LevelDesa]+levels[geo.LevelKelurahan], levels[geo.LevelKecamatan], levels[geo.LevelKabupaten]; v != 328 || k != 20 || kab != 1 {
		t.Errorf("%d villages, %d kecamatan, %d kabupaten; want 328, 20, 1", v, k, kab)
	}
	rep, err := db.ImportBoundaries(ctx, desa)
	if err != nil {
		t.Fatal(err)
	}
	if want := (&geo.BoundaryReport{Updated: 328}); !reflect.DeepEqual(rep, want) {
		t.Errorf("re-import: %+v, want %+v", rep, want)
	}
}

func BenchmarkAreasJatim(b *testing.B) {
	l := readLayer(b, "jatim-desa.geojson.gz")
	db := openTest(b)
	ctx := context.Background()
	if _, err := db.ImportBoundaries(ctx, l); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var areas []*geo.Area
	for b.Loop() {
		var err error
		areas, err = db.Areas(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(areas) < len(l.Areas) {
			b.Fatalf("%d areas, want at least %d", len(areas), len(l.Areas))
		}
	}
	b.ReportMetric(float64(len(areas)), "areas")
}
