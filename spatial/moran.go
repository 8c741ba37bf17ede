package spatial

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// Random streams: the second PCG seed, so that Moran and LocalMoran called
// with the same seed draw unrelated numbers.
const (
	moranGlobalStream = 0x6d6f72616e2d4749 // "moran-GI"
	moranLocalStream  = 0x6d6f72616e2d4c49 // "moran-LI"
)

// MoranResult is global Moran's I with its inference.
type MoranResult struct {
	I        float64 // Moran's I
	Expected float64 // E[I] = −1/(N−1)
	Z        float64 // z-value of I under the normality assumption (esda's z_norm)
	// PSim is the pseudo p-value from random permutations, as esda.Moran's
	// p_sim: (larger+1)/(Permutations+1) where larger counts the permuted I
	// at or above the observed I, replaced by Permutations−larger when that
	// is smaller (the p-value of the nearer tail). NaN without permutations.
	PSim         float64
	Permutations int
	N            int // areas in the statistic: all but the islands
	Islands      int // areas without neighbours, left out
}

// Moran computes global Moran's I of x over the weights w, used as given
// (pass w.RowStandardized() for the usual row-standardised statistic, as
// esda's default transformation "r" and GeoDa do):
//
//	I = (N/S0) · Σ_i Σ_j w_ij z_i z_j / Σ_i z_i²,  z = x − mean(x)
//
// Islands (areas without neighbours) are dropped, rows and columns, as GeoDa
// does: N, the mean, S0, S1, S2 and the permutations cover only the other
// areas, and Islands reports how many were dropped (esda keeps them in n,
// the mean and Σz²). With asymmetric weights a link to an island is dropped
// too.
//
// Z uses the variance under normality (Cliff and Ord; esda's VI_norm):
//
//	V[I] = (N²S1 − N·S2 + 3·S0²) / ((N−1)(N+1)·S0²) − 1/(N−1)²
//
// With permutations > 0, x is shuffled among the non-islands that many
// times, with math/rand/v2 PCG streams derived from seed, and PSim is the
// folded pseudo p-value of esda.Moran (esda/moran.py, class Moran,
// __init__: above = sim >= self.I; larger = above.sum(); if
// (permutations - larger) < larger: larger = permutations - larger;
// p_sim = (larger + 1)/(permutations + 1)). Permutation p uses its own
// stream, so the result depends only on x, w, permutations and seed, not
// on GOMAXPROCS. Statistics that cannot be computed (fewer than two areas
// with neighbours, x constant over them) are NaN. x must be finite.
func Moran(x []float64, w *Weights, permutations int, seed uint64) MoranResult {
	if permutations < 0 {
		permutations = 0
	}
	nan := math.NaN()
	res := MoranResult{I: nan, Expected: nan, Z: nan, PSim: nan, Permutations: permutations}

	// Compact to the areas with neighbours.
	pos := make([]int32, w.N)
	m := 0
	for i := 0; i < w.N; i++ {
		pos[i] = -1
		if w.Cardinality(i) > 0 {
			pos[i] = int32(m)
			m++
		}
	}
	res.N, res.Islands = m, w.N-m
	if m < 2 {
		return res
	}
	cw := &Weights{N: m, Offsets: make([]int32, m+1), Index: make([]int32, 0, len(w.Index)), Weight: make([]float64, 0, len(w.Weight))}
	z := make([]float64, m)
	var mean float64
	for i := 0; i < w.N; i++ {
		p := pos[i]
		if p < 0 {
			continue
		}
		z[p] = x[i]
		mean += x[i]
		row := w.Row(i)
		for k, j := range w.Neighbors(i) {
			if q := pos[j]; q >= 0 {
				cw.Index = append(cw.Index, q)
				cw.Weight = append(cw.Weight, row[k])
			}
		}
		cw.Offsets[p+1] = int32(len(cw.Index))
	}
	mean /= float64(m)
	var ss float64
	for i := range z {
		z[i] -= mean
		ss += z[i] * z[i]
	}
	n := float64(m)
	res.Expected = -1 / (n - 1)

	s0, s1, s2 := weightMoments(cw)
	if ss == 0 || s0 == 0 {
		return res
	}
	pairs := moranPairs(cw)
	obs := pairs.cross(z)
	res.I = n / s0 * obs / ss
	vi := (n*n*s1-n*s2+3*s0*s0)/((n-1)*(n+1)*s0*s0) - 1/((n-1)*(n-1))
	if vi > 0 {
		res.Z = (res.I - res.Expected) / math.Sqrt(vi)
	}
	if permutations == 0 {
		return res
	}

	// Permutations. I is the cross product Σ z_i (Wz)_i times n/S0/Σz², the
	// same for every permutation, so the cross products are compared (the
	// other way round if S0 < 0), computed by the same code as the observed
	// one so that ties are exact.
	sgn := 1.0
	if s0 < 0 {
		sgn = -1
	}
	var next, larger atomic.Int64
	workers := min(runtime.GOMAXPROCS(0), permutations)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]float64, m)
			pcg := rand.NewPCG(0, 0)
			var count int64
			for {
				p := next.Add(1) - 1
				if p >= int64(permutations) {
					break
				}
				pcg.Seed(seed, moranGlobalStream+uint64(p))
				copy(buf, z)
				pcgShuffle(pcg, buf)
				if sgn*pairs.cross(buf) >= sgn*obs {
					count++
				}
			}
			larger.Add(count)
		}()
	}
	wg.Wait()
	res.PSim = foldedPValue(int(larger.Load()), permutations)
	return res
}

// foldedPValue is esda's pseudo p-value from the count of simulated
// statistics at or above the observed one.
func foldedPValue(larger, permutations int) float64 {
	if permutations-larger < larger {
		larger = permutations - larger
	}
	return float64(larger+1) / float64(permutations+1)
}

// moranPairList holds each linked pair {i, j} once, i < j, with the
// weight w_ij + w_ji, so that Σ_i z_i Σ_j w_ij z_j = Σ_pairs c·z_i·z_j reads
// each link once.
type moranPairList struct {
	i, j []int32
	c    []float64
}

func moranPairs(w *Weights) *moranPairList {
	c := len(w.Index)/2 + 1
	p := &moranPairList{i: make([]int32, 0, c), j: make([]int32, 0, c), c: make([]float64, 0, c)}
	for i := 0; i < w.N; i++ {
		row := w.Row(i)
		for k, j := range w.Neighbors(i) {
			wji, linked := weightAt(w, int(j), int32(i))
			switch {
			case int32(i) < j:
				p.i, p.j, p.c = append(p.i, int32(i)), append(p.j, j), append(p.c, row[k]+wji)
			case !linked: // j does not list i: the pair appears only here
				p.i, p.j, p.c = append(p.i, j), append(p.j, int32(i)), append(p.c, row[k])
			}
		}
	}
	return p
}

// cross returns Σ_i z_i Σ_j w_ij z_j, in four partial sums for speed.
func (p *moranPairList) cross(z []float64) float64 {
	var s0, s1, s2, s3 float64
	n := len(p.i)
	pi, pj, pc := p.i[:n], p.j[:n], p.c[:n]
	e := 0
	for ; e+4 <= n; e += 4 {
		i4, j4, c4 := pi[e:e+4:e+4], pj[e:e+4:e+4], pc[e:e+4:e+4]
		s0 += c4[0] * z[i4[0]] * z[j4[0]]
		s1 += c4[1] * z[i4[1]] * z[j4[1]]
		s2 += c4[2] * z[i4[2]] * z[j4[2]]
		s3 += c4[3] * z[i4[3]] * z[j4[3]]
	}
	for ; e < n; e++ {
		s0 += pc[e] * z[pi[e]] * z[pj[e]]
	}
	return (s0 + s1) + (s2 + s3)
}

// weightMoments returns S0 = Σ_ij w_ij, S1 = ½ Σ_ij (w_ij + w_ji)² and
// S2 = Σ_i (w_i· + w_·i)², for weights that need not be symmetric.
func weightMoments(w *Weights) (s0, s1, s2 float64) {
	rowSum := make([]float64, w.N)
	colSum := make([]float64, w.N)
	for i := 0; i < w.N; i++ {
		row := w.Row(i)
		for k, j := range w.Neighbors(i) {
			v := row[k]
			s0 += v
			rowSum[i] += v
			colSum[j] += v
			// ½ Σ (w_ij + w_ji)² = Σ w_ij² + Σ w_ij·w_ji
			wji, _ := weightAt(w, int(j), int32(i))
			s1 += v*v + v*wji
		}
	}
	for i := range rowSum {
		t := rowSum[i] + colSum[i]
		s2 += t * t
	}
	return s0, s1, s2
}

// weightAt returns w_ij and whether j is a neighbour of i (w_ij is 0 when
// not), by binary search in the sorted row.
func weightAt(w *Weights, i int, j int32) (float64, bool) {
	nb := w.Neighbors(i)
	k := sort.Search(len(nb), func(k int) bool { return nb[k] >= j })
	if k < len(nb) && nb[k] == j {
		return w.Row(i)[k], true
	}
	return 0, false
}

// pcgShuffle shuffles a uniformly (Fisher–Yates), taking two 32-bit
// numbers from each PCG output and reducing them without bias (Lemire's
// multiply-and-reject). len(a) must be below 2³².
func pcgShuffle(p *rand.PCG, a []float64) {
	var bits64 uint64
	have := false
	draw := func() uint32 {
		if have {
			have = false
			return uint32(bits64 >> 32)
		}
		bits64, have = p.Uint64(), true
		return uint32(bits64)
	}
	for i := len(a) - 1; i > 0; i-- {
		n := uint32(i + 1)
		m := uint64(draw()) * uint64(n)
		if uint32(m) < n {
			thresh := -n % n
			for uint32(m) < thresh {
				m = uint64(draw()) * uint64(n)
			}
		}
		j := m >> 32
		a[i], a[j] = a[j], a[i]
	}
}

// pcgIntN returns a uniform integer in [0, n), n ≥ 1, without bias
// (Lemire's multiply-and-reject), drawing from the PCG directly.
func pcgIntN(p *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(p.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(p.Uint64(), n)
		}
	}
	return hi
}

// Cluster is the quadrant of the Moran scatterplot an area lies in, with
// esda's numbering (Moran_Local.q: 1 HH, 2 LH, 3 LL, 4 HL), or ClusterNS.
type Cluster int

// ClusterNS (not significant) and the four quadrants. A value is "high"
// when it is above the mean (z > 0) and its neighbourhood is "high" when the
// spatial lag of z is above 0; zero counts as low, as in esda.
const (
	ClusterNS Cluster = iota // not significant (or an island)
	ClusterHH                // high value among high neighbours: a hot cluster
	ClusterLH                // low value among high neighbours: an outlier
	ClusterLL                // low value among low neighbours: a cold cluster
	ClusterHL                // high value among low neighbours: an outlier
)

// String returns "HH", "LH", "LL", "HL" or "ns".
func (c Cluster) String() string {
	switch c {
	case ClusterHH:
		return "HH"
	case ClusterLH:
		return "LH"
	case ClusterLL:
		return "LL"
	case ClusterHL:
		return "HL"
	}
	return "ns"
}

// LocalResult is the local Moran's I (LISA) of every area, by area index.
type LocalResult struct {
	I    []float64 // local Moran's I_i (esda's Is)
	PSim []float64 // pseudo p-value from conditional permutation; NaN for islands
	Z    []float64 // the standardised value z_i = (x_i − mean)/sd, sd with ddof 0
	Lag  []float64 // the spatial lag Σ_j w_ij z_j (the y axis of the Moran scatterplot)
	// Quadrant is the quadrant of every area whether significant or not
	// (esda's q); ClusterNS for islands.
	Quadrant     []Cluster
	Permutations int
	Seed         uint64
}

// Clusters returns, by area, its quadrant where the area is significant and
// ClusterNS elsewhere. Without fdr an area is significant when PSim ≤ alpha.
// With fdr the Benjamini–Hochberg procedure runs over the p-values of all
// areas that have one (islands have none): with the p-values sorted
// ascending, p_(1) ≤ … ≤ p_(m), k is the largest rank with
// p_(k) ≤ k·alpha/m, and the areas with p ≤ p_(k) are significant (none when
// there is no such k). esda's fdr() (esda/util.py) finds k with a strict
// p_(k) < k·alpha/m and returns the cut-off k·alpha/m, or alpha/m when there
// is no k; the two differ only when a p-value equals k·alpha/m exactly.
// Islands are always ClusterNS.
func (r *LocalResult) Clusters(alpha float64, fdr bool) []Cluster {
	out := make([]Cluster, len(r.PSim))
	cut := alpha
	if fdr {
		cut = math.Inf(-1)
		ps := make([]float64, 0, len(r.PSim))
		for _, p := range r.PSim {
			if !math.IsNaN(p) {
				ps = append(ps, p)
			}
		}
		sort.Float64s(ps)
		m := float64(len(ps))
		for k := len(ps); k >= 1; k-- {
			if ps[k-1] <= float64(k)*alpha/m {
				cut = ps[k-1]
				break
			}
		}
	}
	for i, p := range r.PSim {
		if p <= cut { // false for NaN
			out[i] = r.Quadrant[i]
		}
	}
	return out
}

// LocalMoran computes the local Moran's I of x over the weights w with
// conditional permutation inference, as esda.Moran_Local does with
// transformation "r": w must already be row-standardised by the caller
// (w.RowStandardized()); it is used as given.
//
// What is matched in esda (esda/moran.py, class Moran_Local; esda/crand.py):
//   - z = (x − mean)/std with numpy's default ddof 0, mean and std over all
//     n areas, islands included (Moran_Local.__init__).
//   - I_i = (n−1) · z_i · lag_i / Σ_j z_j², lag = W z (Moran_Local.__calc:
//     self.n_1 * self.z * zl / self.den); with ddof 0, Σz² = n.
//   - Quadrants: HH when z_i > 0 and lag_i > 0, LH when z_i ≤ 0 < lag_i,
//     LL when both ≤ 0, HL when z_i > 0 ≥ lag_i (Moran_Local.__quads, PySAL
//     numbering 1 HH, 2 LH, 3 LL, 4 HL).
//   - Conditional randomisation (crand.vec_permutations and
//     crand._prepare_univariate): one matrix of permutations × max_k random
//     indices is drawn once, each row a sample without replacement from
//     0..n−2, and shared by all areas; for area i an index r ≥ i stands for
//     area r+1 (esda indexes z with z_i removed), and the m-th index of a
//     row is paired with the m-th neighbour's weight, neighbours in index
//     order (crand._moran_local_crand: zi * (zrand @ other_weights) *
//     scaling, scaling = (n−1)/Σz²).
//   - p-value (crand.crand and Moran_Local.__init__): larger = number of
//     permuted I_i ≥ I_i; if permutations − larger < larger then larger =
//     permutations − larger; PSim_i = (larger+1)/(permutations+1). This is
//     the rule newer esda calls alternative="directed".
//
// Where this differs from esda, on purpose:
//   - Islands get I 0, Quadrant and clusters ClusterNS and PSim NaN (esda
//     gives them q 3 or 4 and, since every simulated value ties the
//     observed 0, p_sim = 1/(permutations+1), the smallest possible).
//   - An area whose value equals the mean (z_i = 0) has every simulated I_i
//     equal to the observed 0; it gets PSim 1 rather than esda's
//     1/(permutations+1).
//   - The random numbers are math/rand/v2 PCG(seed, constant), not numpy's,
//     so individual p-values differ from esda's by Monte Carlo noise only.
//   - The permuted and observed statistics are compared through the lag
//     (z_i·s ≥ z_i·lag_i, i.e. s ≥ lag_i for z_i > 0 and s ≤ lag_i for
//     z_i < 0), both sums computed the same way, so exact ties are counted
//     as ties.
//
// The areas are shared among runtime.GOMAXPROCS(0) goroutines; since the
// random matrix is drawn before, the result depends only on x, w,
// permutations and seed. With permutations ≤ 0 every PSim is NaN. When x is
// constant I, Z and Lag are NaN. x must be finite.
func LocalMoran(x []float64, w *Weights, permutations int, seed uint64) *LocalResult {
	return localMoran(x, w, permutations, seed, lisaPrefixMaxK)
}

// lisaPrefixMaxK is the largest cardinality for which the permutation
// engine keeps running sums (see lisaPermute); beyond it their upkeep costs
// more than it saves.
const lisaPrefixMaxK = 64

func localMoran(x []float64, w *Weights, permutations int, seed uint64, prefixMaxK int) *LocalResult {
	n := w.N
	if permutations < 0 {
		permutations = 0
	}
	r := &LocalResult{
		I: make([]float64, n), PSim: make([]float64, n), Z: make([]float64, n), Lag: make([]float64, n),
		Quadrant: make([]Cluster, n), Permutations: permutations, Seed: seed,
	}
	for i := range r.PSim {
		r.PSim[i] = math.NaN()
	}
	if n == 0 {
		return r
	}
	var mean float64
	for _, v := range x[:n] {
		mean += v
	}
	mean /= float64(n)
	var v2 float64
	for _, v := range x[:n] {
		v2 += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(v2 / float64(n))
	z := r.Z
	for i, v := range x[:n] {
		z[i] = (v - mean) / sd
	}
	if sd == 0 || n < 2 {
		for i := range z {
			z[i], r.I[i], r.Lag[i] = math.NaN(), math.NaN(), math.NaN()
		}
		return r
	}
	var den float64
	for _, v := range z {
		den += v * v
	}
	n1 := float64(n - 1)
	maxK := 0
	for i := 0; i < n; i++ {
		row := w.Row(i)
		var lag float64
		for k, j := range w.Neighbors(i) {
			lag += float64(row[k] * z[j])
		}
		r.Lag[i] = lag
		r.I[i] = n1 * z[i] * lag / den
		maxK = max(maxK, len(row))
		switch {
		case len(row) == 0:
			r.Quadrant[i] = ClusterNS
		case z[i] > 0 && lag > 0:
			r.Quadrant[i] = ClusterHH
		case lag > 0:
			r.Quadrant[i] = ClusterLH
		case z[i] > 0:
			r.Quadrant[i] = ClusterHL
		default:
			r.Quadrant[i] = ClusterLL
		}
	}
	if permutations == 0 || maxK == 0 {
		return r
	}
	maxK = min(maxK, n-1)
	ids := localPermutationIDs(n, maxK, permutations, seed)
	// The running sums take (maxK+1)·permutations floats per goroutine.
	lisaPermute(r, w, ids, maxK, maxK <= prefixMaxK && (maxK+1)*permutations <= 1<<24)
	return r
}

// localPermutationIDs draws esda's shared matrix of random indices:
// permutations rows of maxK distinct indices in 0..n−2, in random order,
// by a partial Fisher–Yates shuffle of one scratch permutation.
func localPermutationIDs(n, maxK, permutations int, seed uint64) []int32 {
	pcg := rand.NewPCG(seed, moranLocalStream)
	pool := make([]int32, n-1)
	for i := range pool {
		pool[i] = int32(i)
	}
	ids := make([]int32, permutations*maxK)
	for p := 0; p < permutations; p++ {
		row := ids[p*maxK : (p+1)*maxK]
		for m := range row {
			j := m + int(pcgIntN(pcg, uint64(len(pool)-m)))
			pool[m], pool[j] = pool[j], pool[m]
			row[m] = pool[m]
		}
	}
	return ids
}

// lisaPermute fills r.PSim by conditional permutation with the shared
// random matrix ids (permutations × maxK, indices into z without area i).
//
// Each goroutine takes runs of consecutive areas and keeps noI, the vector
// z with area i left out (esda's z_no_i): moving from area i to i+1 changes
// only its element i, from z[i+1] to z[i].
//
// With prefix, it also keeps the running sums S[m][p] = Σ_{m'<m}
// noI[ids[p][m']] for every permutation p and m ≤ maxK, summed in order, so
// that an area with k neighbours of equal weight (binary or row-standardised
// contiguity) reads its permuted sums S[k][·] in one sequential pass instead
// of gathering k values per permutation. When noI changes at element i only
// the sums of the matrix entries equal to i are summed again (from that
// column on, in the same order), so every S[k][p] is bit for bit the sum the
// direct loop computes and the result does not depend on prefix.
func lisaPermute(r *LocalResult, w *Weights, ids []int32, maxK int, prefix bool) {
	n := w.N
	perms := r.Permutations
	// inv lists, for every index value v, the matrix entries equal to v.
	var invOff, inv []int32
	if prefix {
		invOff = make([]int32, n+1)
		for _, v := range ids {
			invOff[v+1]++
		}
		for v := 1; v <= n; v++ {
			invOff[v] += invOff[v-1]
		}
		inv = make([]int32, len(ids))
		fill := slices.Clone(invOff[:n])
		for e, v := range ids {
			inv[fill[v]] = int32(e)
			fill[v]++
		}
	}
	const chunk = 1024
	var next atomic.Int64
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			z := r.Z
			noI := make([]float64, n-1)
			var sums []float64
			if prefix {
				sums = make([]float64, (maxK+1)*perms)
			}
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				hi := min(lo+chunk, n)
				copy(noI, z[:lo])
				copy(noI[lo:], z[lo+1:])
				if prefix {
					for p := 0; p < perms; p++ {
						lisaResum(sums, noI, ids, p, 0, maxK, perms)
					}
				}
				for i := lo; i < hi; i++ {
					r.PSim[i] = lisaPValue(i, z, noI, w, ids, maxK, perms, sums)
					if i+1 < hi {
						noI[i] = z[i]
						if prefix {
							for _, e := range inv[invOff[i]:invOff[i+1]] {
								lisaResum(sums, noI, ids, int(e)/maxK, int(e)%maxK, maxK, perms)
							}
						}
					}
				}
			}
		}()
	}
	wg.Wait()
}

// lisaResum sums permutation p's running sums again from column m on.
func lisaResum(sums, noI []float64, ids []int32, p, m, maxK, perms int) {
	row := ids[p*maxK : (p+1)*maxK]
	s := sums[m*perms+p]
	for ; m < maxK; m++ {
		s += noI[row[m]]
		sums[(m+1)*perms+p] = s
	}
}

// lisaPValue is the conditional-permutation pseudo p-value of area i; noI
// is z without element i; sums, when not nil, the running sums of
// lisaPermute.
func lisaPValue(i int, z, noI []float64, w *Weights, ids []int32, maxK, perms int, sums []float64) float64 {
	nb := w.Neighbors(i)
	k := len(nb)
	if k == 0 {
		return math.NaN()
	}
	row := w.Row(i)
	row = row[:k]
	// Rows whose weights are all equal (binary or row-standardised binary
	// weights) compare the plain sums of z: w·s ≥ w·lag exactly when s ≥ lag
	// (w > 0).
	equal := true
	for _, v := range row {
		if v != row[0] {
			equal = false
			break
		}
	}
	// The permuted I_i = c·z_i·s (c > 0) is ≥ the observed c·z_i·lag_i when
	// sgn·s ≥ sgn·lag_i, sgn the sign of z_i (and of the common weight).
	sgn := 1.0
	if z[i] < 0 {
		sgn = -1
	}
	if equal && row[0] < 0 {
		sgn = -sgn
	}
	if z[i] == 0 || (equal && row[0] == 0) {
		// Every permuted I_i equals the observed one.
		return 1
	}
	var obs float64
	count := 0
	switch {
	case equal && sums != nil:
		for _, j := range nb {
			obs += z[j]
		}
		if sgn > 0 {
			count = countAtLeast(sums[k*perms:(k+1)*perms], obs)
		} else {
			count = countAtMost(sums[k*perms:(k+1)*perms], obs)
		}
	case equal:
		for _, j := range nb {
			obs += z[j]
		}
		obs *= sgn
		for p := 0; p < perms; p++ {
			var s float64
			for _, r := range ids[p*maxK : p*maxK+k] {
				s += noI[r]
			}
			if sgn*s >= obs {
				count++
			}
		}
	default:
		for m, j := range nb {
			obs += float64(row[m] * z[j])
		}
		obs *= sgn
		for p := 0; p < perms; p++ {
			var s float64
			for m, r := range ids[p*maxK : p*maxK+k] {
				s += float64(row[m] * noI[r])
			}
			if sgn*s >= obs {
				count++
			}
		}
	}
	return foldedPValue(count, perms)
}

// countAtLeast returns how many values of s are ≥ v.
func countAtLeast(s []float64, v float64) int {
	var c0, c1, c2, c3 int
	for len(s) >= 4 {
		c0 += b2i(s[0] >= v)
		c1 += b2i(s[1] >= v)
		c2 += b2i(s[2] >= v)
		c3 += b2i(s[3] >= v)
		s = s[4:]
	}
	for _, x := range s {
		c0 += b2i(x >= v)
	}
	return c0 + c1 + c2 + c3
}

// countAtMost returns how many values of s are ≤ v.
func countAtMost(s []float64, v float64) int {
	var c0, c1, c2, c3 int
	for len(s) >= 4 {
		c0 += b2i(s[0] <= v)
		c1 += b2i(s[1] <= v)
		c2 += b2i(s[2] <= v)
		c3 += b2i(s[3] <= v)
		s = s[4:]
	}
	for _, x := range s {
		c0 += b2i(x <= v)
	}
	return c0 + c1 + c2 + c3
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
