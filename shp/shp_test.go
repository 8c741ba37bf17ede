package shp

import (
	"archive/zip"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// features is a small boundary map: a desa with a hole and an island, and
// one whose name needs Windows-1252 (an en dash).
const features = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kode":"35.23.01.2001","nama":"Jlodro"},"geometry":{"type":"MultiPolygon","coordinates":[
 [[[111.90,-6.90],[112.00,-6.90],[112.00,-6.80],[111.90,-6.80],[111.90,-6.90]],[[111.92,-6.88],[111.92,-6.85],[111.95,-6.85],[111.95,-6.88],[111.92,-6.88]]],
 [[[112.10,-6.90],[112.20,-6.90],[112.20,-6.80],[112.10,-6.90]]]]}},
{"type":"Feature","properties":{"kode":"35.23.01.2002","nama":"Sidohasri – Timur"},"geometry":{"type":"Polygon","coordinates":[[[112.0,-7.0],[112.1,-7.0],[112.1,-6.9],[112.0,-7.0]]]}}
]}`

// gdal writes the features as a shapefile with ogr2ogr and returns the
// path of the .shp.
func gdal(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Fatal("ogr2ogr not found: `scripts/install-deps.sh test` installs gdal-bin")
	}
	src := filepath.Join(dir, "src.geojson")
	if err := os.WriteFile(src, []byte(features), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name+".shp")
	cmd := exec.Command("ogr2ogr", append([]string{"-f", "ESRI Shapefile", out, src, "-nln", name}, args...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, b)
	}
	return out
}

// TestReadGDALShapefile: holes stay holes, islands stay parts, the name is
// decoded from the code page GDAL declared, rings come back in the GeoJSON
// orientation.
func TestReadGDALShapefile(t *testing.T) {
	for _, enc := range []string{"UTF-8", "CP1252"} {
		t.Run(enc, func(t *testing.T) {
			p := gdal(t, t.TempDir(), "desa", "-lco", "ENCODING="+enc)
			l, err := ReadBoundaries(p, geo.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Areas) != 2 || l.Areas[1].Name != "Sidohasri – Timur" {
				t.Fatalf("areas %v, name %q", len(l.Areas), l.Areas[1].Name)
			}
			mp := l.Areas[0].Geom
			if len(mp) != 2 || len(mp[0]) != 2 || len(mp[1]) != 1 {
				t.Fatalf("Jlodro: %d polygons, rings %v", len(mp), mp)
			}
			want := orb.Ring{{111.90, -6.90}, {112.00, -6.90}, {112.00, -6.80}, {111.90, -6.80}, {111.90, -6.90}}
			if !orb.Equal(mp[0][0], want) {
				t.Errorf("outer ring %v, want %v", mp[0][0], want)
			}
			if mp[0][1].Orientation() != orb.CW || mp[0][0].Orientation() != orb.CCW {
				t.Errorf("orientation: outer %v, hole %v", mp[0][0].Orientation(), mp[0][1].Orientation())
			}
		})
	}
}

// TestDBFWithoutCPG: without a .cpg the language-driver byte decides, and
// text that is not UTF-8 is read as Windows-1252.
func TestDBFWithoutCPG(t *testing.T) {
	dir := t.TempDir()
	p := gdal(t, dir, "desa", "-lco", "ENCODING=CP1252")
	os.Remove(filepath.Join(dir, "desa.cpg"))
	l, err := ReadBoundaries(p, geo.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Areas[1].Name != "Sidohasri – Timur" {
		t.Errorf("name %q", l.Areas[1].Name)
	}
}

// TestRefusals: what cannot be read is refused with the file and the rule.
func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	p := gdal(t, dir, "desa")
	write := func(name string, b []byte) string {
		q := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(q, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return q
	}
	shp, _ := os.ReadFile(p)
	dbf, _ := os.ReadFile(strings.TrimSuffix(p, ".shp") + ".dbf")
	copyWith := func(name string, shpBytes, dbfBytes []byte, extra map[string]string) string {
		d := t.TempDir()
		os.WriteFile(filepath.Join(d, name+".shp"), shpBytes, 0o644)
		if dbfBytes != nil {
			os.WriteFile(filepath.Join(d, name+".dbf"), dbfBytes, 0o644)
		}
		for ext, s := range extra {
			os.WriteFile(filepath.Join(d, name+ext), []byte(s), 0o644)
		}
		return filepath.Join(d, name+".shp")
	}
	truncated := append([]byte(nil), shp[:len(shp)-20]...)
	points := append([]byte(nil), shp...)
	points[32] = 1
	for _, tc := range []struct {
		name, path, msg string
	}{
		{"not a shapefile", write("x.shp", []byte("bukan shapefile, hanya teks biasa yang cukup panjang untuk kepala berkas seratus bita lebih sedikit ......")), "9994"},
		{"truncated", copyWith("a", truncated, dbf, nil), "terpotong"},
		{"points", copyWith("b", points, dbf, nil), "titik"},
		{"no dbf", copyWith("c", shp, nil, nil), ".dbf"},
		{"fewer rows", copyWith("d", shp, append(append([]byte(nil), dbf[:4]...), append([]byte{1, 0, 0, 0}, dbf[8:]...)...), nil), "1 baris"},
		{"unknown code page", copyWith("e", shp, dbf, map[string]string{".cpg": "KOI8-R"}), "KOI8-R"},
		{"web mercator", copyWith("f", shp, dbf, map[string]string{".prj": `PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],UNIT["Meter",1.0]]`}), "Web_Mercator"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBoundaries(tc.path, geo.ReadOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), filepath.Base(tc.path)) {
				t.Errorf("error %v, want one naming %s and %q", err, filepath.Base(tc.path), tc.msg)
			}
		})
	}
}

// TestZipWithTwoShapefiles: the user picks one by name.
func TestZipWithTwoShapefiles(t *testing.T) {
	dir := t.TempDir()
	p := gdal(t, dir, "desa")
	zp := filepath.Join(dir, "peta.zip")
	f, _ := os.Create(zp)
	zw := zip.NewWriter(f)
	for _, name := range []string{"desa", "salinan"} {
		for _, ext := range []string{".shp", ".shx", ".dbf", ".prj", ".cpg"} {
			b, err := os.ReadFile(strings.TrimSuffix(p, ".shp") + ext)
			if err != nil {
				continue
			}
			w, _ := zw.Create("data/" + name + ext)
			w.Write(b)
		}
	}
	zw.Close()
	f.Close()
	_, err := ReadBoundaries(zp, geo.ReadOptions{})
	var le *geo.LayerError
	if !errors.As(err, &le) || strings.Join(le.Layers, ",") != "desa,salinan" {
		t.Fatalf("two shapefiles: %v", err)
	}
	l, err := ReadBoundaries(zp, geo.ReadOptions{Layer: "salinan"})
	if err != nil || len(l.Areas) != 2 || !strings.Contains(l.File, "peta.zip, salinan.shp") {
		t.Fatalf("salinan: %v %+v", err, l)
	}
}

// BenchmarkReadJatim reads the 8,494 desa of Jawa Timur from a zipped
// Shapefile that GDAL wrote (issue 12: within 1.5× of the GeoJSON load;
// the GeoJSON side is gpkg's BenchmarkReadJatim/geojson).
func BenchmarkReadJatim(b *testing.B) {
	const src = "../../shared/data/jatim-desa.geojson.gz"
	if _, err := os.Stat(src); err != nil {
		b.Skipf("Jawa Timur map not beside the repository: %v", err)
	}
	out := filepath.Join(b.TempDir(), "jatim.shp.zip")
	if o, err := exec.Command("ogr2ogr", "-f", "ESRI Shapefile", out, "/vsigzip/"+src, "-nln", "desa").CombinedOutput(); err != nil {
		b.Fatalf("ogr2ogr: %v %s", err, o)
	}
	b.ReportAllocs()
	for b.Loop() {
		l, err := ReadBoundaries(out, geo.ReadOptions{})
		if err != nil || len(l.Areas) != 8494 {
			b.Fatal(err)
		}
	}
}
