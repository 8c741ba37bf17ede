package store

import (
	"bytes"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/internal/wkbgeom"
)

// FuzzDecodeGeom feeds the stored-geometry decoder (WKB) arbitrary bytes,
// seeded with the Tuban kecamatan as stored: it must never panic and must
// return polygons or an error.
func FuzzDecodeGeom(f *testing.F) {
	l, err := geo.ReadGeoJSON(bytes.NewReader(assets.TubanKecamatan), "kecamatan", geo.ReadOptions{})
	if err != nil {
		f.Fatal(err)
	}
	for _, a := range l.Areas[:5] {
		if b, err := wkb.Marshal(a.Geom); err == nil {
			f.Add(b)
		}
	}
	if b, err := wkb.Marshal(orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		mp, err := wkbgeom.Decode(data)
		if err == nil && mp == nil {
			t.Fatal("no geometry and no error")
		}
	})
}
