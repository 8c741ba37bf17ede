package spatial

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// DefaultTolerance is the snapping tolerance, in metres, that the app uses
// unless the user changes it: wide enough to bridge the sliver gaps and
// small offsets between the desa of real boundary data, narrow enough not
// to join desa that are merely close.
const DefaultTolerance = 25.0

// Rule is the contiguity rule: what two boundaries must share for the areas
// to be neighbours.
type Rule int

// The contiguity rules.
const (
	Queen Rule = iota // neighbours share at least a point of boundary
	Rook              // neighbours share a stretch of boundary, not just a point
)

// String returns the rule's name as ParseRule reads it: "queen" or "rook".
func (r Rule) String() string {
	switch r {
	case Queen:
		return "queen"
	case Rook:
		return "rook"
	}
	return fmt.Sprintf("Rule(%d)", int(r))
}

// ParseRule reads a rule name, "queen" or "rook" (case and surrounding
// spaces ignored).
func ParseRule(s string) (Rule, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "queen":
		return Queen, nil
	case "rook":
		return Rook, nil
	}
	return Queen, fmt.Errorf("aturan ketetanggaan %q tidak dikenal: pilih queen atau rook", s)
}

// ContiguityOptions are the settings of Contiguity.
type ContiguityOptions struct {
	Rule Rule
	// Tolerance is the snapping tolerance in metres: boundaries closer than
	// this count as shared. 0 means exact (a shared vertex, or a vertex on
	// the other's boundary within 1e-9°); the app's default is
	// DefaultTolerance. Negative values are taken as 0.
	Tolerance float64
}

const (
	exactTolDeg = 1e-9 // what Tolerance 0 allows, in degrees
	minRookSpan = 1.0  // metres of shared boundary a rook link needs at least
	// Aim for about this many grid cells per boundary segment at most; the
	// grid is dense over the bounding box of the data.
	maxCellsPerSegment = 4
	// Cells are this many times the mean segment length, unless the
	// tolerance is wider.
	cellPerSegLength = 2
)

// Contiguity builds binary, symmetric contiguity weights from the
// boundaries of areas, tolerant of the gaps and overlaps of real data.
//
// With Queen, areas A and B are neighbours when a vertex of either lies
// within Tolerance metres of the other's boundary (any segment of any ring,
// holes included, so an enclave neighbours the desa around it). With Rook
// they must also share a stretch of boundary: the vertices of A near B and
// those of B near A must span (the diagonal of their bounding box) more than
// max(2×Tolerance, 1 m). Distances are measured in a local equirectangular
// projection about the middle latitude of the data, accurate to well under
// 1% at desa scale.
//
// Every vertex is tested only against the segments of other areas listed
// in its cell of a uniform grid, where each segment is listed in every cell
// its bounding box padded by Tolerance meets; areas farther apart than that
// are never compared. The work is spread over GOMAXPROCS goroutines and the
// result does not depend on their number. Areas without geometry (or nil)
// get no neighbours; a ring left open is closed.
func Contiguity(areas []*geo.Area, opt ContiguityOptions) *Weights {
	b := newContigBuilder(areas, opt)
	b.buildGrid()
	b.match()
	return b.weights(opt.Rule)
}

// contigBuilder holds the projected boundaries and the segment grid.
type contigBuilder struct {
	n        int
	tol      float64 // effective tolerance, metres (> 0)
	tol2     float64
	rookSpan float64 // span a rook link needs, metres
	rule     Rule

	// Projected vertices, flattened: ring r has points
	// pts[ringOff[r]:ringOff[r+1]], the last equal to the first; area a has
	// rings areaRing[a]:areaRing[a+1]. Segment k joins pts[k] and pts[k+1].
	pts      []planePt
	ringOff  []int32
	areaRing []int32

	// Dense grid of square cells over the bounding box of all points: cell
	// c holds entries[cellOff[c]:cellOff[c+1]], every segment whose bounding
	// box padded by tol meets the cell.
	minX, minY float64
	cell, inv  float64 // cell side in metres, and its inverse
	nx, ny     int
	cellOff    []int32
	entries    []segRef

	// Results of match: area a's links are links[linkOff[a]:linkOff[a+1]],
	// sorted by neighbour.
	links   []contigLink
	linkOff []int32
}

type planePt struct{ x, y float64 }

type segRef struct {
	seg   int32 // index of the segment's first point in pts
	owner int32 // area index
}

// contigLink records that vertices of one area lie near the boundary of
// area b, and the bounding box of those vertices.
type contigLink struct {
	b                      int32
	minX, minY, maxX, maxY float64
}

func newContigBuilder(areas []*geo.Area, opt ContiguityOptions) *contigBuilder {
	b := &contigBuilder{n: len(areas), rule: opt.Rule}
	tol := opt.Tolerance
	if !(tol > 0) || math.IsInf(tol, 0) {
		tol = 0
	}
	_, perDegLat := geo.MetresPerDegree(0)
	b.tol = max(tol, exactTolDeg*perDegLat)
	b.tol2 = b.tol * b.tol
	b.rookSpan = max(2*tol, minRookSpan)

	// Ring and point offsets, and the middle latitude.
	minLat, maxLat := math.Inf(1), math.Inf(-1)
	b.areaRing = make([]int32, 1, len(areas)+1)
	b.ringOff = make([]int32, 1, len(areas)+1)
	nPts := 0
	for _, a := range areas {
		if a != nil {
			for _, p := range a.Geom {
				for _, r := range p {
					if len(r) < 2 {
						continue
					}
					nPts += len(r)
					for _, q := range r {
						minLat, maxLat = min(minLat, q[1]), max(maxLat, q[1])
					}
					if r[0] != r[len(r)-1] { // an open ring gets closed
						nPts++
					}
					b.ringOff = append(b.ringOff, int32(nPts))
				}
			}
		}
		b.areaRing = append(b.areaRing, int32(len(b.ringOff)-1))
	}
	lat0 := 0.0
	if minLat <= maxLat {
		lat0 = (minLat + maxLat) / 2
	}
	kx, ky := geo.MetresPerDegree(lat0)

	b.pts = make([]planePt, nPts)
	splitWork(b.n, func(lo, hi int) {
		k := b.ringOff[b.areaRing[lo]]
		for _, a := range areas[lo:hi] {
			if a == nil {
				continue
			}
			for _, p := range a.Geom {
				for _, r := range p {
					if len(r) < 2 {
						continue
					}
					for _, q := range r {
						b.pts[k] = planePt{q[0] * kx, q[1] * ky}
						k++
					}
					if r[0] != r[len(r)-1] {
						b.pts[k] = planePt{r[0][0] * kx, r[0][1] * ky}
						k++
					}
				}
			}
		}
	})
	return b
}

// splitWork calls fn on contiguous ranges of [0, n) that split it between
// GOMAXPROCS goroutines, and waits for them.
func splitWork(n int, fn func(lo, hi int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n/256))
	if workers == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}

// buildGrid sizes the grid and fills it by counting sort.
func (b *contigBuilder) buildGrid() {
	nRings := len(b.ringOff) - 1
	nSeg := len(b.pts) - nRings
	if nSeg <= 0 {
		return
	}
	// Bounding box and total length of the segments, per area range.
	type extent struct{ minX, minY, maxX, maxY, length float64 }
	var mu sync.Mutex
	all := extent{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1), 0}
	splitWork(b.n, func(lo, hi int) {
		e := extent{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1), 0}
		for r := b.areaRing[lo]; r < b.areaRing[hi]; r++ {
			ps := b.pts[b.ringOff[r]:b.ringOff[r+1]]
			prev := ps[0]
			for _, p := range ps {
				e.minX, e.maxX = min(e.minX, p.x), max(e.maxX, p.x)
				e.minY, e.maxY = min(e.minY, p.y), max(e.maxY, p.y)
				dx, dy := p.x-prev.x, p.y-prev.y
				e.length += math.Sqrt(dx*dx + dy*dy)
				prev = p
			}
		}
		mu.Lock()
		all = extent{min(all.minX, e.minX), min(all.minY, e.minY), max(all.maxX, e.maxX), max(all.maxY, e.maxY), all.length + e.length}
		mu.Unlock()
	})
	b.minX, b.minY = all.minX-b.tol, all.minY-b.tol
	w, h := all.maxX-all.minX+2*b.tol, all.maxY-all.minY+2*b.tol
	// Cells about the length of a typical segment but at least the
	// tolerance, and not so many that the dense grid outgrows the data.
	cell := max(b.tol, cellPerSegLength*all.length/float64(nSeg))
	if limit := maxCellsPerSegment * float64(nSeg); w/cell*h/cell > limit {
		cell = math.Sqrt(w * h / limit)
	}
	b.cell = max(cell, 1e-6)
	b.inv = 1 / b.cell
	b.nx = max(1, int(math.Ceil(w*b.inv)))
	b.ny = max(1, int(math.Ceil(h*b.inv)))

	b.fillGrid()
}

// cellRange is the range of grid cells, inclusive, that a segment's
// bounding box padded by tol meets.
type cellRange struct{ x0, y0, x1, y1 int32 }

// fillGrid lists every segment in the cells it meets, by counting sort.
// The grid is cut into bands of whole rows with about as many entries each,
// one band per goroutine; a cell's entries are in segment order whatever
// the number of bands.
func (b *contigBuilder) fillGrid() {
	// The cells of every segment, by its first point, and the entries per
	// row.
	rng := make([]cellRange, len(b.pts))
	rows := make([]int, b.ny)
	var mu sync.Mutex
	splitWork(b.n, func(lo, hi int) {
		local := make([]int, b.ny)
		for r := b.areaRing[lo]; r < b.areaRing[hi]; r++ {
			for k := b.ringOff[r]; k < b.ringOff[r+1]-1; k++ {
				p, q := b.pts[k], b.pts[k+1]
				c := cellRange{
					int32(b.cellX(min(p.x, q.x) - b.tol)), int32(b.cellY(min(p.y, q.y) - b.tol)),
					int32(b.cellX(max(p.x, q.x) + b.tol)), int32(b.cellY(max(p.y, q.y) + b.tol)),
				}
				rng[k] = c
				for y := c.y0; y <= c.y1; y++ {
					local[y] += int(c.x1 - c.x0 + 1)
				}
			}
			rng[b.ringOff[r+1]-1] = cellRange{0, 1, 0, 0} // no segment starts at a ring's end
		}
		mu.Lock()
		for y, v := range local {
			rows[y] += v
		}
		mu.Unlock()
	})
	total := 0
	for _, v := range rows {
		total += v
	}
	nb := max(1, min(runtime.GOMAXPROCS(0), b.ny, total/4096))
	bandRow := make([]int, 1, nb+1) // band i has rows bandRow[i]:bandRow[i+1]
	for y, acc := 0, 0; y < b.ny; y++ {
		acc += rows[y]
		if len(bandRow) < nb && acc*nb >= total*len(bandRow) {
			bandRow = append(bandRow, y+1)
		}
	}
	for len(bandRow) <= nb {
		bandRow = append(bandRow, b.ny)
	}

	b.cellOff = make([]int32, b.nx*b.ny+1)
	b.entries = make([]segRef, total)
	// Pass 1: count the entries of each cell, then turn the counts into
	// each cell's start within its band.
	count := b.cellOff[1:]
	bandLen := make([]int32, nb)
	bands := func(fn func(band, y0, y1 int)) {
		var wg sync.WaitGroup
		for i := range nb {
			wg.Go(func() { fn(i, bandRow[i], bandRow[i+1]) })
		}
		wg.Wait()
	}
	bands(func(band, r0, r1 int) {
		for _, c := range rng {
			y0, y1 := max(int(c.y0), r0), min(int(c.y1), r1-1)
			if y0 > y1 {
				continue
			}
			for y := y0; y <= y1; y++ {
				row := count[y*b.nx : (y+1)*b.nx]
				for x := c.x0; x <= c.x1; x++ {
					row[x]++
				}
			}
		}
		var sum int32
		for c := r0 * b.nx; c < r1*b.nx; c++ {
			sum, count[c] = sum+count[c], sum
		}
		bandLen[band] = sum
	})
	bandStart := make([]int32, nb)
	for i := 1; i < nb; i++ {
		bandStart[i] = bandStart[i-1] + bandLen[i-1]
	}
	// Pass 2: fill. Advancing count[c] as a cursor leaves it at the start
	// of cell c+1, which cellOff needs once shifted by the band's start.
	bands(func(band, r0, r1 int) {
		entries := b.entries[bandStart[band] : bandStart[band]+bandLen[band]]
		for a := range b.n {
			for r := b.areaRing[a]; r < b.areaRing[a+1]; r++ {
				for k := b.ringOff[r]; k < b.ringOff[r+1]-1; k++ {
					c := rng[k]
					y0, y1 := max(int(c.y0), r0), min(int(c.y1), r1-1)
					for y := y0; y <= y1; y++ {
						row := count[y*b.nx : (y+1)*b.nx]
						for x := c.x0; x <= c.x1; x++ {
							entries[row[x]] = segRef{k, int32(a)}
							row[x]++
						}
					}
				}
			}
		}
		for c := r0 * b.nx; c < r1*b.nx; c++ {
			count[c] += bandStart[band]
		}
	})
}

// cellX returns the grid column of x, clamped to the grid.
func (b *contigBuilder) cellX(x float64) int { return min(b.nx-1, max(0, int((x-b.minX)*b.inv))) }

// cellY returns the grid row of y, clamped to the grid.
func (b *contigBuilder) cellY(y float64) int { return min(b.ny-1, max(0, int((y-b.minY)*b.inv))) }

// match finds, for every area, the other areas whose boundary lies within
// tol of one of its vertices, spread over GOMAXPROCS goroutines.
func (b *contigBuilder) match() {
	workers := max(1, min(runtime.GOMAXPROCS(0), b.n/64))
	type part struct {
		links []contigLink
		off   []int32 // per area of the part: start, end in links
	}
	const chunk = 32
	nChunks := (b.n + chunk - 1) / chunk
	parts := make([]part, nChunks)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := &matcher{b: b, slot: make([]int32, b.n)}
			for i := range m.slot {
				m.slot[i] = slotNone
			}
			for {
				c := int(next.Add(1) - 1)
				if c >= nChunks {
					return
				}
				lo, hi := c*chunk, min(b.n, (c+1)*chunk)
				var p part
				p.off = make([]int32, 0, 2*(hi-lo))
				for a := lo; a < hi; a++ {
					start := int32(len(p.links))
					p.links = m.area(a, p.links)
					p.off = append(p.off, start, int32(len(p.links)))
				}
				parts[c] = p
			}
		}()
	}
	wg.Wait()

	total := 0
	for _, p := range parts {
		total += len(p.links)
	}
	b.links = make([]contigLink, 0, total)
	b.linkOff = make([]int32, 1, b.n+1)
	for _, p := range parts {
		for k := 0; k < len(p.off); k += 2 {
			b.links = append(b.links, p.links[p.off[k]:p.off[k+1]]...)
			b.linkOff = append(b.linkOff, int32(len(b.links)))
		}
	}
}

// matcher is one goroutine's scratch space.
type matcher struct {
	b *contigBuilder
	// slot maps an area to the index of its link in the list of the area
	// being matched, or slotNone, or slotDone once its link is settled.
	slot []int32
}

const (
	slotNone = -1
	slotDone = -2
)

func sqr(v float64) float64 { return v * v }

// area appends to out the links of area a, sorted by neighbour.
func (m *matcher) area(a int, out []contigLink) []contigLink {
	b := m.b
	base := len(out)
	owner := int32(a)
	for r := b.areaRing[a]; r < b.areaRing[a+1]; r++ {
		// The last point of a ring repeats the first.
		for _, p := range b.pts[b.ringOff[r] : b.ringOff[r+1]-1] {
			c := b.cellY(p.y)*b.nx + b.cellX(p.x)
			for _, e := range b.entries[b.cellOff[c]:b.cellOff[c+1]] {
				if e.owner == owner {
					continue
				}
				s := m.slot[e.owner]
				if s == slotDone {
					continue
				}
				q0, q1 := b.pts[e.seg], b.pts[e.seg+1]
				if !nearSegment(p, q0, q1, b.tol2) {
					continue
				}
				if s == slotNone {
					s = int32(len(out))
					m.slot[e.owner] = s
					out = append(out, contigLink{b: e.owner, minX: p.x, minY: p.y, maxX: p.x, maxY: p.y})
				} else {
					l := &out[s]
					l.minX, l.maxX = min(l.minX, p.x), max(l.maxX, p.x)
					l.minY, l.maxY = min(l.minY, p.y), max(l.maxY, p.y)
				}
				// Queen needs one vertex; rook is settled once this side's
				// vertices alone span enough.
				if l := &out[s]; b.rule != Rook || sqr(l.maxX-l.minX)+sqr(l.maxY-l.minY) > sqr(b.rookSpan) {
					m.slot[e.owner] = slotDone
				}
			}
		}
	}
	mine := out[base:]
	for _, l := range mine {
		m.slot[l.b] = slotNone
	}
	slices.SortFunc(mine, func(x, y contigLink) int { return int(x.b - y.b) })
	return out
}

// nearSegment reports whether p lies within sqrt(tol2) of segment q0–q1.
func nearSegment(p, q0, q1 planePt, tol2 float64) bool {
	dx, dy := q1.x-q0.x, q1.y-q0.y
	px, py := p.x-q0.x, p.y-q0.y
	t := px*dx + py*dy
	if t <= 0 {
		return px*px+py*py <= tol2
	}
	l2 := dx*dx + dy*dy
	if t >= l2 {
		ex, ey := p.x-q1.x, p.y-q1.y
		return ex*ex+ey*ey <= tol2
	}
	c := px*dy - py*dx
	return c*c <= tol2*l2
}

// find returns area a's link to area c, or nil.
func (b *contigBuilder) find(a, c int32) *contigLink {
	ls := b.links[b.linkOff[a]:b.linkOff[a+1]]
	if k, ok := slices.BinarySearchFunc(ls, c, func(l contigLink, c int32) int { return int(l.b - c) }); ok {
		return &ls[k]
	}
	return nil
}

// weights decides each pair from the links found on both sides and builds
// the symmetric binary weights.
func (b *contigBuilder) weights(rule Rule) *Weights {
	deg := make([]int32, b.n+1)
	keep := make([]bool, len(b.links))
	for a := 0; a < b.n; a++ {
		for k := b.linkOff[a]; k < b.linkOff[a+1]; k++ {
			l := &b.links[k]
			other := b.find(l.b, int32(a))
			if other != nil && l.b < int32(a) {
				continue // decided from the other side
			}
			ok := true
			if rule == Rook {
				minX, minY, maxX, maxY := l.minX, l.minY, l.maxX, l.maxY
				if other != nil {
					minX, minY = min(minX, other.minX), min(minY, other.minY)
					maxX, maxY = max(maxX, other.maxX), max(maxY, other.maxY)
				}
				ok = sqr(maxX-minX)+sqr(maxY-minY) > sqr(b.rookSpan)
			}
			if ok {
				keep[k] = true
				deg[a+1]++
				deg[l.b+1]++
			}
		}
	}
	for i := 1; i <= b.n; i++ {
		deg[i] += deg[i-1]
	}
	w := &Weights{N: b.n, Offsets: deg, Index: make([]int32, deg[b.n]), Weight: make([]float64, deg[b.n])}
	fill := make([]int32, b.n)
	copy(fill, deg[:b.n])
	for a := 0; a < b.n; a++ {
		for k := b.linkOff[a]; k < b.linkOff[a+1]; k++ {
			if keep[k] {
				c := b.links[k].b
				w.Index[fill[a]] = c
				fill[a]++
				w.Index[fill[c]] = int32(a)
				fill[c]++
			}
		}
	}
	for i := 0; i < b.n; i++ {
		slices.Sort(w.Index[w.Offsets[i]:w.Offsets[i+1]])
	}
	for k := range w.Weight {
		w.Weight[k] = 1
	}
	return w
}
