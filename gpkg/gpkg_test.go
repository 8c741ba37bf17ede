package gpkg

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/dinsos-tuban/pocketmap/report"
)

func square(x, y, d float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}}
}

func layers() []report.Layer {
	return []report.Layer{{
		Name: "desa", Description: "uji",
		Columns: []report.Column{{Name: "kode", Type: report.ColText}, {Name: "nilai", Type: report.ColReal}, {Name: "kelas", Type: report.ColInt}},
		Features: []report.Feature{
			{Geom: square(111.9, -6.9, 0.1), Values: []any{"35.23.01.2001", 12.5, 3}},
			{Geom: square(112.0, -6.8, 0.2), Values: []any{"35.23.01.2002", math.NaN(), nil}},
			{Values: []any{"35.23.01.2003", 1.0, 1}}, // no boundary
		},
	}, {
		Name:     "kecamatan",
		Columns:  []report.Column{{Name: "kode", Type: report.ColText}},
		Features: []report.Feature{{Geom: square(111.9, -6.9, 0.3), Values: []any{"35.23.01"}}},
	}}
}

// TestWriteReadsBack writes two layers and reads the file back as SQLite:
// the GeoPackage header pragmas, the contents with their extent, the
// geometry blobs (header, envelope, WKB) and the attribute values.
func TestWriteReadsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.gpkg")
	if err := Write(path, layers()); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var appID, ver int
	db.QueryRow("PRAGMA application_id").Scan(&appID)
	db.QueryRow("PRAGMA user_version").Scan(&ver)
	if appID != applicationID || ver != userVersion {
		t.Errorf("application_id %x user_version %d", appID, ver)
	}
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q %v", check, err)
	}
	var minX, minY, maxX, maxY float64
	var srs int
	if err := db.QueryRow(`SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents WHERE table_name = 'desa'`).Scan(&minX, &minY, &maxX, &maxY, &srs); err != nil {
		t.Fatal(err)
	}
	if math.Abs(minX-111.9) > 1e-9 || math.Abs(minY+6.9) > 1e-9 || math.Abs(maxX-112.2) > 1e-9 || math.Abs(maxY+6.6) > 1e-9 || srs != 4326 {
		t.Errorf("extent %v %v %v %v srs %d", minX, minY, maxX, maxY, srs)
	}
	rows, err := db.Query(`SELECT geom, kode, nilai, kelas FROM desa ORDER BY fid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := layers()[0].Features
	i := 0
	for rows.Next() {
		var blob []byte
		var kode string
		var nilai sql.NullFloat64
		var kelas sql.NullInt64
		if err := rows.Scan(&blob, &kode, &nilai, &kelas); err != nil {
			t.Fatal(err)
		}
		if kode != want[i].Values[0] {
			t.Errorf("row %d kode %s", i, kode)
		}
		switch i {
		case 0:
			if !nilai.Valid || nilai.Float64 != 12.5 || kelas.Int64 != 3 {
				t.Errorf("row 0: %v %v", nilai, kelas)
			}
		case 1:
			if nilai.Valid || kelas.Valid {
				t.Errorf("NaN and nil must be NULL: %v %v", nilai, kelas)
			}
		}
		if want[i].Geom == nil {
			if blob != nil {
				t.Errorf("row %d: a feature without boundary has a geometry", i)
			}
			i++
			continue
		}
		if !bytes.HasPrefix(blob, []byte{'G', 'P', 0, 0x03}) || binary.LittleEndian.Uint32(blob[4:8]) != 4326 {
			t.Fatalf("row %d: header % x", i, blob[:8])
		}
		g, err := wkb.Unmarshal(blob[8+32:])
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		if !orb.Equal(g, want[i].Geom) {
			t.Errorf("row %d: geometry %v", i, g)
		}
		env := [4]float64{}
		for k := range env {
			env[k] = math.Float64frombits(binary.LittleEndian.Uint64(blob[8+8*k:]))
		}
		b := want[i].Geom.Bound()
		if env != [4]float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
			t.Errorf("row %d: envelope %v", i, env)
		}
		i++
	}
	if i != 3 {
		t.Errorf("%d rows, want 3", i)
	}
}

// TestWriteRefusesBadInput: names that are no SQL identifier and rows with
// the wrong number of values are refused, the error names the layer and
// feature, and no file is left behind.
func TestWriteRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(l []report.Layer)
		msg  string
	}{
		{"layer name", func(l []report.Layer) { l[0].Name = `desa"; DROP` }, "nama lapisan"},
		{"column name", func(l []report.Layer) { l[1].Columns[0].Name = "kode desa" }, "lapisan kecamatan: nama kolom"},
		{"column type", func(l []report.Layer) { l[1].Columns[0].Type = "blob" }, "jenis"},
		{"values", func(l []report.Layer) { l[0].Features[1].Values = l[0].Features[1].Values[:2] }, "lapisan desa: fitur 2: 2 nilai untuk 3 kolom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.gpkg")
			l := layers()
			tc.edit(l)
			err := Write(path, l)
			if err == nil || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "out.gpkg") {
				t.Fatalf("error %v, want one naming out.gpkg and %q", err, tc.msg)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("a refused GeoPackage left a file: %v", err)
			}
			if _, err := os.Stat(path + ".sedang-ditulis"); !os.IsNotExist(err) {
				t.Errorf("a refused GeoPackage left its temporary file: %v", err)
			}
		})
	}
}

// TestWriteReplaces: writing again over an existing file replaces it.
func TestWriteReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.gpkg")
	for range 2 {
		if err := Write(path, layers()); err != nil {
			t.Fatal(err)
		}
	}
	db, _ := sql.Open("sqlite", path)
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM kecamatan").Scan(&n); err != nil || n != 1 {
		t.Errorf("kecamatan rows %d %v", n, err)
	}
}
