package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/aid"
)

// programmeDialog edits the programme list: add a programme, rename one
// (its interventions follow), and choose which are offered in the form.
func (t *interventionTab) programmeDialog() {
	w := t.w
	list := container.NewVBox()
	var fill func()
	var show func([]aid.Programme)
	fill = func() { background(w, w.svc.Interventions.AllProgrammes, show) }
	show = func(ps []aid.Programme) {
		list.Objects = nil
		for _, p := range ps {
			name := p.Name
			check := widget.NewCheck(name, func(on bool) {
				if err := w.svc.Interventions.SetProgrammeActive(context.Background(), name, on); err != nil {
					w.showError(err)
				}
			})
			check.Checked = p.Active
			rename := widget.NewButton(lang.L("Ganti nama…"), func() {
				entry := widget.NewEntry()
				entry.SetText(name)
				dialog.ShowForm(lang.L("Ganti nama program"), lang.L("Simpan"), lang.L("Batal"),
					[]*widget.FormItem{widget.NewFormItem(lang.L("Nama baru"), entry)}, func(ok bool) {
						if !ok || strings.TrimSpace(entry.Text) == "" || entry.Text == name {
							return
						}
						if err := w.svc.Interventions.RenameProgramme(context.Background(), name, strings.TrimSpace(entry.Text)); err != nil {
							w.showError(err)
							return
						}
						fill()
						t.reload()
					}, w.Win)
			})
			list.Add(container.NewBorder(nil, nil, nil, rename, check))
		}
		list.Refresh()
	}
	fill()
	add := widget.NewEntry()
	add.SetPlaceHolder(lang.L("program baru, mis. Bedah rumah desa"))
	addButton := widget.NewButton(lang.L("Tambah"), func() {
		name := strings.TrimSpace(add.Text)
		if name == "" {
			return
		}
		if err := w.svc.Interventions.AddProgramme(context.Background(), name); err != nil {
			w.showError(err)
			return
		}
		add.SetText("")
		fill()
		t.reload()
	})
	note := widget.NewLabel(lang.L("Program yang tidak dicentang tidak ditawarkan lagi di formulir; intervensi lamanya tetap ada."))
	note.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(480, 320))
	content := container.NewBorder(note, container.NewBorder(nil, nil, nil, addButton, add), nil, nil, scroll)
	d := dialog.NewCustom(lang.L("Daftar program"), lang.L("Tutup"), content, w.Win)
	d.SetOnClosed(t.saved)
	d.Show()
}
