package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/app"
)

func TestShiftClickAndBoxChooseAreas(t *testing.T) {
	w, _ := newTestWindow(t)
	a, b := villageIndex(w, "35.23.01.2001"), villageIndex(w, "35.23.01.2002")
	test.TapAt(w.mapView, w.mapView.PositionOf(w.villages()[a].Label))
	w.mapView.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	test.TapAt(w.mapView, w.mapView.PositionOf(w.villages()[b].Label))
	if got := w.mapView.Chosen(); len(got) != 2 {
		t.Fatalf("shift-click: chosen %v, want two desa", got)
	}
	if !strings.Contains(w.iv.chosenText.Text, "2 wilayah") {
		t.Errorf("chosen text %q", w.iv.chosenText.Text)
	}
	// Shift-click again removes it.
	test.TapAt(w.mapView, w.mapView.PositionOf(w.villages()[b].Label))
	if got := w.mapView.Chosen(); len(got) != 1 {
		t.Errorf("second shift-click: chosen %v", got)
	}
	// A plain click chooses one.
	w.mapView.MouseDown(&desktop.MouseEvent{})
	test.TapAt(w.mapView, w.mapView.PositionOf(w.villages()[b].Label))
	if got := w.mapView.Chosen(); len(got) != 1 || got[0] != b {
		t.Errorf("plain click: chosen %v", got)
	}
	// A shift-drag box around the whole map chooses every desa.
	w.mapView.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	size := w.mapView.Size()
	w.mapView.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(size.Width-1, size.Height-1)}, Dragged: fyne.NewDelta(size.Width-2, size.Height-2)})
	w.mapView.DragEnd()
	if got := len(w.mapView.Chosen()); got != len(w.villages()) {
		t.Errorf("box over the map chose %d of %d desa", got, len(w.villages()))
	}
}

// ivsOf returns every intervention saved.
func ivsOf(t *testing.T, svc *app.Service) []aid.Intervention {
	t.Helper()
	ivs, err := svc.ListInterventions(context.Background(), aid.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return ivs
}

func TestAddInterventionThroughForm(t *testing.T) {
	w, src := newTestWindow(t)
	w.mapView.SetChosen([]int{villageIndex(w, "35.23.01.2001")})
	w.iv.choose(w.mapView.Chosen())
	w.iv.openForm(nil)
	f := w.iv.form
	// The programme's usual funding and agency are filled in.
	f.programme.SetSelected("BLT Dana Desa")
	if f.funding.Selected != "Dana Desa" || f.agency.Selected != "Pemdes" {
		t.Errorf("BLT Dana Desa: funding %q, agency %q", f.funding.Selected, f.agency.Selected)
	}
	f.programme.SetSelected("BLT DBHCHT")
	if f.funding.Selected != "DBHCHT" {
		t.Errorf("BLT DBHCHT: funding %q", f.funding.Selected)
	}
	f.programme.SetSelected("PKH")
	f.priority.SetSelected(aid.PriorityBeban.Label())
	f.budget.SetText("Rp 1.250.000")
	f.households.SetText("40")
	f.start.SetText("2025-12-31")
	f.end.SetText("01/01/2025")
	w.iv.form.save.OnTapped()
	if len(ivsOf(t, src)) != 0 || !strings.Contains(f.errors.Text, "sebelum tanggal mulai") {
		t.Fatalf("end before start saved, or not explained: %q", f.errors.Text)
	}
	f.budget.SetText("-5")
	w.iv.form.save.OnTapped()
	if !strings.Contains(f.errors.Text, "negatif") {
		t.Errorf("negative budget message %q", f.errors.Text)
	}
	f.budget.SetText("Rp 1.250.000")
	f.start.SetText("2025-01-01")
	f.end.SetText("2030-12-31")
	w.iv.form.save.OnTapped()
	if len(ivsOf(t, src)) != 1 {
		t.Fatalf("valid intervention not saved: %q", f.errors.Text)
	}
	iv := ivsOf(t, src)[0]
	if iv.Budget != 1250000 || iv.Households != 40 || iv.Areas[0] != "35.23.01.2001" || iv.Priority != aid.PriorityBeban {
		t.Errorf("saved %+v", iv)
	}
	if len(w.iv.items) != 1 {
		t.Errorf("panel lists %d interventions for the desa", len(w.iv.items))
	}
	if !strings.Contains(w.iv.log.Text, "menambah PKH") {
		t.Errorf("change log %q", w.iv.log.Text)
	}
	// With no area chosen, the form refuses.
	w.iv.choose(nil)
	w.iv.openForm(nil)
	g := w.iv.form
	g.programme.SetSelected("PKH")
	g.priority.SetSelected(aid.PriorityBeban.Label())
	g.budget.SetText("0")
	g.start.SetText("2025-01-01")
	g.end.SetText("2025-02-01")
	w.iv.form.save.OnTapped()
	if len(ivsOf(t, src)) != 1 || !strings.Contains(g.errors.Text, "minimal satu desa") {
		t.Errorf("saved without an area: %q", g.errors.Text)
	}
}

func TestGapView(t *testing.T) {
	w, src := newTestWindow(t)
	w.view.SetSelected(ViewGap)
	l := w.Legend()
	pockets := len(w.an.Pockets())
	if l.Counts[0] != pockets || l.Counts[1] != 0 {
		t.Fatalf("before any intervention: %d gap, %d covered; %d pockets", l.Counts[0], l.Counts[1], pockets)
	}
	if len(w.iv.gaps) != pockets {
		t.Errorf("gap list %d, want %d", len(w.iv.gaps), pockets)
	}
	// An active intervention on the kecamatan of the first pocket covers
	// every pocket desa there.
	first := w.villages()[w.iv.gaps[0]]
	iv := aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: "Dinsos P3A PMD", Funding: "APBN",
		Start: aid.Day(day0()).AddDate(-1, 0, 0), End: aid.Day(day0()).AddDate(1, 0, 0), Status: aid.StatusBerjalan, Areas: []string{first.Parent}}
	if _, err := src.SaveIntervention(context.Background(), &iv); err != nil {
		t.Fatal(err)
	}
	w.iv.saved()
	l = w.Legend()
	inKec := 0
	for i, p := range w.an.pocketFlags() {
		if p && w.villages()[i].Parent == first.Parent {
			inKec++
		}
	}
	if l.Counts[1] != inKec || l.Counts[0] != pockets-inKec {
		t.Errorf("after covering kecamatan %s: gap %d covered %d, want %d and %d", first.Parent, l.Counts[0], l.Counts[1], pockets-inKec, inKec)
	}
	w.view.SetSelected(ViewCoverage)
	if !strings.HasPrefix(w.Legend().Indicator.Key, "cakupan") {
		t.Error("coverage view does not show coverage")
	}
}

func TestProgrammeListEditable(t *testing.T) {
	w, src := newTestWindow(t)
	w.iv.programmeDialog()
	if err := src.Interventions.AddProgramme(context.Background(), "Bedah rumah desa"); err != nil {
		t.Fatal(err)
	}
	w.iv.reload()
	found := false
	for _, o := range w.iv.programme.Options {
		found = found || o == "Bedah rumah desa"
	}
	if !found {
		t.Errorf("new programme not offered in the filter: %v", w.iv.programme.Options)
	}
}

// TestStaleFormOffersReload: a form opened before someone else saved the
// intervention is refused with who did it, and offers the latest data.
func TestStaleFormOffersReload(t *testing.T) {
	w, svc := newTestWindow(t)
	w.mapView.SetChosen([]int{villageIndex(w, "35.23.01.2001")})
	w.iv.choose(w.mapView.Chosen())
	iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: "APBN",
		Areas: []string{"35.23.01.2001"}, Budget: 1000, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		End: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), Status: aid.StatusBerjalan}
	if _, err := svc.SaveIntervention(context.Background(), iv); err != nil {
		t.Fatal(err)
	}
	stale := ivsOf(t, svc)[0]
	w.iv.openForm(&stale)
	// Meanwhile another save (another workstation on the server).
	fresh := ivsOf(t, svc)[0]
	fresh.Budget = 2000
	if _, err := svc.SaveIntervention(context.Background(), &fresh); err != nil {
		t.Fatal(err)
	}
	w.iv.form.budget.SetText("Rp 3.000")
	w.iv.form.save.OnTapped()
	if got := ivsOf(t, svc)[0].Budget; got != 2000 {
		t.Fatalf("the stale form saved over the later change: %d", got)
	}
	var text string
	walk(w.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			text += l.Text + "\n"
		}
	})
	if !strings.Contains(text, "sudah diubah oleh") || !strings.Contains(text, "Muat ulang data terbaru?") {
		t.Errorf("no conflict offer:\n%s", text)
	}
}
