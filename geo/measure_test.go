package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestDistanceKm(t *testing.T) {
	// One degree of latitude is 111,2 km on the authalic sphere; one degree
	// of longitude at 6,9° S is 110,6 km on the ellipsoid.
	if d := DistanceKm(orb.Point{112, -7.4}, orb.Point{112, -6.4}); math.Abs(d-111.2) > 0.2 {
		t.Errorf("1° of latitude: %g km", d)
	}
	if d := DistanceKm(orb.Point{111.5, -6.9}, orb.Point{112.5, -6.9}); math.Abs(d-110.6) > 0.6 {
		t.Errorf("1° of longitude at 6,9° S: %g km", d)
	}
}

// TestMetresPerDegree checks the WGS84 scale against the ellipsoid's
// published lengths of a degree (at the equator and 45°).
func TestMetresPerDegree(t *testing.T) {
	for _, tc := range []struct{ lat, lon, latM float64 }{
		{0, 111319.49, 110574.28},
		{45, 78846.81, 111131.75},
	} {
		lon, latM := MetresPerDegree(tc.lat)
		if math.Abs(lon-tc.lon) > 1 || math.Abs(latM-tc.latM) > 1 {
			t.Errorf("at %v°: %.1f m and %.1f m per degree, want %.1f and %.1f", tc.lat, lon, latM, tc.lon, tc.latM)
		}
	}
}
