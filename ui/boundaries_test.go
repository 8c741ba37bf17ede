package ui

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// walk calls fn on o and everything drawn inside it.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, fn)
		}
	}
}

// eventually waits up to ten seconds for cond, which the interface
// goroutine makes true when a background task is done.
func eventually(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
}

// TestZipWithTwoShapefilesAsksForTheLayer: importing a zip that holds two
// shapefiles asks which one, and the one picked is imported.
func TestZipWithTwoShapefilesAsksForTheLayer(t *testing.T) {
	w, _ := newTestWindow(t)
	zp := filepath.Join(t.TempDir(), "peta.zip")
	f, err := os.Create(zp)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range []string{"desa", "salinan"} {
		for _, ext := range []string{".shp", ".dbf"} {
			b, err := os.ReadFile("../shp/testdata/desa" + ext)
			if err != nil {
				t.Fatal(err)
			}
			fw, _ := zw.Create(name + ext)
			fw.Write(b)
		}
	}
	zw.Close()
	f.Close()

	w.ImportBoundaries(zp, geo.ReadOptions{})
	var sel *widget.Select
	var impor *widget.Button
	eventually(t, func() bool {
		walk(w.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			switch v := o.(type) {
			case *widget.Select:
				sel = v
			case *widget.Button:
				if v.Text == lang.L("Impor") {
					impor = v
				}
			}
		})
		return sel != nil
	})
	if sel == nil || impor == nil || strings.Join(sel.Options, ",") != "desa,salinan" {
		t.Fatalf("no layer choice shown (select %v, button %v)", sel, impor)
	}
	sel.SetSelected("salinan")
	test.Tap(impor)
	var report string
	eventually(t, func() bool {
		report = ""
		walk(w.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				report += l.Text + "\n"
			}
		})
		return strings.Contains(report, "wilayah dibaca")
	})
	if !strings.Contains(report, "peta.zip, salinan.shp: 2 wilayah dibaca") {
		t.Errorf("report after picking salinan:\n%s", report)
	}
}
