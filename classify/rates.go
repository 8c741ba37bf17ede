package classify

import "math"

// DefaultMinBase is the smallest base, in households, below which a desa's
// rate is flagged as unreliable by SmallBase: with fewer than 50 households
// one household more or less moves a percentage by two points or more. It
// is only a default; the user can set another threshold.
const DefaultMinBase = 50

// EBGlobal returns Marshall's global empirical Bayes smoothed rates of
// events over pop, area by area, computed as GeoDa's "Empirical Bayes" rate
// smoother (GdaAlgs::RateSmoother_EBS) and PySAL's
// esda.smoothing.Empirical_Bayes. Each raw rate r_i = e_i/p_i is pulled
// towards the overall rate b by as much as its base is small:
//
//	b   = Σe / Σp
//	a   = Σ p_i·(r_i − b)² / Σp − b / (Σp/n), or 0 if that is negative
//	w_i = a / (a + b/p_i)   (1 when a + b/p_i is 0, as in GeoDa)
//	s_i = w_i·r_i + (1 − w_i)·b
//
// with the sums and n over the areas that have a rate. Rates are fractions
// (multiply by 100 for a percentage). An area whose pop is zero, negative
// or NaN, or whose events are negative or NaN, has no rate: its result is
// NaN and it takes no part in b, a or n. events and pop must have the same
// length.
func EBGlobal(events, pop []float64) []float64 {
	if len(events) != len(pop) {
		panic("classify.EBGlobal: events and pop differ in length")
	}
	out := make([]float64, len(events))
	ok := make([]bool, len(events))
	var se, sp float64
	n := 0
	for i := range events {
		e, p := events[i], pop[i]
		if !(p > 0) || !(e >= 0) || math.IsInf(p, 0) || math.IsInf(e, 0) {
			out[i] = math.NaN()
			continue
		}
		ok[i] = true
		se += e
		sp += p
		n++
	}
	if n == 0 {
		return out
	}
	b := se / sp
	var q float64
	for i := range events {
		if ok[i] {
			d := events[i]/pop[i] - b
			q += pop[i] * d * d
		}
	}
	a := q/sp - b/(sp/float64(n))
	if a < 0 {
		a = 0
	}
	for i := range events {
		if !ok[i] {
			continue
		}
		r := events[i] / pop[i]
		w := 1.0
		if den := a + b/pop[i]; den > 0 {
			w = a / den
		}
		out[i] = w*r + (1-w)*b
	}
	return out
}

// SmallBase flags the areas whose base pop is below minBase (see
// DefaultMinBase), whose rates rest on too few households to trust; a NaN
// base is flagged too.
func SmallBase(pop []float64, minBase float64) []bool {
	out := make([]bool, len(pop))
	for i, p := range pop {
		out[i] = !(p >= minBase)
	}
	return out
}
