package spatial

import (
	"math"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// KecamatanOf returns, for each village, the index in kec of the kecamatan
// it belongs to: the one its code names, or, when the code names none of
// them (a desa keyed without kecamatan code), the one that contains its
// label point. -1 when neither finds one.
func KecamatanOf(villages, kec []*geo.Area) []int {
	byCode := make(map[string]int, len(kec))
	for i, k := range kec {
		byCode[k.Code] = i
	}
	var ix *geo.Index
	out := make([]int, len(villages))
	for i, v := range villages {
		if k, ok := byCode[v.Parent]; ok {
			out[i] = k
			continue
		}
		if ix == nil {
			ix = geo.NewIndex(kec)
		}
		out[i] = ix.At(v.Label)
	}
	return out
}

// RollupRow is one kecamatan's aggregate of an indicator over its desa.
type RollupRow struct {
	Code, Name  string
	Desa        int     // desa and kelurahan in the kecamatan
	WithValue   int     // of which have a value
	Value       float64 // sum of a count, or the rate recomputed from the sums
	Numerator   float64 // for a rate: sum of the numerator counts
	Denominator float64 // for a rate: sum of the denominator counts
	Pockets     int     // pocket desa (when pockets were given)
}

// Rollup aggregates an indicator from desa to kecamatan. A count is summed;
// a rate (a derived indicator) is recomputed from the summed numerator and
// denominator counts, never averaged. values holds the indicator by desa
// code; for a rate, num and den hold its two counts by desa code (values is
// then unused). pocket, when not nil, flags the pocket desa by index.
// Rows come in the order of kec.
func Rollup(villages, kec []*geo.Area, ind geo.Indicator, values, num, den map[string]float64, pocket []bool) []RollupRow {
	rows := make([]RollupRow, len(kec))
	for i, k := range kec {
		rows[i] = RollupRow{Code: k.Code, Name: k.Name}
	}
	for i, k := range KecamatanOf(villages, kec) {
		if k < 0 {
			continue
		}
		r := &rows[k]
		r.Desa++
		code := villages[i].Code
		if pocket != nil && i < len(pocket) && pocket[i] {
			r.Pockets++
		}
		if ind.Derived() {
			n, ok1 := num[code]
			d, ok2 := den[code]
			if ok1 && ok2 {
				r.Numerator += n
				r.Denominator += d
				r.WithValue++
			}
			continue
		}
		if v, ok := values[code]; ok && !math.IsNaN(v) {
			r.Value += v
			r.WithValue++
		}
	}
	for i := range rows {
		r := &rows[i]
		if ind.Derived() {
			r.Value = math.NaN()
			if r.Denominator > 0 {
				scale := ind.Scale
				if scale == 0 {
					scale = 1
				}
				r.Value = r.Numerator / r.Denominator * scale
			}
		} else if r.WithValue == 0 {
			r.Value = math.NaN()
		}
	}
	return rows
}
