// Package wkbgeom encodes and decodes boundaries as WKB, the form both
// stores keep them in (a BLOB in SQLite, PostGIS geometry on the server).
// It is apart from geo because orb's WKB encoding brings database/sql.
package wkbgeom

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// Decode decodes the WKB of a polygon or multipolygon.
func Decode(b []byte) (orb.MultiPolygon, error) {
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return nil, err
	}
	switch g := g.(type) {
	case orb.MultiPolygon:
		return g, nil
	case orb.Polygon:
		return orb.MultiPolygon{g}, nil
	}
	return nil, fmt.Errorf("geometri berjenis %s, bukan poligon", g.GeoJSONType())
}

// Encode encodes a boundary, nil for none.
func Encode(g orb.MultiPolygon) ([]byte, error) {
	if len(g) == 0 {
		return nil, nil
	}
	return wkb.Marshal(g)
}
