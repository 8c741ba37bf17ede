package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/ingest"
)

// FindingsIndicator is the map layer of findings per 100 households that a
// household import creates.
const FindingsIndicator = "findings_per_100"

// noColumn is the key of the column choice for a field the list lacks.
const noColumn = "(tidak ada)"

// validationTab lists the findings of the latest household list for the
// chosen desa, with NIK masked unless asked otherwise.
type validationTab struct {
	w        *Window
	findings []household.Finding

	rule     *widget.Select
	showNIK  *widget.Check
	summary  *widget.Label
	list     *widget.List
	export   *widget.Button
	showMap  *widget.Button
	importBt *widget.Button
}

func (v *validationTab) init(w *Window) {
	v.w = w
	w.model.Observe(func(e app.Event) {
		if e == app.Chosen && v.list != nil {
			v.reload()
		}
	})
	rules := []string{lang.L(anyChoice)}
	for _, r := range household.Rules {
		rules = append(rules, r.Code)
	}
	v.rule = widget.NewSelect(rules, func(string) { v.reload() })
	v.rule.Selected = lang.L(anyChoice)
	v.showNIK = widget.NewCheck(lang.L("Tampilkan NIK lengkap (data pribadi)"), func(bool) { v.list.Refresh() })
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.findings) },
		func() fyne.CanvasObject {
			head := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			head.Truncation = fyne.TextTruncateEllipsis
			msg := widget.NewLabel("")
			msg.Wrapping = fyne.TextWrapWord
			return container.NewVBox(head, msg)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.findings) {
				return
			}
			f := v.findings[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf(lang.L("Baris %d · %s · %s · NIK %s"), f.Row, f.Rule, tr(f.Severity.String()), v.nik(f.NIK)))
			box.Objects[1].(*widget.Label).SetText(f.Message)
			v.list.SetItemHeight(id, box.MinSize().Height)
		})
	v.export = widget.NewButton(lang.L("Ekspor temuan per desa (XLSX)…"), v.exportDialog)
	v.showMap = widget.NewButton(lang.L("Peta temuan per 100 RT"), func() {
		if !w.SelectIndicator(FindingsIndicator) {
			dialog.ShowInformation(lang.L("Validasi"), lang.L("Belum ada daftar rumah tangga yang diimpor."), w.Win)
		}
	})
	v.importBt = widget.NewButton(lang.L("Impor daftar rumah tangga…"), w.importHouseholdsDialog)
	v.importBt.Importance = widget.HighImportance
}

func (v *validationTab) content() fyne.CanvasObject {
	top := container.NewVBox(container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Hapus daftar…"), v.deleteDialog), v.importBt),
		container.NewGridWithColumns(2, v.showMap, v.export),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Aturan:")), nil, v.rule), v.showNIK, v.summary)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, v.list)
}

// nik shows a NIK masked (only the last 4 digits) unless the user asked
// for it whole.
func (v *validationTab) nik(s string) string {
	if v.showNIK.Checked {
		return s
	}
	return household.Mask(s)
}

// reload lists the findings of the chosen desa (or all).
func (v *validationTab) reload() {
	desa := ""
	if codes := v.w.model.Chosen(); len(codes) == 1 && !v.w.kecLevel() {
		desa = codes[0]
	}
	rule := v.rule.Selected
	if rule == lang.L(anyChoice) {
		rule = ""
	}
	w := v.w
	var fs []household.Finding
	var err error
	w.run(func() {
		fs, err = w.svc.Households.Findings(context.Background(), household.FindingFilter{Desa: desa, Rule: rule, Limit: 2000})
	}, func() { v.showFindings(desa, fs, err) })
}

// showFindings lists findings read for a desa ("" for all).
func (v *validationTab) showFindings(desa string, fs []household.Finding, err error) {
	if err != nil {
		v.summary.SetText(fmt.Sprintf(lang.L("Gagal membaca temuan: %s"), err.Error()))
		return
	}
	v.findings = fs
	where := lang.L("semua desa")
	if a := v.w.byCode[desa]; a != nil {
		where = a.Name
	}
	switch {
	case len(fs) == 0:
		v.summary.SetText(fmt.Sprintf(lang.L("Tidak ada temuan untuk %s."), where))
	case len(fs) >= 2000:
		v.summary.SetText(fmt.Sprintf(lang.L("2.000 temuan pertama untuk %s (saring per desa atau aturan untuk melihat sisanya)."), where))
	default:
		v.summary.SetText(fmt.Sprintf(lang.N("%d temuan untuk %s.", len(fs)), len(fs), where))
	}
	v.list.Refresh()
}

func (v *validationTab) exportDialog() {
	w := v.w
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		w.RunTask(lang.L("Mengekspor temuan"), func(ctx context.Context, progress func(float64)) (func(), error) {
			fs, err := w.svc.Households.Findings(ctx, household.FindingFilter{})
			if err != nil {
				return nil, err
			}
			if _, err := w.svc.WriteFindings(ctx, path, fs); err != nil {
				return nil, err
			}
			return func() {
				dialog.ShowInformation(lang.L("Ekspor temuan"), fmt.Sprintf(lang.L("Temuan ditulis ke %s (NIK disamarkan)."), path), w.Win)
			}, nil
		})
	}, w.Win)
	d.SetFileName(lang.L("temuan-validasi-dtks.xlsx"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

func (w *Window) importHouseholdsDialog() {
	if !w.allowed("data") {
		return
	}
	w.openFile(lang.L("Impor daftar rumah tangga"), []string{".csv", ".xlsx", ".txt"}, w.importHouseholds)
}

// importHouseholds reads a household list's columns and asks for their
// mapping.
func (w *Window) importHouseholds(path string) {
	hdr, _, err := w.svc.HouseholdColumns(context.Background(), path)
	if err != nil {
		w.showError(err)
		return
	}
	w.householdMapping(path, hdr)
}

// householdMapping asks which column holds which field, prefilled with the
// remembered or guessed mapping, and the period of the list.
func (w *Window) householdMapping(path string, hdr *ingest.HouseholdHeader) {
	none := lang.L(noColumn)
	options := append([]string{none}, hdr.Columns...)
	selects := map[string]*widget.Select{}
	var items []*widget.FormItem
	for _, f := range ingest.HouseholdFields() {
		s := widget.NewSelect(options, nil)
		s.Selected = none
		if c, ok := hdr.Guess[f]; ok {
			s.Selected = c
		}
		selects[f] = s
		items = append(items, widget.NewFormItem(tr(ingest.FieldLabel(f)), s))
	}
	period := widget.NewEntry()
	period.SetText(time.Now().Format("2006-01"))
	items = append([]*widget.FormItem{widget.NewFormItem(lang.L("Periode (TTTT-BB)"), period)}, items...)
	note := widget.NewLabel(lang.L("Kolom wajib: no. KK, NIK kepala, desil, jumlah anggota, dan kode atau nama desa. Pemetaan kolom diingat untuk impor berikutnya."))
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(items...)
	scroll := container.NewVScroll(container.NewVBox(note, form))
	scroll.SetMinSize(fyne.NewSize(560, 480))
	dialog.ShowCustomConfirm(fmt.Sprintf(lang.L("Kolom daftar rumah tangga — %s"), hdr.File), lang.L("Impor"), lang.L("Batal"), scroll, func(ok bool) {
		if !ok {
			return
		}
		m := ingest.Mapping{}
		for f, s := range selects {
			if s.Selected != none && s.Selected != "" {
				m[f] = s.Selected
			}
		}
		p := strings.TrimSpace(period.Text)
		if _, err := time.Parse("2006-01", p); err != nil {
			w.showError(fmt.Errorf(lang.L("periode %q: tulis TTTT-BB, mis. 2025-06"), p))
			return
		}
		background(w, w.svc.Households.Snapshots, func(snaps []household.Snapshot) {
			for _, s := range snaps {
				if s.Period != p {
					continue
				}
				// A corrected list replaces the old one only when the
				// user says so.
				msg := fmt.Sprintf(lang.L("Periode %s sudah berisi daftar %s (%s rumah tangga). Ganti dengan %s? Daftar lama, temuannya dan indikator desanya periode itu diganti; basis data dicadangkan dahulu."),
					p, s.File, idfmt.Number(float64(s.Households), 0), hdr.File)
				dialog.ShowConfirm(lang.L("Ganti daftar rumah tangga"), msg, func(ok bool) {
					if ok {
						w.runHouseholdImport(path, m, p, true)
					}
				}, w.Win)
				return
			}
			w.runHouseholdImport(path, m, p, false)
		})
	}, w.Win)
}

// runHouseholdImport imports (or, replace, replaces) the list of a period
// with a progress bar and a cancel.
func (w *Window) runHouseholdImport(path string, m ingest.Mapping, period string, replace bool) {
	imp := w.svc.ImportHouseholds
	if replace {
		imp = w.svc.ReplaceHouseholds
	}
	w.RunTask(lang.L("Mengimpor daftar rumah tangga"), func(ctx context.Context, progress func(float64)) (func(), error) {
		res, err := imp(ctx, path, m, period, household.DefaultConfig(), progress)
		if err != nil {
			return nil, err
		}
		summary := res.String()
		return func() {
			w.Reload()
			w.va.reload()
			w.showText(lang.L("Daftar rumah tangga diimpor"), summary)
		}, nil
	})
}

// deleteDialog asks which period's list to delete and deletes it after a
// confirmation (the database is backed up first).
func (v *validationTab) deleteDialog() {
	w := v.w
	background(w, w.svc.Households.Snapshots, func(snaps []household.Snapshot) {
		if len(snaps) == 0 {
			dialog.ShowInformation(lang.L("Hapus daftar rumah tangga"), lang.L("Belum ada daftar rumah tangga yang diimpor."), w.Win)
			return
		}
		var labels []string
		byLabel := map[string]string{}
		for _, s := range snaps {
			l := fmt.Sprintf(lang.L("%s — %s (%s rumah tangga)"), s.Period, s.File, idfmt.Number(float64(s.Households), 0))
			labels = append(labels, l)
			byLabel[l] = s.Period
		}
		choice := widget.NewSelect(labels, nil)
		choice.SetSelected(labels[len(labels)-1])
		note := wrapLabel(lang.L("Daftar, temuannya dan indikator desanya untuk periode itu dihapus. Basis data dicadangkan dahulu."))
		dialog.ShowCustomConfirm(lang.L("Hapus daftar rumah tangga"), lang.L("Hapus"), lang.L("Batal"), container.NewVBox(choice, note), func(ok bool) {
			period := byLabel[choice.Selected]
			if !ok || period == "" {
				return
			}
			background(w, func(ctx context.Context) (struct{}, error) { return struct{}{}, w.svc.DeleteHouseholds(ctx, period) }, func(struct{}) {
				w.Reload()
				v.reload()
			})
		}, w.Win)
	})
}
