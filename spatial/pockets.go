package spatial

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// PocketOptions are the parameters of the poverty-pocket analysis; every
// one is a setting the user can change.
type PocketOptions struct {
	Permutations int     // conditional permutations for the pseudo p-values
	Seed         uint64  // random seed: the same input gives the same p-values
	Alpha        float64 // significance level
	FDR          bool    // control the false discovery rate (Benjamini–Hochberg)
	// Poorer is the indicator's direction: it says which clusters are
	// pockets (PocketCluster). With Neither nothing is a pocket.
	Poorer geo.Direction
	// UseThreshold also counts as pocket any desa at or beyond Threshold
	// on the poorer side: ≥ when higher is poorer, ≤ when lower is.
	UseThreshold bool
	Threshold    float64
}

// PocketCluster returns the LISA cluster that is a poverty pocket for an
// indicator of direction d: High–High when a higher value is poorer,
// Low–Low when a lower value is, and ClusterNS (none) for an indicator
// that does not measure poverty: its clusters are shown but nothing is
// called a pocket.
func PocketCluster(d geo.Direction) Cluster {
	switch d {
	case geo.HigherIsPoorer:
		return ClusterHH
	case geo.LowerIsPoorer:
		return ClusterLL
	}
	return ClusterNS
}

// NoPocketsReason says in Indonesian why an indicator has no pockets (it
// is categorical, or points nowhere), or "" when it can have some.
func NoPocketsReason(ind geo.Indicator) string {
	if ind.Categorical() {
		return fmt.Sprintf("indikator %s berupa kategori (%s), bukan angka: analisis kantong (Moran, LISA, Gi*) memerlukan angka, jadi tidak dihitung; pilih indikator angka (misalnya indeksnya) untuk mencari kantong",
			ind.Key, strings.Join(ind.Categories, ", "))
	}
	if ind.Poorer != geo.Neither {
		return ""
	}
	return fmt.Sprintf("indikator %s tidak bertanda arah kemiskinan (nilai tinggi atau rendah = lebih miskin), jadi klasternya tidak disebut kantong kemiskinan; tetapkan arahnya dengan: pocketmap indicator set %s --poorer higher|lower", ind.Key, ind.Key)
}

// isPocket reports whether a desa with cluster c and value v is a pocket.
func (o PocketOptions) isPocket(c Cluster, v float64) bool {
	pc := PocketCluster(o.Poorer)
	if pc == ClusterNS {
		return false
	}
	if c == pc {
		return true
	}
	if !o.UseThreshold {
		return false
	}
	if o.Poorer == geo.LowerIsPoorer {
		return v <= o.Threshold
	}
	return v >= o.Threshold
}

// DefaultPocketOptions are 999 permutations, seed 1 and α = 0.05, for an
// indicator where a higher value is poorer; callers set Poorer from the
// indicator.
func DefaultPocketOptions() PocketOptions {
	return PocketOptions{Permutations: 999, Seed: 1, Alpha: 0.05, Poorer: geo.HigherIsPoorer}
}

// Describe states the method and its parameters in Indonesian, to be shown
// with every result.
func (o PocketOptions) Describe(weights string) string {
	num := func(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1) }
	var s string
	switch o.Poorer {
	case geo.HigherIsPoorer:
		s = fmt.Sprintf("Kantong kemiskinan = desa dalam klaster Tinggi-Tinggi Moran lokal (LISA) yang signifikan pada α = %s (arah: %s)", num(o.Alpha), o.Poorer.Label())
	case geo.LowerIsPoorer:
		s = fmt.Sprintf("Kantong kemiskinan = desa dalam klaster Rendah-Rendah Moran lokal (LISA) yang signifikan pada α = %s (arah: %s)", num(o.Alpha), o.Poorer.Label())
	default:
		s = fmt.Sprintf("Klaster Moran lokal (LISA) yang signifikan pada α = %s; tanpa kantong kemiskinan karena indikator ini tidak menunjukkan arah kemiskinan", num(o.Alpha))
	}
	if o.FDR {
		s += " dengan koreksi FDR (Benjamini–Hochberg)"
	}
	s += fmt.Sprintf("; %d permutasi bersyarat, seed %d", o.Permutations, o.Seed)
	if weights != "" {
		s += "; bobot " + weights + ", distandardisasi per baris"
	}
	if o.UseThreshold && o.Poorer != geo.Neither {
		op := "≥"
		if o.Poorer == geo.LowerIsPoorer {
			op = "≤"
		}
		s += fmt.Sprintf("; ditambah setiap desa dengan nilai %s %s", op, num(o.Threshold))
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
		res.Pocket[i] = opt.isPocket(clusters[k], values[i])
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
