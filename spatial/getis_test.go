package spatial

import (
	"math"
	"testing"
)

func TestGiStarHotCornerByHand(t *testing.T) {
	// 3×3 rook lattice, x = 1 in the top-left corner and 0 elsewhere:
	// x̄ = 1/9, S = √(1/9 − 1/81) = √8/9. With W_i = neighbours + 1 and h_i
	// = 1 when the corner is in area i's neighbourhood,
	// Gi* = (h − W/9)/((√8/9)·√((9W − W²)/8)) = (9h − W)/√(9W − W²):
	// corner 0 (W 3, h 1) √2, edges 1 and 3 (W 4, h 1) √5/2, centre (W 5)
	// −√5/2, the other edges (W 4) −2/√5 and corners (W 3) −1/√2.
	want := []float64{
		math.Sqrt2, math.Sqrt(5) / 2, -1 / math.Sqrt2,
		math.Sqrt(5) / 2, -math.Sqrt(5) / 2, -2 / math.Sqrt(5),
		-1 / math.Sqrt2, -2 / math.Sqrt(5), -1 / math.Sqrt2,
	}
	w := FromLists(mtGrid(3, 3, false))
	for _, c := range []struct {
		name string
		x    []float64
		w    *Weights
	}{
		{"binary", []float64{1, 0, 0, 0, 0, 0, 0, 0, 0}, w},
		{"row-standardised weights", []float64{1, 0, 0, 0, 0, 0, 0, 0, 0}, w.RowStandardized()},
		{"scaled and shifted x", []float64{23, 5, 5, 5, 5, 5, 5, 5, 5}, w},
	} {
		got := GiStar(c.x, c.w)
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-12 {
				t.Errorf("%s: Gi*[%d] = %v, want %v", c.name, i, got[i], want[i])
			}
		}
	}
}

// mtGiStarDense is Gi* straight from its formula over a dense 0/1 matrix
// with the diagonal set.
func mtGiStarDense(x []float64, lists [][]int) []float64 {
	n := float64(len(x))
	var mean, sq float64
	for _, v := range x {
		mean += v
		sq += v * v
	}
	mean /= n
	s := math.Sqrt(sq/n - mean*mean)
	out := make([]float64, len(x))
	for i := range x {
		wrow := make([]float64, len(x))
		wrow[i] = 1
		for _, j := range lists[i] {
			wrow[j] = 1
		}
		var sw, sw2, swx float64
		for j, v := range wrow {
			sw += v
			sw2 += v * v
			swx += v * x[j]
		}
		out[i] = (swx - mean*sw) / (s * math.Sqrt((n*sw2-sw*sw)/(n-1)))
	}
	return out
}

func TestGiStarMatchesDense(t *testing.T) {
	lists := mtGrid(5, 5, true)
	x := mtRandom(25, 13)
	got := GiStar(x, FromLists(lists))
	want := mtGiStarDense(x, lists)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("Gi*[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestGiStarHotSpots(t *testing.T) {
	// Clustered 10×10 lattice, queen: an interior cell of the high half has
	// W = 9 and Σ x = 9; x̄ = S = 0.5, so
	// Gi* = (9 − 4.5)/(0.5·√((100·9 − 81)/99)) ≈ 3.129: a 99% hot spot; the
	// low half mirrors it.
	x := mtHalves(10, 10)
	g := GiStar(x, FromLists(mtGrid(10, 10, true)))
	want := 4.5 / (0.5 * math.Sqrt(819.0/99))
	if math.Abs(g[5*10+2]-want) > 1e-12 || math.Abs(g[5*10+7]+want) > 1e-12 {
		t.Errorf("interior Gi* %v and %v, want ±%v", g[52], g[57], want)
	}
	if HotSpot(g[52]) != 2 || HotSpot(g[57]) != -2 {
		t.Errorf("HotSpot %d and %d, want 2 and -2", HotSpot(g[52]), HotSpot(g[57]))
	}
}

func TestGiStarUndefined(t *testing.T) {
	lists := append(mtGrid(3, 3, false), nil) // area 9 is an island
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 100}
	g := GiStar(x, FromLists(lists))
	if !math.IsNaN(g[9]) {
		t.Errorf("island: Gi* = %v, want NaN", g[9])
	}
	for i, v := range g[:9] {
		if math.IsNaN(v) {
			t.Errorf("area %d: NaN", i)
		}
	}
	for i, v := range GiStar([]float64{4, 4, 4}, FromLists([][]int{{1}, {0, 2}, {1}})) {
		if !math.IsNaN(v) {
			t.Errorf("constant x, area %d: Gi* = %v, want NaN", i, v)
		}
	}
}

func TestHotSpot(t *testing.T) {
	for _, c := range []struct {
		z    float64
		want int
	}{
		{3, 2}, {2.576, 2}, {2.5759, 1}, {1.96, 1}, {1.9599, 0}, {0, 0},
		{-1.9599, 0}, {-1.96, -1}, {-2.5759, -1}, {-2.576, -2}, {-10, -2},
		{math.NaN(), 0}, {math.Inf(1), 2}, {math.Inf(-1), -2},
	} {
		if got := HotSpot(c.z); got != c.want {
			t.Errorf("HotSpot(%v) = %d, want %d", c.z, got, c.want)
		}
	}
}
