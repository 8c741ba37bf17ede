package render

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
)

// Legend is the classification of one indicator over the village areas:
// what the map shows and what the legend lists.
type Legend struct {
	Indicator geo.Indicator
	Breaks    classify.Breaks
	Colors    []color.RGBA
	Counts    []int
	NoData    int
	Fills     []color.RGBA // per village area; A == 0 for no data
	Values    []float64    // per village area; NaN for no data
}

// NewLegend classifies values (by area code) of ind over areas in five
// quantile classes, coloured with a sequential colour-blind-safe ramp.
func NewLegend(ind geo.Indicator, areas []*geo.Area, values map[string]float64) Legend {
	l := Legend{Indicator: ind, Values: make([]float64, len(areas)), Fills: make([]color.RGBA, len(areas))}
	for i, a := range areas {
		v, ok := values[a.Code]
		if !ok {
			v = math.NaN()
			l.NoData++
		}
		l.Values[i] = v
	}
	br, err := classify.Quantile(l.Values, 5)
	if err != nil {
		return l
	}
	l.Breaks = br
	ramp := classify.Blues
	if ind.HigherIsPoorer {
		ramp = classify.YlOrRd
	}
	l.Colors = ramp.Pick(br.Classes())
	l.Counts = br.Counts(l.Values)
	for i, v := range l.Values {
		if c := br.Class(v); c >= 0 {
			l.Fills[i] = l.Colors[c]
		}
	}
	return l
}

// FormatValue writes v in the indicator's unit, Indonesian style.
func FormatValue(ind geo.Indicator, v float64) string {
	if math.IsNaN(v) {
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

// ClassLabel is the range of class i as shown in the legend: "3,1 – 5,2 %".
func (l Legend) ClassLabel(i int) string {
	lo, hi := l.Breaks.Lower(i), l.Breaks.Uppers[i]
	unit := l.Indicator.Unit
	num := func(v float64) string { return idfmt.Number(v, decimals(l.Indicator, v)) }
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

// Title is the legend heading: label and unit.
func (l Legend) Title() string {
	t := l.Indicator.Label
	if l.Indicator.Unit != "" && !strings.Contains(t, "(") {
		t += " (" + l.Indicator.Unit + ")"
	}
	return t
}

// CountLabel says how many desa are in a class.
func CountLabel(n int) string { return fmt.Sprintf("%s desa", idfmt.Number(float64(n), 0)) }
