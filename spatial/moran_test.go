package spatial

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"testing"
)

// mtGrid returns the neighbour lists of a rows×cols lattice, row-major,
// rook (edges) or queen (edges and corners).
func mtGrid(rows, cols int, queen bool) [][]int {
	out := make([][]int, rows*cols)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			for dr := -1; dr <= 1; dr++ {
				for dc := -1; dc <= 1; dc++ {
					if dr == 0 && dc == 0 || !queen && dr != 0 && dc != 0 {
						continue
					}
					rr, cc := r+dr, c+dc
					if rr >= 0 && rr < rows && cc >= 0 && cc < cols {
						out[r*cols+c] = append(out[r*cols+c], rr*cols+cc)
					}
				}
			}
		}
	}
	return out
}

// mtDense is an independent dense weights matrix built from neighbour lists.
func mtDense(lists [][]int, rowStd bool) [][]float64 {
	n := len(lists)
	m := make([][]float64, n)
	for i, l := range lists {
		m[i] = make([]float64, n)
		for _, j := range l {
			m[i][j] = 1
		}
		if rowStd && len(l) > 0 {
			for j := range m[i] {
				m[i][j] /= float64(len(l))
			}
		}
	}
	return m
}

// mtDenseMoran is Moran's I straight from the definition,
// I = (n/S0)·(zᵀWz)/(zᵀz), and its normality z-value from dense S1, S2.
func mtDenseMoran(x []float64, w [][]float64) (I, z float64) {
	n := float64(len(x))
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= n
	var s0, zwz, zz, s1, s2 float64
	for i := range x {
		zz += (x[i] - mean) * (x[i] - mean)
		var rs, cs float64
		for j := range x {
			s0 += w[i][j]
			zwz += (x[i] - mean) * w[i][j] * (x[j] - mean)
			s1 += (w[i][j] + w[j][i]) * (w[i][j] + w[j][i]) / 2
			rs += w[i][j]
			cs += w[j][i]
		}
		s2 += (rs + cs) * (rs + cs)
	}
	I = n / s0 * zwz / zz
	vi := (n*n*s1-n*s2+3*s0*s0)/((n-1)*(n+1)*s0*s0) - 1/((n-1)*(n-1))
	return I, (I + 1/(n-1)) / math.Sqrt(vi)
}

func mtClose(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

func mtSeq(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i + 1)
	}
	return x
}

func mtChecker(rows, cols int) []float64 {
	x := make([]float64, rows*cols)
	for i := range x {
		if (i/cols+i%cols)%2 == 0 {
			x[i] = 1
		}
	}
	return x
}

// mtHalves is a rows×cols lattice with 1 in the left half, 0 in the right.
func mtHalves(rows, cols int) []float64 {
	x := make([]float64, rows*cols)
	for i := range x {
		if i%cols < cols/2 {
			x[i] = 1
		}
	}
	return x
}

func mtRandom(n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	return x
}

func TestMoranLattice3x3ByHand(t *testing.T) {
	rook := FromLists(mtGrid(3, 3, false))
	// x = 1..9 row-major, z = x−5. The 12 rook links give Σ z_a z_b = 40,
	// so zᵀWz = 80 with binary weights, S0 = 24, zᵀz = 60:
	// I = 9/24 · 80/60 = 1/2.
	// S1 = 2·24 = 48, S2 = 4·Σk² = 4·(4·4 + 4·9 + 16) = 272, so
	// V[I] = (81·48 − 9·272 + 3·24²)/(8·10·24²) − 1/64 = 0.053125.
	r := Moran(mtSeq(9), rook, 0, 1)
	if !mtClose(r.I, 0.5) || !mtClose(r.Expected, -1.0/8) || !mtClose(r.Z, 0.625/math.Sqrt(0.053125)) {
		t.Errorf("binary 1..9: got I %v E %v Z %v, want 0.5, -0.125, %v", r.I, r.Expected, r.Z, 0.625/math.Sqrt(0.053125))
	}
	if r.N != 9 || r.Islands != 0 || !math.IsNaN(r.PSim) {
		t.Errorf("binary 1..9: N %d islands %d PSim %v", r.N, r.Islands, r.PSim)
	}
	// Row-standardised: Σ z_i·lag_i = 8+6+2+2/3+0+2/3+2+6+8 = 100/3 and
	// S0 = n, so I = (100/3)/60 = 5/9.
	if r := Moran(mtSeq(9), rook.RowStandardized(), 0, 1); !mtClose(r.I, 5.0/9) {
		t.Errorf("row-standardised 1..9: I = %v, want 5/9", r.I)
	}
	// A checkerboard: every rook link joins a 1 and a 0, so I = −1 with
	// binary and with row-standardised weights.
	for _, w := range []*Weights{rook, rook.RowStandardized()} {
		if r := Moran(mtChecker(3, 3), w, 99, 1); !mtClose(r.I, -1) {
			t.Errorf("checkerboard: I = %v, want -1", r.I)
		}
	}
}

func TestMoranLattice5x5(t *testing.T) {
	grad := make([]float64, 25)
	for i := range grad {
		grad[i] = float64(i%5) + 0.5*float64(i/5) // a diagonal gradient
	}
	for _, queen := range []bool{false, true} {
		lists := mtGrid(5, 5, queen)
		for _, rowStd := range []bool{false, true} {
			w := FromLists(lists)
			if rowStd {
				w = w.RowStandardized()
			}
			dense := mtDense(lists, rowStd)
			for name, x := range map[string][]float64{"gradient": grad, "checkerboard": mtChecker(5, 5), "1..25": mtSeq(25)} {
				r := Moran(x, w, 0, 1)
				wantI, wantZ := mtDenseMoran(x, dense)
				if !mtClose(r.I, wantI) || !mtClose(r.Z, wantZ) || !mtClose(r.Expected, -1.0/24) {
					t.Errorf("queen=%v rowStd=%v %s: I %v Z %v E %v, want %v %v %v", queen, rowStd, name, r.I, r.Z, r.Expected, wantI, wantZ, -1.0/24)
				}
			}
		}
	}
	// The rook checkerboard is perfectly negative; the queen one is not,
	// since diagonal neighbours share a colour.
	if r := Moran(mtChecker(5, 5), FromLists(mtGrid(5, 5, false)), 0, 1); !mtClose(r.I, -1) {
		t.Errorf("5x5 rook checkerboard: I = %v, want -1", r.I)
	}
	if r := Moran(mtChecker(5, 5), FromLists(mtGrid(5, 5, true)), 0, 1); r.I <= -1 || r.I >= 0 {
		t.Errorf("5x5 queen checkerboard: I = %v, want in (-1, 0)", r.I)
	}
}

func TestMoranAsymmetricWeights(t *testing.T) {
	// Row-standardised weights are asymmetric: S1 and S2 must use w_ji.
	lists := [][]int{{1}, {0, 2, 3}, {1, 3}, {1, 2, 4}, {3}}
	x := []float64{3, 1, 4, 1, 5}
	got := Moran(x, FromLists(lists).RowStandardized(), 0, 1)
	wantI, wantZ := mtDenseMoran(x, mtDense(lists, true))
	if !mtClose(got.I, wantI) || !mtClose(got.Z, wantZ) {
		t.Errorf("got I %v Z %v, want %v %v", got.I, got.Z, wantI, wantZ)
	}
}

func TestMoranPermutation(t *testing.T) {
	w := FromLists(mtGrid(10, 10, false)).RowStandardized()
	r := Moran(mtHalves(10, 10), w, 999, 7)
	if r.PSim != 1.0/1000 || r.Permutations != 999 {
		t.Errorf("clustered halves: PSim %v (%d permutations), want 0.001", r.PSim, r.Permutations)
	}
	if r.I < 0.8 || r.Z < 8 {
		t.Errorf("clustered halves: I %v Z %v, want strongly positive", r.I, r.Z)
	}
	rnd := Moran(mtRandom(100, 11), w, 999, 7)
	if !(rnd.PSim > 0.05) || math.Abs(rnd.Z) > 1.96 {
		t.Errorf("random vector: PSim %v Z %v, want not significant", rnd.PSim, rnd.Z)
	}
	// p-values are multiples of 1/1000 and never above 0.5 (folded).
	if k := rnd.PSim * 1000; math.Abs(k-math.Round(k)) > 1e-9 || rnd.PSim > 0.5 {
		t.Errorf("random vector: PSim %v is not a folded pseudo p-value", rnd.PSim)
	}
	// Deterministic, and independent of the number of goroutines.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := Moran(mtRandom(100, 11), w, 999, 7)
	runtime.GOMAXPROCS(2)
	if two := Moran(mtRandom(100, 11), w, 999, 7); one != rnd || two != rnd {
		t.Errorf("not deterministic: %+v, %+v, %+v", rnd, one, two)
	}
}

func TestMoranIslandsDropped(t *testing.T) {
	// The 3×3 rook lattice plus two islands (areas 9 and 10) must give the
	// statistic of the lattice alone.
	lists := append(mtGrid(3, 3, false), nil, nil)
	x := append(mtSeq(9), 100, -50)
	for _, rowStd := range []bool{false, true} {
		w, base := FromLists(lists), FromLists(mtGrid(3, 3, false))
		if rowStd {
			w, base = w.RowStandardized(), base.RowStandardized()
		}
		got := Moran(x, w, 99, 3)
		want := Moran(mtSeq(9), base, 99, 3)
		if got.Islands != 2 || got.N != 9 || want.Islands != 0 {
			t.Errorf("N %d islands %d, want 9 and 2", got.N, got.Islands)
		}
		got.Islands = 0
		if got != want {
			t.Errorf("rowStd=%v: with islands %+v, without %+v", rowStd, got, want)
		}
	}
	if r := Moran([]float64{1, 2}, FromLists([][]int{nil, nil}), 99, 1); r.N != 0 || r.Islands != 2 || !math.IsNaN(r.I) || !math.IsNaN(r.PSim) {
		t.Errorf("all islands: %+v", r)
	}
	if r := Moran([]float64{2, 2, 2}, FromLists([][]int{{1}, {0, 2}, {1}}), 99, 1); !math.IsNaN(r.I) || !math.IsNaN(r.PSim) {
		t.Errorf("constant x: %+v", r)
	}
}

// mtLocalByDefinition is esda's local Moran from its definition:
// z with ddof 0, I_i = (n−1)·z_i·(Wz)_i/Σz².
func mtLocalByDefinition(x []float64, w [][]float64) (I, lag []float64) {
	n := float64(len(x))
	var mean, v float64
	for _, a := range x {
		mean += a
	}
	mean /= n
	for _, a := range x {
		v += (a - mean) * (a - mean)
	}
	sd := math.Sqrt(v / n)
	z := make([]float64, len(x))
	var den float64
	for i, a := range x {
		z[i] = (a - mean) / sd
		den += z[i] * z[i]
	}
	I = make([]float64, len(x))
	lag = make([]float64, len(x))
	for i := range x {
		for j := range x {
			lag[i] += w[i][j] * z[j]
		}
		I[i] = (n - 1) * z[i] * lag[i] / den
	}
	return I, lag
}

func TestLocalMoranClusteredLattice(t *testing.T) {
	const rows, cols = 10, 10
	lists := mtGrid(rows, cols, true)
	w := FromLists(lists).RowStandardized()
	x := mtHalves(rows, cols)
	r := LocalMoran(x, w, 999, 42)
	wantI, wantLag := mtLocalByDefinition(x, mtDense(lists, true))
	for i := range x {
		if !mtClose(r.I[i], wantI[i]) || !mtClose(r.Lag[i], wantLag[i]) {
			t.Fatalf("area %d: I %v lag %v, want %v %v", i, r.I[i], r.Lag[i], wantI[i], wantLag[i])
		}
	}
	cl := r.Clusters(0.05, false)
	for row := 1; row < rows-1; row++ {
		// Interior: 8 queen neighbours, all in the same half.
		for c := 1; c < cols-1; c++ {
			i := row*cols + c
			var want Cluster
			switch {
			case c <= cols/2-2:
				want = ClusterHH
			case c >= cols/2+1:
				want = ClusterLL
			default:
				continue // next to the divide
			}
			// P(8 draws all from the own half) = C(49,8)/C(99,8) ≈ 0.0026.
			if cl[i] != want || r.Quadrant[i] != want || r.PSim[i] > 0.02 {
				t.Errorf("area (%d,%d): cluster %v quadrant %v p %v, want significant %v", row, c, cl[i], r.Quadrant[i], r.PSim[i], want)
			}
		}
	}
	for i, p := range r.PSim {
		if k := p * 1000; p < 0.001 || p > 0.5 || math.Abs(k-math.Round(k)) > 1e-9 {
			t.Errorf("area %d: PSim %v is not a folded pseudo p-value", i, p)
		}
	}
}

func TestLocalMoranQuadrantsByHand(t *testing.T) {
	// A path 0-1-2-3-4, x = 6 5 0 1 10, mean 4.4: x−mean = 1.6 0.6 −4.4
	// −3.4 5.6 and the row-standardised lags of x−mean are 0.6, −1.4, −1.4,
	// 0.6, −3.4; so the quadrants are HH, HL, LL, LH, HL.
	lists := [][]int{{1}, {0, 2}, {1, 3}, {2, 4}, {3}}
	x := []float64{6, 5, 0, 1, 10}
	r := LocalMoran(x, FromLists(lists).RowStandardized(), 99, 1)
	want := []Cluster{ClusterHH, ClusterHL, ClusterLL, ClusterLH, ClusterHL}
	if !slices.Equal(r.Quadrant, want) {
		t.Errorf("quadrants %v, want %v", r.Quadrant, want)
	}
	sd := math.Sqrt((1.6*1.6 + 0.6*0.6 + 4.4*4.4 + 3.4*3.4 + 5.6*5.6) / 5)
	wantLag := []float64{0.6, -1.4, -1.4, 0.6, -3.4}
	for i, d := range []float64{1.6, 0.6, -4.4, -3.4, 5.6} {
		z, lag := d/sd, wantLag[i]/sd
		// I_i = (n−1)·z_i·lag_i/Σz², and Σz² = n.
		if !mtClose(r.Z[i], z) || !mtClose(r.Lag[i], lag) || !mtClose(r.I[i], 4*z*lag/5) {
			t.Errorf("area %d: z %v lag %v I %v, want %v %v %v", i, r.Z[i], r.Lag[i], r.I[i], z, lag, 4*z*lag/5)
		}
	}
	// A value at the mean: every permuted I_i is 0, like the observed one.
	if r := LocalMoran([]float64{1, 2, 3}, FromLists([][]int{{1}, {0, 2}, {1}}).RowStandardized(), 99, 1); r.PSim[1] != 1 {
		t.Errorf("z = 0: PSim %v, want 1", r.PSim[1])
	}
}

func TestLocalMoranIslands(t *testing.T) {
	// The clustered lattice plus an island with a high value.
	lists := append(mtGrid(10, 10, true), nil)
	x := append(mtHalves(10, 10), 1)
	r := LocalMoran(x, FromLists(lists).RowStandardized(), 999, 5)
	is := 100
	if !math.IsNaN(r.PSim[is]) || r.Quadrant[is] != ClusterNS || r.I[is] != 0 || r.Lag[is] != 0 {
		t.Errorf("island: PSim %v quadrant %v I %v lag %v", r.PSim[is], r.Quadrant[is], r.I[is], r.Lag[is])
	}
	for _, fdr := range []bool{false, true} {
		if c := r.Clusters(1, fdr); c[is] != ClusterNS || c[0+1*10+1] != ClusterHH {
			t.Errorf("fdr=%v: island %v, area (1,1) %v", fdr, c[is], c[11])
		}
	}
	for i, p := range r.PSim[:is] {
		if math.IsNaN(p) {
			t.Errorf("area %d: PSim NaN", i)
		}
	}
}

func TestLocalMoranExactDistribution(t *testing.T) {
	// With many permutations the pseudo p-values approach the exact
	// conditional-permutation probabilities P(permuted I_i ≥ observed I_i),
	// which also shows that area i's own value is never drawn.
	// x = 0..5 (mean 2.5), row-standardised weights:
	//   area 0 (low), neighbours 1, 2: ≥ observed when the two draws sum to
	//     ≤ 1+2; of the 20 ordered pairs from {1,…,5} only (1,2) and (2,1)
	//     do: 0.1 (8/30 if area 0 itself could be drawn);
	//   area 3 (high), neighbour 4: a draw ≥ 4 from {0,1,2,4,5}: 0.4;
	//   area 4 (high), neighbours 3, 5: sum ≥ 8 from {0,1,2,3,5}: 0.1;
	//   area 5 (high), neighbour 4: a draw ≥ 4 from {0,…,4}: 0.2 (1/3 if
	//     area 5 itself could be drawn).
	lists := [][]int{{1, 2}, {0}, {0}, {4}, {3, 5}, {4}}
	x := []float64{0, 1, 2, 3, 4, 5}
	const perms = 199999
	r := LocalMoran(x, FromLists(lists).RowStandardized(), perms, 9)
	for i, want := range map[int]float64{0: 0.1, 3: 0.4, 4: 0.1, 5: 0.2} {
		// All below one half, so PSim = (larger+1)/(perms+1) unfolded.
		if got := (r.PSim[i]*(perms+1) - 1) / perms; math.Abs(got-want) > 0.005 {
			t.Errorf("area %d: P(permuted I ≥ observed) = %v, want %v", i, got, want)
		}
	}
}

func TestLocalMoranUnequalWeights(t *testing.T) {
	// General weights: the m-th draw is weighted by the m-th neighbour's
	// weight. Area 0 gets w_01 = 0.3, w_02 = 0.7, so its lag is
	// (0.3·1 + 0.7·2 − 2.5)/sd. It is low, and a permuted I_0 ≥ observed
	// when 0.3·x_a + 0.7·x_b ≤ 1.7 for an ordered pair (a, b) from {1..5}:
	// (1,2) = 1.7 (a tie), (2,1) = 1.3, (3,1) = 1.6; every other pair is
	// ≥ 1.9. So P = 3/20.
	lists := [][]int{{1, 2}, {0}, {0}, {4}, {3, 5}, {4}}
	w := FromLists(lists).RowStandardized()
	w.Weight[0], w.Weight[1] = 0.3, 0.7
	x := []float64{0, 1, 2, 3, 4, 5}
	const perms = 199999
	r := LocalMoran(x, w, perms, 9)
	if got := (r.PSim[0]*(perms+1) - 1) / perms; math.Abs(got-0.15) > 0.005 {
		t.Errorf("area 0: P = %v, want 0.15", got)
	}
	sd := math.Sqrt(17.5 / 6)
	if want := (0.3*1 + 0.7*2 - 2.5) / sd; math.Abs(r.Lag[0]-want) > 1e-12 {
		t.Errorf("area 0: lag %v, want %v", r.Lag[0], want)
	}
}

func TestLocalMoranDeterministic(t *testing.T) {
	lists := mtGrid(20, 20, false)
	w := FromLists(lists).RowStandardized()
	x := mtRandom(400, 3)
	a := LocalMoran(x, w, 999, 77)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b := LocalMoran(x, w, 999, 77)
	runtime.GOMAXPROCS(2)
	c := LocalMoran(x, w, 999, 77)
	for _, o := range []*LocalResult{b, c} {
		if !slices.Equal(a.I, o.I) || !slices.Equal(a.PSim, o.PSim) || !slices.Equal(a.Quadrant, o.Quadrant) || !slices.Equal(a.Lag, o.Lag) {
			t.Fatal("same input and seed gave different results")
		}
	}
	if a.Seed != 77 || a.Permutations != 999 {
		t.Errorf("seed %d permutations %d", a.Seed, a.Permutations)
	}
	d := LocalMoran(x, w, 999, 78)
	if !slices.Equal(a.I, d.I) {
		t.Error("the statistic must not depend on the seed")
	}
	if slices.Equal(a.PSim, d.PSim) {
		t.Error("another seed gave the same p-values")
	}
	// Without permutations: statistics, no p-values.
	e := LocalMoran(x, w, 0, 77)
	if !slices.Equal(a.I, e.I) || !math.IsNaN(e.PSim[0]) || e.Clusters(1, false)[0] != ClusterNS {
		t.Error("permutations = 0")
	}
}

func TestLocalMoranRunningSumsMatchDirect(t *testing.T) {
	// The running sums of the permutation engine must give bit for bit the
	// p-values of the direct loop (esda's), ties included: integer values
	// tie often.
	lists := mtJatimLists()[:3000]
	for i := range lists {
		lists[i] = slices.DeleteFunc(slices.Clone(lists[i]), func(j int) bool { return j >= 3000 })
	}
	lists = append(lists, nil) // and an island
	w := FromLists(lists).RowStandardized()
	cont := mtRandom(len(lists), 8)
	ints := make([]float64, len(cont))
	for i, v := range cont {
		ints[i] = math.Round(2 * v)
	}
	for name, x := range map[string][]float64{"continuous": cont, "integers": ints, "halves": mtHalves(50, 61)[:len(lists)]} {
		direct := localMoran(x, w, 199, 4, 0)
		for _, procs := range []int{1, 2} {
			old := runtime.GOMAXPROCS(procs)
			fast := localMoran(x, w, 199, 4, lisaPrefixMaxK)
			runtime.GOMAXPROCS(old)
			for i := range x {
				if direct.PSim[i] != fast.PSim[i] && !(math.IsNaN(direct.PSim[i]) && math.IsNaN(fast.PSim[i])) {
					t.Fatalf("%s, GOMAXPROCS %d, area %d: running sums give %v, direct loop %v", name, procs, i, fast.PSim[i], direct.PSim[i])
				}
			}
		}
	}
}

func TestLocalMoranFDRSubset(t *testing.T) {
	// A smooth surface plus noise: many significant areas, some not.
	const rows, cols = 30, 30
	w := FromLists(mtGrid(rows, cols, true)).RowStandardized()
	noise := mtRandom(rows*cols, 21)
	x := make([]float64, rows*cols)
	for i := range x {
		r, c := float64(i/cols), float64(i%cols)
		x[i] = math.Sin(r/5)*math.Cos(c/7) + 0.6*noise[i]
	}
	res := LocalMoran(x, w, 999, 1)
	for _, alpha := range []float64{0.01, 0.05, 0.1} {
		plain, fdr := res.Clusters(alpha, false), res.Clusters(alpha, true)
		np, nf := 0, 0
		for i := range plain {
			if plain[i] != ClusterNS {
				np++
				if plain[i] != res.Quadrant[i] || res.PSim[i] > alpha {
					t.Errorf("area %d: cluster %v quadrant %v p %v", i, plain[i], res.Quadrant[i], res.PSim[i])
				}
			}
			if fdr[i] != ClusterNS {
				nf++
				if fdr[i] != plain[i] {
					t.Errorf("alpha %v area %d: FDR %v but plain %v", alpha, i, fdr[i], plain[i])
				}
			}
		}
		if nf == 0 || nf >= np {
			t.Errorf("alpha %v: %d significant, %d after FDR; want 0 < FDR < plain", alpha, np, nf)
		}
	}
}

func TestClustersFDRByHand(t *testing.T) {
	// m = 8 p-values (the NaN is an island): BH thresholds k·0.05/8 =
	// 0.00625, 0.0125, 0.01875, …; p_(1) = 0.001 and p_(2) = 0.008 are under
	// theirs, no later one is, so k = 2.
	r := &LocalResult{
		PSim:     []float64{0.042, 0.001, 0.205, math.NaN(), 0.039, 0.008, 0.06, 0.074, 0.041},
		Quadrant: []Cluster{ClusterHH, ClusterLL, ClusterHH, ClusterNS, ClusterLH, ClusterHL, ClusterHH, ClusterHH, ClusterLL},
	}
	ns, hh, ll, lh, hl := ClusterNS, ClusterHH, ClusterLL, ClusterLH, ClusterHL
	if got, want := r.Clusters(0.05, true), []Cluster{ns, ll, ns, ns, ns, hl, ns, ns, ns}; !slices.Equal(got, want) {
		t.Errorf("fdr: %v, want %v", got, want)
	}
	if got, want := r.Clusters(0.05, false), []Cluster{hh, ll, ns, ns, lh, hl, ns, ns, ll}; !slices.Equal(got, want) {
		t.Errorf("alpha: %v, want %v", got, want)
	}
	// Ties at the threshold count (p ≤ k·α/m, and p ≤ alpha).
	r.PSim = []float64{0.0125, 0.0125, 0.5, math.NaN(), 0.5, 0.5, 0.5, 0.5, 0.05}
	if got, want := r.Clusters(0.05, true), []Cluster{hh, ll, ns, ns, ns, ns, ns, ns, ns}; !slices.Equal(got, want) {
		t.Errorf("fdr ties: %v, want %v", got, want)
	}
	if got := r.Clusters(0.05, false); got[8] != ll {
		t.Errorf("p = alpha: %v, want LL", got[8])
	}
	// Nothing passes: none significant.
	r.PSim = []float64{0.2, 0.3, 0.5, math.NaN(), 0.5, 0.5, 0.5, 0.5, 0.5}
	for _, c := range r.Clusters(0.05, true) {
		if c != ns {
			t.Errorf("no discoveries: got %v", c)
		}
	}
}

func TestClusterString(t *testing.T) {
	got := []string{ClusterNS.String(), ClusterHH.String(), ClusterLH.String(), ClusterLL.String(), ClusterHL.String()}
	if want := []string{"ns", "HH", "LH", "LL", "HL"}; !slices.Equal(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
	// esda's q numbering.
	if ClusterHH != 1 || ClusterLH != 2 || ClusterLL != 3 || ClusterHL != 4 {
		t.Error("cluster numbering differs from esda's q")
	}
}

func TestLocalPermutationIDs(t *testing.T) {
	const n, k, perms = 12, 5, 2000
	ids := localPermutationIDs(n, k, perms, 3)
	counts := make([]int, n-1)
	for p := 0; p < perms; p++ {
		row := ids[p*k : (p+1)*k]
		seen := map[int32]bool{}
		for _, r := range row {
			if r < 0 || r >= n-1 || seen[r] {
				t.Fatalf("row %d: %v is not a sample without replacement from 0..%d", p, row, n-2)
			}
			seen[r] = true
		}
		counts[row[0]]++
	}
	for v, c := range counts { // the first column is uniform: 2000/11 ≈ 182
		if c < 120 || c > 250 {
			t.Errorf("value %d first in %d rows", v, c)
		}
	}
}

func TestPCGShuffleUniform(t *testing.T) {
	// All 24 orders of 4 values come out equally often (χ² with 23 degrees
	// of freedom: 99.9% quantile 49.7), and every value reaches every place.
	pcg := rand.NewPCG(1, 2)
	const rounds = 48000
	counts := map[[4]float64]int{}
	for range rounds {
		a := []float64{0, 1, 2, 3}
		pcgShuffle(pcg, a)
		counts[[4]float64(a)]++
	}
	if len(counts) != 24 {
		t.Fatalf("%d distinct orders, want 24", len(counts))
	}
	var chi2 float64
	for _, c := range counts {
		d := float64(c) - rounds/24
		chi2 += d * d / (rounds / 24)
	}
	if chi2 > 49.7 {
		t.Errorf("χ² = %.1f over 24 orders", chi2)
	}
}

// mtJatimLists is a synthetic stand-in for the Jawa Timur desa contiguity:
// 8,494 points on a jittered 93-column grid, each linked to its 5 nearest
// neighbours, symmetrised: mean 5.6 neighbours, at most 10.
func mtJatimLists() [][]int {
	const cols, n, k = 93, 8494, 5
	rng := rand.New(rand.NewPCG(2024, 8494))
	px, py := make([]float64, n), make([]float64, n)
	for i := range px {
		px[i] = float64(i%cols) + (rng.Float64()-0.5)*0.98
		py[i] = float64(i/cols) + (rng.Float64()-0.5)*0.98
	}
	lists := make([][]int, n)
	type cand struct {
		j int
		d float64
	}
	var cs []cand
	for i := range lists {
		c, r := i%cols, i/cols
		cs = cs[:0]
		for dr := -2; dr <= 2; dr++ {
			for dc := -2; dc <= 2; dc++ {
				rr, cc := r+dr, c+dc
				j := rr*cols + cc
				if rr < 0 || cc < 0 || cc >= cols || j >= n || j == i {
					continue
				}
				dx, dy := px[j]-px[i], py[j]-py[i]
				cs = append(cs, cand{j, dx*dx + dy*dy})
			}
		}
		sort.Slice(cs, func(a, b int) bool { return cs[a].d < cs[b].d || cs[a].d == cs[b].d && cs[a].j < cs[b].j })
		for _, c := range cs[:k] {
			lists[i] = append(lists[i], c.j)
			lists[c.j] = append(lists[c.j], i)
		}
	}
	return lists
}

func TestJatimStandIn(t *testing.T) {
	w := FromLists(mtJatimLists())
	maxK := 0
	for i := 0; i < w.N; i++ {
		maxK = max(maxK, w.Cardinality(i))
	}
	mean := float64(len(w.Index)) / float64(w.N)
	if w.N != 8494 || mean < 5.4 || mean > 6 || len(w.Islands()) != 0 {
		t.Errorf("n %d mean %.3f max %d islands %d", w.N, mean, maxK, len(w.Islands()))
	}
	t.Logf("synthetic Jawa Timur: %d areas, mean %.3f neighbours, max %d", w.N, mean, maxK)
}

func BenchmarkLocalMoranJatim(b *testing.B) {
	w := FromLists(mtJatimLists()).RowStandardized()
	x := mtRandom(w.N, 5)
	b.ReportAllocs()
	for b.Loop() {
		LocalMoran(x, w, 999, 1)
	}
}

func BenchmarkMoranJatim(b *testing.B) {
	w := FromLists(mtJatimLists()).RowStandardized()
	x := mtRandom(w.N, 5)
	b.ReportAllocs()
	for b.Loop() {
		Moran(x, w, 999, 1)
	}
}
