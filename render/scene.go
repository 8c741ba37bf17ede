package render

import (
	"math"
	"sync"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// lodTolerances are the Douglas-Peucker tolerances, in degrees, of the
// levels of detail; level 0 keeps every vertex.
var lodTolerances = [...]float64{0, 0.00008, 0.0002, 0.0005, 0.0012, 0.003, 0.0075}

// maxTolPixels is the largest simplification error allowed on screen.
const maxTolPixels = 0.6

// Scene is a set of areas prepared for drawing: filled areas (desa) and
// outlined areas (kecamatan) with their spatial index and lazily built
// levels of detail. A Scene is safe for concurrent use.
type Scene struct {
	Areas    []*geo.Area // filled, hit-tested
	Outlines []*geo.Area // drawn as heavier borders, labelled
	Index    *geo.Index  // over Areas

	cos   float64
	bound orb.Bound

	mu    sync.Mutex
	lods  [len(lodTolerances)]*shapes
	olods [len(lodTolerances)]*shapes
	text  *textCache

	areaOrder, outlineOrder []int   // label placement order
	medianKm2               float64 // typical size of a filled area
}

// NewScene prepares areas for drawing. Areas without geometry are kept
// (their index stays valid for styles) but never drawn.
func NewScene(areas, outlines []*geo.Area) *Scene {
	s := &Scene{Areas: areas, Outlines: outlines, Index: geo.NewIndex(areas), text: newTextCache()}
	first := true
	for _, list := range [][]*geo.Area{areas, outlines} {
		for _, a := range list {
			if len(a.Geom) == 0 {
				continue
			}
			if first {
				s.bound, first = a.Bound, false
			} else {
				s.bound = s.bound.Union(a.Bound)
			}
		}
	}
	s.areaOrder, s.outlineOrder = labelOrder(areas), labelOrder(outlines)
	if n := len(s.areaOrder); n > 0 {
		s.medianKm2 = areas[s.areaOrder[n/2]].AreaKm2
	}
	s.cos = math.Cos(s.bound.Center()[1] * math.Pi / 180)
	if s.cos <= 0 {
		s.cos = 1
	}
	return s
}

// Bound returns the lon/lat box of everything in the scene.
func (s *Scene) Bound() orb.Bound { return s.bound }

// AreaAt returns the index of the area under pixel (x, y), or -1.
func (s *Scene) AreaAt(v View, w, h int, x, y float64) int {
	return s.Index.At(s.ToLonLat(v, w, h, x, y))
}

// lodLevel picks the coarsest level whose tolerance is below maxTolPixels.
func lodLevel(zoom float64) int {
	l := 0
	for i, t := range lodTolerances {
		if t*zoom <= maxTolPixels {
			l = i
		}
	}
	return l
}

// shapes holds the rings of a list of areas at one level of detail, as
// flat lon/lat arrays, with outer rings counter-clockwise and holes
// clockwise so that nonzero filling leaves holes open.
type shapes struct {
	pts     []orb.Point
	ringEnd []int32 // end offset in pts of each ring
	areaEnd []int32 // end offset in ringEnd of each area
}

func (sh *shapes) rings(i int) (from, to int32) {
	if i > 0 {
		from = sh.areaEnd[i-1]
	}
	return from, sh.areaEnd[i]
}

func (sh *shapes) ring(r int32) []orb.Point {
	var from int32
	if r > 0 {
		from = sh.ringEnd[r-1]
	}
	return sh.pts[from:sh.ringEnd[r]]
}

func (s *Scene) level(outlines bool, l int) *shapes {
	s.mu.Lock()
	defer s.mu.Unlock()
	set, areas := &s.lods, s.Areas
	if outlines {
		set, areas = &s.olods, s.Outlines
	}
	if set[l] == nil {
		set[l] = buildShapes(areas, lodTolerances[l])
	}
	return set[l]
}

func buildShapes(areas []*geo.Area, tol float64) *shapes {
	sh := &shapes{areaEnd: make([]int32, len(areas))}
	dp := simplify.DouglasPeucker(tol)
	for i, a := range areas {
		for _, poly := range a.Geom {
			for ri, r := range poly {
				if tol > 0 {
					r = dp.Ring(r.Clone())
				}
				if len(r) < 4 {
					continue
				}
				ccw := signedArea(r) > 0
				if (ri == 0) != ccw {
					for j := len(r) - 1; j >= 0; j-- {
						sh.pts = append(sh.pts, r[j])
					}
				} else {
					sh.pts = append(sh.pts, r...)
				}
				sh.ringEnd = append(sh.ringEnd, int32(len(sh.pts)))
			}
		}
		sh.areaEnd[i] = int32(len(sh.ringEnd))
	}
	return sh
}

func signedArea(r orb.Ring) float64 {
	var s float64
	for i := 1; i < len(r); i++ {
		s += (r[i-1][0] - r[0][0]) * (r[i][1] - r[0][1])
		s -= (r[i][0] - r[0][0]) * (r[i-1][1] - r[0][1])
	}
	return s
}
