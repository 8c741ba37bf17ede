package render

import (
	"bytes"
	"compress/gzip"
	"flag"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/sample"
	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

const sharedData = "../../shared/data"

// sampleFills shades areas by the synthetic desil-1 share in 5 quantile classes.
func sampleFills(tb testing.TB, areas []*geo.Area) []color.RGBA {
	tb.Helper()
	_, vals := sample.Indicators(areas, 1)
	values := sample.Ratio(areas, vals, "rt_desil1", "rt", 100)
	br, err := classify.Quantile(values, 5)
	if err != nil {
		tb.Fatal(err)
	}
	fills := make([]color.RGBA, len(areas))
	ramp := classify.YlOrRd.Pick(br.Classes())
	for i, v := range values {
		if c := br.Class(v); c >= 0 {
			fills[i] = ramp[c]
		}
	}
	return fills
}

// tubanScene is the embedded Tuban sample, always available.
func tubanScene(tb testing.TB) *Scene {
	read := func(b []byte, name string) []*geo.Area {
		l, err := geo.ReadGeoJSON(bytes.NewReader(b), name, geo.ReadOptions{})
		if err != nil {
			tb.Fatal(err)
		}
		return l.Areas
	}
	return NewScene(read(assets.TubanDesa, "desa"), read(assets.TubanKecamatan, "kecamatan"))
}

func checkGolden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test ./render -update)", path, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, img.Bounds(), want.Bounds())
	}
	diff := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if absDiff(r1, r2) > 0x300 || absDiff(g1, g2) > 0x300 || absDiff(b1, b2) > 0x300 {
				diff++
			}
		}
	}
	if diff > 0 {
		out := filepath.Join(t.TempDir(), name+".png")
		var buf bytes.Buffer
		png.Encode(&buf, img)
		os.WriteFile(out, buf.Bytes(), 0o644)
		t.Errorf("%s: %d pixels differ from the golden image; got %s", name, diff, out)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestGoldenTuban(t *testing.T) {
	s := tubanScene(t)
	st := DefaultStyle()
	st.Fills = sampleFills(t, s.Areas)
	full := s.Fit(s.Bound(), 800, 560, 10)
	zoomed := s.ZoomAt(full, 800, 560, 560, 200, 4)
	for _, tc := range []struct {
		name string
		v    View
		mod  func(*Style)
	}{
		{"tuban-full", full, nil},
		{"tuban-zoom4", zoomed, nil},
		{"tuban-marked", zoomed, func(st *Style) {
			st.Marked = make([]bool, len(st.Fills))
			for i := 0; i < len(st.Marked); i += 7 {
				st.Marked[i] = true
			}
		}},
		{"tuban-selected-nodata", full, func(st *Style) {
			st.Selected = 0
			st.Fills = append([]color.RGBA(nil), st.Fills...)
			for i := 0; i < len(st.Fills); i += 9 {
				st.Fills[i] = color.RGBA{}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := st
			if tc.mod != nil {
				tc.mod(&st)
			}
			checkGolden(t, tc.name, s.Render(tc.v, 800, 560, &st))
		})
	}
}

// TestFillColours checks the drawing against the data rather than a golden:
// the pixel at each desa's label point has that desa's fill colour.
func TestFillColours(t *testing.T) {
	s := tubanScene(t)
	st := DefaultStyle()
	st.Border, st.OutlineW, st.Labels = color.RGBA{}, 0, false
	st.Fills = sampleFills(t, s.Areas)
	const w, h = 1600, 1100
	v := s.Fit(s.Bound(), w, h, 0)
	img := s.Render(v, w, h, &st)
	bad := 0
	for i, a := range s.Areas {
		x, y := s.ToPixel(v, w, h, a.Label)
		if got := img.RGBAAt(int(x), int(y)); got != st.Fills[i] {
			// The label point can sit within a pixel of the border.
			bad++
		}
		if got := s.AreaAt(v, w, h, x, y); got != i {
			t.Errorf("%s: AreaAt at its label point = %d, want %d", a.Code, got, i)
		}
	}
	if bad > 5 {
		t.Errorf("%d of %d desa have another colour at their label point", bad, len(s.Areas))
	}
	// Outside Tuban: background.
	if got := img.RGBAAt(1, 1); got != st.Background {
		t.Errorf("corner pixel %v, want background", got)
	}
}

func TestViewRoundTrip(t *testing.T) {
	s := NewScene([]*geo.Area{square("35.23.01.2001", 112, -7, 0.1)}, nil)
	v := s.Fit(s.Bound(), 400, 300, 0)
	for _, pt := range []orb.Point{{112.05, -6.95}, {112.01, -6.99}} {
		x, y := s.ToPixel(v, 400, 300, pt)
		back := s.ToLonLat(v, 400, 300, x, y)
		if math.Abs(back[0]-pt[0]) > 1e-9 || math.Abs(back[1]-pt[1]) > 1e-9 {
			t.Errorf("round trip %v → %v", pt, back)
		}
	}
	z := s.ZoomAt(v, 400, 300, 100, 50, 2)
	a, b := s.ToLonLat(v, 400, 300, 100, 50), s.ToLonLat(z, 400, 300, 100, 50)
	if math.Abs(a[0]-b[0]) > 1e-9 || math.Abs(a[1]-b[1]) > 1e-9 || z.Zoom != 2*v.Zoom {
		t.Errorf("zoom toward cursor moved the point under it: %v → %v", a, b)
	}
	p := s.Pan(v, 10, -20)
	x, y := s.ToPixel(p, 400, 300, v.Center)
	if math.Abs(x-210) > 1e-6 || math.Abs(y-130) > 1e-6 {
		t.Errorf("pan: old centre now at %.2f,%.2f, want 210,130", x, y)
	}
}

func square(code string, lon, lat, d float64) *geo.Area {
	a := &geo.Area{Code: code, Name: code, Level: geo.CodeLevel(code), Geom: orb.MultiPolygon{{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}}}
	a.Fill()
	return a
}

// TestHoleStaysOpen draws a square with a hole wound the same way as its
// shell (allowed: orientation either way) and checks the hole is not filled.
func TestHoleStaysOpen(t *testing.T) {
	a := &geo.Area{Code: "35.23.01.2001", Geom: orb.MultiPolygon{{
		{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}},
		{{0.25, 0.25}, {0.75, 0.25}, {0.75, 0.75}, {0.25, 0.75}, {0.25, 0.25}},
	}}}
	a.Fill()
	s := NewScene([]*geo.Area{a}, nil)
	st := DefaultStyle()
	st.Fills = []color.RGBA{{200, 0, 0, 255}}
	img := s.Render(s.Fit(s.Bound(), 100, 100, 0), 100, 100, &st)
	if got := img.RGBAAt(50, 50); got != st.Background {
		t.Errorf("hole centre %v, want background %v", got, st.Background)
	}
	if got := img.RGBAAt(10, 50); got != st.Fills[0] {
		t.Errorf("shell %v, want fill", got)
	}
}

func jatimScene(b *testing.B) *Scene {
	f, err := os.Open(filepath.Join(sharedData, "jatim-desa.geojson.gz"))
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	gz, _ := gzip.NewReader(f)
	data, _ := io.ReadAll(gz)
	l, err := geo.ReadGeoJSON(bytes.NewReader(data), "jatim", geo.ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return NewScene(l.Areas, nil)
}

func benchFrame(b *testing.B, s *Scene, v View) {
	st := DefaultStyle()
	st.Fills = sampleFills(b, s.Areas)
	dst := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	s.Draw(dst, v, &st) // build the level of detail once, as the app does
	b.ReportAllocs()
	for b.Loop() {
		s.Draw(dst, v, &st)
	}
}

func BenchmarkFrameJatimFull(b *testing.B) {
	s := jatimScene(b)
	benchFrame(b, s, s.Fit(s.Bound(), 1920, 1080, 10))
}

func BenchmarkFrameJatimZoom16(b *testing.B) {
	s := jatimScene(b)
	v := s.Fit(s.Bound(), 1920, 1080, 10)
	v.Zoom *= 4 // 1/16 of the extent
	v.Center = orb.Point{112.75, -7.45}
	benchFrame(b, s, v)
}

func BenchmarkFrameTubanFull(b *testing.B) {
	s := tubanScene(b)
	benchFrame(b, s, s.Fit(s.Bound(), 1920, 1080, 10))
}

func BenchmarkHitTestJatim(b *testing.B) {
	s := jatimScene(b)
	v := s.Fit(s.Bound(), 1920, 1080, 10)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.AreaAt(v, 1920, 1080, float64(300+i%1300), float64(200+(i*7)%700))
		i++
	}
}

// BenchmarkFirstFrameJatim is a cold start: scene, index and the level of
// detail for the full extent built from scratch, then one frame.
func BenchmarkFirstFrameJatim(b *testing.B) {
	s0 := jatimScene(b)
	st := DefaultStyle()
	st.Fills = sampleFills(b, s0.Areas)
	dst := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	b.ReportAllocs()
	for b.Loop() {
		s := NewScene(s0.Areas, nil)
		s.Draw(dst, s.Fit(s.Bound(), 1920, 1080, 10), &st)
	}
}

// TestLegendImageHasTheOutlineEntry: the print legend draws the outline
// entry (one more row, with the pocket colour) when the legend has one.
func TestLegendImageHasTheOutlineEntry(t *testing.T) {
	ind := geo.Indicator{Key: "x", Label: "X", Unit: "%"}
	l, err := ClassLegend(ind, []float64{1, 2, 3, 4, 5, 6}, classify.MethodQuantile, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	box := func(l Legend) (int, int) {
		img := image.NewRGBA(image.Rect(0, 0, 600, 600))
		DrawLegend(img, l, 1)
		top, marks := 600, 0
		for y := 0; y < 600; y++ {
			for x := 0; x < 600; x++ {
				c := img.RGBAAt(x, y)
				if c.A != 0 && y < top {
					top = y
				}
				if c == DefaultStyle().MarkColor {
					marks++
				}
			}
		}
		return 600 - top, marks
	}
	h0, m0 := box(l)
	l.Outlined = OutlineEntry{Label: "Kantong kemiskinan (garis tebal)", Count: 2}
	h1, m1 := box(l)
	if h1 <= h0 || m0 != 0 || m1 < 40 {
		t.Errorf("legend height %d → %d, pocket-coloured pixels %d → %d", h0, h1, m0, m1)
	}
}

// TestClassLabelsStayDistinct: limits that two decimals would write alike
// (IDM 0,8312 and 0,8345) get the decimals that tell them apart.
func TestClassLabelsStayDistinct(t *testing.T) {
	ind := geo.Indicator{Key: "idm", Label: "IDM", Unit: "indeks"}
	l, err := ClassLegend(ind, []float64{0.8301, 0.8312, 0.8329, 0.8345, 0.8371, 0.8402}, classify.MethodManual, 3, []float64{0.8312, 0.8345, 0.8402})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{l.ClassLabel(0), l.ClassLabel(1), l.ClassLabel(2)}
	if got[1] != "> 0,831 – 0,835" && got[1] != "> 0,8312 – 0,8345" {
		t.Errorf("labels %q", got)
	}
	if got[1] == "> 0,83 – 0,83" {
		t.Errorf("collapsed label %q", got[1])
	}
}
