package geo

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// bruteAt is Index.At without the index: the first area containing p.
func bruteAt(areas []*Area, p orb.Point) int {
	for i, a := range areas {
		if a.Bound.Contains(p) && planar.MultiPolygonContains(a.Geom, p) {
			return i
		}
	}
	return -1
}

func TestIndexAt(t *testing.T) {
	areas := readShared(t, "tuban-desa.geojson").Areas
	ix := NewIndex(areas)
	for i, a := range areas {
		if got := ix.At(a.Label); got != i {
			name := "none"
			if got >= 0 {
				name = areas[got].Code
			}
			t.Errorf("%s %s: At(label %v) = %d (%s), want %d", a.Code, a.Name, a.Label, got, name, i)
		}
	}

	var all orb.Bound
	for i, a := range areas {
		if i == 0 {
			all = a.Bound
		} else {
			all = all.Union(a.Bound)
		}
	}
	const eps = 1e-6
	outside := []orb.Point{
		{0, 0},
		{all.Min[0] - eps, (all.Min[1] + all.Max[1]) / 2},
		{all.Max[0] + eps, (all.Min[1] + all.Max[1]) / 2},
		{(all.Min[0] + all.Max[0]) / 2, all.Min[1] - eps},
		{(all.Min[0] + all.Max[0]) / 2, all.Max[1] + eps},
		{all.Min[0] - eps, all.Min[1] - eps},
		{all.Max[0] + 1, all.Max[1] + 1},
	}
	for _, p := range outside {
		if got := ix.At(p); got != -1 {
			t.Errorf("At(%v) outside the bounding box %v = %d, want -1", p, all, got)
		}
	}

	// A grid over the whole box, including the sea north of Tuban, must
	// agree with the brute-force answer.
	const n = 70
	var hits, misses int
	for yi := 0; yi <= n; yi++ {
		for xi := 0; xi <= n; xi++ {
			p := orb.Point{
				all.Min[0] + (all.Max[0]-all.Min[0])*float64(xi)/n,
				all.Min[1] + (all.Max[1]-all.Min[1])*float64(yi)/n,
			}
			want := bruteAt(areas, p)
			if got := ix.At(p); got != want {
				t.Errorf("At(%v) = %d, want %d", p, got, want)
			}
			if want < 0 {
				misses++
			} else {
				hits++
			}
		}
	}
	if hits == 0 || misses == 0 {
		t.Errorf("grid of %d hits and %d misses does not test both", hits, misses)
	}
}

func TestIndexSearch(t *testing.T) {
	areas := readShared(t, "tuban-desa.geojson").Areas
	ix := NewIndex(areas)
	all := ix.bound
	w, h := all.Max[0]-all.Min[0], all.Max[1]-all.Min[1]
	rng := rand.New(rand.NewPCG(35, 23))
	boxes := []orb.Bound{
		all,
		{Min: orb.Point{all.Min[0] - 1, all.Min[1] - 1}, Max: orb.Point{all.Max[0] + 1, all.Max[1] + 1}},
		{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}},
		{Min: all.Min, Max: all.Min},
		{Min: all.Max, Max: all.Max},
	}
	for range 300 {
		// Small boxes, some reaching past the edges of the layer.
		x := all.Min[0] - 0.05*w + rng.Float64()*1.1*w
		y := all.Min[1] - 0.05*h + rng.Float64()*1.1*h
		bw, bh := rng.Float64()*0.08*w, rng.Float64()*0.08*h
		boxes = append(boxes, orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + bw, y + bh}})
	}
	nonEmpty := 0
	for _, b := range boxes {
		var want []int
		for i, a := range areas {
			if a.Bound.Intersects(b) {
				want = append(want, i)
			}
		}
		var got []int
		ix.Search(b, func(i int) { got = append(got, i) })
		slices.Sort(got)
		if len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("Search(%v) reported an area twice: %v", b, got)
		}
		// Search reports exactly the areas whose bounds meet b: a superset
		// of the brute-force answer with nothing else.
		if !slices.Equal(got, want) {
			t.Errorf("Search(%v) = %v, want %v", b, got, want)
		}
		if len(want) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 100 {
		t.Errorf("only %d of %d boxes met an area", nonEmpty, len(boxes))
	}
}

func TestIndexSmall(t *testing.T) {
	empty := NewIndex(nil)
	if got := empty.At(orb.Point{111.6, -6.9}); got != -1 {
		t.Errorf("empty index At = %d", got)
	}
	empty.Search(orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, func(i int) {
		t.Errorf("empty index reported %d", i)
	})

	// Two overlapping squares: the one listed first wins in the overlap.
	a := square("35.23.01.2001", 111.60, -6.92, 111.62, -6.90)
	b := square("35.23.01.2002", 111.61, -6.92, 111.63, -6.90)
	ix := NewIndex([]*Area{a, b})
	for _, tc := range []struct {
		p    orb.Point
		want int
	}{
		{orb.Point{111.605, -6.91}, 0},
		{orb.Point{111.615, -6.91}, 0},
		{orb.Point{111.625, -6.91}, 1},
		{orb.Point{111.635, -6.91}, -1},
	} {
		if got := ix.At(tc.p); got != tc.want {
			t.Errorf("At(%v) = %d, want %d", tc.p, got, tc.want)
		}
	}
	ix = NewIndex([]*Area{b, a})
	if got := ix.At(orb.Point{111.615, -6.91}); got != 0 {
		t.Errorf("reversed order: At in overlap = %d, want 0", got)
	}

	// A single area with a hole: the hole is not part of it.
	l := mustRead(t, "polygon-hole.geojson", ReadOptions{})
	ix = NewIndex(l.Areas[:1])
	if got := ix.At(orb.Point{111.61, -6.91}); got != -1 {
		t.Errorf("At in the hole = %d, want -1", got)
	}
	if got := ix.At(orb.Point{111.601, -6.91}); got != 0 {
		t.Errorf("At beside the hole = %d, want 0", got)
	}
}

func BenchmarkIndexAtTuban(b *testing.B) {
	areas := readShared(b, "tuban-desa.geojson").Areas
	ix := NewIndex(areas)
	pts := make([]orb.Point, len(areas))
	for i, a := range areas {
		pts[i] = a.Label
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if ix.At(pts[i]) < 0 {
			b.Fatalf("no area at %v", pts[i])
		}
		i++
		if i == len(pts) {
			i = 0
		}
	}
}
