package ui

import (
	"context"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// The choices of how a kecamatan sums an indicator up.
const (
	kindCount = "Jumlah (dijumlahkan)"
	kindValue = "Nilai atau indeks (dirata-ratakan)"
)

// indicatorDialog edits the shown indicator's label, unit, source and
// direction: imported files do not say whether a higher or a lower value
// means more poverty, and that decides the colour ramp and which LISA
// clusters are poverty pockets (High–High, Low–Low, or none).
func (w *Window) indicatorDialog() {
	if w.res == nil {
		return
	}
	ind := w.res.Indicator
	label, unit, source := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	label.SetText(ind.Label)
	unit.SetText(ind.Unit)
	source.SetText(ind.Source)
	var dirs []string
	for _, d := range geo.Directions {
		dirs = append(dirs, lang.L(d.Label()))
	}
	poorer := widget.NewRadioGroup(dirs, nil)
	poorer.Required = true
	poorer.Selected = lang.L(ind.Poorer.Label())
	kinds := []string{lang.L(kindCount), lang.L(kindValue)}
	kind := widget.NewRadioGroup(kinds, nil)
	kind.Required = true
	kind.Selected = kinds[1]
	if ind.Kind() == geo.KindCount {
		kind.Selected = kinds[0]
	}
	if ind.Derived() {
		kind.Disable()
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Nama"), label),
		widget.NewFormItem(lang.L("Satuan"), unit),
		widget.NewFormItem(lang.L("Sumber"), source),
		widget.NewFormItem(lang.L("Arah kemiskinan"), poorer),
		widget.NewFormItem(lang.L("Rekap kecamatan"), kind),
	}
	dialog.ShowForm(lang.L("Ubah indikator"), lang.L("Simpan"), lang.L("Batal"), items, func(ok bool) {
		if !ok {
			return
		}
		dir := ind.Poorer
		for _, d := range geo.Directions {
			if lang.L(d.Label()) == poorer.Selected {
				dir = d
			}
		}
		e := app.IndicatorEdit{Label: &label.Text, Unit: &unit.Text, Source: &source.Text, Poorer: &dir}
		if !ind.Derived() {
			k := geo.KindValue
			if kind.Selected == kinds[0] {
				k = geo.KindCount
			}
			e.Kind = &k
		}
		if _, err := w.svc.EditIndicator(context.Background(), ind.Key, e); err != nil {
			w.showError(err)
			return
		}
		w.Reload()
	}, w.Win)
}
