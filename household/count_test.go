package household

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
)

const jatimFile = "/work/shared/data/jatim-desa.geojson.gz"

// square returns a village whose boundary is the axis-aligned square
// [x0,x0+s]×[y0,y0+s].
func square(code, name string, x0, y0, s float64) *geo.Area {
	a := &geo.Area{Code: code, Name: name, Level: geo.CodeLevel(code), Parent: geo.ParentCode(code),
		Geom: orb.MultiPolygon{{{{x0, y0}, {x0, y0 + s}, {x0 + s, y0 + s}, {x0 + s, y0}, {x0, y0}}}}}
	a.Fill()
	return a
}

func TestCountPointsLattice(t *testing.T) {
	// Two unit squares side by side share the edge x = 1; a third square
	// is listed first but lies elsewhere.
	far := square("35.23.03.2001", "Jauh", 10, 10, 1)
	left := square("35.23.01.2001", "Kiri", 0, 0, 1)
	right := square("35.23.01.2002", "Kanan", 1, 0, 1)
	var pts []orb.Point
	for i := 0; i <= 8; i++ {
		for j := 0; j <= 4; j++ {
			pts = append(pts, orb.Point{float64(i) / 4, float64(j) / 4})
		}
	}
	// Lattice x = 0, 0.25, …, 2 and y = 0, 0.25, …, 1: the 4 columns with
	// x < 1 are in Kiri, the 4 with x > 1 in Kanan, and the column on the
	// shared edge x = 1 goes to whichever is listed first, whatever the
	// order of the points.
	for _, tc := range []struct {
		name     string
		villages []*geo.Area
		want     []int
	}{
		{"kiri dulu", []*geo.Area{far, left, right}, []int{0, 25, 20}},
		{"kanan dulu", []*geo.Area{far, right, left}, []int{0, 25, 20}},
		{"jauh terakhir", []*geo.Area{left, right, far}, []int{25, 20, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, order := range [][]orb.Point{pts, reversed(pts)} {
				counts, out := CountPoints(order, tc.villages)
				if out != 0 || !slices.Equal(counts, tc.want) {
					t.Errorf("counts = %v, outside %d; want %v, 0", counts, out, tc.want)
				}
			}
		})
	}
	// Points outside all squares, and many points (two goroutines) agree
	// with a single pass.
	pts = append(pts, orb.Point{5, 5}, orb.Point{-1, 0.5}, orb.Point{2.5, 0.5})
	r := rand.New(rand.NewPCG(1, 2))
	for range 70_000 { // more than 1<<16: the spatial order is used
		pts = append(pts, orb.Point{r.Float64()*3 - 0.5, r.Float64()*1.5 - 0.25})
	}
	vill := []*geo.Area{far, left, right}
	counts, out := CountPoints(pts, vill)
	ix := geo.NewIndex(vill)
	want := make([]int, 3)
	wantOut := 0
	for _, p := range pts {
		if i := ix.At(p); i >= 0 {
			want[i]++
		} else {
			wantOut++
		}
	}
	if !slices.Equal(counts, want) || out != wantOut {
		t.Errorf("parallel counts %v/%d, sequential %v/%d", counts, out, want, wantOut)
	}
	if s := counts[0] + counts[1] + counts[2] + out; s != len(pts) {
		t.Errorf("counted %d points of %d", s, len(pts))
	}
}

// jatimVillages reads the desa/kelurahan of Jawa Timur, or skips.
func jatimVillages(tb testing.TB) []*geo.Area {
	tb.Helper()
	if _, err := os.Stat(jatimFile); err != nil {
		tb.Skip("data Jawa Timur tidak tersedia:", err)
	}
	l, err := geo.ReadGeoJSONFile(jatimFile, geo.ReadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	var v []*geo.Area
	for _, a := range l.Areas {
		if a.Level.IsVillage() {
			v = append(v, a)
		}
	}
	return v
}

// BenchmarkCountPointsJatim counts 1,000,000 uniform points in the Jawa
// Timur bounding box over its 8,494 desa/kelurahan. GeoPandas sjoin takes
// 10.6 s for the same job; the target is a tenth of that.
func BenchmarkCountPointsJatim(b *testing.B) {
	villages := jatimVillages(b)
	r := rand.New(rand.NewPCG(2025, 35))
	const minLon, minLat, maxLon, maxLat = 110.895286, -8.780220, 116.270151, -5.042965
	pts := make([]orb.Point, 1_000_000)
	for i := range pts {
		pts[i] = orb.Point{minLon + r.Float64()*(maxLon-minLon), minLat + r.Float64()*(maxLat-minLat)}
	}
	var in int
	for b.Loop() {
		_, out := CountPoints(pts, villages)
		in = len(pts) - out
	}
	b.ReportMetric(float64(in), "in-desa")
	b.Logf("%d villages; %d of %d points in a desa", len(villages), in, len(pts))
}

func reversed(p []orb.Point) []orb.Point {
	r := slices.Clone(p)
	slices.Reverse(r)
	return r
}

func TestSpatialOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pts := make([]orb.Point, 100_000)
	for i := range pts {
		pts[i] = orb.Point{111 + r.Float64(), -7 + r.Float64()}
	}
	order := spatialOrder(pts)
	seen := make([]bool, len(pts))
	for _, k := range order {
		if seen[k] {
			t.Fatalf("index %d twice", k)
		}
		seen[k] = true
	}
	if len(order) != len(pts) {
		t.Fatalf("order has %d of %d points", len(order), len(pts))
	}
	if spatialOrder(pts[:1000]) != nil {
		t.Error("small inputs should keep their order")
	}
	same := make([]orb.Point, 1<<17)
	if spatialOrder(same) != nil {
		t.Error("points without extent should keep their order")
	}
}
