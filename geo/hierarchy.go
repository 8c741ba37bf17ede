package geo

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb/planar"
)

// Mismatch is a village whose label point does not lie in the kecamatan
// its code names: the code hierarchy and the geometry disagree.
type Mismatch struct {
	Code, Name string
	Parent     string // kecamatan named by the code
	Actual     string // kecamatan that contains the label point, or ""
}

// CheckHierarchy checks the Kemendagri hierarchy spatially: each village
// area's label point (a point on its surface) must lie in the polygon of
// the kecamatan its code names. Villages whose kecamatan has no geometry
// are not checked.
func CheckHierarchy(areas []*Area) []Mismatch {
	byCode := make(map[string]*Area, len(areas))
	var kec []*Area
	for _, a := range areas {
		byCode[a.Code] = a
		if a.Level == LevelKecamatan && len(a.Geom) > 0 {
			kec = append(kec, a)
		}
	}
	if len(kec) == 0 {
		return nil
	}
	ix := NewIndex(kec)
	var out []Mismatch
	for _, a := range areas {
		if !a.Level.IsVillage() || len(a.Geom) == 0 {
			continue
		}
		p := byCode[a.Parent]
		if p != nil && len(p.Geom) == 0 {
			continue
		}
		if p != nil && p.Bound.Contains(a.Label) && planar.MultiPolygonContains(p.Geom, a.Label) {
			continue
		}
		m := Mismatch{Code: a.Code, Name: a.Name, Parent: a.Parent}
		if i := ix.At(a.Label); i >= 0 {
			m.Actual = kec[i].Code
		}
		out = append(out, m)
	}
	return out
}

// MismatchReport explains mismatches in Indonesian, one per line.
func MismatchReport(mm []Mismatch) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d desa tidak terletak di kecamatan yang ditunjuk kodenya:", len(mm))
	for _, m := range mm {
		where := "di luar semua kecamatan"
		if m.Actual != "" {
			where = "berada di kecamatan " + m.Actual
		}
		fmt.Fprintf(&b, "\n- %s %s: kode menunjuk kecamatan %s, tetapi titik labelnya %s", m.Code, m.Name, m.Parent, where)
	}
	return b.String()
}
