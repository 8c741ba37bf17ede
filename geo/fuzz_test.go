package geo

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dinsos-tuban/pocketmap/assets"
)

// FuzzReadGeoJSON feeds the boundary reader arbitrary bytes, seeded with
// every file of testdata/ (good and bad) and the embedded Tuban kecamatan:
// it must never panic, must refuse with InputErrors (or a FieldsError) and
// must return only areas that are sound: a valid code, a closed geometry
// inside lon/lat range, an area and a label point inside it.
func FuzzReadGeoJSON(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.geojson"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add(assets.TubanKecamatan)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ReadGeoJSON(bytes.NewReader(data), "fuzz.geojson", ReadOptions{})
		if err != nil {
			var ie InputErrors
			var fe *FieldsError
			if !errors.As(err, &ie) && !errors.As(err, &fe) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, a := range l.Areas {
			if _, err := NormalizeCode(a.Code); err != nil {
				t.Fatalf("area with code %q accepted: %v", a.Code, err)
			}
			if len(a.Geom) == 0 {
				continue
			}
			for _, p := range a.Geom {
				for _, r := range p {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("%s: ring of %d points, closed %v", a.Code, len(r), len(r) > 0 && r[0] == r[len(r)-1])
					}
					for _, q := range r {
						if !(q[0] >= -180 && q[0] <= 180 && q[1] >= -90 && q[1] <= 90) {
							t.Fatalf("%s: point %v out of range", a.Code, q)
						}
					}
				}
			}
			if !(a.AreaKm2 >= 0) {
				t.Fatalf("%s: area %v", a.Code, a.AreaKm2)
			}
		}
	})
}
