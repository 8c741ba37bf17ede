package spatial

import "math"

// GiStar returns the Getis-Ord Gi* z-score of every area: binary weights
// that include the area itself (w_ii = 1; any nonzero weight of w counts
// as 1, so binary and row-standardised weights give the same result),
//
//	Gi*_i = (Σ_j w_ij x_j − x̄·W_i) / (S·√((n·W_i − W_i²)/(n−1)))
//
// with W_i = Σ_j w_ij = Σ_j w_ij² (the neighbours plus the area itself),
// x̄ the mean and S = √(Σx²/n − x̄²) the standard deviation (ddof 0) of x
// over all n areas, islands included. Gi* is a z-score: positive where high
// values concentrate (a hot spot), negative for low values (a cold spot).
//
// An island (no neighbours) gets NaN, like the neighbourless areas GeoDa
// leaves unclassified: its Gi* would only be its own standardised value.
// All scores are NaN when x is constant or n < 2. x must be finite.
func GiStar(x []float64, w *Weights) []float64 {
	n := w.N
	out := make([]float64, n)
	var sum, sum2 float64
	for _, v := range x[:n] {
		sum += v
		sum2 += v * v
	}
	nf := float64(n)
	mean := sum / nf
	s := math.Sqrt(sum2/nf - mean*mean)
	for i := 0; i < n; i++ {
		row := w.Row(i)
		wi := 1.0 // the area itself
		lx := x[i]
		for k, j := range w.Neighbors(i) {
			if row[k] != 0 {
				wi++
				lx += x[j]
			}
		}
		d := s * math.Sqrt((nf*wi-wi*wi)/(nf-1))
		if wi == 1 || n < 2 || !(d > 0) {
			out[i] = math.NaN()
			continue
		}
		out[i] = (lx - mean*wi) / d
	}
	return out
}

// HotSpot classes a Gi* z-score at the usual two-sided confidence levels:
// +2 for a hot spot at 99% (z ≥ 2.576), +1 at 95% (z ≥ 1.96), −1 and −2 for
// the cold spots (z ≤ −1.96, z ≤ −2.576), and 0 otherwise (NaN included).
func HotSpot(z float64) int {
	switch {
	case z >= 2.576:
		return 2
	case z >= 1.96:
		return 1
	case z <= -2.576:
		return -2
	case z <= -1.96:
		return -1
	}
	return 0
}
