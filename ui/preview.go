package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/ingest"
)

// useLabels are the uses of a column as the preview offers them.
var useLabels = map[ingest.Use]string{
	ingest.UseCode:      "kode wilayah",
	ingest.UseName:      "nama wilayah",
	ingest.UseKec:       "nama kecamatan",
	ingest.UseIndicator: "indikator",
	ingest.UsePeriod:    "periode baris",
	ingest.UseSkip:      "lewati",
	ingest.UseKey:       "nama indikator (format panjang)",
	ingest.UseValue:     "nilai (format panjang)",
}

// directionLabels are the answers to "which way does it point".
var directionLabels = map[geo.Direction]string{
	geo.HigherIsPoorer: "lebih tinggi = lebih miskin",
	geo.LowerIsPoorer:  "lebih rendah = lebih miskin",
	geo.Neither:        "tidak menunjukkan kemiskinan",
}

// indicatorPreview is the preview of an indicator file: one row per
// column (use as, indicator key, period), the direction of each
// indicator, and the period of values that name none. It edits the file's
// plan in place.
type indicatorPreview struct {
	w       *Window
	f       *app.IndicatorFile
	uses    []*widget.Select
	keys    []*widget.Entry
	periods []*widget.Entry
	period  *widget.Entry
	dirs    *fyne.Container
	dirFor  map[string]*widget.RadioGroup
	content fyne.CanvasObject
	dialog  *dialog.ConfirmDialog
}

// previewIndicators shows the preview of an opened file; Lanjut reads the
// rows as it says and shows the join-health report.
func (w *Window) previewIndicators(f *app.IndicatorFile) *indicatorPreview {
	pv := &indicatorPreview{w: w, f: f, dirFor: map[string]*widget.RadioGroup{}}
	pv.build()
	title := fmt.Sprintf(lang.L("Pratinjau impor — %s"), f.Sheet.File)
	pv.dialog = dialog.NewCustomConfirm(title, lang.L("Lanjut"), lang.L("Batal"), pv.content, func(ok bool) {
		if ok {
			w.checkIndicators(f, pv.choices())
		}
	}, w.Win)
	pv.dialog.Resize(fyne.NewSize(min(1000, w.Win.Canvas().Size().Width-40), min(640, w.Win.Canvas().Size().Height-40)))
	pv.dialog.Show()
	return pv
}

// choices are the preview's choices not held in the plan.
func (pv *indicatorPreview) choices() app.IndicatorChoices {
	return app.IndicatorChoices{Period: strings.TrimSpace(pv.period.Text)}
}

func (pv *indicatorPreview) build() {
	f, pl := pv.f, pv.f.Plan
	var top []fyne.CanvasObject
	if len(f.Sheet.Sheets) > 1 {
		sheet := widget.NewSelect(f.Sheet.Sheets, nil)
		sheet.SetSelected(f.Sheet.Sheet)
		sheet.OnChanged = func(s string) {
			if s != f.Sheet.Sheet {
				pv.dialog.Hide()
				pv.w.openIndicators(f.Path, s)
			}
		}
		top = append(top, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Lembar kerja")), nil, sheet))
	}
	info := widget.NewLabel(pv.headerText())
	info.Wrapping = fyne.TextWrapWord
	top = append(top, info)
	pv.period = widget.NewEntry()
	pv.period.SetPlaceHolder(lang.L("tahun ini"))
	top = append(top, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Periode nilai yang tidak menyebut periode")), nil, pv.period))

	names := make([]string, 0, len(ingest.Uses))
	for _, u := range ingest.Uses {
		names = append(names, lang.L(useLabels[u]))
	}
	grid := container.New(layout.NewGridLayoutWithColumns(5),
		bold(lang.L("Kolom di berkas")), bold(lang.L("Dipakai sebagai")), bold(lang.L("Kunci indikator")),
		bold(lang.L("Periode dari judul")), bold(lang.L("Keterangan dan contoh")))
	for i, c := range pl.Columns {
		use := widget.NewSelect(names, nil)
		use.SetSelected(lang.L(useLabels[c.Use]))
		key, per := widget.NewEntry(), widget.NewEntry()
		key.SetText(c.Key)
		per.SetText(c.Period)
		note := widget.NewLabel(pv.note(i))
		note.Truncation = fyne.TextTruncateEllipsis
		header := widget.NewLabel(c.Header)
		header.Truncation = fyne.TextTruncateEllipsis
		i := i
		use.OnChanged = func(string) { pv.sync(i) }
		key.OnChanged = func(string) { pv.sync(i) }
		per.OnChanged = func(string) { pv.sync(i) }
		pv.uses, pv.keys, pv.periods = append(pv.uses, use), append(pv.keys, key), append(pv.periods, per)
		grid.Add(header)
		grid.Add(use)
		grid.Add(key)
		grid.Add(per)
		grid.Add(note)
		pv.enable(i)
	}
	pv.dirs = container.NewVBox()
	pv.syncDirections()
	body := container.NewVBox(grid, widget.NewSeparator(),
		bold(lang.L("Arah indikator: apakah nilai yang lebih tinggi berarti lebih miskin, lebih sejahtera, atau tidak keduanya?")), pv.dirs)
	pv.content = container.NewBorder(container.NewVBox(top...), nil, nil, nil, container.NewVScroll(body))
}

// headerText says where the header is and what lies above it.
func (pv *indicatorPreview) headerText() string {
	pl, sh := pv.f.Plan, pv.f.Sheet
	if len(sh.Lines) == 0 {
		return lang.L("Berkas tidak berisi baris.")
	}
	s := fmt.Sprintf(lang.L("Judul kolom di baris %d"), sh.Lines[pl.Header])
	if pl.SubHeader {
		s += lang.L(" dan baris di bawahnya")
	}
	if n := len(pl.Titles); n > 0 {
		s += fmt.Sprintf(lang.L("; %d baris judul tabel di atasnya dilewati: %s"), n, strings.Join(pl.Titles, " / "))
	}
	return s + "."
}

// note is the detection's note on column i and the first values under it.
func (pv *indicatorPreview) note(i int) string {
	var samples []string
	pl, sh := pv.f.Plan, pv.f.Sheet
	start := pl.Header + 1
	if pl.SubHeader {
		start++
	}
	for _, r := range sh.Rows[min(start, len(sh.Rows)):] {
		if len(samples) == 3 {
			break
		}
		if i < len(r) && r[i] != "" {
			samples = append(samples, r[i])
		}
	}
	n := pl.Columns[i].Note
	if len(samples) > 0 {
		if n != "" {
			n += " · "
		}
		n += strings.Join(samples, "; ")
	}
	return n
}

// sync copies row i of the preview into the plan.
func (pv *indicatorPreview) sync(i int) {
	c := &pv.f.Plan.Columns[i]
	for _, u := range ingest.Uses {
		if lang.L(useLabels[u]) == pv.uses[i].Selected {
			c.Use = u
		}
	}
	if c.Use == ingest.UseKey {
		pv.f.Plan.Long = true
	}
	c.Key = strings.TrimSpace(pv.keys[i].Text)
	c.Period = strings.TrimSpace(pv.periods[i].Text)
	pv.enable(i)
	pv.syncDirections()
}

// enable allows a key and period only for an indicator column.
func (pv *indicatorPreview) enable(i int) {
	if pv.f.Plan.Columns[i].Use == ingest.UseIndicator {
		pv.keys[i].Enable()
		pv.periods[i].Enable()
		return
	}
	pv.keys[i].Disable()
	pv.periods[i].Disable()
}

// syncDirections shows one direction question per indicator key.
func (pv *indicatorPreview) syncDirections() {
	pl := pv.f.Plan
	pv.dirs.RemoveAll()
	opts := []string{lang.L(directionLabels[geo.HigherIsPoorer]), lang.L(directionLabels[geo.LowerIsPoorer]), lang.L(directionLabels[geo.Neither])}
	for _, key := range pl.Indicators() {
		rg, ok := pv.dirFor[key]
		if !ok {
			rg = widget.NewRadioGroup(opts, nil)
			rg.Horizontal = true
			rg.SetSelected(lang.L(directionLabels[pl.Poorer[key]]))
			rg.OnChanged = func(s string) {
				for d, l := range directionLabels {
					if lang.L(l) == s {
						pl.Direction(key, d)
					}
				}
			}
			pv.dirFor[key] = rg
		}
		label := key
		if l := pl.Labels[key]; l != "" {
			label += " — " + l
		}
		pv.dirs.Add(container.NewBorder(nil, nil, widget.NewLabel(label), nil, rg))
	}
	pv.dirs.Refresh()
}
