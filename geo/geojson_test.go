package geo

import (
	"bytes"
	"compress/gzip"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb/planar"
)

// sharedData is the read-only data folder beside the repository.
const sharedData = "../../shared/data"

func readShared(t testing.TB, name string) *Layer {
	t.Helper()
	path := filepath.Join(sharedData, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	l, err := ReadGeoJSONFile(path, ReadOptions{})
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return l
}

func TestReadTubanDesa(t *testing.T) {
	l := readShared(t, "tuban-desa.geojson")
	if len(l.Areas) != 328 {
		t.Fatalf("got %d areas, want 328", len(l.Areas))
	}
	var desa, kel int
	var total float64
	for _, a := range l.Areas {
		switch a.Level {
		case LevelDesa:
			desa++
		case LevelKelurahan:
			kel++
		default:
			t.Errorf("%s: level %v", a.Code, a.Level)
		}
		total += a.AreaKm2
		if !planar.MultiPolygonContains(a.Geom, a.Label) {
			t.Errorf("%s %s: label point %v outside polygon", a.Code, a.Name, a.Label)
		}
		if a.Parent != a.Code[:8] {
			t.Errorf("%s: parent %q", a.Code, a.Parent)
		}
	}
	if desa != 311 || kel != 17 {
		t.Errorf("desa %d kelurahan %d, want 311 and 17", desa, kel)
	}
	// Official area 1,973.5 km² (BIG); the desa layer has 0.03 % overlaps.
	if d := math.Abs(total-1973.5) / 1973.5; d > 0.005 {
		t.Errorf("total area %.2f km², off by %.3f %%", total, d*100)
	}
	if l.CodeField != "kode" || l.NameField != "nama" {
		t.Errorf("fields %q %q", l.CodeField, l.NameField)
	}
	if l.ParentNames["35.23.01"] != "Kenduruan" || l.ParentNames["35.23"] != "Kabupaten Tuban" {
		t.Errorf("parent names %v", l.ParentNames)
	}
}

func TestAreaMatchesEqualAreaProjection(t *testing.T) {
	// luas_km2 in the bundled file was computed by GDAL in a Lambert
	// azimuthal equal-area projection; ours must agree per desa.
	l := readShared(t, "tuban-kabupaten.geojson")
	if got := l.Areas[0].AreaKm2; math.Abs(got-1973.5421) > 0.05 {
		t.Errorf("kabupaten area %.4f km², want 1973.5421 (GDAL LAEA)", got)
	}
}

func TestLabelPointsForCentroidOutside(t *testing.T) {
	l := readShared(t, "tuban-desa.geojson")
	outside := []string{"35.23.03.2014", "35.23.04.2014", "35.23.11.2013", "35.23.13.2012",
		"35.23.14.2011", "35.23.16.1007", "35.23.17.2005", "35.23.18.2009"}
	by := map[string]*Area{}
	for _, a := range l.Areas {
		by[a.Code] = a
	}
	for _, c := range outside {
		a := by[c]
		if a == nil {
			t.Fatalf("%s missing", c)
		}
		if cen, _ := planar.CentroidArea(a.Geom); planar.MultiPolygonContains(a.Geom, cen) {
			t.Logf("%s: centroid inside after all", c)
		}
		if !planar.MultiPolygonContains(a.Geom, a.Label) {
			t.Errorf("%s: label %v not inside", c, a.Label)
		}
	}
}

func loadJatimBytes(tb testing.TB) []byte {
	tb.Helper()
	f, err := os.Open(filepath.Join(sharedData, "jatim-desa.geojson.gz"))
	if err != nil {
		tb.Skipf("shared data not available: %v", err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(gz)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestReadJatim(t *testing.T) {
	if testing.Short() {
		t.Skip("large file")
	}
	b := loadJatimBytes(t)
	l, err := ReadGeoJSON(bytes.NewReader(b), "jatim-desa.geojson", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Areas) != 8494 {
		t.Fatalf("got %d areas", len(l.Areas))
	}
	var total float64
	var verts int
	for _, a := range l.Areas {
		total += a.AreaKm2
		for _, p := range a.Geom {
			for _, r := range p {
				verts += len(r)
			}
		}
	}
	if verts != 830632 {
		t.Errorf("vertices %d, want 830632", verts)
	}
	if math.Abs(total-48045.5)/48045.5 > 0.001 {
		t.Errorf("total area %.1f, want about 48045.5 (GDAL)", total)
	}
}

func BenchmarkReadJatim(b *testing.B) {
	data := loadJatimBytes(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadGeoJSON(bytes.NewReader(data), "jatim", ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
