package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Index is a uniform-grid spatial index over area bounding boxes, for
// hit-testing and for culling what lies outside a view. A grid suits
// administrative areas well: they are of similar size and tile the plane.
type Index struct {
	areas  []*Area
	bound  orb.Bound
	nx, ny int
	cw, ch float64
	cells  [][]int32
}

// NewIndex builds an index of areas; about two areas share a cell.
func NewIndex(areas []*Area) *Index {
	ix := &Index{areas: areas}
	if len(areas) == 0 {
		return ix
	}
	ix.bound = areas[0].Bound
	for _, a := range areas[1:] {
		ix.bound = ix.bound.Union(a.Bound)
	}
	w, h := ix.bound.Max[0]-ix.bound.Min[0], ix.bound.Max[1]-ix.bound.Min[1]
	n := math.Max(1, math.Sqrt(float64(len(areas))/2))
	ix.nx = max(1, int(math.Ceil(n*math.Sqrt(w/math.Max(h, 1e-9)))))
	ix.ny = max(1, int(math.Ceil(n*math.Sqrt(h/math.Max(w, 1e-9)))))
	ix.cw = math.Max(w/float64(ix.nx), 1e-12)
	ix.ch = math.Max(h/float64(ix.ny), 1e-12)
	ix.cells = make([][]int32, ix.nx*ix.ny)
	for i, a := range areas {
		x0, y0, x1, y1 := ix.cellRange(a.Bound)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := y*ix.nx + x
				ix.cells[c] = append(ix.cells[c], int32(i))
			}
		}
	}
	return ix
}

func (ix *Index) clampX(v float64) int {
	return min(ix.nx-1, max(0, int((v-ix.bound.Min[0])/ix.cw)))
}

func (ix *Index) clampY(v float64) int {
	return min(ix.ny-1, max(0, int((v-ix.bound.Min[1])/ix.ch)))
}

func (ix *Index) cellRange(b orb.Bound) (x0, y0, x1, y1 int) {
	return ix.clampX(b.Min[0]), ix.clampY(b.Min[1]), ix.clampX(b.Max[0]), ix.clampY(b.Max[1])
}

// At returns the index (into the slice given to NewIndex) of the area that
// contains p, or -1. Where areas overlap, as real desa boundaries slightly
// do, the area listed first wins, so the answer is always the same.
func (ix *Index) At(p orb.Point) int {
	if len(ix.cells) == 0 || !ix.bound.Contains(p) {
		return -1
	}
	best := -1
	for _, i := range ix.cells[ix.clampY(p[1])*ix.nx+ix.clampX(p[0])] {
		a := ix.areas[i]
		if (best < 0 || int(i) < best) && a.Contains(p) {
			best = int(i)
		}
	}
	return best
}

// Search calls fn once for each area whose bounding box meets b.
func (ix *Index) Search(b orb.Bound, fn func(i int)) {
	if len(ix.cells) == 0 || !ix.bound.Intersects(b) {
		return
	}
	x0, y0, x1, y1 := ix.cellRange(b)
	single := x0 == x1 && y0 == y1
	var seen []bool // an area spanning several cells is reported once
	if !single {
		seen = make([]bool, len(ix.areas))
	}
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, i := range ix.cells[y*ix.nx+x] {
				if !single {
					if seen[i] {
						continue
					}
					seen[i] = true
				}
				if ix.areas[i].Bound.Intersects(b) {
					fn(int(i))
				}
			}
		}
	}
}
