package shp

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadShp feeds arbitrary bytes as the .shp and .dbf: the readers
// return shapes and records or an error, never panic, and never more
// records than the bytes can hold.
func FuzzReadShp(f *testing.F) {
	for _, name := range []string{"desa.shp", "desa.dbf"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte{0, 0, 0x27, 0x0a})
	f.Fuzz(func(t *testing.T, b []byte) {
		if gs, err := readShp(b); err == nil && len(gs)*12 > len(b) {
			t.Fatalf("%d shapes from %d bytes", len(gs), len(b))
		}
		if recs, err := readDbf(b, nil); err == nil && len(recs) > len(b) {
			t.Fatalf("%d records from %d bytes", len(recs), len(b))
		}
	})
}
