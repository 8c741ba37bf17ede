package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Preference keys remembered between sessions (Fyne preferences).
const (
	prefWidth     = "window.width"
	prefHeight    = "window.height"
	prefIndicator = "map.indicator"
	prefView      = "map.view"
	prefLevel     = "map.level"
)

// bindKeys sets the keyboard: F11 presentation, + and − zoom, 0 fit,
// Ctrl+F search, and in presentation mode the arrows, Home and Esc.
func (w *Window) bindKeys() {
	c := w.Win.Canvas()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if w.pr.key(ev) {
			return
		}
		switch ev.Name {
		case fyne.KeyPlus, fyne.KeyEqual:
			w.mapView.Zoom(1.5)
		case fyne.KeyMinus:
			w.mapView.Zoom(1 / 1.5)
		case fyne.Key0, fyne.KeyHome:
			w.mapView.FitExtent()
		}
	})
	ctrl := func(k fyne.KeyName, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { fn() })
	}
	ctrl(fyne.KeyF, func() { c.Focus(w.search) })
	ctrl(fyne.KeyEqual, func() { w.mapView.Zoom(1.5) })
	ctrl(fyne.KeyMinus, func() { w.mapView.Zoom(1 / 1.5) })
	ctrl(fyne.Key0, w.mapView.FitExtent)
	ctrl(fyne.KeyE, w.exportDialog)
	ctrl(fyne.KeyL, func() { w.OpenPath() })
	// Undo and redo of intervention changes: Ctrl+Z, Ctrl+Y (and
	// Ctrl+Shift+Z). A text field that has the focus keeps them for its
	// own text.
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { w.iv.undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { w.iv.redo() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) { w.iv.redo() })
}

// releaseFocus gives the keyboard back to the window after a choice was
// made with a select, radio group or check box, so that F11, the arrow
// keys and + / − / 0 reach the window's handler (Fyne sends keys without
// a modifier to the focused widget). A text field keeps the focus.
func (w *Window) releaseFocus() {
	c := w.Win.Canvas()
	switch c.Focused().(type) {
	case nil, interface{ SelectedText() string }: // nothing, or a text field
		return
	}
	c.Unfocus()
}

// searchHit is an area found by name.
type searchHit struct {
	Label string
	Area  *geo.Area
	score int
}

// Find returns up to limit desa and kecamatan matching q, best first:
// exact, then prefix, then substring, then spelling variants (a few typing
// errors allowed, as "Glodonggede" for Glondonggede).
func (w *Window) Find(q string, limit int) []searchHit {
	k := geo.NormalizeName(q)
	if len(k) < 2 {
		return nil
	}
	var hits []searchHit
	if w.res == nil {
		return nil
	}
	for _, a := range slices.Concat(w.res.Villages, w.res.Kecamatan) {
		n := geo.NormalizeName(a.Name)
		score := -1
		switch {
		case n == k:
			score = 0
		case strings.HasPrefix(n, k):
			score = 1
		case strings.Contains(n, k):
			score = 2
		default:
			whole, head := max(1, len(k)/4), max(1, len(k)/5)
			if d := geo.EditDistance(k, n, whole); d <= whole {
				score = 3 + d
			} else if len(n) > len(k) {
				if d := geo.EditDistance(k, n[:len(k)], head); d <= head {
					score = 6 + d
				}
			}
		}
		if score < 0 {
			continue
		}
		label := fmt.Sprintf(lang.L("%s (Kecamatan)"), a.Name)
		switch a.Level {
		case geo.LevelDesa:
			label = fmt.Sprintf(lang.L("%s (Desa, Kec. %s)"), a.Name, w.kecName(a))
		case geo.LevelKelurahan:
			label = fmt.Sprintf(lang.L("%s (Kelurahan, Kec. %s)"), a.Name, w.kecName(a))
		}
		hits = append(hits, searchHit{Label: label, Area: a, score: score})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score < hits[j].score
		}
		return hits[i].Label < hits[j].Label
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// newSearch builds the search box: suggestions while typing, Enter or a
// choice zooms to the area.
func (w *Window) newSearch() *widget.SelectEntry {
	s := widget.NewSelectEntry(nil)
	s.SetPlaceHolder(lang.L("Cari desa atau kecamatan… (Ctrl+F)"))
	var hits []searchHit
	s.OnChanged = func(text string) {
		for _, h := range hits {
			if h.Label == text {
				w.GoTo(h.Area)
				return
			}
		}
		hits = w.Find(text, 8)
		opts := make([]string, len(hits))
		for i, h := range hits {
			opts[i] = h.Label
		}
		s.SetOptions(opts)
	}
	s.OnSubmitted = func(text string) {
		found := w.Find(text, 8)
		switch {
		case len(found) == 0:
		case len(found) > 1 && found[1].score == found[0].score && found[0].score == 0:
			// Several areas of exactly this name (Jatisari in Bancar and
			// in Senori): the user picks, nothing is chosen for them.
			w.pickNamesake(text, found)
		default:
			w.GoTo(found[0].Area)
		}
	}
	return s
}

// pickNamesake asks which of several areas of the same name is meant.
func (w *Window) pickNamesake(text string, found []searchHit) {
	var d dialog.Dialog
	box := container.NewVBox()
	for _, h := range found {
		if h.score != found[0].score {
			break
		}
		box.Add(widget.NewButton(h.Label, func() {
			d.Hide()
			w.GoTo(h.Area)
		}))
	}
	d = dialog.NewCustom(fmt.Sprintf(lang.L("Ada beberapa wilayah bernama %q"), text), lang.L("Batal"), box, w.Win)
	d.Show()
}

// GoTo zooms to an area and selects it (a desa at desa level, a kecamatan
// at kecamatan level).
func (w *Window) GoTo(a *geo.Area) {
	w.mapView.ZoomToBound(a.Bound, 0.2)
	if a.Level == geo.LevelKecamatan && !w.kecLevel() {
		return
	}
	if a.Level.IsVillage() && w.kecLevel() {
		w.level.SetSelected(lang.L(LevelDesa))
	}
	w.SelectArea(a.Code)
}
