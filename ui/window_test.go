package ui

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/sample"
	"github.com/dinsos-tuban/pocketmap/store"
)

// testDB is a database with the embedded Tuban boundaries, the synthetic
// sample indicators (seed 7) and a second period "2026" of the desil-1
// counts (kecamatan Tuban poorer, the rest better off), made once per test
// run and copied for each test, with the published IDM 2023 and 2024.
var testDB = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "pocketmap-ui-test")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "template.db")
	db, err := store.Open(path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	ctx := context.Background()
	for _, f := range [][]byte{assets.TubanDesa, assets.TubanKecamatan} {
		l, err := geo.ReadGeoJSON(bytes.NewReader(f), "embedded", geo.ReadOptions{})
		if err != nil {
			return "", err
		}
		if _, err := db.ImportBoundaries(ctx, l); err != nil {
			return "", err
		}
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return "", err
	}
	inds, vals := sample.Indicators(areas, 7)
	if err := db.SaveIndicators(ctx, inds); err != nil {
		return "", err
	}
	for _, v := range vals {
		switch v.Indicator {
		case "rt_desil1":
			next := v
			next.Period = "2026"
			if strings.HasPrefix(v.Code, "35.23.16") {
				next.Value = math.Round(v.Value * 1.8)
			} else {
				next.Value = math.Round(v.Value * 0.9)
			}
			vals = append(vals, next)
		case "rt":
			next := v
			next.Period = "2026"
			vals = append(vals, next)
		}
	}
	if err := db.SaveValues(ctx, vals); err != nil {
		return "", err
	}
	// The published IDM that every new database carries.
	_, err = app.New(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db}).SeedPublished(ctx, db)
	return path, err
})

// newTestService returns the use-case layer over a fresh copy of testDB.
func newTestService(t *testing.T) (*app.Service, *store.DB) {
	t.Helper()
	tmpl, err := testDB()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "uji.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Check(context.Background()); err != nil {
			t.Errorf("after the test: %v", err)
		}
		db.Close()
	})
	return app.New(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db}), db
}

func TestMain(m *testing.M) {
	// Indonesian whatever the system language, for the golden images and
	// the texts the tests look for; tests of English switch for themselves.
	setLanguage(false)
	code := m.Run()
	if p, err := testDB(); err == nil {
		os.RemoveAll(filepath.Dir(p))
	}
	os.Exit(code)
}

// newTestWindow opens a window over a fresh test database, running every
// analysis and read synchronously.
func newTestWindow(t *testing.T) (*Window, *app.Service) {
	t.Helper()
	a := test.NewApp()
	t.Cleanup(a.Quit)
	svc, _ := newTestService(t)
	w, err := NewWindow(a, svc, Options{Describe: "Basis data: uji", Runner: app.RunNow})
	if err != nil {
		t.Fatal(err)
	}
	w.Win.Resize(fyne.NewSize(1280, 800))
	w.mapView.FitExtent()
	return w, svc
}

// area returns the area of w's result with code.
func area(w *Window, code string) *geo.Area {
	for _, a := range w.res.Areas {
		if a.Code == code {
			return a
		}
	}
	return nil
}

func villageIndex(w *Window, code string) int {
	for i, v := range w.villages() {
		if v.Code == code {
			return i
		}
	}
	return -1
}

func day0() time.Time { return time.Now() }

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
	text := labelsIn(w.legendBox.Objects)
	for _, want := range []string{"Persentase RT desil 1", "desa", "SINTETIS", " %"} {
		if !strings.Contains(text, want) {
			t.Errorf("legend lacks %q:\n%s", want, text)
		}
	}
	if w.picker.Selected != l.Indicator.Label {
		t.Errorf("picker shows %q", w.picker.Selected)
	}
	img := w.mapView.Image()
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
	w.picker.SetSelected("Jumlah rumah tangga")
	if w.picker.Selected != "Jumlah rumah tangga" {
		t.Fatalf("sample has no indicator labelled %q; options %v", "Jumlah rumah tangga", w.picker.Options)
	}
	after := w.Legend()
	if after.Indicator.Key == before.Indicator.Key {
		t.Fatalf("indicator unchanged: %s", after.Indicator.Key)
	}
	if after.Indicator.Poorer != geo.Neither || after.Colors[0] == before.Colors[0] {
		t.Errorf("a neutral count should use the neutral ramp")
	}
	if !strings.Contains(labelsIn(w.legendBox.Objects), "Jumlah rumah tangga") {
		t.Errorf("legend title not updated")
	}
}

func TestTapSelectsDesaAndShowsIndicators(t *testing.T) {
	w, _ := newTestWindow(t)
	target := area(w, "35.23.06.2018") // Glondonggede, Tambakboyo
	pos := w.mapView.PositionOf(target.Label)
	test.TapAt(w.mapView, pos)
	info := labelsIn(w.infoBox.Objects)
	for _, want := range []string{"Glondonggede", "Tambakboyo", "35.23.06.2018", "Persentase RT desil 1", "km²"} {
		if !strings.Contains(info, want) {
			t.Errorf("area panel lacks %q:\n%s", want, info)
		}
	}
	if w.mapView.Style().Selected < 0 {
		t.Error("tap did not outline the desa")
	}
	// Tapping outside Tuban clears the selection.
	test.TapAt(w.mapView, fyne.NewPos(3, 3))
	if w.mapView.Style().Selected != -1 || !strings.Contains(labelsIn(w.infoBox.Objects), "Klik sebuah desa") {
		t.Error("tap outside the map did not clear the selection")
	}
}

func TestHoverShowsDesaKecamatanValue(t *testing.T) {
	w, _ := newTestWindow(t)
	target := area(w, "35.23.01.2001")
	w.mapView.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: w.mapView.PositionOf(target.Label)}})
	got := w.hoverText.Text
	want := hoverValue(w, target.Code)
	for _, s := range []string{target.Name, "Kec. Kenduruan", want} {
		if !strings.Contains(got, s) {
			t.Errorf("hover text %q lacks %q", got, s)
		}
	}
	w.mapView.MouseOut()
	if strings.Contains(w.hoverText.Text, target.Name) {
		t.Error("hover text kept after the mouse left")
	}
}

// hoverValue is the value text the hover should show for a code.
func hoverValue(w *Window, code string) string {
	l := w.Legend()
	for i, a := range w.villages() {
		if a.Code == code {
			return render.FormatValue(l.Indicator, l.Values[i])
		}
	}
	return "?"
}

func TestZoomButtonsAndScroll(t *testing.T) {
	w, _ := newTestWindow(t)
	v0 := w.mapView.View()
	w.mapView.Zoom(1.5)
	if got := w.mapView.View().Zoom; math.Abs(got/v0.Zoom-1.5) > 1e-9 {
		t.Errorf("zoom in: %v → %v", v0.Zoom, got)
	}
	w.mapView.FitExtent()
	if got := w.mapView.View(); math.Abs(got.Zoom-v0.Zoom) > 1e-9 {
		t.Errorf("fit extent: zoom %v, want %v", got.Zoom, v0.Zoom)
	}
	w.mapView.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 100)}, Scrolled: fyne.NewDelta(0, 25)})
	if got := w.mapView.View().Zoom; math.Abs(got/v0.Zoom-1.25) > 1e-9 {
		t.Errorf("one wheel notch: zoom ×%v, want ×1.25", got/v0.Zoom)
	}
	before := w.mapView.View().Center
	w.mapView.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(40, 0)})
	if after := w.mapView.View().Center; !(after[0] < before[0]) || after[1] != before[1] {
		t.Errorf("drag right should move the centre west: %v → %v", before, after)
	}
}

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// TestMainWindowImage is the whole window as Fyne's software renderer draws
// it, against a golden image: map, legend, picker and status line.
func TestMainWindowImage(t *testing.T) {
	w, _ := newTestWindow(t)
	w.SelectArea("35.23.10.2001")
	assertGolden(t, "main_window.png", w.Win.Canvas())
}

// assertGolden compares the canvas with testdata/name, or rewrites the
// golden image with -update (look at it before committing).
func assertGolden(t *testing.T, name string, c fyne.Canvas) {
	t.Helper()
	if *update {
		f, err := os.Create(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, c.Capture()); err != nil {
			t.Fatal(err)
		}
		return
	}
	test.AssertRendersToImage(t, name, c)
}

// TestSettingsChangeKeepsTheView: a new analysis (another method, view or
// indicator) redraws the map where the user is looking.
func TestSettingsChangeKeepsTheView(t *testing.T) {
	w, _ := newTestWindow(t)
	w.mapView.Zoom(3)
	w.mapView.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(40, 10)})
	before := w.mapView.View()
	w.classes.SetSelected("7")
	w.view.SetSelected(ViewClusters)
	w.SelectIndicator("rt")
	if after := w.mapView.View(); after != before {
		t.Errorf("the view moved from %+v to %+v after a change of settings", before, after)
	}
	if l := w.Legend(); l.Indicator.Key != "rt" || l.Names == nil {
		t.Errorf("legend %s with names %v", l.Indicator.Key, l.Names)
	}
}
