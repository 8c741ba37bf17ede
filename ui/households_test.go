package ui

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/sample"
)

func TestValidationTabMasksNIK(t *testing.T) {
	w, svc := newTestWindow(t)
	ctx := context.Background()
	list := sample.Households(w.res.Areas, 3, sample.HouseholdOptions{Households: 3000, ErrorRate: 0.02})
	path := filepath.Join(t.TempDir(), "dtks.csv")
	if err := app.WritePrivateFile(path, list.WriteCSV); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ImportHouseholds(ctx, path, nil, "2025-06", household.DefaultConfig(), nil); err != nil {
		t.Fatal(err)
	}
	w.va.reload()
	if len(w.va.findings) == 0 {
		t.Fatal("no findings listed after importing a list with planted errors")
	}
	var f household.Finding
	for _, x := range w.va.findings {
		if len(x.NIK) == 16 {
			f = x
			break
		}
	}
	if got := w.va.nik(f.NIK); got != household.Mask(f.NIK) || strings.Contains(got, f.NIK[:12]) {
		t.Errorf("NIK shown as %q, want it masked", got)
	}
	w.va.showNIK.SetChecked(true)
	if got := w.va.nik(f.NIK); got != f.NIK {
		t.Errorf("NIK on request %q", got)
	}
	// Choosing a desa narrows the list to it.
	i := villageIndex(w, f.DesaCode)
	if i < 0 {
		t.Fatalf("finding's desa %q is no desa of the map", f.DesaCode)
	}
	w.mapView.SetChosen([]int{i})
	w.iv.choose(w.mapView.Chosen())
	for _, x := range w.va.findings {
		if x.DesaCode != f.DesaCode {
			t.Fatalf("findings of desa %s listed for %s", x.DesaCode, f.DesaCode)
		}
	}
	if !strings.Contains(w.va.summary.Text, w.villages()[i].Name) {
		t.Errorf("summary %q does not name the desa", w.va.summary.Text)
	}
	w.va.rule.SetSelected(f.Rule)
	for _, x := range w.va.findings {
		if x.Rule != f.Rule {
			t.Errorf("rule filter %s lists %s", f.Rule, x.Rule)
		}
	}
}

func TestExportRequestFollowsTheWindow(t *testing.T) {
	w, _ := newTestWindow(t)
	w.view.SetSelected(ViewGap)
	w.an.perms.SetText("499")
	w.an.run()
	x, err := w.exportRequest(ExportMap, "/tmp/x.png", "A4 mendatar 300 dpi")
	if err != nil {
		t.Fatal(err)
	}
	if x.Kind != app.ExportMap || x.Width != 3508 || x.Height != 2480 {
		t.Errorf("request %+v", x)
	}
	if s := w.model.Settings(); s.View != app.ViewGap || s.Pockets.Permutations != 499 {
		t.Errorf("the settings exported with it: view %v, %d permutations", s.View, s.Pockets.Permutations)
	}
	x, _ = w.exportRequest(ExportAtlas, "/tmp/x.pdf", "")
	if x.Kind != app.ExportSummary || x.Format != "pdf" || !x.Atlas {
		t.Errorf("atlas request %+v", x)
	}
	if _, err := w.exportRequest(ExportMap, "/tmp/x.png", ""); err == nil {
		t.Error("a map without a size was accepted")
	}
	x, _ = w.exportRequest(ExportGPKG, "/tmp/x.gpkg", "")
	if x.Kind != app.ExportGeoPackage || exportExt(ExportGPKG) != ".gpkg" {
		t.Errorf("GeoPackage request %+v, extension %s", x, exportExt(ExportGPKG))
	}
}

func TestTwoPeriodComparison(t *testing.T) {
	w, _ := newTestWindow(t)
	if w.cmp.on.Disabled() {
		t.Fatal("comparison not offered for an indicator with two periods")
	}
	w.cmp.on.SetChecked(true)
	l := w.Legend()
	if !strings.Contains(l.Indicator.Label, "2025 → 2026") || l.Indicator.Unit != "poin persen" {
		t.Fatalf("change legend %q (%s)", l.Indicator.Label, l.Indicator.Unit)
	}
	// Kecamatan Tuban got poorer (red end), the others better (blue end).
	for i, v := range w.villages() {
		if math.IsNaN(l.Values[i]) || l.Values[i] == 0 {
			continue
		}
		if strings.HasPrefix(v.Code, "35.23.16") && l.Values[i] <= 0 {
			t.Errorf("%s: change %v, want a rise", v.Name, l.Values[i])
		}
	}
	if len(w.cmp.moved) == 0 || !strings.Contains(w.cmp.changed.Text, "berpindah kelas") {
		t.Errorf("no desa listed as changing class: %q", w.cmp.changed.Text)
	}
	w.cmp.on.SetChecked(false)
	if strings.Contains(w.Legend().Indicator.Label, "Perubahan") {
		t.Error("unticking the comparison kept the change map")
	}
}
