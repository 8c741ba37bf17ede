package spatial

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/paulmach/orb"
)

// pkLattice returns the rook neighbour lists of an r×c lattice.
func pkLattice(r, c int) *Weights {
	lists := make([][]int, r*c)
	for i := range lists {
		y, x := i/c, i%c
		if x > 0 {
			lists[i] = append(lists[i], i-1)
		}
		if x < c-1 {
			lists[i] = append(lists[i], i+1)
		}
		if y > 0 {
			lists[i] = append(lists[i], i-c)
		}
		if y < r-1 {
			lists[i] = append(lists[i], i+c)
		}
	}
	return FromLists(lists)
}

func TestFindPocketsOnClusteredLattice(t *testing.T) {
	// 10×10: a high block in the top-left 4×4 corner, low elsewhere, with
	// two desa without data inside the block.
	w := pkLattice(10, 10)
	x := make([]float64, 100)
	for i := range x {
		if i/10 < 4 && i%10 < 4 {
			x[i] = 30 + float64(i%3)
		} else {
			x[i] = 5 + float64(i%4)
		}
	}
	x[0], x[99] = math.NaN(), math.NaN()
	res := FindPockets(x, w, DefaultPocketOptions())
	if res.Valid != 98 {
		t.Errorf("valid %d, want 98", res.Valid)
	}
	for _, i := range []int{0, 99} {
		if res.Pocket[i] || res.Cluster[i] != ClusterNS || !math.IsNaN(res.PValue[i]) {
			t.Errorf("desa %d without data: pocket %v cluster %v p %v", i, res.Pocket[i], res.Cluster[i], res.PValue[i])
		}
	}
	// The block's inner cells are significant High-High pockets.
	for _, i := range []int{11, 12, 21, 22} {
		if !res.Pocket[i] || res.Cluster[i] != ClusterHH {
			t.Errorf("block cell %d: pocket %v cluster %v p %.3f", i, res.Pocket[i], res.Cluster[i], res.PValue[i])
		}
	}
	// Nothing far from the block is a pocket.
	for i := range x {
		if (i/10 >= 6 || i%10 >= 6) && res.Pocket[i] {
			t.Errorf("cell %d far from the block is a pocket", i)
		}
	}
	if res.Global.I <= 0.3 || res.Global.PSim > 0.01 {
		t.Errorf("global Moran I %.3f p %.3f: the block should be strongly clustered", res.Global.I, res.Global.PSim)
	}
	// The same seed gives the same p-values; another seed differs.
	again := FindPockets(x, w, DefaultPocketOptions())
	other := DefaultPocketOptions()
	other.Seed = 7
	diff := FindPockets(x, w, other)
	same, changed := true, false
	for i := range x {
		if !math.IsNaN(res.PValue[i]) {
			same = same && again.PValue[i] == res.PValue[i]
			changed = changed || diff.PValue[i] != res.PValue[i]
		}
	}
	if !same || !changed {
		t.Errorf("seeded p-values: same seed equal %v, other seed different %v", same, changed)
	}
	// A threshold adds desa above it whatever their cluster.
	thr := DefaultPocketOptions()
	thr.UseThreshold, thr.Threshold = true, 8
	tres := FindPockets(x, w, thr)
	for i, v := range x {
		if v >= 8 && !tres.Pocket[i] {
			t.Errorf("desa %d at %v ≥ 8 not a pocket with the threshold", i, v)
		}
	}
}

// TestPocketDirection checks that the direction of the indicator decides
// which clusters are pockets: High–High when higher is poorer, Low–Low when
// lower is, none for an indicator that does not measure poverty; and that
// the threshold works on the poorer side.
func TestPocketDirection(t *testing.T) {
	w := pkLattice(10, 10)
	x := make([]float64, 100)
	for i := range x {
		switch {
		case i/10 < 4 && i%10 < 4: // high block top-left
			x[i] = 30 + float64(i%3)
		case i/10 >= 6 && i%10 >= 6: // low block bottom-right
			x[i] = 1 + float64(i%2)
		default:
			x[i] = 12 + float64(i%4)
		}
	}
	for _, tc := range []struct {
		poorer geo.Direction
		want   Cluster // the only cluster that may be a pocket
		inner  []int   // cells that must be pockets
	}{
		{geo.HigherIsPoorer, ClusterHH, []int{11, 12, 21, 22}},
		{geo.LowerIsPoorer, ClusterLL, []int{77, 78, 87, 88}},
		{geo.Neither, ClusterNS, nil},
	} {
		o := DefaultPocketOptions()
		o.Poorer = tc.poorer
		res := FindPockets(x, w, o)
		n, hh, ll := 0, 0, 0
		for i := range x {
			switch res.Cluster[i] {
			case ClusterHH:
				hh++
			case ClusterLL:
				ll++
			}
			if res.Pocket[i] {
				n++
				if res.Cluster[i] != tc.want {
					t.Errorf("%v: cell %d is a pocket in cluster %v", tc.poorer, i, res.Cluster[i])
				}
			}
		}
		if hh == 0 || ll == 0 {
			t.Fatalf("%v: the lattice should have both HH (%d) and LL (%d) clusters", tc.poorer, hh, ll)
		}
		for _, i := range tc.inner {
			if !res.Pocket[i] {
				t.Errorf("%v: cell %d (%v, %v) is no pocket", tc.poorer, i, x[i], res.Cluster[i])
			}
		}
		if tc.poorer == geo.Neither && n != 0 {
			t.Errorf("neither: %d pockets, want none", n)
		}
	}
	// The threshold counts the poorer side: ≤ when lower is poorer.
	o := DefaultPocketOptions()
	o.Poorer, o.UseThreshold, o.Threshold = geo.LowerIsPoorer, true, 12
	res := FindPockets(x, w, o)
	for i, v := range x {
		if v <= 12 && !res.Pocket[i] {
			t.Errorf("lower: desa %d at %v ≤ 12 not a pocket", i, v)
		}
		if v >= 30 && res.Pocket[i] {
			t.Errorf("lower: desa %d at %v is a pocket", i, v)
		}
	}
	if !strings.Contains(o.Describe(""), "Rendah-Rendah") || !strings.Contains(o.Describe(""), "≤ 12") {
		t.Errorf("describe: %s", o.Describe(""))
	}
	o.Poorer = geo.Neither
	if r := FindPockets(x, w, o); slices.Contains(r.Pocket, true) {
		t.Error("neither with a threshold: pockets found")
	}
	if NoPocketsReason(geo.Indicator{Key: "rt"}) == "" || NoPocketsReason(geo.Indicator{Key: "ike", Poorer: geo.LowerIsPoorer}) != "" {
		t.Error("NoPocketsReason")
	}
}

func pkSquare(code, parent string, lon, lat float64) *geo.Area {
	d := 0.01
	a := &geo.Area{Code: code, Name: code, Level: geo.CodeLevel(code), Parent: parent,
		Geom: orb.MultiPolygon{{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}}}
	a.Fill()
	return a
}

func TestRollupRecomputesRates(t *testing.T) {
	kecA := pkSquare("35.23.01", "35.23", 111.6, -6.9)
	kecA.Geom = orb.MultiPolygon{{{{111.6, -6.9}, {111.62, -6.9}, {111.62, -6.88}, {111.6, -6.88}, {111.6, -6.9}}}}
	kecA.Fill()
	kecB := pkSquare("35.23.02", "35.23", 111.7, -6.9)
	villages := []*geo.Area{
		pkSquare("35.23.01.2001", "35.23.01", 111.6, -6.9),
		pkSquare("35.23.01.2002", "35.23.01", 111.61, -6.9),
		pkSquare("35.23.02.2001", "35.23.02", 111.7, -6.9),
		// Keyed without a kecamatan code: assigned by its label point.
		pkSquare("99.99.99.2001", "", 111.605, -6.89),
	}
	rate := geo.Indicator{Key: "pct", Numerator: "n", Denominator: "d", Scale: 100}
	num := map[string]float64{"35.23.01.2001": 10, "35.23.01.2002": 90, "35.23.02.2001": 5, "99.99.99.2001": 0}
	den := map[string]float64{"35.23.01.2001": 100, "35.23.01.2002": 900, "35.23.02.2001": 50, "99.99.99.2001": 1000}
	rows := Rollup(villages, []*geo.Area{kecA, kecB}, rate, nil, num, den, []bool{true, false, true, true})
	// Kecamatan A: (10+90+0)/(100+900+1000) = 5 %, not the mean of 10, 10 and 0 %.
	if rows[0].Desa != 3 || rows[0].Value != 5 || rows[0].Numerator != 100 || rows[0].Denominator != 2000 || rows[0].Pockets != 2 {
		t.Errorf("kecamatan A %+v", rows[0])
	}
	if rows[1].Desa != 1 || rows[1].Value != 10 || rows[1].Pockets != 1 {
		t.Errorf("kecamatan B %+v", rows[1])
	}
	count := geo.Indicator{Key: "rt", Sort: geo.KindCount}
	rows = Rollup(villages, []*geo.Area{kecA, kecB}, count, map[string]float64{"35.23.01.2001": 3, "35.23.01.2002": 4}, nil, nil, nil)
	if rows[0].Value != 7 || rows[0].WithValue != 2 || !math.IsNaN(rows[1].Value) {
		t.Errorf("count roll-up %+v %+v", rows[0], rows[1])
	}
	// An index is averaged over the desa that have it.
	index := geo.Indicator{Key: "idm", Sort: geo.KindValue}
	rows = Rollup(villages, []*geo.Area{kecA, kecB}, index, map[string]float64{"35.23.01.2001": 0.8, "35.23.01.2002": 0.6}, nil, nil, nil)
	if math.Abs(rows[0].Value-0.7) > 1e-12 || rows[0].WithValue != 2 {
		t.Errorf("index roll-up %+v", rows[0])
	}
}
