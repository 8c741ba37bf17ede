package render

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
)

// Legend is what a map of one indicator shows and its legend lists: a
// classification of the values into coloured classes, or categories (such
// as LISA clusters) with their own names.
type Legend struct {
	Indicator geo.Indicator
	Method    classify.Method
	Breaks    classify.Breaks
	Colors    []color.RGBA
	Names     []string // category names; nil for a classification
	Counts    []int
	NoData    int
	Fills     []color.RGBA // per area; A == 0 for no data
	Values    []float64    // per area; NaN for no data
	Note      string       // how the classes were made, for the legend
	// Outlined is the entry of the areas the map outlines over the fills
	// (the poverty pockets): its label and count; Label "" for none. The
	// screen and the print legends both list it.
	Outlined OutlineEntry
}

// OutlineEntry is a legend entry for outlined areas.
type OutlineEntry struct {
	Label string
	Count int
}

// ValuesOf returns the values of areas from a map by code, NaN where
// missing.
func ValuesOf(areas []*geo.Area, byCode map[string]float64) []float64 {
	out := make([]float64, len(areas))
	for i, a := range areas {
		v, ok := byCode[a.Code]
		if !ok {
			v = math.NaN()
		}
		out[i] = v
	}
	return out
}

// NewLegend classifies values (by area code) of ind over areas in five
// quantile classes, coloured with a sequential colour-blind-safe ramp.
func NewLegend(ind geo.Indicator, areas []*geo.Area, values map[string]float64) Legend {
	l, _ := ClassLegend(ind, ValuesOf(areas, values), classify.MethodQuantile, 5, nil)
	return l
}

// RampFor returns the ramp an indicator is drawn with: yellow to red
// towards poverty (red for the highest values when a higher value is
// poorer, for the lowest when a lower one is), blues for an indicator that
// does not measure poverty.
func RampFor(ind geo.Indicator) classify.Ramp {
	switch ind.Poorer {
	case geo.HigherIsPoorer:
		return classify.YlOrRd
	case geo.LowerIsPoorer:
		return classify.YlOrRd.Reversed()
	}
	return classify.Blues
}

// ClassLegend classifies values (one per area, NaN for no data) with
// method m into k classes (or the manual upper limits).
func ClassLegend(ind geo.Indicator, values []float64, m classify.Method, k int, manual []float64) (Legend, error) {
	l := Legend{Indicator: ind, Method: m, Values: values, Fills: make([]color.RGBA, len(values))}
	for _, v := range values {
		if math.IsNaN(v) {
			l.NoData++
		}
	}
	br, err := classify.Classify(values, m, k, manual)
	if err != nil {
		return l, err
	}
	l.Breaks = br
	l.Colors = RampFor(ind).Palette(br.Classes())
	l.Counts = br.Counts(values)
	for i, v := range values {
		if c := br.Class(v); c >= 0 {
			l.Fills[i] = l.Colors[c]
		}
	}
	l.Note = fmt.Sprintf("%s, %d kelas. %s", m.Label(), br.Classes(), classify.RuleText)
	return l, nil
}

// CategoryLegend is a legend of named categories: cats holds each area's
// category index (-1 for no data), names and colors describe them.
func CategoryLegend(ind geo.Indicator, values []float64, cats []int, names []string, colors []color.RGBA, note string) Legend {
	l := Legend{Indicator: ind, Values: values, Names: names, Colors: colors, Counts: make([]int, len(names)),
		Fills: make([]color.RGBA, len(cats)), Note: note}
	for i, c := range cats {
		if c < 0 {
			l.NoData++
			continue
		}
		l.Counts[c]++
		l.Fills[i] = colors[c]
	}
	return l
}

// FormatValue writes v in the indicator's unit, Indonesian style.
// A categorical indicator's value is the name of its category.
func FormatValue(ind geo.Indicator, v float64) string {
	if math.IsNaN(v) {
		return "tidak ada data"
	}
	if ind.Categorical() {
		if c, ok := ind.Category(v); ok {
			return c
		}
		return "tidak ada data"
	}
	s := idfmt.Auto(v)
	if ind.Derived() || v != math.Trunc(v) {
		s = idfmt.Number(v, decimals(ind, v))
	}
	switch ind.Unit {
	case "":
		return s
	case "%":
		return s + " %"
	}
	return s + " " + ind.Unit
}

func decimals(ind geo.Indicator, v float64) int {
	if math.Abs(v) >= 100 {
		return 0
	}
	if ind.Derived() || math.Abs(v) >= 10 {
		return 1
	}
	return 2
}

// ClassLabel is the range of class i as shown in the legend, "3,1 – 5,2 %",
// or the name of category i.
func (l Legend) ClassLabel(i int) string {
	if l.Names != nil {
		return l.Names[i]
	}
	lo, hi := l.Breaks.Lower(i), l.Breaks.Uppers[i]
	unit := l.Indicator.Unit
	least := l.distinctDecimals()
	num := func(v float64) string { return idfmt.Number(v, max(least, decimals(l.Indicator, v))) }
	if !l.Indicator.Derived() && lo == math.Trunc(lo) && hi == math.Trunc(hi) {
		num = func(v float64) string { return idfmt.Number(v, 0) }
	}
	s := num(lo) + " – " + num(hi)
	if i > 0 {
		s = "> " + num(lo) + " – " + num(hi)
	}
	if unit == "%" {
		s += " %"
	}
	return s
}

// distinctDecimals is the fewest decimals (up to 6) at which the class
// limits all read differently: IDM limits 0,8312 and 0,8345 are not both
// "0,83".
func (l Legend) distinctDecimals() int {
	limits := slices.Compact(slices.Sorted(slices.Values(append([]float64{l.Breaks.Min}, l.Breaks.Uppers...))))
	for d := 0; d < 6; d++ {
		seen := map[string]bool{}
		for _, u := range limits {
			seen[idfmt.Number(u, d)] = true
		}
		if len(seen) == len(limits) {
			return d
		}
	}
	return 6
}

// Title is the legend heading: label and unit.
func (l Legend) Title() string {
	t := l.Indicator.Label
	if l.Indicator.Unit != "" && l.Indicator.Unit != "indeks" && !strings.Contains(t, "(") {
		t += " (" + l.Indicator.Unit + ")"
	}
	return t
}

// CountLabel says how many desa are in a class.
func CountLabel(n int) string { return fmt.Sprintf("%s desa", idfmt.Number(float64(n), 0)) }

// qualitative are ColorBrewer's Set2 and Dark2 colours (colour-blind
// friendly for the first eight), for categories without an order.
var qualitative = []color.RGBA{
	{0x66, 0xc2, 0xa5, 255}, {0xfc, 0x8d, 0x62, 255}, {0x8d, 0xa0, 0xcb, 255}, {0xe7, 0x8a, 0xc3, 255},
	{0xa6, 0xd8, 0x54, 255}, {0xff, 0xd9, 0x2f, 255}, {0xe5, 0xc4, 0x94, 255}, {0xb3, 0xb3, 0xb3, 255},
	{0x1b, 0x9e, 0x77, 255}, {0xd9, 0x5f, 0x02, 255}, {0x75, 0x70, 0xb3, 255}, {0xe7, 0x29, 0x8a, 255},
}

// CategoryColors returns the colours of a categorical indicator's
// categories: an ordered scale runs along the indicator's ramp (red for
// the most deprived when it points towards poverty); unordered categories
// get distinct qualitative colours (repeating after twelve).
func CategoryColors(ind geo.Indicator) []color.RGBA {
	n := len(ind.Categories)
	if ind.Ordered {
		return RampFor(ind).Palette(n)
	}
	out := make([]color.RGBA, n)
	for i := range out {
		out[i] = qualitative[i%len(qualitative)]
	}
	return out
}

// CategoricalLegend is the legend of a categorical indicator over areas
// (values are category indexes, NaN for no data): every category with its
// colour and how many areas have it, in the categories' order.
func CategoricalLegend(ind geo.Indicator, values []float64) Legend {
	cats := make([]int, len(values))
	for i, v := range values {
		cats[i] = -1
		if _, ok := ind.Category(v); ok {
			cats[i] = int(v)
		}
	}
	note := "Kategori tanpa urutan."
	if ind.Ordered {
		note = "Kategori berurutan: " + strings.Join(ind.Categories, " < ") + "."
	}
	return CategoryLegend(ind, values, cats, ind.Categories, CategoryColors(ind), note)
}
