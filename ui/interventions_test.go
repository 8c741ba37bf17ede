package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/dinsos-tuban/pocketmap/aid"
)

func villageIndex(w *Window, code string) int {
	for i, v := range w.villages {
		if v.Code == code {
			return i
		}
	}
	return -1
}

func TestShiftClickAndBoxChooseAreas(t *testing.T) {
	w, _ := newTestWindow(t)
	a, b := villageIndex(w, "35.23.01.2001"), villageIndex(w, "35.23.01.2002")
	test.TapAt(w.Map, w.Map.PositionOf(w.villages[a].Label))
	w.Map.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	test.TapAt(w.Map, w.Map.PositionOf(w.villages[b].Label))
	if got := w.Map.Chosen(); len(got) != 2 {
		t.Fatalf("shift-click: chosen %v, want two desa", got)
	}
	if !strings.Contains(w.iv.ChosenText.Text, "2 wilayah") {
		t.Errorf("chosen text %q", w.iv.ChosenText.Text)
	}
	// Shift-click again removes it.
	test.TapAt(w.Map, w.Map.PositionOf(w.villages[b].Label))
	if got := w.Map.Chosen(); len(got) != 1 {
		t.Errorf("second shift-click: chosen %v", got)
	}
	// A plain click chooses one.
	w.Map.MouseDown(&desktop.MouseEvent{})
	test.TapAt(w.Map, w.Map.PositionOf(w.villages[b].Label))
	if got := w.Map.Chosen(); len(got) != 1 || got[0] != b {
		t.Errorf("plain click: chosen %v", got)
	}
	// A shift-drag box around the whole map chooses every desa.
	w.Map.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	size := w.Map.Size()
	w.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(size.Width-1, size.Height-1)}, Dragged: fyne.NewDelta(size.Width-2, size.Height-2)})
	w.Map.DragEnd()
	if got := len(w.Map.Chosen()); got != len(w.villages) {
		t.Errorf("box over the map chose %d of %d desa", got, len(w.villages))
	}
}

func TestAddInterventionThroughForm(t *testing.T) {
	w, src := newTestWindow(t)
	w.Map.SetChosen([]int{villageIndex(w, "35.23.01.2001")})
	w.iv.choose(w.Map.Chosen())
	w.iv.openForm(nil)
	f := w.iv.lastForm
	f.programme.SetSelected("PKH")
	f.priority.SetSelected(aid.PriorityBeban.Label())
	f.budget.SetText("Rp 1.250.000")
	f.households.SetText("40")
	f.start.SetText("2025-12-31")
	f.end.SetText("01/01/2025")
	w.iv.lastSave()
	if len(src.ivs) != 0 || !strings.Contains(f.errors.Text, "sebelum tanggal mulai") {
		t.Fatalf("end before start saved, or not explained: %q", f.errors.Text)
	}
	f.budget.SetText("-5")
	w.iv.lastSave()
	if !strings.Contains(f.errors.Text, "negatif") {
		t.Errorf("negative budget message %q", f.errors.Text)
	}
	f.budget.SetText("Rp 1.250.000")
	f.start.SetText("2025-01-01")
	f.end.SetText("2030-12-31")
	w.iv.lastSave()
	if len(src.ivs) != 1 {
		t.Fatalf("valid intervention not saved: %q", f.errors.Text)
	}
	iv := src.ivs[0]
	if iv.Budget != 1250000 || iv.Households != 40 || iv.Areas[0] != "35.23.01.2001" || iv.Priority != aid.PriorityBeban {
		t.Errorf("saved %+v", iv)
	}
	if len(w.iv.items) != 1 {
		t.Errorf("panel lists %d interventions for the desa", len(w.iv.items))
	}
	if !strings.Contains(w.iv.Log.Text, "menambah PKH") {
		t.Errorf("change log %q", w.iv.Log.Text)
	}
	// With no area chosen, the form refuses.
	w.iv.choose(nil)
	w.iv.openForm(nil)
	g := w.iv.lastForm
	g.programme.SetSelected("PKH")
	g.priority.SetSelected(aid.PriorityBeban.Label())
	g.budget.SetText("0")
	g.start.SetText("2025-01-01")
	g.end.SetText("2025-02-01")
	w.iv.lastSave()
	if len(src.ivs) != 1 || !strings.Contains(g.errors.Text, "minimal satu desa") {
		t.Errorf("saved without an area: %q", g.errors.Text)
	}
}

func TestGapView(t *testing.T) {
	w, src := newTestWindow(t)
	w.View.SetSelected(ViewGap)
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
	first := w.villages[w.iv.gaps[0]]
	iv := aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: "Dinsos P3A PMD", Funding: "APBN",
		Start: aid.Day(day0()).AddDate(-1, 0, 0), End: aid.Day(day0()).AddDate(1, 0, 0), Status: aid.StatusBerjalan, Areas: []string{first.Parent}}
	if _, err := src.AddIntervention(&iv); err != nil {
		t.Fatal(err)
	}
	w.iv.reload()
	l = w.Legend()
	inKec := 0
	for i, p := range w.an.pocketFlags() {
		if p && w.villages[i].Parent == first.Parent {
			inKec++
		}
	}
	if l.Counts[1] != inKec || l.Counts[0] != pockets-inKec {
		t.Errorf("after covering kecamatan %s: gap %d covered %d, want %d and %d", first.Parent, l.Counts[0], l.Counts[1], pockets-inKec, inKec)
	}
	w.View.SetSelected(ViewCoverage)
	if w.Legend().Indicator.Key != "cakupan" {
		t.Error("coverage view does not show coverage")
	}
}

func TestProgrammeListEditable(t *testing.T) {
	w, src := newTestWindow(t)
	w.iv.programmeDialog()
	if err := src.AddProgramme("Bedah rumah desa"); err != nil {
		t.Fatal(err)
	}
	w.iv.reload()
	found := false
	for _, o := range w.iv.Programme.Options {
		found = found || o == "Bedah rumah desa"
	}
	if !found {
		t.Errorf("new programme not offered in the filter: %v", w.iv.Programme.Options)
	}
}
