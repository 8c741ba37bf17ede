package classify

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// MinClasses and MaxClasses bound the number of classes the methods accept:
// fewer than three says little on a choropleth map, and nine is the largest
// ColorBrewer palette.
const (
	MinClasses = 3
	MaxClasses = 9
)

var errNoValues = errors.New("tidak ada nilai untuk diklasifikasi")

func checkK(k int) error {
	if k < MinClasses || k > MaxClasses {
		return fmt.Errorf("jumlah kelas %d; harus antara %d dan %d", k, MinClasses, MaxClasses)
	}
	return nil
}

// num writes v in full, with a decimal comma, for error messages.
func num(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// Method is a way of choosing class breaks. The zero value is MethodQuantile.
type Method int

// The classification methods.
const (
	MethodQuantile      Method = iota // about the same number of areas in each class
	MethodEqualInterval               // classes of equal width from minimum to maximum
	MethodJenks                       // natural breaks: least squared deviation within classes
	MethodStdDev                      // classes one standard deviation wide, centred on the mean
	MethodManual                      // breaks typed by the user
)

var methodNames = [...]struct{ en, id, label string }{
	MethodQuantile:      {"quantile", "kuantil", "Kuantil"},
	MethodEqualInterval: {"equal", "interval-sama", "Interval sama"},
	MethodJenks:         {"jenks", "natural-breaks", "Natural breaks (Jenks)"},
	MethodStdDev:        {"stddev", "simpangan-baku", "Simpangan baku"},
	MethodManual:        {"manual", "manual", "Manual"},
}

func (m Method) valid() bool { return m >= 0 && int(m) < len(methodNames) }

// String returns the method's name as ParseMethod reads it: "quantile",
// "equal", "jenks", "stddev" or "manual".
func (m Method) String() string {
	if !m.valid() {
		return fmt.Sprintf("Method(%d)", int(m))
	}
	return methodNames[m].en
}

// Label returns the method's name in Indonesian for the interface and the
// legend: "Kuantil", "Interval sama", "Natural breaks (Jenks)",
// "Simpangan baku" or "Manual".
func (m Method) Label() string {
	if !m.valid() {
		return fmt.Sprintf("Metode(%d)", int(m))
	}
	return methodNames[m].label
}

// ParseMethod reads a method name, in English ("quantile", "equal", "jenks",
// "stddev", "manual") or Indonesian ("kuantil", "interval-sama",
// "natural-breaks", "simpangan-baku", "manual"), ignoring case and
// surrounding spaces.
func ParseMethod(s string) (Method, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for m, n := range methodNames {
		if t == n.en || t == n.id {
			return Method(m), nil
		}
	}
	return 0, fmt.Errorf("metode klasifikasi %q tidak dikenal; pilih kuantil, interval-sama, natural-breaks, simpangan-baku atau manual", s)
}

// Classify chooses breaks for values by method m in k classes, k from
// MinClasses to MaxClasses. For MethodManual k is ignored and manual holds
// the upper limits the user typed; the other methods ignore manual.
func Classify(values []float64, m Method, k int, manual []float64) (Breaks, error) {
	if m == MethodManual {
		return Manual(values, manual)
	}
	if !m.valid() {
		return Breaks{}, fmt.Errorf("metode klasifikasi %d tidak dikenal", int(m))
	}
	if err := checkK(k); err != nil {
		return Breaks{}, err
	}
	switch m {
	case MethodQuantile:
		return Quantile(values, k)
	case MethodEqualInterval:
		return EqualInterval(values, k)
	case MethodJenks:
		return Jenks(values, k)
	default: // MethodStdDev
		return StdDev(values, k)
	}
}

// EqualInterval returns k classes of equal width from the minimum to the
// maximum: class i ends at min + (i+1)·(max−min)/k, the last exactly at the
// maximum. When all values are equal there is a single class. k runs from
// MinClasses to MaxClasses; NaNs are ignored.
func EqualInterval(values []float64, k int) (Breaks, error) {
	if err := checkK(k); err != nil {
		return Breaks{}, err
	}
	v := sortedFinite(values)
	if len(v) == 0 {
		return Breaks{}, errNoValues
	}
	lo, hi := v[0], v[len(v)-1]
	b := Breaks{Min: lo}
	width := (hi - lo) / float64(k)
	for i := 1; i < k; i++ {
		u := lo + float64(i)*width
		if u > lo && u < hi && (len(b.Uppers) == 0 || u > b.Uppers[len(b.Uppers)-1]) {
			b.Uppers = append(b.Uppers, u)
		}
	}
	b.Uppers = append(b.Uppers, hi)
	return b, nil
}

// StdDev returns classes one (population) standard deviation sd wide,
// centred on the mean, as the "standard deviation" classification of QGIS
// and ArcGIS with an interval of one sd:
//
//   - odd k: a middle class from mean−0.5·sd to mean+0.5·sd, with breaks at
//     mean ± 0.5·sd, ± 1.5·sd, … (k=5: −1.5, −0.5, +0.5, +1.5 sd);
//   - even k: breaks at the mean and at mean ± 1·sd, ± 2·sd, …
//     (k=4: −1, 0, +1 sd).
//
// The outer classes are open: the lowest runs down to the minimum and the
// highest up to the maximum. A break below the minimum or at or above the
// maximum would bound a class with no values, so it is left out and fewer
// classes result; this is common for skewed counts, whose mean − 1.5·sd is
// often below zero. sd divides by n, as QGIS does. When all values are equal
// there is a single class. k runs from MinClasses to MaxClasses; NaNs are
// ignored.
func StdDev(values []float64, k int) (Breaks, error) {
	if err := checkK(k); err != nil {
		return Breaks{}, err
	}
	v := sortedFinite(values)
	if len(v) == 0 {
		return Breaks{}, errNoValues
	}
	mean, sd := meanSD(v)
	lo, hi := v[0], v[len(v)-1]
	b := Breaks{Min: lo}
	if sd > 0 {
		for _, off := range sdOffsets(k) {
			u := mean + off*sd
			if u >= lo && u < hi && (len(b.Uppers) == 0 || u > b.Uppers[len(b.Uppers)-1]) {
				b.Uppers = append(b.Uppers, u)
			}
		}
	}
	b.Uppers = append(b.Uppers, hi)
	return b, nil
}

// sdOffsets returns the k−1 inner breaks of StdDev in standard deviations
// from the mean, ascending.
func sdOffsets(k int) []float64 {
	var offs []float64
	m := k / 2
	if k%2 == 1 {
		for j := -m; j < m; j++ {
			offs = append(offs, float64(j)+0.5)
		}
	} else {
		for j := -(m - 1); j <= m-1; j++ {
			offs = append(offs, float64(j))
		}
	}
	return offs
}

// meanSD returns the mean and the population standard deviation of v,
// computed in two passes for accuracy.
func meanSD(v []float64) (mean, sd float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	var ss float64
	for _, x := range v {
		d := x - mean
		ss += d * d
	}
	return mean, math.Sqrt(ss / float64(len(v)))
}

// Manual returns the breaks the user typed: uppers are the upper limits of
// the classes, strictly increasing, from one to MaxClasses-1 of them. The
// error for a break that is not a number or not above the one before names
// its position, counted from 1. Min is the smallest value; if the largest
// value is above the last break, one more class holds the values above it
// (breaks 10, 20 give ≤ 10, 10–20 and > 20), so every value falls in a
// class. Classes above the largest value stay, empty,
// so that maps of different years can share the same breaks; so do classes
// below the smallest value, in which case Min is lowered to the first break
// so that no class has its lower limit above its upper one.
func Manual(values []float64, uppers []float64) (Breaks, error) {
	if len(uppers) == 0 {
		return Breaks{}, errors.New("isi minimal satu batas kelas")
	}
	if len(uppers) > MaxClasses-1 {
		return Breaks{}, fmt.Errorf("%d batas kelas; paling banyak %d (untuk %d kelas)", len(uppers), MaxClasses-1, MaxClasses)
	}
	for i, u := range uppers {
		if math.IsNaN(u) || math.IsInf(u, 0) {
			return Breaks{}, fmt.Errorf("batas ke-%d bukan angka", i+1)
		}
		if i > 0 && u <= uppers[i-1] {
			return Breaks{}, fmt.Errorf("batas ke-%d (%s) harus lebih besar dari batas ke-%d (%s): batas kelas harus naik",
				i+1, num(u), i, num(uppers[i-1]))
		}
	}
	v := sortedFinite(values)
	if len(v) == 0 {
		return Breaks{}, errNoValues
	}
	b := Breaks{Min: v[0], Uppers: slices.Clone(uppers)}
	if max := v[len(v)-1]; max > b.Uppers[len(b.Uppers)-1] {
		b.Uppers = append(b.Uppers, max)
	}
	if b.Min > b.Uppers[0] {
		b.Min = b.Uppers[0]
	}
	return b, nil
}
