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

// referenceImport imports the embedded Tuban desa GeoJSON into a new
// database and returns a temporary folder, the GeoJSON's path and its desa.
func referenceImport(t *testing.T) (dir, src string, desa map[string]orb.MultiPolygon) {
	t.Helper()
	dir = t.TempDir()
	src = "../../assets/tuban-desa.geojson"
	ref := filepath.Join(dir, "ref.db")
	if code, _, errs := pm(t, "--db", ref, "import", "boundaries", src); code != 0 {
		t.Fatal(errs)
	}
	return dir, src, areasOf(t, ref)
}

// TestGeoPackageBoundariesAsGeoJSON converts the Tuban desa map to a
// GeoPackage with GDAL and imports it: the same 328 desa as the GeoJSON
// import, every area within 0.01 % and every vertex within 0.5 m. A file
// with two layers asks for one (--layer); a projected layer is refused
// naming its coordinate system, and nothing is written.
func TestGeoPackageBoundariesAsGeoJSON(t *testing.T) {
	dir, src, want := referenceImport(t)
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
	got := areasOf(t, db)
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
		if d := maxVertexDistance(t, w, g); d > 0.5 {
			t.Errorf("%s: vertices up to %.2f m apart", code, d)
		}
	}

	// With a Z ordinate (maps from BIG often carry one): X and Y read.
	gz := filepath.Join(dir, "batas-z.gpkg")
	ogr2ogr(t, "-f", "GPKG", gz, src, "-nln", "desa", "-dim", "XYZ")
	dbz := filepath.Join(dir, "z.db")
	if code, _, errs := pm(t, "--db", dbz, "import", "boundaries", gz); code != 0 {
		t.Fatalf("import GeoPackage with Z: %s", errs)
	}
	for code, g := range areasOf(t, dbz) {
		if d := maxVertexDistance(t, want[code], g); d > 0 {
			t.Errorf("%s with Z: vertices up to %g m apart", code, d)
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

	// Projected copies, written by GDAL/PROJ, come back to the same areas.
	for _, tc := range []struct{ epsg, name string }{
		{"32749", "WGS 84 / UTM zone 49S (EPSG:32749)"},
		{"23836", "DGN95 / Indonesia TM-3 zone 49.2 (EPSG:23836)"},
	} {
		proj := filepath.Join(dir, "epsg"+tc.epsg+".gpkg")
		ogr2ogr(t, "-f", "GPKG", "-t_srs", "EPSG:"+tc.epsg, proj, src, "-nln", "desa")
		pdb := filepath.Join(dir, tc.epsg+".db")
		code, out, errs := pm(t, "--db", pdb, "import", "boundaries", proj)
		if code != 0 {
			t.Fatalf("EPSG:%s: %s", tc.epsg, errs)
		}
		if !strings.Contains(out, "Koordinat diubah dari "+tc.name) {
			t.Errorf("EPSG:%s report does not name the conversion:\n%s", tc.epsg, out)
		}
		got := areasOf(t, pdb)
		worst, worstArea := 0.0, 0.0
		for code, w := range want {
			g, ok := got[code]
			if !ok {
				t.Errorf("EPSG:%s: %s missing", tc.epsg, code)
				continue
			}
			aw := geo.Area(w)
			worstArea = max(worstArea, math.Abs(aw-geo.Area(g))/aw)
			worst = max(worst, maxVertexDistance(t, w, g))
		}
		if len(got) != 328 || worst > 0.5 || worstArea > 1e-4 {
			t.Errorf("EPSG:%s: %d desa, vertices up to %.3f m apart, areas up to %.5f %% (want 328, ≤ 0.5 m, ≤ 0.01 %%)", tc.epsg, len(got), worst, worstArea*100)
		}
		t.Logf("EPSG:%s: vertices up to %.2g m from the GeoJSON, areas up to %.2g %%", tc.epsg, worst, worstArea*100)
	}

	// Web Mercator is not read: refused, naming the system; the database
	// keeps its desa.
	merc := filepath.Join(dir, "merc.gpkg")
	ogr2ogr(t, "-f", "GPKG", "-t_srs", "EPSG:3857", merc, src, "-nln", "desa")
	code, _, errs = pm(t, "--db", db, "import", "boundaries", merc)
	if code == 0 || !strings.Contains(errs, "Pseudo-Mercator") || !strings.Contains(errs, "EPSG:3857") || !strings.Contains(errs, "merc.gpkg, lapisan desa") {
		t.Errorf("Web Mercator GeoPackage: exit %d, %s", code, errs)
	}
	if n := len(areasOf(t, db)); n != 328 {
		t.Errorf("%d desa after a refused import, want 328", n)
	}
}

// maxVertexDistance is the largest distance in metres between matching
// vertices of two multipolygons of the same shape.
func maxVertexDistance(t *testing.T, a, b orb.MultiPolygon) float64 {
	t.Helper()
	d := 0.0
	if len(a) != len(b) {
		t.Fatalf("%d polygons against %d", len(a), len(b))
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			t.Fatalf("polygon %d: %d rings against %d", i, len(a[i]), len(b[i]))
		}
		for j := range a[i] {
			if len(a[i][j]) != len(b[i][j]) {
				t.Fatalf("ring %d/%d: %d vertices against %d", i, j, len(a[i][j]), len(b[i][j]))
			}
			for k := range a[i][j] {
				d = max(d, geo.Distance(a[i][j][k], b[i][j][k]))
			}
		}
	}
	return d
}
