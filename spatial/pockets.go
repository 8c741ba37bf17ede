package spatial

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// PocketOptions are the parameters of the poverty-pocket analysis; every
// one is a setting the user can change.
type PocketOptions struct {
	Permutations int     // conditional permutations for the pseudo p-values
	Seed         uint64  // random seed: the same input gives the same p-values
	Alpha        float64 // significance level
	FDR          bool    // control the false discovery rate (Benjamini–Hochberg)
	UseThreshold bool    // also count as pocket any desa at or above Threshold
	Threshold    float64
}

// DefaultPocketOptions are 999 permutations, seed 1 and α = 0.05.
func DefaultPocketOptions() PocketOptions {
	return PocketOptions{Permutations: 999, Seed: 1, Alpha: 0.05}
}

// Describe states the method and its parameters in Indonesian, to be shown
// with every result.
func (o PocketOptions) Describe(weights string) string {
	num := func(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1) }
	s := fmt.Sprintf("Kantong kemiskinan = desa dalam klaster Tinggi-Tinggi Moran lokal (LISA) yang signifikan pada α = %s", num(o.Alpha))
	if o.FDR {
		s += " dengan koreksi FDR (Benjamini–Hochberg)"
	}
	s += fmt.Sprintf("; %d permutasi bersyarat, seed %d", o.Permutations, o.Seed)
	if weights != "" {
		s += "; bobot " + weights + ", distandardisasi per baris"
	}
	if o.UseThreshold {
		s += fmt.Sprintf("; ditambah setiap desa dengan nilai ≥ %s", num(o.Threshold))
	}
	return s + "."
}

// PocketResult is the analysis of one indicator over the desa, by desa
// index; desa without a value have NaN statistics, cluster ns and are
// never pockets.
type PocketResult struct {
	Options PocketOptions
	Global  MoranResult
	LocalI  []float64
	PValue  []float64
	GiZ     []float64
	Cluster []Cluster // significant quadrant, or ClusterNS
	Pocket  []bool
	Valid   int // desa with a value
}

// FindPockets runs global and local Moran's I and Gi* on values over the
// contiguity weights w (binary, as Contiguity returns them), leaving out
// desa without a value, and marks the pockets.
func FindPockets(values []float64, w *Weights, opt PocketOptions) *PocketResult {
	n := len(values)
	res := &PocketResult{Options: opt, LocalI: nanSlice(n), PValue: nanSlice(n), GiZ: nanSlice(n),
		Cluster: make([]Cluster, n), Pocket: make([]bool, n)}
	// Keep the desa with a value, and their links among themselves.
	idx := make([]int, 0, n)
	pos := make([]int, n)
	for i, v := range values {
		pos[i] = -1
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			pos[i] = len(idx)
			idx = append(idx, i)
		}
	}
	res.Valid = len(idx)
	if len(idx) < 3 {
		return res
	}
	x := make([]float64, len(idx))
	lists := make([][]int, len(idx))
	for k, i := range idx {
		x[k] = values[i]
		for _, j := range w.Neighbors(i) {
			if p := pos[j]; p >= 0 {
				lists[k] = append(lists[k], p)
			}
		}
	}
	sub := FromLists(lists)
	rs := sub.RowStandardized()
	res.Global = Moran(x, rs, opt.Permutations, opt.Seed)
	local := LocalMoran(x, rs, opt.Permutations, opt.Seed)
	clusters := local.Clusters(opt.Alpha, opt.FDR)
	gi := GiStar(x, sub)
	for k, i := range idx {
		res.LocalI[i] = local.I[k]
		res.PValue[i] = local.PSim[k]
		res.GiZ[i] = gi[k]
		res.Cluster[i] = clusters[k]
		res.Pocket[i] = clusters[k] == ClusterHH || (opt.UseThreshold && values[i] >= opt.Threshold)
	}
	return res
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}
