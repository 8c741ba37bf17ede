package geo

import (
	"math"
	"slices"
	"strings"
)

// KindCategory is the Kind of a categorical indicator: its values are
// categories (the IDM status of a desa, a desa typology), stored as the
// index of the category in Indicator.Categories.
const KindCategory = "category"

// Categorical reports whether the indicator's values are categories.
func (ind Indicator) Categorical() bool { return len(ind.Categories) > 0 }

// Category returns the name of the category a stored value stands for,
// and false for a value that is no category of ind (NaN, a fraction, out
// of range).
func (ind Indicator) Category(v float64) (string, bool) {
	if math.IsNaN(v) || v != math.Trunc(v) || v < 0 || int(v) >= len(ind.Categories) {
		return "", false
	}
	return ind.Categories[int(v)], true
}

// CategoryIndex returns the index of the category named s (compared as
// NormalizeName does: "SANGAT TERTINGGAL" is "Sangat Tertinggal"), or -1.
func (ind Indicator) CategoryIndex(s string) int {
	n := NormalizeName(s)
	return slices.IndexFunc(ind.Categories, func(c string) bool { return NormalizeName(c) == n })
}

// OrdinalScale is a published ordered set of categories, from the most
// deprived to the best off.
type OrdinalScale struct {
	Name       string   // what it grades, for messages
	Categories []string // in order, most deprived first
	Source     string   // who defines it
}

// IDMStatus is the status of a desa in the Indeks Desa Membangun of the
// Ministry of Villages (Kemendes PDTT), set by thresholds on the index:
// Sangat Tertinggal ≤ 0,4907 < Tertinggal ≤ 0,5989 < Berkembang ≤ 0,7072
// < Maju ≤ 0,8155 < Mandiri.
var IDMStatus = OrdinalScale{
	Name:       "status IDM",
	Categories: []string{"Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri"},
	Source:     "Permendesa PDTT No. 2 Tahun 2016 tentang Indeks Desa Membangun",
}

// OrdinalScales are the ordered category sets recognised in files.
var OrdinalScales = []OrdinalScale{IDMStatus}

// CategoriesOf returns the categories of the texts a column holds: the
// whole of a known ordinal scale when every text is one of its categories
// (ordered true, even if the file uses only some of them), else the
// distinct texts as first written, sorted by their normalised form.
func CategoriesOf(texts []string) (cats []string, ordered bool) {
	seen := map[string]bool{}
	var distinct []string
	for _, t := range texts {
		n := NormalizeName(t)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		distinct = append(distinct, strings.TrimSpace(t))
	}
	for _, sc := range OrdinalScales {
		in := Indicator{Categories: sc.Categories}
		if len(distinct) > 0 && !slices.ContainsFunc(distinct, func(t string) bool { return in.CategoryIndex(t) < 0 }) {
			return slices.Clone(sc.Categories), true
		}
	}
	slices.SortFunc(distinct, func(a, b string) int { return strings.Compare(NormalizeName(a), NormalizeName(b)) })
	return distinct, false
}

// MergeCategories returns the categories of an indicator that had old and
// now also gets new: old's list with the categories of new it lacks
// appended (an ordered scale keeps its order, as both are then the same
// scale). remap[i] is the index in the merged list of new[i].
func MergeCategories(old, new []string) (merged []string, remap []int) {
	merged = slices.Clone(old)
	in := Indicator{Categories: merged}
	remap = make([]int, len(new))
	for i, c := range new {
		j := in.CategoryIndex(c)
		if j < 0 {
			j = len(merged)
			merged = append(merged, c)
			in.Categories = merged
		}
		remap[i] = j
	}
	return merged, remap
}
