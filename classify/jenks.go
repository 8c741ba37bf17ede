package classify

import "math"

// Jenks returns the natural breaks of values in k classes: of all ways to
// cut the sorted values into k groups, the one with the least sum of
// squared deviations from the group means (Fisher 1958, "On grouping for
// maximum homogeneity"; the "natural breaks" of Jenks 1977). The optimum
// is exact, not the iterative approximation some GIS tools use.
//
// The breaks are the largest value of each class, so the closed-above rule
// puts every value back in the class it was grouped in. With fewer than k
// distinct values each distinct value gets a class of its own. k runs from
// MinClasses to MaxClasses; NaNs are ignored.
//
// Equal values are grouped first and carried as one weighted point, since
// some optimal grouping always keeps them together (and the closed-above
// rule could not split them anyway). The dynamic programme then uses
// divide and conquer over the split points, which is exact because the
// cost of a group in 1-D satisfies the quadrangle inequality, so the best
// split moves monotonically with the group's end (Grønlund et al. 2017,
// "Fast exact k-means, k-medians and Bregman divergence clustering in 1D").
// The time is O(k·m·log m) for m distinct values after an O(n·log n) sort:
// a few milliseconds for the 8,494 values of a Tuban data set.
func Jenks(values []float64, k int) (Breaks, error) {
	if err := checkK(k); err != nil {
		return Breaks{}, err
	}
	v := sortedFinite(values)
	if len(v) == 0 {
		return Breaks{}, errNoValues
	}
	x, w := uniqueWeighted(v)
	return Breaks{Min: v[0], Uppers: fisherJenks(x, w, k)}, nil
}

// uniqueWeighted returns the distinct values of sorted v and how many times
// each occurs.
func uniqueWeighted(v []float64) (x, w []float64) {
	for i, a := range v {
		if i > 0 && a == v[i-1] {
			w[len(w)-1]++
			continue
		}
		x = append(x, a)
		w = append(w, 1)
	}
	return x, w
}

// fisherJenks returns the upper limits of the optimal grouping of the
// distinct ascending values x, with weights w, into k classes (fewer when
// there are fewer than k values).
func fisherJenks(x, w []float64, k int) []float64 {
	m := len(x)
	if k >= m {
		return append([]float64(nil), x...)
	}
	// Prefix sums of weight, weighted value and weighted square, the values
	// shifted by the middle one to keep the subtraction in cost accurate.
	c := x[m/2]
	W := make([]float64, m+1)
	S1 := make([]float64, m+1)
	S2 := make([]float64, m+1)
	for i := range m {
		d := x[i] - c
		W[i+1] = W[i] + w[i]
		S1[i+1] = S1[i] + w[i]*d
		S2[i+1] = S2[i] + w[i]*d*d
	}
	// cost is the weighted sum of squared deviations of x[i..j] from their mean.
	cost := func(i, j int) float64 {
		ww := W[j+1] - W[i]
		s := S1[j+1] - S1[i]
		r := S2[j+1] - S2[i] - s*s/ww
		if r < 0 {
			return 0
		}
		return r
	}

	// prev[j] is the least cost of x[0..j] in c classes; start[c][j] is
	// where the last of them starts.
	prev := make([]float64, m)
	cur := make([]float64, m)
	start := make([][]int32, k)
	for j := range m {
		prev[j] = cost(0, j)
	}
	start[0] = make([]int32, m)
	for cl := 1; cl < k; cl++ {
		st := make([]int32, m)
		start[cl] = st
		// solve fills cur[lo..hi] knowing the best start lies in [optLo, optHi].
		var solve func(lo, hi, optLo, optHi int)
		solve = func(lo, hi, optLo, optHi int) {
			if lo > hi {
				return
			}
			mid := (lo + hi) / 2
			best, bi := math.Inf(1), -1
			for i := max(optLo, cl); i <= min(mid, optHi); i++ {
				if v := prev[i-1] + cost(i, mid); v < best {
					best, bi = v, i
				}
			}
			cur[mid], st[mid] = best, int32(bi)
			solve(lo, mid-1, optLo, bi)
			solve(mid+1, hi, bi, optHi)
		}
		// x[0..j] needs j+1 >= cl+1 values for cl+1 classes.
		solve(cl, m-1, cl, m-1)
		prev, cur = cur, prev
	}

	uppers := make([]float64, k)
	j := m - 1
	for cl := k - 1; cl >= 0; cl-- {
		uppers[cl] = x[j]
		j = int(start[cl][j]) - 1
	}
	return uppers
}
