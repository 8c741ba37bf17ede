// Package classify groups indicator values into classes for choropleth maps
// and holds the colour ramps they are drawn with.
//
// One rule decides where a value exactly on a break goes, everywhere:
// classes are closed above. Class i holds the values v with
// Breaks[i-1] < v <= Breaks[i]; the first class also holds its lower limit.
// Every method returns its breaks as the upper limits of the classes, so the
// rule holds whichever method made them.
//
// The methods are Quantile, EqualInterval, Jenks (exact Fisher–Jenks natural
// breaks), StdDev and Manual; Classify picks one by Method. All ignore NaN
// (and infinite) values. The package also holds the ColorBrewer ramps, the
// GeoDa LISA cluster colours and the empirical Bayes rate smoother, since
// smoothed rates are what usually gets classified.
package classify

import (
	"fmt"
	"math"
	"slices"
)

// Breaks are the upper limits of the classes, ascending; the last equals the
// maximum. Min is the lower limit of the first class.
type Breaks struct {
	Min    float64
	Uppers []float64
}

// RuleText states the boundary rule in Indonesian for legends.
const RuleText = "Nilai tepat pada batas kelas masuk ke kelas yang lebih rendah (batas atas termasuk)."

// Classes returns the number of classes.
func (b Breaks) Classes() int { return len(b.Uppers) }

// Class returns the class of v, from 0, or -1 for NaN.
func (b Breaks) Class(v float64) int {
	if math.IsNaN(v) || len(b.Uppers) == 0 {
		return -1
	}
	// The first upper limit >= v.
	i, _ := slices.BinarySearch(b.Uppers, v)
	if i >= len(b.Uppers) {
		return len(b.Uppers) - 1
	}
	return i
}

// Lower returns the lower limit of class i.
func (b Breaks) Lower(i int) float64 {
	if i == 0 {
		return b.Min
	}
	return b.Uppers[i-1]
}

// Quantile returns breaks that put about the same number of values in each
// of k classes. Breaks that would repeat (many equal values) are merged, so
// fewer classes may result. values need not be sorted; NaNs are ignored.
// Quantile itself accepts any k >= 1; Classify holds it to MinClasses and
// MaxClasses like the other methods.
func Quantile(values []float64, k int) (Breaks, error) {
	v := sortedFinite(values)
	if len(v) == 0 {
		return Breaks{}, errNoValues
	}
	if k < 1 {
		return Breaks{}, fmt.Errorf("jumlah kelas %d; minimal 1", k)
	}
	b := Breaks{Min: v[0]}
	n := len(v)
	for i := 1; i <= k; i++ {
		// Upper limit of class i: the value at rank ceil(i*n/k).
		r := int(math.Ceil(float64(i*n)/float64(k))) - 1
		u := v[min(max(r, 0), n-1)]
		if len(b.Uppers) > 0 && u <= b.Uppers[len(b.Uppers)-1] {
			continue
		}
		b.Uppers = append(b.Uppers, u)
	}
	if last := v[n-1]; b.Uppers[len(b.Uppers)-1] < last {
		b.Uppers[len(b.Uppers)-1] = last
	}
	return b, nil
}

// Counts returns how many values fall in each class.
func (b Breaks) Counts(values []float64) []int {
	c := make([]int, len(b.Uppers))
	for _, v := range values {
		if i := b.Class(v); i >= 0 {
			c[i]++
		}
	}
	return c
}

func sortedFinite(values []float64) []float64 {
	v := make([]float64, 0, len(values))
	for _, x := range values {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			v = append(v, x)
		}
	}
	slices.Sort(v)
	return v
}
