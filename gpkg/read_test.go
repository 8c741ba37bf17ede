package gpkg

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/report"
)

// TestReadWhatWriteWrote reads back a written layer as boundaries: codes,
// names and geometry; a file with two layers needs one named.
func TestReadWhatWriteWrote(t *testing.T) {
	path := filepath.Join(t.TempDir(), "batas.gpkg")
	l := layers()
	l[0].Columns[1] = report.Column{Name: "nama", Type: report.ColText}
	l[0].Features = l[0].Features[:2]
	l[0].Features[0].Values[1] = "Jlodro"
	l[0].Features[1].Values[1] = "Sidohasri"
	if err := Write(path, l); err != nil {
		t.Fatal(err)
	}
	_, err := ReadBoundaries(path, geo.ReadOptions{})
	var le *geo.LayerError
	if !errors.As(err, &le) || strings.Join(le.Layers, ",") != "desa,kecamatan" {
		t.Fatalf("two layers, none chosen: %v", err)
	}
	got, err := ReadBoundaries(path, geo.ReadOptions{Layer: "desa"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Areas) != 2 || got.Areas[0].Code != "35.23.01.2001" || got.Areas[1].Name != "Sidohasri" {
		t.Fatalf("areas %+v", got.Areas)
	}
	if !orb.Equal(got.Areas[0].Geom, l[0].Features[0].Geom) {
		t.Errorf("geometry %v", got.Areas[0].Geom)
	}
	names, err := LayerNames(path)
	if err != nil || strings.Join(names, ",") != "desa,kecamatan" {
		t.Errorf("LayerNames %v %v", names, err)
	}
}

func TestDecodeGeometry(t *testing.T) {
	poly := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	body, _ := wkb.Marshal(poly)
	header := func(flags byte, env int) []byte {
		return append([]byte{'G', 'P', 0, flags, 0xe6, 0x10, 0, 0}, make([]byte, env)...)
	}
	for _, tc := range []struct {
		name string
		blob []byte
		want orb.Geometry
		err  string
	}{
		{"null", nil, nil, ""},
		{"no envelope", append(header(0x01, 0), body...), poly, ""},
		{"xy envelope", append(header(0x03, 32), body...), poly, ""},
		{"xyz envelope", append(header(0x05, 48), body...), poly, ""},
		{"xyzm envelope", append(header(0x09, 64), body...), poly, ""},
		{"empty flag", header(0x11, 0), nil, ""},
		{"not GP", append([]byte("XX\x00\x01\xe6\x10\x00\x00"), body...), nil, "GP"},
		{"bad envelope", append(header(0x0b, 0), body...), nil, "amplop"},
		{"truncated", header(0x03, 4), nil, "terpotong"},
		{"extended", append(header(0x21, 0), body...), nil, "perluasan"},
		{"bad wkb", append(header(0x01, 0), 1, 2, 3), nil, "WKB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := decodeGeometry(tc.blob)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (g == nil) != (tc.want == nil) || g != nil && !orb.Equal(g, tc.want) {
				t.Errorf("got %v, want %v", g, tc.want)
			}
		})
	}
}

// TestReadRefusesNonGeoPackage: a SQLite file without the GeoPackage
// tables, or no file at all, is refused naming it.
func TestReadRefusesNonGeoPackage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bukan.gpkg")
	if _, err := ReadBoundaries(path, geo.ReadOptions{}); err == nil || !strings.Contains(err.Error(), "bukan.gpkg") {
		t.Errorf("missing file: %v", err)
	}
}

// BenchmarkReadJatim reads the 8,494 desa of Jawa Timur from a GeoPackage
// that GDAL wrote, against the same map as GeoJSON (issue 12: within 1.5×).
func BenchmarkReadJatim(b *testing.B) {
	const src = "../../shared/data/jatim-desa.geojson.gz"
	if _, err := os.Stat(src); err != nil {
		b.Skipf("Jawa Timur map not beside the repository: %v", err)
	}
	dir := b.TempDir()
	plain := filepath.Join(dir, "jatim.geojson")
	gp := filepath.Join(dir, "jatim.gpkg")
	if out, err := exec.Command("sh", "-c", "gzip -dc "+src+" > "+plain).CombinedOutput(); err != nil {
		b.Fatalf("%v %s", err, out)
	}
	if out, err := exec.Command("ogr2ogr", "-f", "GPKG", gp, plain, "-nln", "desa").CombinedOutput(); err != nil {
		b.Fatalf("ogr2ogr: %v %s", err, out)
	}
	b.Run("geojson", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l, err := geo.ReadGeoJSONFile(plain, geo.ReadOptions{})
			if err != nil || len(l.Areas) != 8494 {
				b.Fatal(err)
			}
		}
	})
	b.Run("geopackage", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l, err := ReadBoundaries(gp, geo.ReadOptions{})
			if err != nil || len(l.Areas) != 8494 {
				b.Fatal(err)
			}
		}
	})
}

// wkbPolygon writes a little-endian WKB polygon of typ with dims
// ordinates per point, the extra ordinates set to 99.
func wkbPolygon(typ uint32, dims int, ring orb.Ring) []byte {
	b := []byte{1}
	b = binary.LittleEndian.AppendUint32(b, typ)
	b = binary.LittleEndian.AppendUint32(b, 1)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(ring)))
	for _, p := range ring {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p[0]))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p[1]))
		for range dims - 2 {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(99))
		}
	}
	return b
}

// TestWKBDimensions: Z, M and ZM polygons, ISO and extended, keep X and Y;
// other geometry types are refused by name.
func TestWKBDimensions(t *testing.T) {
	ring := orb.Ring{{111.9, -6.9}, {112, -6.9}, {112, -6.8}, {111.9, -6.9}}
	want := orb.Polygon{ring}
	for _, tc := range []struct {
		name string
		typ  uint32
		dims int
	}{
		{"2D", 3, 2}, {"ISO Z", 1003, 3}, {"ISO M", 2003, 3}, {"ISO ZM", 3003, 4},
		{"extended Z", 0x80000003, 3}, {"extended ZM", 0xC0000003, 4},
	} {
		r := &wkbReader{b: wkbPolygon(tc.typ, tc.dims, ring)}
		g, err := r.geometry()
		if err != nil || !orb.Equal(g, want) {
			t.Errorf("%s: %v %v", tc.name, g, err)
		}
	}
	// A MultiPolygon Z holding two polygons Z.
	mp := []byte{1}
	mp = binary.LittleEndian.AppendUint32(mp, 1006)
	mp = binary.LittleEndian.AppendUint32(mp, 2)
	mp = append(mp, wkbPolygon(1003, 3, ring)...)
	mp = append(mp, wkbPolygon(1003, 3, ring)...)
	r := &wkbReader{b: mp}
	if g, err := r.geometry(); err != nil || !orb.Equal(g, orb.MultiPolygon{want, want}) {
		t.Errorf("MultiPolygon Z: %v %v", g, err)
	}
	line := []byte{1, 2, 0, 0, 0, 0, 0, 0, 0}
	if _, err := (&wkbReader{b: line}).geometry(); err == nil || !strings.Contains(err.Error(), "LineString") {
		t.Errorf("LineString: %v", err)
	}
	short := wkbPolygon(1003, 3, ring)
	if _, err := (&wkbReader{b: short[:len(short)-10]}).geometry(); err == nil {
		t.Error("a truncated polygon was read")
	}
}

// FuzzDecodeGeometry feeds arbitrary blobs to the GeoPackage geometry
// reader: a geometry or an error, never a panic.
func FuzzDecodeGeometry(f *testing.F) {
	ring := orb.Ring{{111.9, -6.9}, {112, -6.9}, {112, -6.8}, {111.9, -6.9}}
	f.Add(append([]byte{'G', 'P', 0, 1, 0xe6, 0x10, 0, 0}, wkbPolygon(1003, 3, ring)...))
	f.Add(append([]byte{'G', 'P', 0, 3, 0xe6, 0x10, 0, 0}, append(make([]byte, 32), wkbPolygon(3, 2, ring)...)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := decodeGeometry(b)
		if err == nil && g != nil {
			if _, ok := g.(orb.Polygon); !ok {
				if _, ok := g.(orb.MultiPolygon); !ok {
					t.Fatalf("decoded %T", g)
				}
			}
		}
	})
}
