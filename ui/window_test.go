package ui

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/sample"
)

// memSource is an in-memory Source over the embedded Tuban boundaries and
// the synthetic sample indicators.
type memSource struct {
	memInterventions
	memHouseholds
	memExporter
	memPeriods
	areas []*geo.Area
	inds  []geo.Indicator
	vals  map[string]map[string]float64 // indicator → code → value
}

func newMemSource(t *testing.T) *memSource {
	t.Helper()
	s := &memSource{vals: map[string]map[string]float64{}}
	s.memPeriods.base = s
	for _, f := range [][]byte{assets.TubanDesa, assets.TubanKecamatan} {
		l, err := geo.ReadGeoJSON(bytes.NewReader(f), "embedded", geo.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s.areas = append(s.areas, l.Areas...)
	}
	inds, vals := sample.Indicators(s.areas, 7)
	s.inds = inds
	for _, v := range vals {
		if s.vals[v.Indicator] == nil {
			s.vals[v.Indicator] = map[string]float64{}
		}
		s.vals[v.Indicator][v.Code] = v.Value
	}
	for _, ind := range inds {
		if ind.Derived() {
			m := map[string]float64{}
			for code, d := range s.vals[ind.Denominator] {
				if d > 0 {
					m[code] = s.vals[ind.Numerator][code] / d * ind.Scale
				}
			}
			s.vals[ind.Key] = m
		}
	}
	return s
}

func (s *memSource) Areas() ([]*geo.Area, error)          { return s.areas, nil }
func (s *memSource) Indicators() ([]geo.Indicator, error) { return s.inds, nil }
func (s *memSource) Values(key string) (map[string]float64, error) {
	return s.vals[key], nil
}
func (s *memSource) AreaValues(code string) ([]AreaValue, error) {
	var out []AreaValue
	for _, ind := range s.inds {
		if v, ok := s.vals[ind.Key][code]; ok {
			out = append(out, AreaValue{Indicator: ind, Period: ind.Period, Value: v})
		}
	}
	return out, nil
}
func (s *memSource) ImportBoundaries(context.Context, string, geo.ReadOptions, func(float64)) (string, error) {
	return "", errors.New("not in this test")
}
func (s *memSource) ReadIndicators(context.Context, string, func(float64)) (*ingest.Table, *ingest.Health, error) {
	return nil, nil, errors.New("not in this test")
}
func (s *memSource) SaveIndicators(context.Context, *ingest.Table) (int, error) { return 0, nil }
func (s *memSource) Describe() string                                           { return "Basis data: uji" }

func TestMain(m *testing.M) {
	SyncFrames = true
	// Indonesian whatever the system language, for the golden images and
	// the texts the tests look for; tests of English switch for themselves.
	setLanguage(false)
	os.Exit(m.Run())
}

func newTestWindow(t *testing.T) (*Window, *memSource) {
	t.Helper()
	a := test.NewApp()
	t.Cleanup(a.Quit)
	src := newMemSource(t)
	w, err := NewWindow(a, src)
	if err != nil {
		t.Fatal(err)
	}
	w.Win.Resize(fyne.NewSize(1280, 800))
	w.Map.FitExtent()
	return w, src
}

func labelsIn(objs []fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text)
			b.WriteByte('\n')
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	for _, o := range objs {
		walk(o)
	}
	return b.String()
}

func TestWindowShowsDefaultIndicator(t *testing.T) {
	w, _ := newTestWindow(t)
	l := w.Legend()
	if l.Indicator.Key != sample.DefaultIndicator {
		t.Fatalf("default indicator %q, want %q", l.Indicator.Key, sample.DefaultIndicator)
	}
	if len(l.Colors) != 5 {
		t.Fatalf("%d classes, want 5", len(l.Colors))
	}
	total := l.NoData
	for _, c := range l.Counts {
		total += c
	}
	if total != 328 {
		t.Errorf("legend counts add up to %d, want 328 desa", total)
	}
	text := labelsIn(w.LegendBox.Objects)
	for _, want := range []string{"Persentase RT desil 1", "desa", "SINTETIS", " %"} {
		if !strings.Contains(text, want) {
			t.Errorf("legend lacks %q:\n%s", want, text)
		}
	}
	if w.Picker.Selected != l.Indicator.Label {
		t.Errorf("picker shows %q", w.Picker.Selected)
	}
	img := w.Map.Image()
	if img.Bounds().Dx() < 500 {
		t.Fatalf("map frame %v: not drawn at window size", img.Bounds())
	}
	// The map shows every class colour.
	seen := map[[3]uint8]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bb, _ := img.At(x, y).RGBA()
			seen[[3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bb >> 8)}] = true
		}
	}
	for i, c := range l.Colors {
		if !seen[[3]uint8{c.R, c.G, c.B}] {
			t.Errorf("class %d colour %v not on the map", i, c)
		}
	}
}

func TestPickIndicatorReclassifies(t *testing.T) {
	w, _ := newTestWindow(t)
	before := w.Legend()
	w.Picker.SetSelected("Jumlah rumah tangga")
	if w.Picker.Selected != "Jumlah rumah tangga" {
		t.Fatalf("sample has no indicator labelled %q; options %v", "Jumlah rumah tangga", w.Picker.Options)
	}
	after := w.Legend()
	if after.Indicator.Key == before.Indicator.Key {
		t.Fatalf("indicator unchanged: %s", after.Indicator.Key)
	}
	if after.Indicator.HigherIsPoorer || after.Colors[0] == before.Colors[0] {
		t.Errorf("a neutral count should use the neutral ramp")
	}
	if !strings.Contains(labelsIn(w.LegendBox.Objects), "Jumlah rumah tangga") {
		t.Errorf("legend title not updated")
	}
}

func TestTapSelectsDesaAndShowsIndicators(t *testing.T) {
	w, src := newTestWindow(t)
	var target *geo.Area
	for _, a := range src.areas {
		if a.Code == "35.23.06.2018" { // Glondonggede, Tambakboyo
			target = a
		}
	}
	pos := w.Map.PositionOf(target.Label)
	test.TapAt(w.Map, pos)
	info := labelsIn(w.InfoBox.Objects)
	for _, want := range []string{"Glondonggede", "Tambakboyo", "35.23.06.2018", "Persentase RT desil 1", "km²"} {
		if !strings.Contains(info, want) {
			t.Errorf("area panel lacks %q:\n%s", want, info)
		}
	}
	if w.Map.Style().Selected < 0 {
		t.Error("tap did not outline the desa")
	}
	// Tapping outside Tuban clears the selection.
	test.TapAt(w.Map, fyne.NewPos(3, 3))
	if w.Map.Style().Selected != -1 || !strings.Contains(labelsIn(w.InfoBox.Objects), "Klik sebuah desa") {
		t.Error("tap outside the map did not clear the selection")
	}
}

func TestHoverShowsDesaKecamatanValue(t *testing.T) {
	w, src := newTestWindow(t)
	var target *geo.Area
	for _, a := range src.areas {
		if a.Code == "35.23.01.2001" {
			target = a
		}
	}
	w.Map.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: w.Map.PositionOf(target.Label)}})
	got := w.HoverText.Text
	want := hoverValue(w, target.Code)
	for _, s := range []string{target.Name, "Kec. Kenduruan", want} {
		if !strings.Contains(got, s) {
			t.Errorf("hover text %q lacks %q", got, s)
		}
	}
	w.Map.MouseOut()
	if strings.Contains(w.HoverText.Text, target.Name) {
		t.Error("hover text kept after the mouse left")
	}
}

// hoverValue is the value text the hover should show for a code.
func hoverValue(w *Window, code string) string {
	l := w.Legend()
	for i, a := range w.villages {
		if a.Code == code {
			return render.FormatValue(l.Indicator, l.Values[i])
		}
	}
	return "?"
}

func TestZoomButtonsAndScroll(t *testing.T) {
	w, _ := newTestWindow(t)
	v0 := w.Map.View()
	w.Map.Zoom(1.5)
	if got := w.Map.View().Zoom; math.Abs(got/v0.Zoom-1.5) > 1e-9 {
		t.Errorf("zoom in: %v → %v", v0.Zoom, got)
	}
	w.Map.FitExtent()
	if got := w.Map.View(); math.Abs(got.Zoom-v0.Zoom) > 1e-9 {
		t.Errorf("fit extent: zoom %v, want %v", got.Zoom, v0.Zoom)
	}
	w.Map.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 100)}, Scrolled: fyne.NewDelta(0, 25)})
	if got := w.Map.View().Zoom; math.Abs(got/v0.Zoom-1.25) > 1e-9 {
		t.Errorf("one wheel notch: zoom ×%v, want ×1.25", got/v0.Zoom)
	}
	before := w.Map.View().Center
	w.Map.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(40, 0)})
	if after := w.Map.View().Center; !(after[0] < before[0]) || after[1] != before[1] {
		t.Errorf("drag right should move the centre west: %v → %v", before, after)
	}
}

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// TestMainWindowImage is the whole window as Fyne's software renderer draws
// it, against a golden image: map, legend, picker and status line.
func TestMainWindowImage(t *testing.T) {
	w, _ := newTestWindow(t)
	w.SelectArea("35.23.10.2001")
	c := w.Win.Canvas()
	if *update {
		f, err := os.Create(filepath.Join("testdata", "main_window.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, c.Capture()); err != nil {
			t.Fatal(err)
		}
		return
	}
	test.AssertRendersToImage(t, "main_window.png", c)
}
