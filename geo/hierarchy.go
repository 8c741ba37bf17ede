package geo

import (
	"fmt"
	"strings"
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
	for _, a := range areas {
		byCode[a.Code] = a
	}
	villages, kec := Split(areas)
	if len(kec) == 0 {
		return nil
	}
	ix := NewIndex(kec)
	var out []Mismatch
	for _, a := range villages {
		p := byCode[a.Parent]
		if p != nil && len(p.Geom) == 0 {
			continue
		}
		if p != nil && p.Contains(a.Label) {
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
	for i, m := range mm {
		if i == 10 {
			fmt.Fprintf(&b, "\n… dan %d desa lainnya", len(mm)-10)
			break
		}
		where := "di luar semua kecamatan"
		if m.Actual != "" {
			where = "berada di kecamatan " + m.Actual
		}
		fmt.Fprintf(&b, "\n- %s %s: kode menunjuk kecamatan %s, tetapi titik labelnya %s", m.Code, m.Name, m.Parent, where)
	}
	return b.String()
}

// KecamatanOf returns, for each village, the index in kec of the kecamatan
// it belongs to: the one its code names, or, when the code names none of
// them (a desa keyed without kecamatan code), the one that contains its
// label point. -1 when neither finds one.
func KecamatanOf(villages, kec []*Area) []int {
	byCode := make(map[string]int, len(kec))
	for i, k := range kec {
		byCode[k.Code] = i
	}
	var ix *Index
	out := make([]int, len(villages))
	for i, v := range villages {
		if k, ok := byCode[v.Parent]; ok {
			out[i] = k
			continue
		}
		if ix == nil {
			ix = NewIndex(kec)
		}
		out[i] = ix.At(v.Label)
	}
	return out
}
