package ui

import (
	"math"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/household"
)

func TestValidationTabMasksNIK(t *testing.T) {
	w, src := newTestWindow(t)
	src.findings = []household.Finding{
		{Rule: "NIK-GANDA", Severity: household.Error, Row: 12, Field: "nik", DesaCode: "35.23.01.2001", NIK: "3523014507880001", Message: "NIK ************0001 juga kepala RT di baris 3"},
		{Rule: "DESIL", Severity: household.Error, Row: 40, Field: "desil", DesaCode: "35.23.02.2001", NIK: "3523020101900002", Message: "desil 11 di luar 1–10"},
	}
	w.va.reload()
	if len(w.va.findings) != 2 {
		t.Fatalf("%d findings listed", len(w.va.findings))
	}
	if got := w.va.nik(src.findings[0].NIK); got != "************0001" {
		t.Errorf("NIK shown as %q, want it masked", got)
	}
	w.va.ShowNIK.SetChecked(true)
	if got := w.va.nik(src.findings[0].NIK); got != "3523014507880001" {
		t.Errorf("NIK on request %q", got)
	}
	// Choosing a desa narrows the list to it.
	w.Map.SetChosen([]int{villageIndex(w, "35.23.01.2001")})
	w.iv.choose(w.Map.Chosen())
	if len(w.va.findings) != 1 || w.va.findings[0].Rule != "NIK-GANDA" || !strings.Contains(w.va.Summary.Text, "1 temuan") {
		t.Errorf("findings for one desa: %v, %q", w.va.findings, w.va.Summary.Text)
	}
	w.va.Rule.SetSelected("DESIL")
	if len(w.va.findings) != 0 {
		t.Errorf("rule filter: %v", w.va.findings)
	}
}

func TestExportRequestFollowsTheWindow(t *testing.T) {
	w, _ := newTestWindow(t)
	w.View.SetSelected(ViewGap)
	w.an.Perms.SetText("499")
	req, err := w.exportRequest(ExportMap, "/tmp/x.png", "A4 mendatar 300 dpi", 5)
	if err != nil {
		t.Fatal(err)
	}
	if req.Kind != "map" || req.View != "gap" || req.Width != 3508 || req.Height != 2480 || req.Indicator != w.ind.Key || req.Pocket.Permutations != 499 {
		t.Errorf("request %+v", req)
	}
	req, _ = w.exportRequest(ExportAtlas, "/tmp/x.pdf", "", 0)
	if req.Kind != "summary" || req.Format != "pdf" || !req.Atlas || req.Suppress != 0 {
		t.Errorf("atlas request %+v", req)
	}
	if _, err := w.exportRequest(ExportMap, "/tmp/x.png", "", 5); err == nil {
		t.Error("a map without a size was accepted")
	}
}

func TestTwoPeriodComparison(t *testing.T) {
	w, _ := newTestWindow(t)
	if w.cmp.On.Disabled() {
		t.Fatal("comparison not offered for an indicator with two periods")
	}
	w.cmp.On.SetChecked(true)
	l := w.Legend()
	if !strings.Contains(l.Indicator.Label, "2025 → 2026") || l.Indicator.Unit != "poin persen" {
		t.Fatalf("change legend %q (%s)", l.Indicator.Label, l.Indicator.Unit)
	}
	// Kecamatan Tuban got poorer (red end), the others better (blue end).
	for i, v := range w.villages {
		if math.IsNaN(l.Values[i]) || l.Values[i] == 0 {
			continue
		}
		if strings.HasPrefix(v.Code, "35.23.16") && l.Values[i] <= 0 {
			t.Errorf("%s: change %v, want a rise", v.Name, l.Values[i])
		}
	}
	if len(w.cmp.moved) == 0 || !strings.Contains(w.cmp.Changed.Text, "berpindah kelas") {
		t.Errorf("no desa listed as changing class: %q", w.cmp.Changed.Text)
	}
	w.cmp.On.SetChecked(false)
	if strings.Contains(w.Legend().Indicator.Label, "Perubahan") {
		t.Error("unticking the comparison kept the change map")
	}
}
