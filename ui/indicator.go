package ui

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// indicatorDialog edits the shown indicator's label, unit, source and
// direction: imported files do not say whether a higher value means more
// poverty, and that decides the colour ramp and whether its High-High
// clusters are poverty pockets.
func (w *Window) indicatorDialog() {
	ind := w.ind
	if ind.Key == "" {
		return
	}
	label, unit, source := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	label.SetText(ind.Label)
	unit.SetText(ind.Unit)
	source.SetText(ind.Source)
	poorer := widget.NewCheck(lang.L("Nilai lebih tinggi berarti lebih miskin"), nil)
	poorer.Checked = ind.HigherIsPoorer
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Nama"), label),
		widget.NewFormItem(lang.L("Satuan"), unit),
		widget.NewFormItem(lang.L("Sumber"), source),
		widget.NewFormItem("", poorer),
	}
	dialog.ShowForm(lang.L("Ubah indikator"), lang.L("Simpan"), lang.L("Batal"), items, func(ok bool) {
		if !ok {
			return
		}
		ind.Label = strings.TrimSpace(label.Text)
		if ind.Label == "" {
			ind.Label = ind.Key
		}
		ind.Unit, ind.Source, ind.HigherIsPoorer = strings.TrimSpace(unit.Text), strings.TrimSpace(source.Text), poorer.Checked
		if err := w.src.UpdateIndicator(ind); err != nil {
			w.showError(err)
			return
		}
		if err := w.Reload(); err != nil {
			w.showError(err)
		}
	}, w.Win)
}
