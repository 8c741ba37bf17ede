package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
)

// Coverage measures: the keys of the coverage picker, which shows them
// translated.
const (
	CoverCount     = "Jumlah intervensi aktif"
	CoverBudget    = "Anggaran per RT miskin"
	CoverTargeting = "Sasaran per RT DTKS"
)

var (
	coverKeys = []string{CoverCount, CoverBudget, CoverTargeting}
	coverOf   = map[string]app.Measure{CoverCount: app.MeasureCount, CoverBudget: app.MeasureBudget, CoverTargeting: app.MeasureTargeting}
)

// interventionTab lists, adds, edits, deletes and undoes interventions of
// the chosen areas, and shows their change log.
type interventionTab struct {
	w      *Window
	res    *app.Result        // the result whose gaps are listed
	items  []aid.Intervention // those listed
	chosen []int              // chosen areas of the current scene

	chosenText                                    *widget.Label
	addButton, undoButton, redoButton             *widget.Button
	programme, priority, agency, status, coverage *widget.Select
	activeOnly                                    *widget.Check
	activeOnDay                                   *widget.Entry
	list                                          *widget.List
	log                                           *widget.Label
	gapText                                       *widget.Label
	gapList                                       *widget.List
	gaps                                          []int
	form                                          *form // the form open, nil when none
}

// anyChoice is the key of the filter option that matches everything.
const anyChoice = "(semua)"

func (t *interventionTab) init(w *Window) {
	t.w = w
	w.model.Observe(t.observe)
	t.chosenText = widget.NewLabel(lang.L("Klik desa di peta (Shift+klik untuk menambah, Shift+seret untuk kotak)."))
	t.chosenText.Wrapping = fyne.TextWrapWord
	t.addButton = widget.NewButtonWithIcon(lang.L("Tambah…"), theme.ContentAddIcon(), func() { t.openForm(nil) })
	t.addButton.Importance = widget.HighImportance
	t.undoButton = widget.NewButtonWithIcon(lang.L("Urungkan"), theme.ContentUndoIcon(), t.undo)
	t.redoButton = widget.NewButtonWithIcon(lang.L("Ulangi"), theme.ContentRedoIcon(), t.redo)
	refresh := func(string) { t.reload() }
	t.programme = widget.NewSelect(nil, refresh)
	t.programme.PlaceHolder = lang.L(anyChoice)
	pr := []string{lang.L(anyChoice)}
	for _, p := range aid.Priorities {
		pr = append(pr, tr(p.Label()))
	}
	t.priority = widget.NewSelect(pr, refresh)
	t.agency = widget.NewSelect(append([]string{lang.L(anyChoice)}, trAll(aid.Agencies...)...), refresh)
	st := []string{lang.L(anyChoice)}
	for _, s := range aid.Statuses {
		st = append(st, tr(s.String()))
	}
	t.status = widget.NewSelect(st, refresh)
	for _, s := range []*widget.Select{t.priority, t.agency, t.status} {
		s.Selected = lang.L(anyChoice) // no callback while the tab is being built
	}
	t.activeOnly = widget.NewCheck(lang.L("Hanya yang aktif hari ini"), func(bool) { t.reload() })
	t.activeOnDay = widget.NewEntry()
	t.activeOnDay.SetPlaceHolder(lang.L("aktif pada tanggal, mis. 2025-06-30"))
	t.activeOnDay.OnSubmitted = func(string) { t.reload() }
	t.coverage = widget.NewSelect(trAll(coverKeys...), func(string) {
		w.update(func(s *app.Settings) { s.Coverage = coverOf[keyOf(t.coverage.Selected, coverKeys...)] })
	})
	for k, m := range coverOf {
		if m == w.model.Settings().Coverage {
			t.coverage.Selected = lang.L(k)
		}
	}
	t.list = widget.NewList(func() int { return len(t.items) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), nil)
			del := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			return container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), container.NewVBox(title, detail))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(t.items) {
				return
			}
			iv := t.items[id]
			c := o.(*fyne.Container)
			text := c.Objects[0].(*fyne.Container)
			btns := c.Objects[1].(*fyne.Container)
			text.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s", iv.Programme, tr(iv.Priority.Label())))
			text.Objects[1].(*widget.Label).SetText(fmt.Sprintf(lang.L("%s · %s RT · %s s.d. %s · %s · %s"),
				idfmt.Rupiah(iv.Budget), idfmt.Number(float64(iv.Households), 0), idfmt.Date(iv.Start), idfmt.Date(iv.End), tr(iv.Status.String()), t.areaNames(iv.Areas)))
			btns.Objects[0].(*widget.Button).OnTapped = func() { t.openForm(&iv) }
			btns.Objects[1].(*widget.Button).OnTapped = func() { t.confirmDelete(iv) }
		})
	t.log = widget.NewLabel("")
	t.log.Wrapping = fyne.TextWrapWord
	t.gapText = widget.NewLabel("")
	t.gapText.Wrapping = fyne.TextWrapWord
	t.gapList = widget.NewList(func() int { return len(t.gaps) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.gaps) {
				r, i := t.res, t.gaps[id]
				v := r.Villages[i]
				o.(*widget.Label).SetText(fmt.Sprintf(lang.L("%s (Kec. %s) — %s"), v.Name, w.kecName(v), formatValue(r.Indicator, r.Values[i])))
			}
		})
	t.gapList.OnSelected = func(id widget.ListItemID) {
		if id < len(t.gaps) {
			w.mapView.ZoomTo(t.gaps[id])
			w.mapView.Select(t.gaps[id])
			w.selectArea(t.gaps[id])
		}
	}
}

// observe keeps the tab in step with the model: the gap list follows every
// analysis, the list and log every change of data.
func (t *interventionTab) observe(e app.Event) {
	switch e {
	case app.Analysed:
		if r := t.w.model.Result(); r != nil {
			t.res = r
			t.updateGaps()
		}
	case app.DataChanged:
		t.reload()
	}
}

func (t *interventionTab) content() fyne.CanvasObject {
	filters := widget.NewForm(
		widget.NewFormItem(lang.L("Program"), t.programme),
		widget.NewFormItem(lang.L("Prioritas"), t.priority),
		widget.NewFormItem(lang.L("OPD"), t.agency),
		widget.NewFormItem(lang.L("Status"), t.status),
		widget.NewFormItem(lang.L("Periode"), t.activeOnDay),
	)
	manage := widget.NewButton(lang.L("Kelola daftar program…"), t.programmeDialog)
	top := container.NewVBox(t.chosenText, container.NewGridWithColumns(3, t.addButton, t.undoButton, t.redoButton), manage,
		widget.NewAccordion(widget.NewAccordionItem(lang.L("Saring"), container.NewVBox(filters, t.activeOnly))),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Peta cakupan:")), nil, t.coverage),
		bold(lang.L("Intervensi")))
	bottom := container.NewVBox(bold(lang.L("Kantong tanpa intervensi aktif")), t.gapText)
	gaps := container.NewBorder(bottom, nil, nil, nil, t.gapList)
	log := container.NewVScroll(t.log)
	lists := container.NewVSplit(t.list, container.NewAppTabs(
		container.NewTabItem(lang.L("Celah"), gaps),
		container.NewTabItem(lang.L("Riwayat perubahan"), log)))
	lists.Offset = 0.55
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, lists)
}

// filter reads the filter widgets.
func (t *interventionTab) filter() aid.Filter {
	var f aid.Filter
	if s := t.programme.Selected; s != "" && s != lang.L(anyChoice) {
		f.Programme = s
	}
	for _, p := range aid.Priorities {
		if tr(p.Label()) == t.priority.Selected {
			f.Priority = p
		}
	}
	if s := t.agency.Selected; s != "" && s != lang.L(anyChoice) {
		f.Agency = keyOf(s, aid.Agencies...)
	}
	for _, s := range aid.Statuses {
		if tr(s.String()) == t.status.Selected {
			st := s
			f.Status = &st
		}
	}
	if d, err := parseDate(t.activeOnDay.Text); err == nil {
		f.ActiveOn = d
	}
	if t.activeOnly.Checked {
		f.ActiveOn = aid.Day(time.Now())
	}
	return f
}

// chosenCodes returns the codes of the chosen areas of the current scene.
func (t *interventionTab) chosenCodes() []string {
	if t.w.res == nil {
		return nil
	}
	list := t.w.res.MapAreas()
	var out []string
	for _, i := range t.chosen {
		if i < len(list) {
			out = append(out, list[i].Code)
		}
	}
	return out
}

func (t *interventionTab) areaNames(codes []string) string {
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		a := t.w.byCode[c]
		switch {
		case a == nil:
			names = append(names, c)
		case a.Level == geo.LevelKecamatan:
			names = append(names, fmt.Sprintf(lang.L("Kec. %s"), a.Name))
		default:
			names = append(names, t.w.names[c]) // with the kecamatan when two desa share the name
		}
	}
	if len(names) > 4 {
		return fmt.Sprintf(lang.L("%s dan %d lainnya"), strings.Join(names[:4], ", "), len(names)-4)
	}
	return strings.Join(names, ", ")
}

// choose records the chosen areas and lists their interventions and
// household findings.
func (t *interventionTab) choose(idx []int) {
	t.chosen = idx
	codes := t.chosenCodes()
	defer t.w.model.Choose(codes) // the validation tab follows
	if len(codes) == 0 {
		t.chosenText.SetText(lang.L("Belum ada wilayah dipilih: daftar memuat semua intervensi. Klik desa di peta (Shift+klik untuk menambah, Shift+seret untuk kotak)."))
	} else {
		t.chosenText.SetText(fmt.Sprintf(lang.N("%d wilayah dipilih: %s", len(codes)), len(codes), t.areaNames(codes)))
	}
	t.reload()
}

// reload reads the programmes, the listed interventions and the change
// log off the interface goroutine.
func (t *interventionTab) reload() {
	w := t.w
	area := ""
	codes := t.chosenCodes()
	if len(codes) == 1 {
		area = codes[0]
	}
	f := t.filter()
	f.Area = area
	type data struct {
		progs   []string
		items   []aid.Intervention
		changes []aid.Change
	}
	background(w, func(ctx context.Context) (data, error) {
		var d data
		var err error
		if d.progs, err = w.svc.Interventions.Programmes(ctx); err != nil {
			return d, err
		}
		if d.items, err = w.svc.ListInterventions(ctx, f); err != nil {
			return d, err
		}
		d.changes, err = w.svc.Interventions.Changes(ctx, area, 30)
		return d, err
	}, func(d data) {
		t.programme.Options = append([]string{lang.L(anyChoice)}, d.progs...)
		if t.programme.Selected == "" {
			t.programme.Selected = lang.L(anyChoice)
		}
		t.programme.Refresh()
		items := d.items
		if len(codes) > 1 {
			items = touching(items, codes, w.byCode)
		}
		t.items = items
		t.list.Refresh()
		t.log.SetText(t.describeChanges(d.changes))
	})
}

// saved reloads the list and analyses again after an intervention
// changed: coverage and gaps follow.
func (t *interventionTab) saved() {
	t.reload()
	t.w.model.Refresh()
}

// touching keeps the interventions on any of codes or on their kecamatan.
func touching(items []aid.Intervention, codes []string, byCode map[string]*geo.Area) []aid.Intervention {
	want := map[string]bool{}
	for _, c := range codes {
		want[c] = true
		if a := byCode[c]; a != nil && a.Level.IsVillage() {
			want[a.Parent] = true
		}
	}
	var out []aid.Intervention
	for _, iv := range items {
		for _, c := range iv.Areas {
			if want[c] {
				out = append(out, iv)
				break
			}
		}
	}
	return out
}

func (t *interventionTab) describeChanges(cs []aid.Change) string {
	if len(cs) == 0 {
		return lang.L("Belum ada perubahan.")
	}
	words := map[string]string{"create": lang.L("menambah"), "update": lang.L("mengubah"), "delete": lang.L("menghapus"), "undo": lang.L("mengurungkan")}
	var b strings.Builder
	for _, c := range cs {
		iv := c.After
		if iv == nil {
			iv = c.Before
		}
		what := ""
		if iv != nil {
			what = fmt.Sprintf("%s (%s, %s)", iv.Programme, idfmt.Rupiah(iv.Budget), t.areaNames(iv.Areas))
		}
		again := ""
		if c.Redoes != 0 {
			again = lang.L(" (diulangi)")
		}
		fmt.Fprintf(&b, "%s %s — %s %s%s %s\n", idfmt.Date(c.At), c.At.Local().Format("15.04"), c.User, words[c.Action], again, what)
		if c.Action == "update" && c.Before != nil && c.After != nil {
			for _, d := range diff(c.Before, c.After) {
				fmt.Fprintf(&b, "    %s\n", d)
			}
		}
	}
	return b.String()
}

// diff describes the fields that changed between two versions.
func diff(a, b *aid.Intervention) []string {
	var out []string
	add := func(name, x, y string) {
		if x != y {
			out = append(out, fmt.Sprintf("%s: %s → %s", name, x, y))
		}
	}
	add(lang.L("program"), a.Programme, b.Programme)
	add(lang.L("prioritas"), tr(a.Priority.Label()), tr(b.Priority.Label()))
	add(lang.L("OPD"), tr(a.Agency), tr(b.Agency))
	add(lang.L("sumber dana"), tr(a.Funding), tr(b.Funding))
	add(lang.L("anggaran"), idfmt.Rupiah(a.Budget), idfmt.Rupiah(b.Budget))
	add(lang.L("sasaran RT"), strconv.Itoa(a.Households), strconv.Itoa(b.Households))
	add(lang.L("sasaran jiwa"), strconv.Itoa(a.Persons), strconv.Itoa(b.Persons))
	add(lang.L("tanggal mulai"), idfmt.Date(a.Start), idfmt.Date(b.Start))
	add(lang.L("tanggal selesai"), idfmt.Date(a.End), idfmt.Date(b.End))
	add(lang.L("status"), tr(a.Status.String()), tr(b.Status.String()))
	add(lang.L("wilayah"), strings.Join(a.Areas, ", "), strings.Join(b.Areas, ", "))
	add(lang.L("catatan"), a.Notes, b.Notes)
	return out
}

func (t *interventionTab) undo() {
	if !t.w.allowed("planner") {
		return
	}
	background(t.w, t.w.svc.Undo, func(what string) {
		if what == "" {
			what = lang.L("Tidak ada perubahan yang dapat diurungkan.")
		}
		t.saved()
		dialog.ShowInformation(lang.L("Urungkan"), tr(what), t.w.Win)
	})
}

// redo makes again what the last undo reverted.
func (t *interventionTab) redo() {
	if !t.w.allowed("planner") {
		return
	}
	background(t.w, t.w.svc.Redo, func(what string) {
		if what == "" {
			what = lang.L("Tidak ada perubahan yang dapat diulangi.")
		}
		t.saved()
		dialog.ShowInformation(lang.L("Ulangi"), tr(what), t.w.Win)
	})
}

func (t *interventionTab) confirmDelete(iv aid.Intervention) {
	msg := fmt.Sprintf(lang.L("Hapus intervensi %s (%s) di %s?\nPerubahan dapat diurungkan."), iv.Programme, idfmt.Rupiah(iv.Budget), t.areaNames(iv.Areas))
	dialog.ShowConfirm(lang.L("Hapus intervensi"), msg, func(ok bool) {
		if !ok {
			return
		}
		background(t.w, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, t.w.svc.DeleteIntervention(ctx, iv.ID)
		}, func(struct{}) { t.saved() })
	}, t.w.Win)
}

// parseDate reads 2025-01-31 or 31/01/2025 or 31-01-2025.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{aid.DateLayout, "02/01/2006", "2/1/2006", "02-01-2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d, nil
		}
	}
	return time.Time{}, fmt.Errorf(lang.L("tanggal %q tidak terbaca; tulis TTTT-BB-HH, mis. 2025-01-31, atau HH/BB/TTTT"), s)
}

// form is the add/edit dialog's widgets.
type form struct {
	programme, priority, agency, funding, status *widget.Select
	budget, households, persons, start, end      *widget.Entry
	notes                                        *widget.Entry
	wholeKec                                     *widget.Check
	areas                                        []string
	errors                                       *widget.Label
	save                                         *widget.Button
}

// openForm opens the intervention form: empty for the chosen areas, or
// filled with iv to edit it.
func (t *interventionTab) openForm(iv *aid.Intervention) {
	if !t.w.allowed("planner") {
		return
	}
	background(t.w, t.w.svc.Interventions.Programmes, func(progs []string) { t.showForm(iv, progs) })
}

// showForm shows the intervention form with the programmes offered.
func (t *interventionTab) showForm(iv *aid.Intervention, progs []string) {
	w := t.w
	f := &form{
		programme: widget.NewSelect(progs, nil), agency: widget.NewSelect(trAll(aid.Agencies...), nil),
		funding: widget.NewSelect(trAll(aid.FundingSources...), nil),
		budget:  widget.NewEntry(), households: widget.NewEntry(), persons: widget.NewEntry(),
		start: widget.NewEntry(), end: widget.NewEntry(), notes: widget.NewMultiLineEntry(),
		errors: widget.NewLabel(""),
	}
	var prs, sts []string
	for _, p := range aid.Priorities {
		prs = append(prs, tr(p.Label()))
	}
	for _, s := range aid.Statuses {
		sts = append(sts, tr(s.String()))
	}
	f.priority, f.status = widget.NewSelect(prs, nil), widget.NewSelect(sts, nil)
	for _, sel := range []*widget.Select{f.programme, f.priority, f.agency, f.funding, f.status} {
		sel.PlaceHolder = lang.L("(pilih)")
	}
	f.budget.SetPlaceHolder("Rp 1.250.000")
	f.start.SetPlaceHolder(lang.L("TTTT-BB-HH"))
	f.end.SetPlaceHolder(lang.L("TTTT-BB-HH"))
	f.errors.Wrapping = fyne.TextWrapWord
	f.errors.Importance = widget.DangerImportance
	f.wholeKec = widget.NewCheck(lang.L("Seluruh kecamatan dari desa terpilih"), nil)
	title := lang.L("Tambah intervensi")
	if iv == nil {
		f.areas = t.chosenCodes()
		f.status.SetSelected(tr(aid.StatusRencana.String()))
		f.agency.SetSelected(tr(aid.Agencies[0]))
		f.funding.SetSelected(tr(aid.FundingSources[0]))
		// A new intervention takes the programme's usual funding and
		// agency (BLT DBHCHT → DBHCHT); the user can change them.
		f.programme.OnChanged = func(p string) {
			funding, agency := aid.ProgrammeDefaults(p)
			if funding != "" {
				f.funding.SetSelected(tr(funding))
			}
			if agency != "" {
				f.agency.SetSelected(tr(agency))
			}
		}
	} else {
		title = lang.L("Ubah intervensi")
		f.areas = iv.Areas
		f.programme.SetSelected(iv.Programme)
		f.priority.SetSelected(tr(iv.Priority.Label()))
		f.agency.SetSelected(tr(iv.Agency))
		f.funding.SetSelected(tr(iv.Funding))
		f.status.SetSelected(tr(iv.Status.String()))
		f.budget.SetText(idfmt.Rupiah(iv.Budget))
		f.households.SetText(strconv.Itoa(iv.Households))
		f.persons.SetText(strconv.Itoa(iv.Persons))
		f.start.SetText(iv.Start.Format(aid.DateLayout))
		f.end.SetText(iv.End.Format(aid.DateLayout))
		f.notes.SetText(iv.Notes)
	}
	areas := widget.NewLabel(t.areaNames(f.areas))
	areas.Wrapping = fyne.TextWrapWord
	if len(f.areas) == 0 {
		areas.SetText(lang.L("(belum ada: pilih desa di peta dahulu)"))
	}
	items := widget.NewForm(
		widget.NewFormItem(lang.L("Wilayah"), areas),
		widget.NewFormItem("", f.wholeKec),
		widget.NewFormItem(lang.L("Program"), f.programme),
		widget.NewFormItem(lang.L("Prioritas"), f.priority),
		widget.NewFormItem(lang.L("OPD pelaksana"), f.agency),
		widget.NewFormItem(lang.L("Sumber dana"), f.funding),
		widget.NewFormItem(lang.L("Anggaran (Rp)"), f.budget),
		widget.NewFormItem(lang.L("Sasaran rumah tangga"), f.households),
		widget.NewFormItem(lang.L("Sasaran jiwa"), f.persons),
		widget.NewFormItem(lang.L("Mulai"), f.start),
		widget.NewFormItem(lang.L("Selesai"), f.end),
		widget.NewFormItem(lang.L("Status"), f.status),
		widget.NewFormItem(lang.L("Catatan"), f.notes),
	)
	var d *dialog.CustomDialog
	save := widget.NewButtonWithIcon(lang.L("Simpan"), theme.DocumentSaveIcon(), func() {
		out, err := t.fromForm(f, iv)
		if err != nil {
			f.errors.SetText(err.Error())
			return
		}
		if _, err := w.svc.SaveIntervention(context.Background(), out); err != nil {
			var ce *aid.ConflictError
			if errors.As(err, &ce) {
				// Someone else saved it first: offer the latest data.
				dialog.ShowConfirm(lang.L("Sudah diubah orang lain"), err.Error()+"\n\n"+lang.L("Muat ulang data terbaru? Isian Anda di formulir ini tidak disimpan."),
					func(ok bool) {
						if ok {
							d.Hide()
							t.form = nil
							t.saved()
						}
					}, w.Win)
				return
			}
			f.errors.SetText(err.Error())
			return
		}
		d.Hide()
		t.form = nil
		t.saved()
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Batal"), func() { d.Hide() })
	content := container.NewBorder(nil, f.errors, nil, nil, container.NewVScroll(items))
	d = dialog.NewCustomWithoutButtons(title, content, w.Win)
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	d.Resize(fyne.NewSize(620, 640))
	d.SetOnClosed(func() { t.form = nil })
	f.save = save
	t.form = f
	d.Show()
}

// fromForm reads and checks the form; messages name the field.
func (t *interventionTab) fromForm(f *form, old *aid.Intervention) (*aid.Intervention, error) {
	iv := &aid.Intervention{Programme: f.programme.Selected, Agency: keyOf(f.agency.Selected, aid.Agencies...),
		Funding: keyOf(f.funding.Selected, aid.FundingSources...), Notes: strings.TrimSpace(f.notes.Text), Areas: f.areas}
	if old != nil {
		// The version it was read at: a save over someone else's later
		// change is refused (office server).
		iv.ID, iv.Version = old.ID, old.Version
	}
	var msgs []string
	for _, p := range aid.Priorities {
		if tr(p.Label()) == f.priority.Selected {
			iv.Priority = p
		}
	}
	for _, s := range aid.Statuses {
		if tr(s.String()) == f.status.Selected {
			iv.Status = s
		}
	}
	var err error
	if strings.TrimSpace(f.budget.Text) == "" {
		msgs = append(msgs, lang.L("Isi anggaran (boleh 0)."))
	} else if iv.Budget, err = aid.ParseRupiah(f.budget.Text); err != nil {
		msgs = append(msgs, fmt.Sprintf(lang.L("Anggaran: %s."), err.Error()))
	}
	count := func(e *widget.Entry, name string) int {
		s := strings.ReplaceAll(strings.TrimSpace(e.Text), ".", "")
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			msgs = append(msgs, fmt.Sprintf(lang.L("%s %q bukan bilangan bulat."), name, e.Text))
		}
		return n
	}
	iv.Households = count(f.households, lang.L("Sasaran rumah tangga"))
	iv.Persons = count(f.persons, lang.L("Sasaran jiwa"))
	if iv.Start, err = parseDate(f.start.Text); err != nil {
		msgs = append(msgs, fmt.Sprintf(lang.L("Mulai: %s."), err.Error()))
	}
	if iv.End, err = parseDate(f.end.Text); err != nil {
		msgs = append(msgs, fmt.Sprintf(lang.L("Selesai: %s."), err.Error()))
	}
	if f.wholeKec.Checked {
		seen := map[string]bool{}
		var kec []string
		for _, c := range iv.Areas {
			k := c
			if a := t.w.byCode[c]; a != nil && a.Level.IsVillage() {
				k = a.Parent
			}
			if !seen[k] {
				seen[k] = true
				kec = append(kec, k)
			}
		}
		iv.Areas = kec
	}
	if err := iv.Validate(func(c string) bool { return t.w.byCode[c] != nil }); err != nil {
		msgs = append(msgs, err.Error())
	}
	if len(msgs) > 0 {
		return nil, errors.New(strings.Join(msgs, "\n"))
	}
	return iv, nil
}

// updateGaps lists the pocket desa without an active intervention.
func (t *interventionTab) updateGaps() {
	r := t.res
	if r == nil || r.NoPockets != "" {
		t.gaps = t.gaps[:0]
		t.gapText.SetText(lang.L("Indikator ini tidak menunjukkan arah kemiskinan: tidak ada desa kantong."))
		t.gapList.Refresh()
		return
	}
	t.gaps = append(t.gaps[:0], r.Gaps...)
	n := 0
	for _, p := range r.Pockets.Pocket {
		if p {
			n++
		}
	}
	t.gapText.SetText(fmt.Sprintf(lang.N("%d dari %d desa kantong belum dijangkau intervensi aktif.", n), len(t.gaps), n))
	t.gapList.UnselectAll()
	t.gapList.Refresh()
}
