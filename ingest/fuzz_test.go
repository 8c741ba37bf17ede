package ingest

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/household"
)

// seeds adds every file matching pattern as a seed.
func seeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// FuzzReadCSV feeds the indicator reader arbitrary bytes, seeded with the
// files of testdata/: it must never panic, must refuse with RowErrors or
// an error naming the file, and must return only finite values.
func FuzzReadCSV(f *testing.F) {
	seeds(f, filepath.Join("testdata", "*.csv"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadCSV(bytes.NewReader(data), "fuzz.csv", Options{Period: "2025"})
		if err != nil {
			return
		}
		for _, r := range tab.Rows {
			for _, v := range r.Values {
				if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
					t.Fatalf("line %d: value %v accepted", r.Line, v.Value)
				}
			}
		}
	})
}

// fuzzHouseholds reads data written to a file of the given name as a
// household list and checks what comes back.
func fuzzHouseholds(t *testing.T, name string, data []byte) {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	n := 0
	_, err := ReadHouseholds(context.Background(), path, nil, func(r *household.Record) error {
		n++
		if r.Row <= 0 {
			t.Fatalf("record without a row number: %+v", r)
		}
		return nil
	}, nil, FileOptions{TempDir: tmp})
	var es RowErrors
	if err != nil && !errors.As(err, &es) && !errors.Is(err, os.ErrNotExist) {
		// I/O errors are returned wrapped; nothing else may come out.
		if len(err.Error()) == 0 {
			t.Fatal("empty error")
		}
	}
	if len(err2msg(err)) > 20000 {
		t.Fatalf("message of %d bytes", len(err2msg(err)))
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Fatalf("left in the temp folder: %v", left)
	}
}

func err2msg(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// FuzzReadHouseholdsCSV feeds the household-list reader arbitrary CSV,
// seeded with testdata/households/.
func FuzzReadHouseholdsCSV(f *testing.F) {
	seeds(f, filepath.Join("testdata", "households", "*.csv"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzHouseholds(t, "fuzz.csv", data) })
}

// FuzzReadHouseholdsXLSX feeds the household-list reader arbitrary
// workbooks, seeded with a small valid one.
func FuzzReadHouseholdsXLSX(f *testing.F) {
	x := excelize.NewFile()
	hdr := []any{"No KK", "NIK", "Kode Desa", "Desil", "JML_ART"}
	x.SetSheetRow("Sheet1", "A1", &hdr)
	for i := range 5 {
		row := []any{"352301010101000" + string(rune('1'+i)), "352301410188000" + string(rune('1'+i)), "3523012001", i + 1, 3}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		x.SetSheetRow("Sheet1", cell, &row)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) { fuzzHouseholds(t, "fuzz.xlsx", data) })
}

// FuzzReadPoints feeds the point reader of count-points arbitrary text.
func FuzzReadPoints(f *testing.F) {
	f.Add([]byte("lon,lat\n112.05,-6.9\n111.9;-6.85\n"))
	f.Add([]byte("lat;lon\n-6,9;112,05\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "titik.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		pts, err := ReadPoints(path)
		if err != nil {
			return
		}
		for _, p := range pts {
			if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
				t.Fatalf("point %v accepted", p)
			}
		}
	})
}
