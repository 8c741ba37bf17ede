package main

import (
	"context"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/dinsos-tuban/pocketmap/store"
)

// ogr2ogr runs GDAL's converter, the tool offices convert their maps with.
func ogr2ogr(t *testing.T, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Fatal("ogr2ogr not found: `scripts/install-deps.sh test` installs gdal-bin")
	}
	if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr %v: %v\n%s", args, err, out)
	}
}

// areasOf returns the areas stored in the database at path, by code.
func areasOf(t *testing.T, path string) map[string]orb.MultiPolygon {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	as, err := db.Areas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]orb.MultiPolygon{}
	for _, a := range as {
		if len(a.Code) == 13 {
			m[a.Code] = a.Geom
		}
	}
	return m
}

// TestGeoPackageBoundariesAsGeoJSON converts the Tuban desa map to a
// GeoPackage with GDAL and imports it: the same 328 desa as the GeoJSON
// import, every area within 0.01 % and every vertex within 0.5 m. A file
// with two layers asks for one (--layer); a projected layer is refused
// naming its coordinate system, and nothing is written.
func TestGeoPackageBoundariesAsGeoJSON(t *testing.T) {
	dir := t.TempDir()
	src := "../../assets/tuban-desa.geojson"
	ref := filepath.Join(dir, "ref.db")
	if code, _, errs := pm(t, "--db", ref, "import", "boundaries", src); code != 0 {
		t.Fatal(errs)
	}
	gp := filepath.Join(dir, "batas.gpkg")
	ogr2ogr(t, "-f", "GPKG", gp, src, "-nln", "desa")
	db := filepath.Join(dir, "p.db")
	code, out, errs := pm(t, "--db", db, "import", "boundaries", gp)
	if code != 0 {
		t.Fatalf("import GeoPackage: %s", errs)
	}
	if !strings.Contains(out, "328 wilayah dibaca") {
		t.Errorf("report: %s", out)
	}
	want, got := areasOf(t, ref), areasOf(t, db)
	if len(want) != 328 || len(got) != 328 {
		t.Fatalf("%d desa from GeoJSON, %d from GeoPackage; want 328", len(want), len(got))
	}
	for code, w := range want {
		g, ok := got[code]
		if !ok {
			t.Errorf("%s missing from the GeoPackage import", code)
			continue
		}
		aw, ag := geo.Area(w), geo.Area(g)
		if math.Abs(aw-ag) > 1e-4*aw {
			t.Errorf("%s: area %.0f m² from GeoPackage, %.0f m² from GeoJSON", code, ag, aw)
		}
		if !sameVertices(w, g, 0.5) {
			t.Errorf("%s: vertices differ by more than 0.5 m", code)
		}
	}

	// A second layer: the user must pick.
	ogr2ogr(t, "-f", "GPKG", "-update", gp, "../../assets/tuban-kecamatan.geojson", "-nln", "kecamatan")
	db2 := filepath.Join(dir, "q.db")
	code, _, errs = pm(t, "--db", db2, "import", "boundaries", gp)
	if code == 0 || !strings.Contains(errs, "desa, kecamatan") || !strings.Contains(errs, "--layer") {
		t.Errorf("two layers without --layer: exit %d, %s", code, errs)
	}
	if code, _, errs := pm(t, "--db", db2, "import", "boundaries", gp, "--layer", "kecamatan"); code != 0 {
		t.Errorf("--layer kecamatan: %s", errs)
	}
	if code, _, errs := pm(t, "--db", db2, "import", "boundaries", gp, "--layer", "dusun"); code == 0 || !strings.Contains(errs, `tidak ada lapisan "dusun"`) {
		t.Errorf("--layer dusun: exit %d %s", code, errs)
	}

	// UTM zone 49S: refused, naming the system; the database keeps its desa.
	utm := filepath.Join(dir, "utm.gpkg")
	ogr2ogr(t, "-f", "GPKG", "-t_srs", "EPSG:32749", utm, src, "-nln", "desa")
	code, _, errs = pm(t, "--db", db, "import", "boundaries", utm)
	if code == 0 || !strings.Contains(errs, "UTM zone 49S") || !strings.Contains(errs, "EPSG:32749") || !strings.Contains(errs, "utm.gpkg, lapisan desa") {
		t.Errorf("UTM GeoPackage: exit %d, %s", code, errs)
	}
	if n := len(areasOf(t, db)); n != 328 {
		t.Errorf("%d desa after a refused import, want 328", n)
	}
}

// sameVertices reports whether two multipolygons have the same rings with
// every vertex within tol metres.
func sameVertices(a, b orb.MultiPolygon, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if len(a[i][j]) != len(b[i][j]) {
				return false
			}
			for k := range a[i][j] {
				if geo.Distance(a[i][j][k], b[i][j][k]) > tol {
					return false
				}
			}
		}
	}
	return true
}
