package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/dinsos-tuban/pocketmap/app"
)

func TestPresentationKeyboard(t *testing.T) {
	w, _ := newTestWindow(t)
	w.mapView.Zoom(2.5)
	before := w.mapView.View()
	press(w, fyne.KeyF11)
	p := w.Presentation()
	if !p.active || !strings.Contains(p.caption.Text, "Seluruh wilayah") {
		t.Fatalf("F11: active %v, caption %q", p.active, p.caption.Text)
	}
	z0 := w.mapView.View().Zoom
	press(w, fyne.KeyRight)
	if p.index != 0 || !strings.Contains(p.caption.Text, "Kecamatan "+w.kecamatan()[0].Name) || w.mapView.View().Zoom <= z0 {
		t.Errorf("→: index %d caption %q zoom %v→%v", p.index, p.caption.Text, z0, w.mapView.View().Zoom)
	}
	// Only the pockets of the kecamatan shown are outlined.
	for i, m := range w.mapView.Style().Marked {
		if m && w.villages()[i].Parent != w.kecamatan()[0].Code {
			t.Fatalf("pocket %s of another kecamatan outlined", w.villages()[i].Code)
		}
	}
	press(w, fyne.KeyLeft)
	if p.index != len(w.kecamatan())-1 {
		t.Errorf("← from the first kecamatan: index %d, want the last", p.index)
	}
	press(w, fyne.KeyHome)
	if p.index != -1 || w.mapView.View().Zoom != z0 {
		t.Errorf("Home: index %d zoom %v want %v", p.index, w.mapView.View().Zoom, z0)
	}
	press(w, fyne.KeyEscape)
	if p.active || w.Win.Content() != p.main {
		t.Error("Esc did not return to the normal window")
	}
	if st := w.mapView.Style(); st.Dim != nil || st.Focus != -1 {
		t.Error("the dimming stays after the presentation")
	}
	if after := w.mapView.View(); after != before {
		t.Errorf("Esc left the map at %+v, not where it was (%+v)", after, before)
	}
}

// TestPresentationImage is the presentation layout at projector size
// 1280×720, against a golden image (rewrite with -update and look at it).
func TestPresentationImage(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Win.Resize(fyne.NewSize(1280, 720))
	w.Presentation().Enter()
	w.Win.Resize(fyne.NewSize(1280, 720))
	press(w, fyne.KeyRight)
	press(w, fyne.KeyRight) // Jatirogo
	p := w.Presentation()
	st := w.mapView.Style()
	if st.Focus != 1 || st.Dim == nil || w.Win.MainMenu() != nil || st.FontSize < 18 {
		t.Errorf("focus %d, dimmed %v, menu %v, label size %v", st.Focus, st.Dim != nil, w.Win.MainMenu(), st.FontSize)
	}
	// The legend has its own band: it covers no part of the map.
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	mapRight := abs(w.mapView).X + w.mapView.Size().Width
	if lx := abs(p.overlay).X; lx < mapRight || p.legend.Size().Width < 150 {
		t.Errorf("legend at x=%v (%v wide), map ends at %v", lx, p.legend.Size().Width, mapRight)
	}
	assertGolden(t, "presentation_1280x720.png", w.Win.Canvas())
}

func TestSearchFindsTyposAndZooms(t *testing.T) {
	w, _ := newTestWindow(t)
	hits := w.Find("glodonggede", 5)
	if len(hits) == 0 || hits[0].Area.Code != "35.23.06.2018" {
		t.Fatalf("typo search: %v", hits)
	}
	hits = w.Find("senori", 5)
	if len(hits) == 0 || hits[0].Area.Name != "Senori" {
		t.Fatalf("exact search: %v", hits)
	}
	z0 := w.mapView.View().Zoom
	w.search.OnSubmitted("Glodonggede")
	if w.mapView.View().Zoom <= z0 || w.selected < 0 || w.villages()[w.selected].Code != "35.23.06.2018" {
		t.Errorf("Enter did not zoom to and select Glondonggede")
	}
	if len(w.Find("x", 5)) != 0 {
		t.Error("a one-letter query should not search")
	}
}

func TestPreferencesRemembered(t *testing.T) {
	w, svc := newTestWindow(t)
	w.SelectIndicator("rt")
	w.view.SetSelected(ViewClusters)
	prefs := w.App.Preferences()
	if prefs.String(prefIndicator) != "rt" || prefs.String(prefView) != ViewClusters {
		t.Errorf("preferences %q %q", prefs.String(prefIndicator), prefs.String(prefView))
	}
	w2, err := NewWindow(w.App, svc, Options{Runner: app.RunNow})
	if err != nil {
		t.Fatal(err)
	}
	if w2.res.Indicator.Key != "rt" || w2.view.Selected != ViewClusters || w2.model.Settings().View != app.ViewClusters {
		t.Errorf("new window opened on %q / %q, want the remembered rt / %s", w2.res.Indicator.Key, w2.view.Selected, ViewClusters)
	}
}
