package geo

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// WGS84 ellipsoid.
const (
	wgs84A = 6378137.0
	wgs84F = 1 / 298.257223563
)

var (
	wgs84E2 = wgs84F * (2 - wgs84F)
	wgs84E  = math.Sqrt(wgs84E2)
	qPole   = authalicQ(1)
	// authalicR is the radius of the sphere with the ellipsoid's surface area.
	authalicR = wgs84A * math.Sqrt(qPole/2)
)

// authalicQ is q(φ) of Snyder (1987, eq. 3-12) as a function of sin φ.
func authalicQ(sinPhi float64) float64 {
	es := wgs84E * sinPhi
	return (1 - wgs84E2) * (sinPhi/(1-es*es) - 1/(2*wgs84E)*math.Log((1-es)/(1+es)))
}

// sinAuthalic returns sin β, the sine of the authalic latitude of lat (degrees).
func sinAuthalic(lat float64) float64 {
	return authalicQ(math.Sin(lat*math.Pi/180)) / qPole
}

// ringAreaM2 is the unsigned area of a ring in m² on the WGS84 ellipsoid,
// computed on the authalic sphere (equal-area), with the trapezoid rule of
// Chamberlain & Duquette (2007) that orb's geo package uses for a sphere.
func ringAreaM2(r orb.Ring) float64 {
	n := len(r)
	if n < 4 {
		return 0
	}
	var sum float64
	prevLon := r[0][0] * math.Pi / 180
	prevSin := sinAuthalic(r[0][1])
	for i := 1; i < n; i++ {
		lon := r[i][0] * math.Pi / 180
		s := sinAuthalic(r[i][1])
		sum += (lon - prevLon) * (2 + prevSin + s)
		prevLon, prevSin = lon, s
	}
	return math.Abs(sum * authalicR * authalicR / 2)
}

// PolygonAreaKm2 returns the area of a polygon (outer ring less its holes)
// on the WGS84 ellipsoid in km²; never negative, even when invalid holes
// are larger than their outer ring.
func PolygonAreaKm2(p orb.Polygon) float64 {
	var a float64
	for i, r := range p {
		if i == 0 {
			a += ringAreaM2(r)
		} else {
			a -= ringAreaM2(r)
		}
	}
	return max(a, 0) / 1e6
}

// AreaKm2 returns the area of a multipolygon on the WGS84 ellipsoid in km².
func AreaKm2(mp orb.MultiPolygon) float64 {
	var a float64
	for _, p := range mp {
		a += PolygonAreaKm2(p)
	}
	return a
}

// LabelPoint returns a point inside mp, on its largest part, suitable for a
// label and for point-in-polygon checks. Unlike the centroid it never falls
// outside the polygon: it is the middle of the widest inside span along a
// few horizontal scan lines (an interior point in the manner of GEOS).
func LabelPoint(mp orb.MultiPolygon) orb.Point {
	best, bestA := -1, -1.0
	for i, p := range mp {
		if len(p) == 0 {
			continue
		}
		if a := math.Abs(planarRingArea(p[0])); a > bestA {
			best, bestA = i, a
		}
	}
	if best < 0 {
		return orb.Point{}
	}
	return polygonInteriorPoint(mp[best])
}

func planarRingArea(r orb.Ring) float64 {
	var s float64
	for i := 1; i < len(r); i++ {
		s += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return s / 2
}

// polygonInteriorPoint scans the polygon at several latitudes and returns the
// midpoint of the widest span that lies inside it (even-odd over all rings).
func polygonInteriorPoint(p orb.Polygon) orb.Point {
	b := p[0].Bound()
	h := b.Max[1] - b.Min[1]
	var (
		bestW  = -1.0
		bestPt = b.Center()
		xs     []float64
	)
	// Scan lines near the middle first; offsets avoid hitting vertices exactly.
	for _, f := range [...]float64{0.5013, 0.3511, 0.6507, 0.2009, 0.8003} {
		y := b.Min[1] + f*h
		xs = xs[:0]
		for _, r := range p {
			for i := 1; i < len(r); i++ {
				a, c := r[i-1], r[i]
				if (a[1] > y) != (c[1] > y) {
					xs = append(xs, a[0]+(y-a[1])*(c[0]-a[0])/(c[1]-a[1]))
				}
			}
		}
		sort.Float64s(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			if w := xs[i+1] - xs[i]; w > bestW {
				bestW = w
				bestPt = orb.Point{(xs[i] + xs[i+1]) / 2, y}
			}
		}
	}
	return bestPt
}

// MetresPerDegree returns the length in metres of one degree of longitude
// and of latitude at latitude lat, from the WGS84 radii of curvature there:
// the scale of a local equirectangular projection, accurate to well under
// 1 % within tens of kilometres.
func MetresPerDegree(lat float64) (lon, latM float64) {
	phi := lat * math.Pi / 180
	s := math.Sin(phi)
	w := 1 - wgs84E2*s*s
	latM = wgs84A * (1 - wgs84E2) / (w * math.Sqrt(w)) * math.Pi / 180
	lon = wgs84A / math.Sqrt(w) * math.Cos(phi) * math.Pi / 180
	return lon, latM
}

// DistanceToBoundary returns the distance in metres from p to the nearest
// edge of mp (outer rings and holes), in the local projection of
// MetresPerDegree centred on p.
func DistanceToBoundary(mp orb.MultiPolygon, p orb.Point) float64 {
	kx, ky := MetresPerDegree(p[1])
	best := math.Inf(1)
	for _, poly := range mp {
		for _, ring := range poly {
			for i := 1; i < len(ring); i++ {
				ax, ay := (ring[i-1][0]-p[0])*kx, (ring[i-1][1]-p[1])*ky
				bx, by := (ring[i][0]-p[0])*kx, (ring[i][1]-p[1])*ky
				if d := segDist2(ax, ay, bx, by); d < best {
					best = d
				}
			}
		}
	}
	return math.Sqrt(best)
}

// segDist2 is the squared distance from the origin to segment a–b.
func segDist2(ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l2))
	}
	x, y := ax+t*dx, ay+t*dy
	return x*x + y*y
}

// DistanceKm is the great-circle distance in km between two lon/lat
// points on the authalic sphere (the radius AreaKm2 uses): within 0.5 % of
// the ellipsoid's at the scale of a kabupaten.
func DistanceKm(a, b orb.Point) float64 {
	const rad = math.Pi / 180
	la1, la2 := a[1]*rad, b[1]*rad
	dla, dlo := la2-la1, (b[0]-a[0])*rad
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * authalicR / 1000 * math.Asin(math.Min(1, math.Sqrt(h)))
}
