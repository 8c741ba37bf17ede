package ui

import (
	"archive/zip"
	"encoding/json"
	"fmt"
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

// TestBPSMapAsksToAcceptNearNames: importing a BPS-coded desa map whose
// names differ a little from the Kemendagri ones shows the matches and
// imports only when the user agrees.
func TestBPSMapAsksToAcceptNearNames(t *testing.T) {
	w, _ := newTestWindow(t)
	kecName := map[string]string{}
	for _, k := range w.res.Kecamatan {
		kecName[k.Code] = k.Name
	}
	b, err := os.ReadFile("../assets/tuban-desa.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc map[string]any
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	kecNo, desaNo := map[string]int{}, map[string]int{}
	for _, f := range fc["features"].([]any) {
		props := f.(map[string]any)["properties"].(map[string]any)
		code, name := props["kode"].(string), props["nama"].(string)
		kec := code[:8]
		if _, ok := kecNo[kec]; !ok {
			kecNo[kec] = (len(kecNo) + 1) * 10
		}
		desaNo[kec]++
		if code == "35.23.01.2003" {
			name = "Jamprongg"
		}
		f.(map[string]any)["properties"] = map[string]any{"iddesa": fmt.Sprintf("3523%03d%03d", kecNo[kec], desaNo[kec]),
			"nmdesa": name, "nmkec": kecName[kec]}
	}
	out, _ := json.Marshal(fc)
	path := filepath.Join(t.TempDir(), "bps.geojson")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	w.ImportBoundaries(path, geo.ReadOptions{})
	eventually(t, func() bool { return button(w, lang.L("Setujui dan impor")) != nil })
	agree := button(w, lang.L("Setujui dan impor"))
	if agree == nil {
		t.Fatal("no agreement asked for the near name")
	}
	test.Tap(agree)
	var report string
	eventually(t, func() bool {
		report = ""
		if top := w.Win.Canvas().Overlays().Top(); top != nil {
			walk(top, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok {
					report += l.Text + "\n"
				}
			})
		}
		return strings.Contains(report, "Peta berkode BPS")
	})
	if !strings.Contains(report, "1 nama mirip disetujui") {
		t.Errorf("report:\n%s", report)
	}
}
