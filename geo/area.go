package geo

import (
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Level is the administrative level of an area.
type Level int

// The administrative levels, from the province down to the desa/kelurahan.
const (
	LevelUnknown Level = iota
	LevelProvinsi
	LevelKabupaten
	LevelKecamatan
	LevelDesa      // a desa: last code part starts with 2 (or 3, desa adat)
	LevelKelurahan // a kelurahan: last code part starts with 1
)

var levelNames = [...]string{"", "provinsi", "kabupaten", "kecamatan", "desa", "kelurahan"}

// String returns the Indonesian name of the level as stored in the database.
func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return ""
	}
	return levelNames[l]
}

// IsVillage reports whether the level is desa or kelurahan, the finest level.
func (l Level) IsVillage() bool { return l == LevelDesa || l == LevelKelurahan }

// ParseLevel returns the level named by s ("desa", "kecamatan", ...).
func ParseLevel(s string) Level {
	s = strings.ToLower(strings.TrimSpace(s))
	for i, n := range levelNames {
		if i > 0 && n == s {
			return Level(i)
		}
	}
	if s == "kota" {
		return LevelKabupaten
	}
	return LevelUnknown
}

// Area is one administrative unit with its boundary and derived facts.
type Area struct {
	Code    string           // Kemendagri code, dotted: 35.23.01.2001
	Name    string           // official name
	Level   Level            // from the code
	Parent  string           // code of the enclosing unit ("" at the top)
	Geom    orb.MultiPolygon // WGS84 lon/lat, outer rings and holes
	Bound   orb.Bound        // bounding box of Geom
	Label   orb.Point        // a point inside the polygon for labels and checks
	AreaKm2 float64          // area on the WGS84 ellipsoid, km²
}

// ParentName is a convenience used by reports: the Name of the parent area
// in byCode, or "".
func ParentName(a *Area, byCode map[string]*Area) string {
	if p, ok := byCode[a.Parent]; ok {
		return p.Name
	}
	return ""
}

// Fill computes the derived fields Bound, Label and AreaKm2 from Geom.
func (a *Area) Fill() {
	a.Bound = a.Geom.Bound()
	a.Label = LabelPoint(a.Geom)
	a.AreaKm2 = AreaKm2(a.Geom)
}

// Split returns the desa and kelurahan, and the kecamatan, of areas that
// have a boundary, each in the order given: the two layers a map of
// desa with kecamatan borders is drawn from.
func Split(areas []*Area) (villages, kecamatan []*Area) {
	for _, a := range areas {
		switch {
		case len(a.Geom) == 0:
		case a.Level.IsVillage():
			villages = append(villages, a)
		case a.Level == LevelKecamatan:
			kecamatan = append(kecamatan, a)
		}
	}
	return villages, kecamatan
}

// Contains reports whether p lies in the area: inside an outer ring or on
// its edge, and not inside a hole (a point on a hole's edge is outside).
// It needs Fill to have set Bound; an area without boundary contains
// nothing.
func (a *Area) Contains(p orb.Point) bool {
	return len(a.Geom) > 0 && a.Bound.Contains(p) && planar.MultiPolygonContains(a.Geom, p)
}
