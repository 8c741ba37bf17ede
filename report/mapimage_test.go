package report

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/sample"
	"github.com/paulmach/orb"
)

// The -update flag rewrites the golden images in testdata/. It is
// registered here unless another test file of the package already did.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata/")
	}
}

func miUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// miTuban is the embedded Tuban desa and kecamatan, read once.
var miTuban = sync.OnceValues(func() ([]*geo.Area, []*geo.Area) {
	read := func(b []byte, name string) []*geo.Area {
		l, err := geo.ReadGeoJSON(bytes.NewReader(b), name, geo.ReadOptions{})
		if err != nil {
			panic(err)
		}
		return l.Areas
	}
	return read(assets.TubanDesa, "desa"), read(assets.TubanKecamatan, "kecamatan")
})

// miSampleValues is the synthetic desil-1 share of each desa, NaN for a few
// to exercise the no-data hatch.
func miSampleValues(desa []*geo.Area) (geo.Indicator, []float64) {
	inds, vals := sample.Indicators(desa, 1)
	out := sample.Ratio(desa, vals, "rt_desil1", "rt", 100)
	for i := range out {
		if i%41 == 7 {
			out[i] = math.NaN()
		}
	}
	return inds[0], out
}

// miOptions is a map of Tuban's desil-1 share at size w×h.
func miOptions(tb testing.TB, w, h int) MapOptions {
	tb.Helper()
	desa, kec := miTuban()
	ind, vals := miSampleValues(desa)
	lg, err := render.ClassLegend(ind, vals, classify.MethodQuantile, 5, nil)
	if err != nil {
		tb.Fatal(err)
	}
	st := render.DefaultStyle()
	st.Fills = lg.Fills
	return MapOptions{
		Scene:     render.NewScene(desa, kec),
		Style:     st,
		Legend:    lg,
		Width:     w,
		Height:    h,
		Title:     "Persentase Rumah Tangga Desil 1 — Kabupaten Tuban",
		Subtitle:  "Periode 2025 · Kuantil, 5 kelas",
		Source:    "Sumber: " + sample.Source + " · " + assets.BoundarySource,
		Made:      time.Date(2025, 10, 20, 9, 0, 0, 0, time.UTC),
		Synthetic: true,
	}
}

// miDark counts the pixels of r darker than 0x80 in every channel.
func miDark(img *image.RGBA, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if c.R < 0x80 && c.G < 0x80 && c.B < 0x80 {
				n++
			}
		}
	}
	return n
}

func miColours(img *image.RGBA, r image.Rectangle) int {
	seen := map[color.RGBA]bool{}
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			seen[img.RGBAAt(x, y)] = true
		}
	}
	return len(seen)
}

func miCheck(t *testing.T, img *image.RGBA, lay miLayout, w, h int, scene *render.Scene) {
	t.Helper()
	if img.Bounds() != image.Rect(0, 0, w, h) {
		t.Fatalf("size %v, want %dx%d", img.Bounds(), w, h)
	}
	if c := img.RGBAAt(1, 1); c != miWhite {
		t.Errorf("corner %v, want white", c)
	}
	if lay.Title.Empty() || miDark(img, lay.Title) < lay.Title.Dx()/4 {
		t.Errorf("title band %v nearly empty", lay.Title)
	}
	if lay.Map.Empty() || lay.Map.Dx() < w/3 && lay.Map.Dy() < h/2 {
		t.Fatalf("map box %v too small", lay.Map)
	}
	if n := miColours(img, lay.Map); n < 40 {
		t.Errorf("map has %d colours, want a shaded map", n)
	}
	if lay.ScaleBar.Empty() || miDark(img, lay.ScaleBar) < 50 {
		t.Errorf("scale bar %v nearly empty", lay.ScaleBar)
	}
	if lay.Arrow.Empty() || miDark(img, lay.Arrow) < lay.Arrow.Dx()*lay.Arrow.Dy()/8 {
		t.Errorf("north arrow %v nearly empty", lay.Arrow)
	}
	if lay.Legend.Empty() || miDark(img, lay.Legend) < 100 {
		t.Errorf("legend %v nearly empty", lay.Legend)
	}
	if lay.Footer.Empty() || miDark(img, lay.Footer) < 50 {
		t.Errorf("footer %v nearly empty", lay.Footer)
	}
	// Every part in the image and none overlapping another.
	parts := map[string]image.Rectangle{"title": lay.Title, "map": lay.Map, "legend": lay.Legend,
		"scale bar": lay.ScaleBar, "arrow": lay.Arrow, "footer": lay.Footer}
	for n, r := range parts {
		if !r.In(img.Bounds()) {
			t.Errorf("%s %v outside the image", n, r)
		}
		for m, q := range parts {
			if n < m && r.Overlaps(q) {
				t.Errorf("%s %v overlaps %s %v", n, r, m, q)
			}
		}
	}
	// The scale bar is 15–25 % of the map's width.
	frac := lay.ScaleKm / miMapWidthKm(scene, lay)
	if frac < 0.15 || frac > 0.25 {
		t.Errorf("scale bar %g km is %.0f %% of the map width", lay.ScaleKm, frac*100)
	}
	if !strings.HasSuffix(lay.ScaleLabel, " km") || !strings.HasPrefix(lay.ScaleLabel, "0  ") {
		t.Errorf("scale label %q", lay.ScaleLabel)
	}
	// The bar's length, measured on its top edge, matches its label: the
	// map's ground scale is worked out here from Tuban's east-west span
	// on the authalic sphere at its middle latitude.
	b := scene.Bound()
	spanKm := geo.DistanceKm(orb.Point{b.Min[0], b.Center()[1]}, orb.Point{b.Max[0], b.Center()[1]})
	pad := math.Max(1, math.Round(4*math.Max(0.6, math.Min(float64(max(w, h))/1920, float64(min(w, h))/1080))))
	kmPerPx := spanKm / (float64(lay.Map.Dx()) - 2*pad)
	run, best := 0, 0
	for x := lay.ScaleBar.Min.X; x < lay.ScaleBar.Max.X; x++ {
		if c := img.RGBAAt(x, lay.ScaleBar.Min.Y); c.R < 0x40 {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	if got := float64(best-1) * kmPerPx; math.Abs(got-lay.ScaleKm)/lay.ScaleKm > 0.03 {
		t.Errorf("scale bar %d px is %.2f km on the ground, labelled %g km", best, got, lay.ScaleKm)
	}
}

// miMapWidthKm is the ground width of the map box along its middle row.
func miMapWidthKm(s *render.Scene, lay miLayout) float64 {
	v := s.Fit(s.Bound(), lay.Map.Dx(), lay.Map.Dy(), 0)
	a := s.ToLonLat(v, lay.Map.Dx(), lay.Map.Dy(), 0, float64(lay.Map.Dy())/2)
	c := s.ToLonLat(v, lay.Map.Dx(), lay.Map.Dy(), float64(lay.Map.Dx()), float64(lay.Map.Dy())/2)
	return geo.DistanceKm(a, c)
}

func TestMapImageSizes(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{1920, 1080}, {3508, 2480}, {800, 600}, {2480, 3508}} {
		o := miOptions(t, sz.w, sz.h)
		start := time.Now()
		img, lay := mapImage(o)
		took := time.Since(start)
		t.Logf("%dx%d: %v; map %v legend %v scale %s", sz.w, sz.h, took, lay.Map, lay.Legend, lay.ScaleLabel)
		if took > 2*time.Second {
			t.Errorf("%dx%d took %v", sz.w, sz.h, took)
		}
		miCheck(t, img, lay, sz.w, sz.h, o.Scene)
		if dir := os.Getenv("MAPIMAGE_OUT"); dir != "" {
			miWritePNG(t, filepath.Join(dir, "map-"+strconv.Itoa(sz.w)+"x"+strconv.Itoa(sz.h)+".png"), img)
		}
	}
}

func miWritePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestMapImageGolden(t *testing.T) {
	img := MapImage(miOptions(t, 1280, 800))
	path := filepath.Join("testdata", "map-tuban-1280x800.png")
	if miUpdate() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		miWritePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test ./report -run MapImageGolden -update)", path, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, golden %v", img.Bounds(), want.Bounds())
	}
	diff := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if miAbs(r1, r2) > 0x300 || miAbs(g1, g2) > 0x300 || miAbs(b1, b2) > 0x300 {
				diff++
			}
		}
	}
	if diff > 0 {
		out := filepath.Join(t.TempDir(), "map-tuban-1280x800.png")
		miWritePNG(t, out, img)
		t.Errorf("%d pixels differ from the golden image; got %s", diff, out)
	}
}

func miAbs(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// TestMapImageLayouts draws every kecamatan alone, with a LISA legend, at
// sizes from small landscape to tall portrait: whatever the shape of the
// area, no part overlaps another and the scale bar stays true.
func TestMapImageLayouts(t *testing.T) {
	desa, kec := miTuban()
	names := make([]string, len(classify.LISAOrder))
	colors := make([]color.RGBA, len(classify.LISAOrder))
	for i, k := range classify.LISAOrder {
		names[i], colors[i] = classify.LISALabels[k], classify.LISAColors[k]
	}
	for ki, k := range kec {
		var areas []*geo.Area
		for _, a := range desa {
			if a.Parent == k.Code {
				areas = append(areas, a)
			}
		}
		cats := make([]int, len(areas))
		for i := range cats {
			cats[i] = (i*7 + ki) % len(names)
		}
		lg := render.CategoryLegend(geo.Indicator{Label: "Klaster LISA", Synthetic: true}, nil, cats, names, colors, "")
		st := render.DefaultStyle()
		st.Fills = lg.Fills
		sz := [][2]int{{800, 600}, {1200, 1600}, {1600, 900}, {1000, 1000}}[ki%4]
		o := MapOptions{Scene: render.NewScene(areas, []*geo.Area{k}), Style: st, Legend: lg,
			Width: sz[0], Height: sz[1], Title: "Kecamatan " + k.Name, Subtitle: "Klaster LISA",
			Source: "Sumber: contoh", Made: time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC), Synthetic: true}
		img, lay := mapImage(o)
		t.Run(k.Name, func(t *testing.T) {
			if n := miColours(img, lay.Map); n < 6 {
				t.Errorf("map has %d colours", n)
			}
			miCheck(t, img, lay, sz[0], sz[1], o.Scene)
		})
		if dir := os.Getenv("MAPIMAGE_OUT"); dir != "" {
			miWritePNG(t, filepath.Join(dir, "kec-"+k.Name+".png"), img)
		}
	}
}

func TestMapImageNoLegendNoScene(t *testing.T) {
	o := miOptions(t, 900, 700)
	o.Legend = render.Legend{}
	img, lay := mapImage(o)
	if !lay.Legend.Empty() || lay.Map.Empty() {
		t.Errorf("without a legend: legend %v, map %v", lay.Legend, lay.Map)
	}
	if img.Bounds().Dx() != 900 {
		t.Fatal(img.Bounds())
	}
	o.Scene = nil
	img, lay = mapImage(o)
	if !lay.Map.Empty() || img.Bounds().Dy() != 700 {
		t.Errorf("without a scene: map %v", lay.Map)
	}
}

func TestScaleLength(t *testing.T) {
	for w := 0.3; w < 3000; w *= 1.07 {
		L := scaleLength(w)
		if f := L / w; f < 0.15-1e-9 || f > 0.25+1e-9 {
			t.Errorf("width %g km: %g km is %.3f of it", w, L, f)
		}
	}
	for _, c := range []struct {
		w    float64
		want float64
	}{{50, 10}, {100, 20}, {25, 5}, {84, 20}, {10, 2}} {
		if got := scaleLength(c.w); got != c.want {
			t.Errorf("scaleLength(%g) = %g, want %g", c.w, got, c.want)
		}
	}
	for _, c := range []struct {
		L    float64
		want string
	}{{10, "0  5  10 km"}, {15, "0  5  10  15 km"}, {5, "0  2,5  5 km"}, {0.5, "0  250  500 m"}, {3, "0  1  2  3 km"}, {1.5, "0  0,5  1  1,5 km"}, {200, "0  100  200 km"}} {
		ticks, unit := scaleTicks(c.L)
		if got := strings.Join(ticks, "  ") + " " + unit; got != c.want {
			t.Errorf("scaleTicks(%g) = %q, want %q", c.L, got, c.want)
		}
	}
}

func BenchmarkMapImageA4(b *testing.B) {
	o := miOptions(b, 3508, 2480)
	for b.Loop() {
		MapImage(o)
	}
}
