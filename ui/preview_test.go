package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// button returns the button with text in the top overlay, nil if none.
func button(w *Window, text string) *widget.Button {
	var b *widget.Button
	if top := w.Win.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if v, ok := o.(*widget.Button); ok && v.Text == text {
				b = v
			}
		})
	}
	return b
}

// TestIndicatorPreview: importing an indicator file shows one row per
// column with its use, the year in a header read as the period, and a
// direction question per indicator; the user's choices (skip a column, say
// which way an indicator points) are what gets saved.
func TestIndicatorPreview(t *testing.T) {
	w, svc := newTestWindow(t)
	path := filepath.Join(t.TempDir(), "lansia.csv")
	src := "Data lansia per desa\nkode_desa,nama_desa,jumlah_lansia_2024,tipologi,sumber\n" +
		"3523012001,Jlodro,41,Pesisir,Dinsos\n3523012002,Sokogunung,37,Hutan,Dinsos\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	w.view.SetSelected(w.view.Options[3]) // the Celah view
	w.ImportIndicators(path)
	eventually(t, func() bool { return button(w, lang.L("Lanjut")) != nil })
	if button(w, lang.L("Lanjut")) == nil {
		t.Fatal("no preview shown")
	}
	// The preview is the top dialog; find its widgets by their rows.
	var selects []*widget.Select
	var radios []*widget.RadioGroup
	var text string
	var periods []string
	walk(w.Win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Entry:
			if v.Text != "" {
				periods = append(periods, v.Text)
			}
		case *widget.Select:
			selects = append(selects, v)
		case *widget.RadioGroup:
			radios = append(radios, v)
		case *widget.Label:
			text += v.Text + "\n"
		}
	})
	if len(selects) != 5 || len(radios) != 2 {
		t.Fatalf("%d column rows, %d direction questions; want 5 and 2 (jumlah_lansia, tipologi)", len(selects), len(radios))
	}
	// The key and the period read from "jumlah_lansia_2024".
	if strings.Join(periods, ",") != "jumlah_lansia,2024,tipologi" {
		t.Errorf("keys and periods shown: %q", periods)
	}
	for _, want := range []string{"Judul kolom di baris 2", "Data lansia per desa", "kategori (2)", "sumber data"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview does not say %q:\n%s", want, text)
		}
	}
	if selects[3].Selected != lang.L("indikator") || selects[4].Selected != lang.L("lewati") {
		t.Errorf("uses %q, %q", selects[3].Selected, selects[4].Selected)
	}
	selects[3].SetSelected(lang.L("lewati")) // tipologi is not wanted
	radios[0].SetSelected(lang.L("lebih tinggi = lebih miskin"))
	test.Tap(button(w, lang.L("Lanjut")))
	eventually(t, func() bool { return button(w, lang.L("Simpan")) != nil })
	if button(w, lang.L("Simpan")) == nil {
		t.Fatal("no join report after the preview")
	}
	test.Tap(button(w, lang.L("Simpan")))
	ctx := context.Background()
	var got geo.Indicator
	eventually(t, func() bool {
		inds, _ := svc.Indicators.Indicators(ctx)
		for _, ind := range inds {
			if ind.Key == "jumlah_lansia" {
				got = ind
			}
		}
		return got.Key != ""
	})
	if got.Key == "" || got.Period != "2024" || got.Poorer != geo.HigherIsPoorer {
		t.Errorf("saved %+v", got)
	}
	// The window shows the new indicator's values, not the gap view it
	// was in.
	eventually(t, func() bool {
		return w.res != nil && w.res.Indicator.Key == "jumlah_lansia" && w.view.Selected == w.view.Options[0]
	})
	if s := w.model.Settings(); s.Indicator != "jumlah_lansia" || s.View != app.ViewValues || w.view.Selected != w.view.Options[0] {
		t.Errorf("after the import: indicator %s, view %s (radio %q)", s.Indicator, s.View, w.view.Selected)
	}
	inds, _ := svc.Indicators.Indicators(ctx)
	for _, ind := range inds {
		if ind.Key == "tipologi" {
			t.Error("the skipped column was saved")
		}
	}
}
