package spatial

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
)

const (
	ctTubanFile = "/work/shared/data/tuban-desa.geojson"
	ctJatimFile = "/work/shared/data/jatim-desa.geojson.gz"

	ctLon0, ctLat0 = 111.6, -6.9 // where the synthetic shapes lie
	ctCell         = 0.01        // side of a lattice cell, degrees (about 1.1 km)
)

// ctLonDeg converts m metres east–west near ctLat0 to degrees of longitude.
func ctLonDeg(m float64) float64 {
	kx, _ := geo.MetresPerDegree(ctLat0)
	return m / kx
}

// metresPerDegLat is the length of a degree of latitude at the test
// lattice's latitude.
var metresPerDegLat = func() float64 {
	_, ky := geo.MetresPerDegree(ctLat0)
	return ky
}()

// lonDegAt is m metres east–west at latitude lat, in degrees.
func lonDegAt(m, lat float64) float64 {
	kx, _ := geo.MetresPerDegree(lat)
	return m / kx
}

// ctRect is the counter-clockwise closed ring of a lon/lat rectangle.
func ctRect(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func ctArea(code string, mp orb.MultiPolygon) *geo.Area {
	a := &geo.Area{Code: code, Geom: mp}
	a.Fill()
	return a
}

func ctBox(code string, x0, y0, x1, y1 float64) *geo.Area {
	return ctArea(code, orb.MultiPolygon{{ctRect(x0, y0, x1, y1)}})
}

// ctLattice returns an n×n lattice of ctCell squares, row by row from the
// south-west; adjacent squares share their vertices exactly.
func ctLattice(n int) []*geo.Area {
	at := func(i int) (float64, float64) { return ctLon0 + float64(i)*ctCell, ctLat0 + float64(i)*ctCell }
	var out []*geo.Area
	for r := range n {
		for c := range n {
			x0, _ := at(c)
			x1, _ := at(c + 1)
			_, y0 := at(r)
			_, y1 := at(r + 1)
			out = append(out, ctBox(fmt.Sprintf("%d.%d", r, c), x0, y0, x1, y1))
		}
	}
	return out
}

func ctLists(w *Weights) [][]int {
	out := make([][]int, w.N)
	for i := range w.N {
		out[i] = []int{}
		for _, j := range w.Neighbors(i) {
			out[i] = append(out[i], int(j))
		}
	}
	return out
}

func ctLinks(w *Weights) int { return len(w.Index) / 2 }

// ctCheckWeights checks the invariants of contiguity weights: sorted rows,
// no self-links or duplicates, every weight 1, and symmetry.
func ctCheckWeights(t *testing.T, w *Weights) {
	t.Helper()
	if len(w.Offsets) != w.N+1 || int(w.Offsets[w.N]) != len(w.Index) || len(w.Index) != len(w.Weight) {
		t.Fatalf("malformed weights: N %d, %d offsets, %d indices, %d weights", w.N, len(w.Offsets), len(w.Index), len(w.Weight))
	}
	for i := range w.N {
		nb := w.Neighbors(i)
		for k, j := range nb {
			if int(j) == i {
				t.Errorf("area %d is its own neighbour", i)
			}
			if k > 0 && nb[k-1] >= j {
				t.Errorf("row %d not strictly sorted: %v", i, nb)
			}
			if _, ok := slices.BinarySearch(w.Neighbors(int(j)), int32(i)); !ok {
				t.Errorf("asymmetric: %d in N(%d) but %d not in N(%d)", j, i, i, j)
			}
		}
		for _, v := range w.Row(i) {
			if v != 1 {
				t.Fatalf("row %d: weight %v, want 1", i, v)
			}
		}
	}
}

func TestContiguityLattice3x3(t *testing.T) {
	rook := [][]int{{1, 3}, {0, 2, 4}, {1, 5}, {0, 4, 6}, {1, 3, 5, 7}, {2, 4, 8}, {3, 7}, {4, 6, 8}, {5, 7}}
	queen := [][]int{{1, 3, 4}, {0, 2, 3, 4, 5}, {1, 4, 5}, {0, 1, 4, 6, 7}, {0, 1, 2, 3, 5, 6, 7, 8},
		{1, 2, 4, 7, 8}, {3, 4, 7}, {3, 4, 5, 6, 8}, {4, 5, 7}}
	for _, tc := range []struct {
		rule Rule
		tol  float64
		want [][]int
	}{
		{Rook, 0, rook},
		{Rook, DefaultTolerance, rook},
		{Rook, 400, rook}, // wide, but a corner still spans nothing
		{Queen, 0, queen},
		{Queen, DefaultTolerance, queen},
	} {
		t.Run(fmt.Sprintf("%v/%gm", tc.rule, tc.tol), func(t *testing.T) {
			w := Contiguity(ctLattice(3), ContiguityOptions{Rule: tc.rule, Tolerance: tc.tol})
			ctCheckWeights(t, w)
			if got := ctLists(w); !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("neighbours\n got %v\nwant %v", got, tc.want)
			}
			if w.Cardinality(4) != len(tc.want[4]) || w.Cardinality(0) != len(tc.want[0]) {
				t.Errorf("centre %d, corner %d neighbours", w.Cardinality(4), w.Cardinality(0))
			}
		})
	}
}

func TestContiguityLattice5x5Links(t *testing.T) {
	for _, tc := range []struct {
		rule Rule
		tol  float64
		want int
	}{
		{Rook, 0, 2 * 5 * 4},
		{Rook, DefaultTolerance, 40},
		{Queen, 0, 40 + 2*16},
		{Queen, DefaultTolerance, 72},
	} {
		w := Contiguity(ctLattice(5), ContiguityOptions{Rule: tc.rule, Tolerance: tc.tol})
		ctCheckWeights(t, w)
		if got := ctLinks(w); got != tc.want {
			t.Errorf("%v, %g m: %d links, want %d", tc.rule, tc.tol, got, tc.want)
		}
	}
}

// TestContiguityCases covers the traps of real boundary data on small
// synthetic layers; want lists every area's neighbours.
func TestContiguityCases(t *testing.T) {
	d := ctCell
	gap5 := ctLonDeg(5)
	// Outer desa with a hole exactly filled by the inner one, and a third
	// desa east of the outer.
	outer := ctArea("outer", orb.MultiPolygon{{
		ctRect(ctLon0, ctLat0, ctLon0+3*d, ctLat0+3*d),
		ctRect(ctLon0+d, ctLat0+d, ctLon0+2*d, ctLat0+2*d).Clone(),
	}})
	slices.Reverse(outer.Geom[0][1]) // holes run clockwise
	enclave := []*geo.Area{
		outer,
		ctBox("inner", ctLon0+d, ctLat0+d, ctLon0+2*d, ctLat0+2*d),
		ctBox("east", ctLon0+3*d, ctLat0, ctLon0+4*d, ctLat0+3*d),
	}
	gap := []*geo.Area{
		ctBox("west", ctLon0, ctLat0, ctLon0+d, ctLat0+d),
		ctBox("east", ctLon0+d+gap5, ctLat0, ctLon0+2*d+gap5, ctLat0+d),
	}
	island := []*geo.Area{
		ctBox("a", ctLon0, ctLat0, ctLon0+d, ctLat0+d),
		ctBox("b", ctLon0+d, ctLat0, ctLon0+2*d, ctLat0+d),
		ctBox("far", ctLon0+0.6, ctLat0+0.1, ctLon0+0.6+d, ctLat0+0.1+d), // like Bawean
	}
	corner := []*geo.Area{
		ctBox("sw", ctLon0, ctLat0, ctLon0+d, ctLat0+d),
		ctBox("ne", ctLon0+d, ctLat0+d, ctLon0+2*d, ctLat0+2*d),
	}
	cornerGap := []*geo.Area{ // corner to corner, 5 m apart east–west
		ctBox("sw", ctLon0, ctLat0, ctLon0+d, ctLat0+d),
		ctBox("ne", ctLon0+d+gap5, ctLat0+d, ctLon0+2*d+gap5, ctLat0+2*d),
	}
	// A tall desa beside two small ones: the small ones' corners lie in the
	// middle of its side, where it has no vertex (a T-junction).
	tee := []*geo.Area{
		ctBox("tall", ctLon0, ctLat0, ctLon0+d, ctLat0+2*d),
		ctBox("low", ctLon0+d, ctLat0, ctLon0+2*d, ctLat0+d),
		ctBox("high", ctLon0+d, ctLat0+d, ctLon0+2*d, ctLat0+2*d),
	}
	overlap := []*geo.Area{ // 3 m overlap along the shared side
		ctBox("west", ctLon0, ctLat0, ctLon0+d+ctLonDeg(3), ctLat0+d),
		ctBox("east", ctLon0+d, ctLat0, ctLon0+2*d, ctLat0+d),
	}
	short := []*geo.Area{ // share only 0.5 m of boundary
		ctBox("a", ctLon0, ctLat0, ctLon0+d, ctLat0+d),
		ctBox("b", ctLon0+d, ctLat0+d-0.5/metresPerDegLat, ctLon0+2*d, ctLat0+2*d),
	}
	// A detached part of "a" touching "c", which the main part does not.
	multi := []*geo.Area{
		ctArea("a", orb.MultiPolygon{{ctRect(ctLon0, ctLat0, ctLon0+d, ctLat0+d)}, {ctRect(ctLon0+3*d, ctLat0, ctLon0+4*d, ctLat0+d)}}),
		ctBox("b", ctLon0+d, ctLat0, ctLon0+2*d, ctLat0+d),
		ctBox("c", ctLon0+4*d, ctLat0, ctLon0+5*d, ctLat0+d),
	}
	// Gaps measured in metres: east–west (through cos lat) and north–south.
	gapEW := func(m float64) []*geo.Area {
		return []*geo.Area{ctBox("west", ctLon0, ctLat0, ctLon0+d, ctLat0+d), ctBox("east", ctLon0+d+ctLonDeg(m), ctLat0, ctLon0+2*d+ctLonDeg(m), ctLat0+d)}
	}
	gapNS := func(m float64) []*geo.Area {
		g := m / metresPerDegLat
		return []*geo.Area{ctBox("south", ctLon0, ctLat0, ctLon0+d, ctLat0+d), ctBox("north", ctLon0, ctLat0+d+g, ctLon0+d, ctLat0+2*d+g)}
	}
	// Far from the equator a degree of longitude is much shorter: 20 m at
	// 45°S is 0.00025°, which would be 28 m at the equator.
	south := []*geo.Area{
		ctBox("west", 111, -45, 111.01, -44.99),
		ctBox("east", 111.01+lonDegAt(20, -45), -45, 111.03, -44.99),
	}
	// Tolerance 0 still allows 1e-9°: a tenth of that is a touch, 1e-7°
	// (about a centimetre) is not.
	hair := func(deg float64) []*geo.Area {
		return []*geo.Area{ctBox("west", ctLon0, ctLat0, ctLon0+d, ctLat0+d), ctBox("east", ctLon0+d+deg, ctLat0+d/3, ctLon0+2*d, ctLat0+2*d/3)}
	}
	none := [][]int{{}, {}}
	pair := [][]int{{1}, {0}}
	for _, tc := range []struct {
		name  string
		areas []*geo.Area
		rule  Rule
		tol   float64
		want  [][]int
	}{
		{"enclave/queen/exact", enclave, Queen, 0, [][]int{{1, 2}, {0}, {0}}},
		{"enclave/rook/exact", enclave, Rook, 0, [][]int{{1, 2}, {0}, {0}}},
		{"enclave/queen/25m", enclave, Queen, DefaultTolerance, [][]int{{1, 2}, {0}, {0}}},
		{"enclave/rook/25m", enclave, Rook, DefaultTolerance, [][]int{{1, 2}, {0}, {0}}},
		{"gap5m/queen/10m", gap, Queen, 10, pair},
		{"gap5m/rook/10m", gap, Rook, 10, pair},
		{"gap5m/queen/1m", gap, Queen, 1, none},
		{"gap5m/rook/1m", gap, Rook, 1, none},
		{"gap5m/queen/exact", gap, Queen, 0, none},
		{"island/queen/25m", island, Queen, DefaultTolerance, [][]int{{1}, {0}, {}}},
		{"island/rook/exact", island, Rook, 0, [][]int{{1}, {0}, {}}},
		{"island/queen/1km", island, Queen, 1000, [][]int{{1}, {0}, {}}},
		{"corner/queen/exact", corner, Queen, 0, pair},
		{"corner/rook/exact", corner, Rook, 0, none},
		{"corner/queen/25m", corner, Queen, DefaultTolerance, pair},
		{"corner/rook/25m", corner, Rook, DefaultTolerance, none},
		{"corner-gap5m/queen/10m", cornerGap, Queen, 10, pair},
		{"corner-gap5m/rook/10m", cornerGap, Rook, 10, none},
		{"corner-gap5m/queen/exact", cornerGap, Queen, 0, none},
		{"tee/rook/exact", tee, Rook, 0, [][]int{{1, 2}, {0, 2}, {0, 1}}},
		{"tee/queen/exact", tee, Queen, 0, [][]int{{1, 2}, {0, 2}, {0, 1}}},
		{"overlap3m/rook/10m", overlap, Rook, 10, pair},
		{"overlap3m/rook/1m", overlap, Rook, 1, pair}, // east's corners lie on west's top and bottom
		{"overlap3m/queen/exact", overlap, Queen, 0, pair},
		{"short/rook/exact", short, Rook, 0, none},
		{"short/queen/exact", short, Queen, 0, pair},
		{"gap9.9m-ew/queen/10m", gapEW(9.9), Queen, 10, pair},
		{"gap10.1m-ew/queen/10m", gapEW(10.1), Queen, 10, none},
		{"gap9.9m-ns/rook/10m", gapNS(9.9), Rook, 10, pair},
		{"gap10.1m-ns/rook/10m", gapNS(10.1), Rook, 10, none},
		{"gap20m-45S/queen/25m", south, Queen, DefaultTolerance, pair},
		{"gap20m-45S/queen/15m", south, Queen, 15, none},
		{"hair1e-10deg/rook/exact", hair(1e-10), Rook, 0, pair},
		{"hair1e-7deg/queen/exact", hair(1e-7), Queen, 0, none},
		{"detached/queen/exact", multi, Queen, 0, [][]int{{1, 2}, {0}, {0}}},
		{"detached/rook/25m", multi, Rook, DefaultTolerance, [][]int{{1, 2}, {0}, {0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := Contiguity(tc.areas, ContiguityOptions{Rule: tc.rule, Tolerance: tc.tol})
			ctCheckWeights(t, w)
			if got := ctLists(w); !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("neighbours\n got %v\nwant %v", got, tc.want)
			}
			var wantIslands []int
			for i, l := range tc.want {
				if len(l) == 0 {
					wantIslands = append(wantIslands, i)
				}
			}
			if got := w.Islands(); !slices.Equal(got, wantIslands) {
				t.Errorf("islands %v, want %v", got, wantIslands)
			}
		})
	}
}

func TestContiguityDegenerate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		areas []*geo.Area
		links int
	}{
		{"none", nil, 0},
		{"one", []*geo.Area{ctBox("a", ctLon0, ctLat0, ctLon0+ctCell, ctLat0+ctCell)}, 0},
		{"empty geometry", []*geo.Area{{Code: "x"}, ctBox("a", ctLon0, ctLat0, ctLon0+ctCell, ctLat0+ctCell), nil}, 0},
		{"same square twice", []*geo.Area{ctBox("a", ctLon0, ctLat0, ctLon0+ctCell, ctLat0+ctCell), ctBox("b", ctLon0, ctLat0, ctLon0+ctCell, ctLat0+ctCell)}, 1},
		// b touches only the segment that closes a's ring.
		{"open ring", []*geo.Area{
			ctArea("a", orb.MultiPolygon{{ctRect(ctLon0, ctLat0, ctLon0+ctCell, ctLat0+ctCell)[:4]}}),
			ctBox("b", ctLon0-ctCell, ctLat0+0.3*ctCell, ctLon0, ctLat0+0.7*ctCell)}, 1},
	} {
		for _, rule := range []Rule{Queen, Rook} {
			w := Contiguity(tc.areas, ContiguityOptions{Rule: rule, Tolerance: DefaultTolerance})
			ctCheckWeights(t, w)
			if w.N != len(tc.areas) || ctLinks(w) != tc.links {
				t.Errorf("%s/%v: N %d, %d links; want %d, %d", tc.name, rule, w.N, ctLinks(w), len(tc.areas), tc.links)
			}
		}
	}
}

func TestParseRule(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Rule
		ok   bool
	}{
		{"queen", Queen, true},
		{" Rook ", Rook, true},
		{"QUEEN", Queen, true},
		{"bishop", 0, false},
		{"", 0, false},
	} {
		got, err := ParseRule(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseRule(%q) = %v, %v", tc.in, got, err)
		}
		if tc.ok {
			if back, err := ParseRule(got.String()); err != nil || back != got {
				t.Errorf("ParseRule(%v.String()) = %v, %v", got, back, err)
			}
		}
	}
	if s := Rule(7).String(); s != "Rule(7)" {
		t.Errorf("Rule(7).String() = %q", s)
	}
}

var (
	ctLayersMu sync.Mutex
	ctLayers   = map[string][]*geo.Area{} // shared data files read so far
)

// ctLoad reads a shared data file once per test binary, skipping the
// test when it is missing.
func ctLoad(tb testing.TB, path string) []*geo.Area {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("real data not available: %v", err)
	}
	ctLayersMu.Lock()
	defer ctLayersMu.Unlock()
	if areas, ok := ctLayers[path]; ok {
		return areas
	}
	l, err := geo.ReadGeoJSONFile(path, geo.ReadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	ctLayers[path] = l.Areas
	return l.Areas
}

func ctMean(w *Weights) float64 { return float64(len(w.Index)) / float64(max(1, w.N)) }

func ctIslandCodes(areas []*geo.Area, w *Weights) []string {
	var out []string
	for _, i := range w.Islands() {
		out = append(out, areas[i].Code)
	}
	return out
}

func TestContiguityTuban(t *testing.T) {
	areas := ctLoad(t, ctTubanFile)
	islands := map[string]int{}
	for _, rule := range []Rule{Queen, Rook} {
		for _, tol := range []float64{0, 5, DefaultTolerance} {
			w := Contiguity(areas, ContiguityOptions{Rule: rule, Tolerance: tol})
			ctCheckWeights(t, w)
			codes := ctIslandCodes(areas, w)
			key := fmt.Sprintf("%v/%g", rule, tol)
			islands[key] = len(codes)
			t.Logf("Tuban %-5v %4g m: %d links, mean %.2f neighbours, %d islands %v", rule, tol, ctLinks(w), ctMean(w), len(codes), codes)
			if tol == DefaultTolerance {
				// Tuban has no offshore islands: every desa must find a neighbour.
				if len(codes) != 0 {
					t.Errorf("%s: islands on the mainland: %v", key, codes)
				}
				if m := ctMean(w); m < 4 || m > 8 {
					t.Errorf("%s: mean %.2f neighbours, want 4–8", key, m)
				}
			}
		}
		if a, b := islands[fmt.Sprintf("%v/0", rule)], islands[fmt.Sprintf("%v/%g", rule, DefaultTolerance)]; a < b {
			t.Errorf("%v: %d islands exact but %d with %g m", rule, a, b, DefaultTolerance)
		}
	}
}

// TestContiguityMonotone checks on Tuban that a wider tolerance only adds
// queen links, and that rook links are queen links.
func TestContiguityMonotone(t *testing.T) {
	areas := ctLoad(t, ctTubanFile)
	var prev *Weights
	for _, tol := range []float64{0, 1, 5, DefaultTolerance, 100} {
		q := Contiguity(areas, ContiguityOptions{Rule: Queen, Tolerance: tol})
		r := Contiguity(areas, ContiguityOptions{Rule: Rook, Tolerance: tol})
		for i := range q.N {
			for _, j := range r.Neighbors(i) {
				if _, ok := slices.BinarySearch(q.Neighbors(i), j); !ok {
					t.Errorf("%g m: rook link %d–%d is not a queen link", tol, i, j)
				}
			}
			if prev != nil {
				for _, j := range prev.Neighbors(i) {
					if _, ok := slices.BinarySearch(q.Neighbors(i), j); !ok {
						t.Errorf("%g m: queen link %d–%d lost as the tolerance grew", tol, i, j)
					}
				}
			}
		}
		prev = q
	}
}

// ctBruteForce is Contiguity without the grid: every vertex against every
// segment of every other area.
func ctBruteForce(areas []*geo.Area, opt ContiguityOptions) [][]int {
	b := newContigBuilder(areas, opt)
	type span struct {
		ok                     bool
		minX, minY, maxX, maxY float64
	}
	// Bounding boxes, to skip pairs that cannot be within tol.
	lo := make([]planePt, b.n)
	hi := make([]planePt, b.n)
	for a := range b.n {
		lo[a], hi[a] = planePt{math.Inf(1), math.Inf(1)}, planePt{math.Inf(-1), math.Inf(-1)}
		for _, p := range b.pts[b.ringOff[b.areaRing[a]]:b.ringOff[b.areaRing[a+1]]] {
			lo[a] = planePt{min(lo[a].x, p.x), min(lo[a].y, p.y)}
			hi[a] = planePt{max(hi[a].x, p.x), max(hi[a].y, p.y)}
		}
	}
	nearSegment := make(map[[2]int]*span)
	for a := range b.n {
		for c := range b.n {
			if a == c || lo[a].x > hi[c].x+b.tol || lo[c].x > hi[a].x+b.tol || lo[a].y > hi[c].y+b.tol || lo[c].y > hi[a].y+b.tol {
				continue
			}
			for ra := b.areaRing[a]; ra < b.areaRing[a+1]; ra++ {
				for _, p := range b.pts[b.ringOff[ra] : b.ringOff[ra+1]-1] {
					hit := false
					for rc := b.areaRing[c]; rc < b.areaRing[c+1] && !hit; rc++ {
						for k := b.ringOff[rc]; k < b.ringOff[rc+1]-1; k++ {
							q0, q1 := b.pts[k], b.pts[k+1]
							// Plain projection distance, independent of nearSegment.
							dx, dy := q1.x-q0.x, q1.y-q0.y
							t := 0.0
							if l2 := dx*dx + dy*dy; l2 > 0 {
								t = math.Max(0, math.Min(1, ((p.x-q0.x)*dx+(p.y-q0.y)*dy)/l2))
							}
							if math.Hypot(p.x-(q0.x+t*dx), p.y-(q0.y+t*dy)) <= b.tol*(1+1e-12) {
								hit = true
								break
							}
						}
					}
					if !hit {
						continue
					}
					key := [2]int{min(a, c), max(a, c)}
					s := nearSegment[key]
					if s == nil {
						s = &span{true, p.x, p.y, p.x, p.y}
						nearSegment[key] = s
					}
					s.minX, s.minY = math.Min(s.minX, p.x), math.Min(s.minY, p.y)
					s.maxX, s.maxY = math.Max(s.maxX, p.x), math.Max(s.maxY, p.y)
				}
			}
		}
	}
	out := make([][]int, b.n)
	for i := range out {
		out[i] = []int{}
	}
	for key, s := range nearSegment {
		if opt.Rule == Rook && math.Hypot(s.maxX-s.minX, s.maxY-s.minY) <= b.rookSpan*(1+1e-12) {
			continue
		}
		out[key[0]] = append(out[key[0]], key[1])
		out[key[1]] = append(out[key[1]], key[0])
	}
	for _, l := range out {
		slices.Sort(l)
	}
	return out
}

// ctFinely is the closed counter-clockwise ring of a lon/lat rectangle with
// each side cut into parts segments.
func ctFinely(x0, y0, x1, y1 float64, parts int) orb.Ring {
	corners := [...]orb.Point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
	var ring orb.Ring
	for k := range corners {
		p, q := corners[k], corners[(k+1)%4]
		for i := range parts {
			f := float64(i) / float64(parts)
			ring = append(ring, orb.Point{p[0] + f*(q[0]-p[0]), p[1] + f*(q[1]-p[1])})
		}
	}
	return append(ring, ring[0])
}

// ctJittered returns an n×n lattice of ctCell squares whose sides are each
// moved in or out by up to 40 m, drawn from a fixed seed, and cut into
// segments of about 140 m: gaps and overlaps of every width near the
// tolerances, in every direction.
func ctJittered(n int) []*geo.Area {
	rng := rand.New(rand.NewPCG(1, 2))
	jit := func() float64 { return (rng.Float64()*2 - 1) * 40 }
	var out []*geo.Area
	for r := range n {
		for c := range n {
			x0 := ctLon0 + float64(c)*ctCell + ctLonDeg(jit())
			x1 := ctLon0 + float64(c+1)*ctCell + ctLonDeg(jit())
			y0 := ctLat0 + float64(r)*ctCell + jit()/metresPerDegLat
			y1 := ctLat0 + float64(r+1)*ctCell + jit()/metresPerDegLat
			out = append(out, ctArea(fmt.Sprintf("%d.%d", r, c), orb.MultiPolygon{{ctFinely(x0, y0, x1, y1, 8)}}))
		}
	}
	return out
}

// ctOneSided returns pairs (2k, 2k+1) of a coarse square, one segment a
// side, and a small finely cut square gapM metres off the middle of one of
// its sides, on each of the four sides in turn: only the small square's
// vertices come near the other. The pairs are shifted by odd amounts so
// that the gap falls across grid cell borders in some of them.
func ctOneSided(gapM float64) []*geo.Area {
	d := ctCell
	gx, gy := ctLonDeg(gapM), gapM/metresPerDegLat
	var out []*geo.Area
	for i := range 48 {
		x := ctLon0 + float64(i%8)*3*d + ctLonDeg(7.3*float64(i))
		y := ctLat0 + float64(i/8)*3*d + 5.9*float64(i)/metresPerDegLat
		var small orb.Ring
		switch i % 4 {
		case 0: // west
			small = ctFinely(x-gx-d/3, y+d/3, x-gx, y+2*d/3, 6)
		case 1: // east
			small = ctFinely(x+d+gx, y+d/3, x+d+gx+d/3, y+2*d/3, 6)
		case 2: // south
			small = ctFinely(x+d/3, y-gy-d/3, x+2*d/3, y-gy, 6)
		case 3: // north
			small = ctFinely(x+d/3, y+d+gy, x+2*d/3, y+d+gy+d/3, 6)
		}
		out = append(out, ctBox(fmt.Sprintf("coarse%d", i), x, y, x+d, y+d),
			ctArea(fmt.Sprintf("small%d", i), orb.MultiPolygon{{small}}))
	}
	return out
}

func TestContiguityOneSided(t *testing.T) {
	for _, tc := range []struct {
		rule   Rule
		gap    float64
		tol    float64
		linked bool
	}{
		{Queen, 20, DefaultTolerance, true},
		{Rook, 20, DefaultTolerance, true},
		{Queen, 20, 15, false},
		{Rook, 0, 0, true},
		{Queen, 60, 100, true},
	} {
		areas := ctOneSided(tc.gap)
		w := Contiguity(areas, ContiguityOptions{Rule: tc.rule, Tolerance: tc.tol})
		ctCheckWeights(t, w)
		for i := range areas {
			want := []int{}
			if tc.linked {
				want = []int{i ^ 1}
			}
			if got := ctLists(w)[i]; !slices.Equal(got, want) {
				t.Errorf("%v, gap %g m, tolerance %g m: %s has neighbours %v, want %v", tc.rule, tc.gap, tc.tol, areas[i].Code, got, want)
			}
		}
	}
}

// TestContiguityBruteForce compares the grid with testing every vertex
// against every segment, on a jittered lattice and on the Tuban desa of
// three kecamatan.
func TestContiguityBruteForce(t *testing.T) {
	inputs := []struct {
		name  string
		areas []*geo.Area
	}{{"jittered", ctJittered(12)}, {"one-sided", ctOneSided(20)}}
	if !testing.Short() {
		var areas []*geo.Area
		for _, a := range ctLoad(t, ctTubanFile) {
			if strings.HasPrefix(a.Code, "35.23.12.") || strings.HasPrefix(a.Code, "35.23.06.") || strings.HasPrefix(a.Code, "35.23.13.") {
				areas = append(areas, a)
			}
		}
		inputs = append(inputs, struct {
			name  string
			areas []*geo.Area
		}{"Tuban", areas})
	}
	for _, l := range inputs {
		for _, rule := range []Rule{Queen, Rook} {
			for _, tol := range []float64{0, 3, 10, DefaultTolerance, 60, 150} {
				opt := ContiguityOptions{Rule: rule, Tolerance: tol}
				got, want := ctLists(Contiguity(l.areas, opt)), ctBruteForce(l.areas, opt)
				for i := range want {
					if !slices.Equal(got[i], want[i]) {
						t.Errorf("%s %v %g m: %s: got %v, want %v", l.name, rule, tol, l.areas[i].Code, got[i], want[i])
					}
				}
			}
		}
	}
}

// TestContiguityDeterministic checks that the same input gives the same
// weights, whatever the number of goroutines.
func TestContiguityDeterministic(t *testing.T) {
	areas := ctLoad(t, ctTubanFile)
	for _, rule := range []Rule{Queen, Rook} {
		opt := ContiguityOptions{Rule: rule, Tolerance: DefaultTolerance}
		first := Contiguity(areas, opt)
		ctCheckWeights(t, first)
		again := Contiguity(areas, opt)
		prev := runtime.GOMAXPROCS(1)
		single := Contiguity(areas, opt)
		runtime.GOMAXPROCS(prev)
		for _, w := range []*Weights{again, single} {
			if !slices.Equal(w.Offsets, first.Offsets) || !slices.Equal(w.Index, first.Index) || !slices.Equal(w.Weight, first.Weight) {
				t.Errorf("%v: weights differ between runs", rule)
			}
		}
	}
}

// TestContiguityJatim reports islands over all of Jawa Timur, where some
// are real (Bawean, the Sumenep islands) and the exact rule finds more.
func TestContiguityJatim(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	areas := ctLoad(t, ctJatimFile)
	for _, rule := range []Rule{Queen, Rook} {
		n := map[float64]int{}
		for _, tol := range []float64{0, DefaultTolerance} {
			w := Contiguity(areas, ContiguityOptions{Rule: rule, Tolerance: tol})
			ctCheckWeights(t, w)
			codes := ctIslandCodes(areas, w)
			n[tol] = len(codes)
			t.Logf("Jawa Timur %-5v %4g m: %d links, mean %.2f neighbours, %d islands %v", rule, tol, ctLinks(w), ctMean(w), len(codes), codes)
		}
		if n[0] < n[DefaultTolerance] {
			t.Errorf("%v: %d islands exact but %d with %g m", rule, n[0], n[DefaultTolerance], DefaultTolerance)
		}
	}
}

func BenchmarkContiguityJatim(b *testing.B) {
	areas := ctLoad(b, ctJatimFile)
	opt := ContiguityOptions{Rule: Queen, Tolerance: DefaultTolerance}
	b.ReportAllocs()
	for b.Loop() {
		Contiguity(areas, opt)
	}
}
