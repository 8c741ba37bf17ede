package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb/geo"
)

// TestShapefileBoundariesAsGeoJSON converts the Tuban desa map to
// Shapefiles with GDAL (lon/lat; zipped; UTM 49S with its .prj; TM-3 in a
// zip), and to a UTM 49S GeoJSON, and imports each: the same 328 desa as the GeoJSON import, every
// area within 0.01 % and every vertex within 0.5 m.
func TestShapefileBoundariesAsGeoJSON(t *testing.T) {
	dir, src, want := referenceImport(t)
	for _, tc := range []struct {
		name, out string
		args      []string
		converted string
	}{
		{"lon/lat", "lonlat/desa.shp", nil, ""},
		{"zip", "desa.shp.zip", nil, ""},
		{"UTM 49S", "utm/desa.shp", []string{"-t_srs", "EPSG:32749"}, "WGS_1984_UTM_Zone_49S"}, // the .prj is ESRI WKT, without EPSG code
		{"TM-3 zip", "tm3.shp.zip", []string{"-t_srs", "EPSG:23836"}, "DGN_1995_Indonesia_TM-3_Zone_49.2"},
		// GDAL's GeoJSON in a projected system names it in a crs member.
		{"GeoJSON UTM 49S", "utm49s.geojson", []string{"-f", "GeoJSON", "-t_srs", "EPSG:32749"}, "WGS 84 / UTM zone 49S (EPSG:32749)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.out)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			ogr2ogr(t, append([]string{"-f", "ESRI Shapefile", out, src, "-nln", "desa", "-lco", "ENCODING=UTF-8"}, tc.args...)...)
			db := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(tc.name)+".db")
			code, rep, errs := pm(t, "--db", db, "import", "boundaries", out)
			if code != 0 {
				t.Fatalf("import: %s", errs)
			}
			if !strings.Contains(rep, "328 wilayah dibaca") {
				t.Errorf("report: %s", rep)
			}
			if tc.converted != "" && !strings.Contains(rep, "Koordinat diubah dari "+tc.converted) {
				t.Errorf("report does not name the conversion from %s:\n%s", tc.converted, rep)
			}
			got := areasOf(t, db)
			if len(got) != 328 {
				t.Fatalf("%d desa, want 328", len(got))
			}
			worst, worstArea := 0.0, 0.0
			for code, w := range want {
				g, ok := got[code]
				if !ok {
					t.Errorf("%s missing", code)
					continue
				}
				aw := geo.Area(w)
				worstArea = max(worstArea, math.Abs(aw-geo.Area(g))/aw)
				worst = max(worst, maxVertexDistance(t, w, g))
			}
			if worst > 0.5 || worstArea > 1e-4 {
				t.Errorf("vertices up to %.3f m apart, areas up to %.5f %% (want ≤ 0.5 m, ≤ 0.01 %%)", worst, worstArea*100)
			}
			t.Logf("vertices up to %.2g m from the GeoJSON, areas up to %.2g %%", worst, worstArea*100)
		})
	}
}
