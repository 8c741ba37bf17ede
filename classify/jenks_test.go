package classify

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
)

// calEmp reads the 58 California county employment densities of
// mapclassify's load_example() (see testdata/README.md).
func calEmp(t testing.TB) []float64 {
	t.Helper()
	f, err := os.Open("testdata/calempdensity.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var v []float64
	for _, r := range recs[1:] {
		x, err := strconv.ParseFloat(r[len(r)-1], 64)
		if err != nil {
			t.Fatal(err)
		}
		v = append(v, x)
	}
	if len(v) != 58 {
		t.Fatalf("%d counties, want 58", len(v))
	}
	return v
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

func nearSlice(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i], tol) {
			return false
		}
	}
	return true
}

// withinSS is the sum over the classes of br of the squared deviations of
// values from their class mean.
func withinSS(br Breaks, values []float64) float64 {
	k := br.Classes()
	n := make([]float64, k)
	s := make([]float64, k)
	q := make([]float64, k)
	for _, v := range values {
		c := br.Class(v)
		if c < 0 {
			continue
		}
		n[c]++
		s[c] += v
		q[c] += v * v
	}
	var ss float64
	for c := range k {
		if n[c] > 0 {
			ss += q[c] - s[c]*s[c]/n[c]
		}
	}
	return ss
}

// groupSS is the sum of squared deviations of v from its mean, computed directly.
func groupSS(v []float64) float64 {
	var m float64
	for _, x := range v {
		m += x
	}
	m /= float64(len(v))
	var ss float64
	for _, x := range v {
		ss += (x - m) * (x - m)
	}
	return ss
}

func TestJenksTextbook(t *testing.T) {
	br, err := Jenks([]float64{1, 2, 3, 10, 11, 12, 20, 21, 22}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if br.Min != 1 || !slices.Equal(br.Uppers, []float64{3, 12, 22}) {
		t.Fatalf("got %v %v, want 1 [3 12 22]", br.Min, br.Uppers)
	}
	// Order, NaNs and repeats do not matter.
	br, err = Jenks([]float64{22, math.NaN(), 3, 11, 1, 20, 2, 12, 12, 10, 21, 1}, 3)
	if err != nil || !slices.Equal(br.Uppers, []float64{3, 12, 22}) {
		t.Fatalf("shuffled: %v %v", br, err)
	}
}

// TestJenksCalifornia matches mapclassify's Fisher_Jenks on its own example
// data: bins [75.29, 192.05, 370.5, 722.85, 4111.45], counts [49 3 4 1 1].
func TestJenksCalifornia(t *testing.T) {
	cal := calEmp(t)
	br, err := Jenks(cal, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{75.29, 192.05, 370.5, 722.85, 4111.45}; !slices.Equal(br.Uppers, want) {
		t.Errorf("bins %v, want %v", br.Uppers, want)
	}
	if want := []int{49, 3, 4, 1, 1}; !slices.Equal(br.Counts(cal), want) {
		t.Errorf("counts %v, want %v", br.Counts(cal), want)
	}
	if br.Min != 0.13 {
		t.Errorf("min %v, want 0.13", br.Min)
	}
}

// bruteForce returns the least within-class sum of squares of sorted v cut
// into k contiguous non-empty groups, trying every set of cuts (cuts between
// equal values included).
func bruteForce(v []float64, k int) float64 {
	n := len(v)
	best := math.Inf(1)
	cuts := make([]int, k+1)
	cuts[k] = n
	var rec func(g, from int)
	rec = func(g, from int) {
		if g == k {
			var ss float64
			for i := range k {
				ss += groupSS(v[cuts[i]:cuts[i+1]])
			}
			best = min(best, ss)
			return
		}
		for c := from; c <= n-(k-g); c++ {
			cuts[g] = c
			rec(g+1, c+1)
		}
	}
	cuts[0] = 0
	rec(1, 1)
	return best
}

func TestJenksBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1958, 1977))
	for trial := range 3000 {
		k := 3 + rng.IntN(2) // 3 or 4
		n := k + rng.IntN(13-k)
		v := make([]float64, n)
		for i := range v {
			if trial%2 == 0 {
				v[i] = float64(rng.IntN(8)) // many ties
			} else {
				v[i] = math.Round(rng.ExpFloat64()*1000) / 10
			}
		}
		br, err := Jenks(v, k)
		if err != nil {
			t.Fatal(err)
		}
		s := slices.Sorted(slices.Values(v))
		got, want := withinSS(br, v), bruteForce(s, k)
		if !near(got, want, 1e-9) {
			t.Fatalf("values %v k=%d: breaks %v give SS %v, optimum %v", s, k, br.Uppers, got, want)
		}
		if br.Uppers[len(br.Uppers)-1] != s[n-1] || br.Min != s[0] {
			t.Fatalf("values %v: breaks %v %v do not span the data", s, br.Min, br.Uppers)
		}
		for i, u := range br.Uppers {
			if !slices.Contains(v, u) || (i > 0 && u <= br.Uppers[i-1]) {
				t.Fatalf("values %v: breaks %v are not ascending class maxima", s, br.Uppers)
			}
		}
	}
}

// classicSS is the optimum by the classic O(k·n²) Fisher–Jenks matrices,
// over every value (not grouped ties), with each group's cost computed
// incrementally, for checking the fast version on larger inputs.
func classicSS(v []float64, k int) float64 {
	n := len(v)
	inf := math.Inf(1)
	prev := make([]float64, n+1) // prev[j]: best for v[:j] in c groups
	for j := 1; j <= n; j++ {
		prev[j] = groupSS(v[:j])
	}
	prev[0] = inf
	for c := 2; c <= k; c++ {
		cur := make([]float64, n+1)
		for j := range cur {
			cur[j] = inf
		}
		for j := c; j <= n; j++ {
			// last group v[i:j], grown downwards with running sums.
			var s, q float64
			for i := j - 1; i >= c-1; i-- {
				s += v[i]
				q += v[i] * v[i]
				m := float64(j - i)
				ss := q - s*s/m
				if cand := prev[i] + max(ss, 0); cand < cur[j] {
					cur[j] = cand
				}
			}
		}
		prev = cur
	}
	return prev[n]
}

func TestJenksMatchesClassic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := range 40 {
		n := 50 + rng.IntN(250)
		k := MinClasses + trial%(MaxClasses-MinClasses+1)
		v := make([]float64, n)
		for i := range v {
			switch trial % 3 {
			case 0:
				v[i] = float64(rng.IntN(40))
			case 1:
				v[i] = math.Exp(rng.NormFloat64())
			default:
				v[i] = 100 * rng.Float64()
			}
		}
		br, err := Jenks(v, k)
		if err != nil {
			t.Fatal(err)
		}
		s := slices.Sorted(slices.Values(v))
		if got, want := withinSS(br, v), classicSS(s, k); !near(got, want, 1e-9) {
			t.Fatalf("trial %d n=%d k=%d: SS %v, classic optimum %v", trial, n, k, got, want)
		}
	}
}

func TestJenksFewDistinct(t *testing.T) {
	br, err := Jenks([]float64{5, 5, 7, 7, 7, math.NaN()}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if br.Min != 5 || !slices.Equal(br.Uppers, []float64{5, 7}) {
		t.Fatalf("got %v %v, want 5 [5 7]", br.Min, br.Uppers)
	}
	if _, err := Jenks([]float64{math.NaN()}, 5); err == nil {
		t.Fatal("no values: want an error")
	}
}

// tubanLike returns n skewed values shaped like desa-level poverty counts,
// with repeats.
func tubanLike(n int) []float64 {
	rng := rand.New(rand.NewPCG(3523, 328))
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Round(math.Exp(4+rng.NormFloat64())*10) / 10
	}
	return v
}

func TestJenksTubanSize(t *testing.T) {
	v := tubanLike(8494)
	br, err := Jenks(v, 5)
	if err != nil {
		t.Fatal(err)
	}
	if br.Classes() != 5 {
		t.Fatalf("%d classes, want 5", br.Classes())
	}
	var total int
	for _, c := range br.Counts(v) {
		total += c
	}
	if total != len(v) {
		t.Fatalf("counts add to %d, want %d", total, len(v))
	}
}

// BenchmarkJenks classifies 8,494 values (the size of a Tuban data set) in
// five classes.
func BenchmarkJenks(b *testing.B) {
	v := tubanLike(8494)
	for b.Loop() {
		if _, err := Jenks(v, 5); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJenksDistinct is the worst case: 8,494 values, all different,
// nine classes.
func BenchmarkJenksDistinct(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]float64, 8494)
	for i := range v {
		v[i] = rng.Float64()
	}
	for b.Loop() {
		if _, err := Jenks(v, 9); err != nil {
			b.Fatal(err)
		}
	}
}
