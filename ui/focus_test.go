package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/aid"
)

// press delivers a key as the desktop driver does: to the focused widget
// when there is one, else to the window's handler.
func press(w *Window, name fyne.KeyName) {
	c := w.Win.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	c.OnTypedKey()(ev)
}

// TestKeysWorkAfterThePicker: right after an indicator is chosen in the
// picker (which takes the keyboard focus), F11 starts the presentation and
// Esc ends it; + zooms the map. A text field keeps its keys.
func TestKeysWorkAfterThePicker(t *testing.T) {
	w, _ := newTestWindow(t)
	c := w.Win.Canvas()
	c.Focus(w.picker)
	w.picker.SetSelected("Status IDM")
	if w.res.Indicator.Key != "status_idm" {
		t.Fatalf("indicator %s", w.res.Indicator.Key)
	}
	press(w, fyne.KeyF11)
	if !w.pr.active {
		t.Fatal("F11 right after the picker did not start the presentation")
	}
	press(w, fyne.KeyEscape)
	if w.pr.active {
		t.Fatal("Esc did not end the presentation")
	}
	z := w.mapView.View().Zoom
	c.Focus(w.classes)
	w.classes.SetSelected("7")
	press(w, fyne.KeyPlus)
	if w.mapView.View().Zoom <= z {
		t.Error("+ after choosing the number of classes did not zoom")
	}
	c.Focus(w.search)
	press(w, fyne.KeyF11)
	if w.pr.active || c.Focused() == nil {
		t.Error("a key typed in the search field left it")
	}
}

// TestCtrlZCtrlY: Ctrl+Z undoes the last intervention change and Ctrl+Y
// makes it again, each saying what it did, and the history lists both.
func TestCtrlZCtrlY(t *testing.T) {
	w, svc := newTestWindow(t)
	ctx := context.Background()
	iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: aid.FundingSources[0],
		Areas: []string{"35.23.01.2001"}, Budget: 1250000, Start: aid.Day(time.Now()), End: aid.Day(time.Now()).AddDate(1, 0, 0)}
	if _, err := svc.SaveIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	dialogText := func() string {
		var s string
		if top := w.Win.Canvas().Overlays().Top(); top != nil {
			walk(top, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok {
					s += l.Text + "\n"
				}
			})
		}
		return s
	}
	c := w.Win.Canvas()
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	eventually(t, func() bool { return strings.Contains(dialogText(), "diurungkan") })
	if txt := dialogText(); !strings.Contains(txt, "Penambahan intervensi PKH (Rp 1.250.000) diurungkan: intervensi dihapus") {
		t.Fatalf("after Ctrl+Z:\n%s", txt)
	}
	if ivs, _ := svc.ListInterventions(ctx, aid.Filter{}); len(ivs) != 0 {
		t.Fatal("Ctrl+Z did not undo the add")
	}
	test.Tap(button(w, "OK"))
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutRedo{})
	eventually(t, func() bool { return strings.Contains(dialogText(), "diulangi") })
	if ivs, _ := svc.ListInterventions(ctx, aid.Filter{}); len(ivs) != 1 {
		t.Fatal("Ctrl+Y did not make the add again")
	}
	if !strings.Contains(dialogText(), lang.L("Ulangi")) {
		t.Errorf("redo dialog:\n%s", dialogText())
	}
}

// TestNamesakes: Enter on "Jatisari" in the search box asks which of the
// two (Kec. Bancar, Kec. Senori) is meant instead of taking the first;
// the intervention tab names a chosen namesake with its kecamatan.
func TestNamesakes(t *testing.T) {
	w, _ := newTestWindow(t)
	w.search.SetText("Jatisari")
	w.search.OnSubmitted("Jatisari")
	var buttons []string
	walk(w.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Jatisari") {
			buttons = append(buttons, b.Text)
		}
	})
	if strings.Join(buttons, " | ") != "Jatisari (Desa, Kec. Bancar) | Jatisari (Desa, Kec. Senori)" {
		t.Fatalf("choices %q", buttons)
	}
	test.Tap(button(w, "Jatisari (Desa, Kec. Senori)"))
	if w.selected < 0 || w.villages()[w.selected].Code != "35.23.05.2002" {
		t.Fatalf("selected %d", w.selected)
	}
	if got := w.iv.areaNames([]string{"35.23.05.2002", "35.23.01.2001"}); got != "Jatisari (Kec. Senori), Jlodro" {
		t.Errorf("intervention tab names %q", got)
	}
	// The desa found is the Intervensi tab's choice too.
	if !strings.Contains(w.iv.chosenText.Text, "1 wilayah dipilih: Jatisari (Kec. Senori)") {
		t.Errorf("Intervensi tab: %q", w.iv.chosenText.Text)
	}
}

// TestDetailsAndHoverInView: at 1280×720 a click on a desa brings its
// details into view in the side panel, and the pointer over a desa shows
// its name, kecamatan and value by the pointer.
func TestDetailsAndHoverInView(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Win.Resize(fyne.NewSize(1280, 720))
	w.SelectArea("35.23.10.2001")
	top := w.infoBox.Position().Y - w.sideScroll.Offset.Y
	if top < 0 || top > w.sideScroll.Size().Height-80 {
		t.Errorf("details at %v in a panel %v high (offset %v)", top, w.sideScroll.Size().Height, w.sideScroll.Offset.Y)
	}
	a := w.villages()[villageIndex(w, "35.23.01.2001")]
	m := w.mapView
	sc := m.scale()
	x, y := m.Scene().ToPixel(m.View(), m.pxW, m.pxH, a.Label)
	p := fyne.NewPos(float32(x)/sc, float32(y)/sc)
	w.mapView.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}})
	if !w.tip.box.Visible() || !strings.Contains(w.tip.text.Text, "Jlodro, Kec. Kenduruan") {
		t.Fatalf("tooltip %v %q", w.tip.box.Visible(), w.tip.text.Text)
	}
	if pos := w.tip.box.Position(); pos.X < p.X || pos.Y < p.Y {
		t.Errorf("tooltip at %v, pointer at %v", pos, p)
	}
	w.mapView.MouseOut()
	if w.tip.box.Visible() {
		t.Error("tooltip stays after the pointer left the map")
	}
}

// overlaps returns a description of the first two objects of a vertical
// box (at any depth) drawn over each other, or "".
func overlaps(c *fyne.Container) string {
	vertical := fmt.Sprintf("%T", c.Layout) == fmt.Sprintf("%T", layout.NewVBoxLayout())
	for i := 1; vertical && i < len(c.Objects); i++ {
		a, b := c.Objects[i-1], c.Objects[i]
		if !a.Visible() || !b.Visible() {
			continue
		}
		if b.Position().Y < a.Position().Y+a.MinSize().Height-1 {
			return fmt.Sprintf("object %d at y=%v overlaps object %d (y=%v, %v high)", i, b.Position().Y, i-1, a.Position().Y, a.MinSize().Height)
		}
	}
	for _, o := range c.Objects {
		if sub, ok := o.(*fyne.Container); ok {
			if s := overlaps(sub); s != "" {
				return s
			}
		}
	}
	return ""
}

// TestSidePanelDoesNotOverlap: switching level and view (which change the
// legend's length) never leaves the panel's texts drawn over each other.
func TestSidePanelDoesNotOverlap(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Win.Resize(fyne.NewSize(1280, 720))
	for _, step := range []func(){
		func() { w.level.SetSelected(w.level.Options[1]) },
		func() { w.level.SetSelected(w.level.Options[0]) },
		func() { w.view.SetSelected(w.view.Options[3]) },
		func() { w.SelectIndicator("status_idm") },
		func() { w.view.SetSelected(w.view.Options[0]) },
	} {
		step()
		if s := overlaps(w.side); s != "" {
			t.Fatalf("level %q view %q: %s", w.level.Selected, w.view.Selected, s)
		}
	}
}

// TestOpenByTypedPath: a path typed or pasted (with quotes, as Windows'
// "Copy as path" gives it) opens the file as what its extension says.
func TestOpenByTypedPath(t *testing.T) {
	w, _ := newTestWindow(t)
	path := "../assets/idm2023_tuban_desa.csv"
	d := w.OpenPath()
	var entry *widget.Entry
	var kind *widget.RadioGroup
	walk(w.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Entry:
			entry = v
		case *widget.RadioGroup:
			kind = v
		}
	})
	entry.SetText(`"../assets/tuban-desa.geojson"`)
	if kind.Selected != lang.L(pathBoundaries) {
		t.Errorf("a .geojson read as %q", kind.Selected)
	}
	entry.SetText(`"` + path + `"`)
	if kind.Selected != lang.L(pathIndicators) {
		t.Errorf("a .csv read as %q", kind.Selected)
	}
	d.Submit()
	eventually(t, func() bool { return button(w, lang.L("Lanjut")) != nil })
	if button(w, lang.L("Lanjut")) == nil {
		t.Fatal("the typed path did not open the indicator preview")
	}
}

// TestSidePanelImage is the window at projector size at kecamatan level,
// where texts once overlapped, against a golden image.
func TestSidePanelImage(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Win.Resize(fyne.NewSize(1280, 720))
	w.level.SetSelected(w.level.Options[1])
	assertGolden(t, "side_panel_1280x720.png", w.Win.Canvas())
}

// TestFitScreen: a size saved on a 2560×1440 screen fits a 1366×768
// laptop with room for the task bar; a size that fits is kept.
func TestFitScreen(t *testing.T) {
	laptop := fyne.NewSize(1366, 768)
	if got := fitSize(fyne.NewSize(2500, 1400), laptop); got != fyne.NewSize(1366, 688) {
		t.Errorf("big size on a laptop: %v", got)
	}
	if got := fitSize(fyne.NewSize(1200, 650), laptop); got != fyne.NewSize(1200, 650) {
		t.Errorf("a size that fits: %v", got)
	}
	w, _ := newTestWindow(t)
	w.Win.Resize(fyne.NewSize(2500, 1400))
	w.FitScreen(1366, 768)
	if s := w.Win.Canvas().Size(); s.Width > 1366 || s.Height > 688 {
		t.Errorf("window %v on a 1366×768 screen", s)
	}
}

// TestRoleLimitsTheWindow: on the office server a viewer cannot open the
// intervention form or an import, and is told which role it needs.
func TestRoleLimitsTheWindow(t *testing.T) {
	w, _ := newTestWindow(t)
	w.opts.Role = "viewer"
	w.iv.openForm(nil)
	if w.iv.form != nil {
		t.Fatal("a viewer opened the intervention form")
	}
	var text string
	walk(w.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			text += l.Text
		}
	})
	if !strings.Contains(text, "(viewer)") || !strings.Contains(text, "perlu peran planner") {
		t.Errorf("said %q", text)
	}
	w.opts.Role = "planner"
	if !w.allowed("planner") || w.allowed("data") {
		t.Error("a planner's rights")
	}
}
