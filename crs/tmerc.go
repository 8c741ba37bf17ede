package crs

import "math"

// WGS 84 ellipsoid.
const (
	wgsA = 6378137.0
	wgsF = 1 / 298.257223563
)

// transverseMercator is a Transverse Mercator projection on WGS 84 with
// latitude of origin 0, inverted by the Krüger series.
type transverseMercator struct {
	lon0, k0, fe, fn float64
	a                float64    // rectifying radius
	beta, delta      [4]float64 // series coefficients
}

func newTM(lon0, k0, fe, fn float64) *transverseMercator {
	n := wgsF / (2 - wgsF)
	n2, n3, n4 := n*n, n*n*n, n*n*n*n
	return &transverseMercator{
		lon0: lon0, k0: k0, fe: fe, fn: fn,
		a: wgsA / (1 + n) * (1 + n2/4 + n4/64),
		beta: [4]float64{
			n/2 - 2*n2/3 + 37*n3/96 - n4/360,
			n2/48 + n3/15 - 437*n4/1440,
			17*n3/480 - 37*n4/840,
			4397 * n4 / 161280,
		},
		delta: [4]float64{
			2*n - 2*n2/3 - 2*n3 + 116*n4/45,
			7*n2/3 - 8*n3/5 - 227*n4/45,
			56*n3/15 - 136*n4/35,
			4279 * n4 / 630,
		},
	}
}

// utm is the UTM zone (1–60), south with a false northing of 10,000 km.
func utm(zone int, south bool) *transverseMercator {
	fn := 0.0
	if south {
		fn = 10_000_000
	}
	return newTM(float64(6*zone-183), 0.9996, 500_000, fn)
}

// inverse returns the longitude and latitude in degrees of an easting and
// northing in metres.
func (t *transverseMercator) inverse(e, n float64) (lon, lat float64) {
	xi := (n - t.fn) / (t.k0 * t.a)
	eta := (e - t.fe) / (t.k0 * t.a)
	xi1, eta1 := xi, eta
	for j, b := range t.beta {
		k := 2 * float64(j+1)
		xi1 -= b * math.Sin(k*xi) * math.Cosh(k*eta)
		eta1 -= b * math.Cos(k*xi) * math.Sinh(k*eta)
	}
	chi := math.Asin(math.Sin(xi1) / math.Cosh(eta1))
	phi := chi
	for j, d := range t.delta {
		phi += d * math.Sin(2*float64(j+1)*chi)
	}
	lambda := math.Atan2(math.Sinh(eta1), math.Cos(xi1))
	return t.lon0 + lambda*180/math.Pi, phi * 180 / math.Pi
}
