package spatial

import (
	"math"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// RollupRow is one kecamatan's aggregate of an indicator over its desa.
type RollupRow struct {
	Code, Name  string
	Desa        int     // desa and kelurahan in the kecamatan
	WithValue   int     // of which have a value
	Value       float64 // sum of a count, or the rate recomputed from the sums
	Numerator   float64 // for a rate: sum of the numerator counts
	Denominator float64 // for a rate: sum of the denominator counts
	Pockets     int     // pocket desa (when pockets were given)
	// Categories counts the desa of each category of a categorical
	// indicator (indexed like Indicator.Categories); nil otherwise.
	Categories []int
}

// Rollup aggregates an indicator from desa to kecamatan. A count is summed;
// a rate (a derived indicator) is recomputed from the summed numerator and
// denominator counts, never averaged; a value (geo.KindValue: an index
// such as IDM, a score) is the mean over the desa that have one, as the
// publishers of such indices aggregate them; a category (the IDM status)
// is counted per category, and Value is the most frequent one (of a tie,
// the first: the most deprived of an ordered scale). values holds the indicator by desa
// code; for a rate, num and den hold its two counts by desa code (values is
// then unused). pocket, when not nil, flags the pocket desa by index.
// Rows come in the order of kec.
func Rollup(villages, kec []*geo.Area, ind geo.Indicator, values, num, den map[string]float64, pocket []bool) []RollupRow {
	rows := make([]RollupRow, len(kec))
	for i, k := range kec {
		rows[i] = RollupRow{Code: k.Code, Name: k.Name}
	}
	for i, k := range geo.KecamatanOf(villages, kec) {
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
			if c := int(v); ind.Categorical() && c >= 0 && c < len(ind.Categories) {
				if r.Categories == nil {
					r.Categories = make([]int, len(ind.Categories))
				}
				r.Categories[c]++
			}
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
		} else if ind.Categorical() {
			r.Value = float64(mode(r.Categories))
		} else if ind.Kind() == geo.KindValue {
			r.Value /= float64(r.WithValue)
		}
	}
	return rows
}

// mode returns the index of the largest count, the first of a tie; -1 for
// none.
func mode(counts []int) int {
	best := -1
	for i, n := range counts {
		if n > 0 && (best < 0 || n > counts[best]) {
			best = i
		}
	}
	return best
}
