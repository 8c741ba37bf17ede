package geo

import (
	"fmt"
	"strings"
)

// Direction says which way an indicator points towards poverty: whether a
// higher value means a poorer area (the share of desil-1 households), a
// lower value does (a development index such as IDM or its economic part
// IKE, an income), or neither (counts of people or households, whose
// clusters are only where many people live). It decides the colour ramp
// and which LISA clusters are poverty pockets.
type Direction int

// The three directions. The zero value is Neither: an indicator is never a
// poverty measure until someone says which way it points.
const (
	Neither Direction = iota
	HigherIsPoorer
	LowerIsPoorer
)

// Directions lists every direction, in the order choices show them.
var Directions = []Direction{HigherIsPoorer, LowerIsPoorer, Neither}

// Key is the direction's stable name: "higher", "lower" or "neither", as
// stored in the database and typed with --poorer.
func (d Direction) Key() string {
	switch d {
	case HigherIsPoorer:
		return "higher"
	case LowerIsPoorer:
		return "lower"
	}
	return "neither"
}

// String is Key.
func (d Direction) String() string { return d.Key() }

// Label says the direction in Indonesian, for forms and method texts.
func (d Direction) Label() string {
	switch d {
	case HigherIsPoorer:
		return "nilai lebih tinggi = lebih miskin"
	case LowerIsPoorer:
		return "nilai lebih rendah = lebih miskin"
	}
	return "tidak menunjukkan kemiskinan"
}

// ParseDirection reads a direction from its key ("higher", "lower",
// "neither") or an Indonesian word for it ("tinggi", "rendah", "netral").
func ParseDirection(s string) (Direction, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "higher", "tinggi", "lebih-tinggi":
		return HigherIsPoorer, nil
	case "lower", "rendah", "lebih-rendah":
		return LowerIsPoorer, nil
	case "neither", "none", "netral", "tidak":
		return Neither, nil
	}
	return Neither, fmt.Errorf("arah %q tidak dikenal; pilih higher (nilai tinggi = lebih miskin), lower (nilai rendah = lebih miskin) atau neither", s)
}

// Poorer reports whether value a is poorer than b in direction d; always
// false for Neither.
func (d Direction) Poorer(a, b float64) bool {
	switch d {
	case HigherIsPoorer:
		return a > b
	case LowerIsPoorer:
		return a < b
	}
	return false
}

// Indicator describes a measure kept per area and period. A derived
// indicator is the ratio Numerator/Denominator of two count indicators,
// times Scale (100 for a percentage), always computed from the counts and
// never by averaging rates.
type Indicator struct {
	Key         string    // stable identifier, e.g. "rt_desil1"
	Label       string    // Indonesian label shown in the UI
	Unit        string    // "rumah tangga", "jiwa", "%"
	Poorer      Direction // which way the indicator points towards poverty
	Source      string    // where the numbers come from
	Period      string    // default period, e.g. "2025"
	Synthetic   bool      // true for generated sample data
	Numerator   string    // for derived indicators: key of the numerator count
	Denominator string    // for derived indicators: key of the denominator count
	Scale       float64   // for derived indicators: factor, e.g. 100
	// Sort says what sort of number a non-derived indicator is, KindCount
	// or KindValue, as the import found it or the user set it; "" leaves it
	// to Kind's guess from the unit.
	Sort string
	// Categories names the categories of a categorical indicator (the
	// IDM status), a value v standing for Categories[v]; nil for a
	// numeric one. Ordered says they are ranked, most deprived first
	// when the indicator points towards poverty (Sangat Tertinggal <
	// Tertinggal < Berkembang < Maju < Mandiri, lower is poorer).
	Categories []string
	Ordered    bool
}

// Derived reports whether the indicator is a ratio of two other indicators.
func (ind Indicator) Derived() bool { return ind.Numerator != "" && ind.Denominator != "" }

// Kinds of indicator, as Kind names them.
const (
	KindRate  = "rate"  // a ratio recomputed from two counts
	KindCount = "count" // a number of households, persons, findings …
	KindValue = "value" // anything else: an index, a score, an amount
)

// countUnits are the units of counts.
var countUnits = map[string]bool{"rumah tangga": true, "jiwa": true, "orang": true, "KK": true, "temuan": true,
	"intervensi": true, "desa": true, "keluarga": true}

// Kind says what sort of number the indicator is: KindRate for a derived
// indicator; KindCategory for a categorical one; else Sort when set; else KindCount when its unit counts
// people, households or things, KindValue otherwise. In a kecamatan
// roll-up counts are summed, rates recomputed from their counts, and
// values (an index such as IDM) averaged over the desa that have one.
func (ind Indicator) Kind() string {
	switch {
	case ind.Derived():
		return KindRate
	case ind.Categorical():
		return KindCategory
	case ind.Sort == KindCount || ind.Sort == KindValue:
		return ind.Sort
	case countUnits[ind.Unit]:
		return KindCount
	}
	return KindValue
}

// ParseKind reads "count" (jumlah) or "value" (nilai).
func ParseKind(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case KindCount, "jumlah":
		return KindCount, nil
	case KindValue, "nilai", "indeks":
		return KindValue, nil
	}
	return "", fmt.Errorf("jenis %q tidak dikenal; pilih count (jumlah: dijumlahkan per kecamatan) atau value (nilai: dirata-ratakan per kecamatan)", s)
}

// Value is one indicator value for one area and period.
type Value struct {
	Code      string
	Indicator string
	Period    string
	Value     float64
}

// LatestValues picks, in the order of inds, the latest value of every
// indicator that has one among byInd (indicator key → period → value): a
// derived indicator from the latest period in which both its counts are
// present and the denominator is not zero. Both stores' AreaValues use it.
func LatestValues(inds []Indicator, byInd map[string]map[string]float64) []AreaValue {
	var out []AreaValue
	for _, ind := range inds {
		var (
			best  AreaValue
			found bool
		)
		if ind.Derived() {
			sc := ind.Scale
			if sc == 0 {
				sc = 1
			}
			den := byInd[ind.Denominator]
			for p, n := range byInd[ind.Numerator] {
				if d := den[p]; d != 0 && (!found || p > best.Period) {
					best, found = AreaValue{Indicator: ind, Period: p, Value: n * sc / d}, true
				}
			}
		} else {
			for p, v := range byInd[ind.Key] {
				if !found || p > best.Period {
					best, found = AreaValue{Indicator: ind, Period: p, Value: v}, true
				}
			}
		}
		if found {
			out = append(out, best)
		}
	}
	return out
}
