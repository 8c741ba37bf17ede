package ui

import (
	"errors"
	"fmt"
	"image/color"
	"math"
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
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
)

// Indicator keys the coverage views read: poor households (desil 1 and 2)
// share budgets among desa; DTKS households (desil 1–4) are the base of the
// targeting ratio. Defaults matching the sample data and the household
// import; other data can name the same keys.
var (
	PoorHouseholdKeys = []string{"rt_desil1", "rt_desil2"}
	DTKSHouseholdKey  = "rt_desil1_4"
)

// Views of the intervention layer, added to the view radio group.
const (
	ViewCoverage = "Cakupan"
	ViewGap      = "Celah"
)

// Coverage measures: the keys of the coverage picker, which shows them
// translated.
const (
	CoverCount     = "Jumlah intervensi aktif"
	CoverBudget    = "Anggaran per RT miskin"
	CoverTargeting = "Sasaran per RT DTKS"
)

var coverKeys = []string{CoverCount, CoverBudget, CoverTargeting}

// interventionTab lists, adds, edits, deletes and undoes interventions of
// the chosen areas, and shows their change log.
type interventionTab struct {
	w      *Window
	all    []aid.Intervention // every intervention (for the map views)
	items  []aid.Intervention // those listed
	chosen []int              // chosen areas of the current scene

	ChosenText                                    *widget.Label
	AddButton, UndoButton                         *widget.Button
	Programme, Priority, Agency, Status, Coverage *widget.Select
	ActiveOnly                                    *widget.Check
	ActiveOnDay                                   *widget.Entry
	List                                          *widget.List
	Log                                           *widget.Label
	GapText                                       *widget.Label
	GapList                                       *widget.List
	gaps                                          []int

	lastForm *form  // the form last opened (for tests)
	lastSave func() // its save action (for tests)
}

// anyChoice is the key of the filter option that matches everything.
const anyChoice = "(semua)"

func (t *interventionTab) init(w *Window) {
	t.w = w
	t.ChosenText = widget.NewLabel(lang.L("Klik desa di peta (Shift+klik untuk menambah, Shift+seret untuk kotak)."))
	t.ChosenText.Wrapping = fyne.TextWrapWord
	t.AddButton = widget.NewButtonWithIcon(lang.L("Tambah…"), theme.ContentAddIcon(), func() { t.openForm(nil) })
	t.AddButton.Importance = widget.HighImportance
	t.UndoButton = widget.NewButtonWithIcon(lang.L("Urungkan"), theme.ContentUndoIcon(), t.undo)
	refresh := func(string) { t.reload() }
	t.Programme = widget.NewSelect(nil, refresh)
	t.Programme.PlaceHolder = lang.L(anyChoice)
	pr := []string{lang.L(anyChoice)}
	for _, p := range aid.Priorities {
		pr = append(pr, tr(p.Label()))
	}
	t.Priority = widget.NewSelect(pr, refresh)
	t.Agency = widget.NewSelect(append([]string{lang.L(anyChoice)}, trAll(aid.Agencies...)...), refresh)
	st := []string{lang.L(anyChoice)}
	for _, s := range aid.Statuses {
		st = append(st, tr(s.String()))
	}
	t.Status = widget.NewSelect(st, refresh)
	for _, s := range []*widget.Select{t.Priority, t.Agency, t.Status} {
		s.Selected = lang.L(anyChoice) // no callback while the tab is being built
	}
	t.ActiveOnly = widget.NewCheck(lang.L("Hanya yang aktif hari ini"), func(bool) { t.reload() })
	t.ActiveOnDay = widget.NewEntry()
	t.ActiveOnDay.SetPlaceHolder(lang.L("aktif pada tanggal, mis. 2025-06-30"))
	t.ActiveOnDay.OnSubmitted = func(string) { t.reload() }
	t.Coverage = widget.NewSelect(trAll(coverKeys...), func(string) { w.refresh() })
	t.Coverage.Selected = lang.L(CoverCount)
	t.List = widget.NewList(func() int { return len(t.items) },
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
	t.Log = widget.NewLabel("")
	t.Log.Wrapping = fyne.TextWrapWord
	t.GapText = widget.NewLabel("")
	t.GapText.Wrapping = fyne.TextWrapWord
	t.GapList = widget.NewList(func() int { return len(t.gaps) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.gaps) {
				v := w.villages[t.gaps[id]]
				o.(*widget.Label).SetText(fmt.Sprintf(lang.L("%s (Kec. %s) — %s"), v.Name, w.kecName(v), formatValue(w.ind, w.shown[t.gaps[id]])))
			}
		})
	t.GapList.OnSelected = func(id widget.ListItemID) {
		if id < len(t.gaps) {
			w.Map.ZoomTo(t.gaps[id])
			w.Map.Select(t.gaps[id])
			w.selectArea(t.gaps[id])
		}
	}
}

func (t *interventionTab) content() fyne.CanvasObject {
	filters := widget.NewForm(
		widget.NewFormItem(lang.L("Program"), t.Programme),
		widget.NewFormItem(lang.L("Prioritas"), t.Priority),
		widget.NewFormItem(lang.L("OPD"), t.Agency),
		widget.NewFormItem(lang.L("Status"), t.Status),
		widget.NewFormItem(lang.L("Periode"), t.ActiveOnDay),
	)
	manage := widget.NewButton(lang.L("Kelola daftar program…"), t.programmeDialog)
	top := container.NewVBox(t.ChosenText, container.NewGridWithColumns(2, t.AddButton, t.UndoButton), manage,
		widget.NewAccordion(widget.NewAccordionItem(lang.L("Saring"), container.NewVBox(filters, t.ActiveOnly))),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Peta cakupan:")), nil, t.Coverage),
		bold(lang.L("Intervensi")))
	bottom := container.NewVBox(bold(lang.L("Kantong tanpa intervensi aktif")), t.GapText)
	gaps := container.NewBorder(bottom, nil, nil, nil, t.GapList)
	log := container.NewVScroll(t.Log)
	lists := container.NewVSplit(t.List, container.NewAppTabs(
		container.NewTabItem(lang.L("Celah"), gaps),
		container.NewTabItem(lang.L("Riwayat perubahan"), log)))
	lists.Offset = 0.55
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, lists)
}

// filter reads the filter widgets.
func (t *interventionTab) filter() InterventionFilter {
	var f InterventionFilter
	if s := t.Programme.Selected; s != "" && s != lang.L(anyChoice) {
		f.Programme = s
	}
	for _, p := range aid.Priorities {
		if tr(p.Label()) == t.Priority.Selected {
			f.Priority = p
		}
	}
	if s := t.Agency.Selected; s != "" && s != lang.L(anyChoice) {
		f.Agency = keyOf(s, aid.Agencies...)
	}
	for _, s := range aid.Statuses {
		if tr(s.String()) == t.Status.Selected {
			st := s
			f.Status = &st
		}
	}
	if d, err := parseDate(t.ActiveOnDay.Text); err == nil {
		f.ActiveOn = d
	}
	if t.ActiveOnly.Checked {
		f.ActiveOn = aid.Day(time.Now())
	}
	return f
}

// chosenCodes returns the codes of the chosen areas of the current scene.
func (t *interventionTab) chosenCodes() []string {
	list := t.w.villages
	if t.w.kecLevel() {
		list = t.w.kec
	}
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
			names = append(names, a.Name)
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
	if t.w.va.List != nil {
		defer t.w.va.reload()
	}
	codes := t.chosenCodes()
	if len(codes) == 0 {
		t.ChosenText.SetText(lang.L("Belum ada wilayah dipilih: daftar memuat semua intervensi. Klik desa di peta (Shift+klik untuk menambah, Shift+seret untuk kotak)."))
	} else {
		t.ChosenText.SetText(fmt.Sprintf(lang.N("%d wilayah dipilih: %s", len(codes)), len(codes), t.areaNames(codes)))
	}
	t.reload()
}

// reload reads the programmes, the listed interventions, all interventions
// for the map, and the change log.
func (t *interventionTab) reload() {
	src := t.w.src
	if progs, err := src.Programmes(); err == nil {
		t.Programme.Options = append([]string{lang.L(anyChoice)}, progs...)
		if t.Programme.Selected == "" {
			t.Programme.Selected = lang.L(anyChoice)
		}
		t.Programme.Refresh()
	}
	area := ""
	if codes := t.chosenCodes(); len(codes) == 1 {
		area = codes[0]
	}
	f := t.filter()
	items, err := src.ListInterventions(area, f)
	if err != nil {
		t.w.showError(err)
		return
	}
	if codes := t.chosenCodes(); len(codes) > 1 {
		items = touching(items, codes, t.w.byCode)
	}
	t.items = items
	t.List.Refresh()
	if t.all, err = src.ListInterventions("", InterventionFilter{}); err != nil {
		t.w.showError(err)
	}
	changes, err := src.Changes(area, 30)
	if err == nil {
		t.Log.SetText(t.describeChanges(changes))
	}
	if v := t.w.view(); v == ViewCoverage || v == ViewGap {
		t.w.refresh()
	} else {
		t.updateGaps()
	}
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

func (t *interventionTab) describeChanges(cs []Change) string {
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
		fmt.Fprintf(&b, "%s %s — %s %s %s\n", idfmt.Date(c.At), c.At.Local().Format("15.04"), c.User, words[c.Action], what)
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
	what, err := t.w.src.UndoLast()
	if err != nil {
		t.w.showError(err)
		return
	}
	if what == "" {
		what = lang.L("Tidak ada perubahan yang dapat diurungkan.")
	}
	t.reload()
	dialog.ShowInformation(lang.L("Urungkan"), what, t.w.Win)
}

func (t *interventionTab) confirmDelete(iv aid.Intervention) {
	msg := fmt.Sprintf(lang.L("Hapus intervensi %s (%s) di %s?\nPerubahan dapat diurungkan."), iv.Programme, idfmt.Rupiah(iv.Budget), t.areaNames(iv.Areas))
	dialog.ShowConfirm(lang.L("Hapus intervensi"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := t.w.src.DeleteIntervention(iv.ID); err != nil {
			t.w.showError(err)
		}
		t.reload()
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
}

// openForm opens the intervention form: empty for the chosen areas, or
// filled with iv to edit it.
func (t *interventionTab) openForm(iv *aid.Intervention) {
	w := t.w
	progs, err := w.src.Programmes()
	if err != nil {
		w.showError(err)
		return
	}
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
		if iv == nil {
			_, err = w.src.AddIntervention(out)
		} else {
			err = w.src.UpdateIntervention(out)
		}
		if err != nil {
			f.errors.SetText(err.Error())
			return
		}
		d.Hide()
		t.reload()
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Batal"), func() { d.Hide() })
	content := container.NewBorder(nil, f.errors, nil, nil, container.NewVScroll(items))
	d = dialog.NewCustomWithoutButtons(title, content, w.Win)
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	d.Resize(fyne.NewSize(620, 640))
	t.lastForm = f
	t.lastSave = save.OnTapped
	d.Show()
}

// fromForm reads and checks the form; messages name the field.
func (t *interventionTab) fromForm(f *form, old *aid.Intervention) (*aid.Intervention, error) {
	iv := &aid.Intervention{Programme: f.programme.Selected, Agency: keyOf(f.agency.Selected, aid.Agencies...),
		Funding: keyOf(f.funding.Selected, aid.FundingSources...), Notes: strings.TrimSpace(f.notes.Text), Areas: f.areas}
	if old != nil {
		iv.ID = old.ID
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

// poorWeights returns the poor households of each village (the sum of the
// PoorHouseholdKeys indicators), NaN where unknown.
func (t *interventionTab) poorWeights() []float64 {
	out := make([]float64, len(t.w.villages))
	for _, key := range PoorHouseholdKeys {
		vals, err := t.w.src.Values(key)
		if err != nil || len(vals) == 0 {
			for i := range out {
				out[i] = math.NaN()
			}
			return out
		}
		for i, v := range render.ValuesOf(t.w.villages, vals) {
			out[i] += v
		}
	}
	return out
}

// coverageLegend is the coverage map of the chosen measure.
func (t *interventionTab) coverageLegend() (render.Legend, error) {
	w := t.w
	poor := t.poorWeights()
	reach := aid.Coverage(t.all, w.villages, poor, aid.Day(time.Now()))
	vals := make([]float64, len(reach))
	ind := geo.Indicator{Key: "cakupan", HigherIsPoorer: false}
	switch keyOf(t.Coverage.Selected, coverKeys...) {
	case CoverBudget:
		ind.Label, ind.Unit = lang.L("Anggaran intervensi per RT miskin (desil 1–2)"), lang.L("rupiah")
		for i, r := range reach {
			vals[i] = r.Budget / poor[i]
			if !(poor[i] > 0) {
				vals[i] = math.NaN()
			}
		}
	case CoverTargeting:
		ind.Label, ind.Unit = lang.L("Sasaran intervensi per RT DTKS (desil 1–4)"), "%"
		dtks, _ := w.src.Values(DTKSHouseholdKey)
		for i, d := range render.ValuesOf(w.villages, dtks) {
			vals[i] = reach[i].Households / d * 100
			if !(d > 0) {
				vals[i] = math.NaN()
			}
		}
	default:
		ind.Label, ind.Unit = lang.L("Jumlah intervensi aktif hari ini"), lang.L("intervensi")
		for i, r := range reach {
			vals[i] = float64(r.Active)
		}
	}
	l, err := render.ClassLegend(ind, vals, w.method, w.classes, nil)
	if err == nil {
		l.Note = classNote(l)
	}
	return l, err
}

// gapLegend shows the pocket desa with and without an active intervention.
func (t *interventionTab) gapLegend() render.Legend {
	w := t.w
	reach := aid.Coverage(t.all, w.villages, nil, aid.Day(time.Now()))
	names := []string{lang.L("Kantong tanpa intervensi aktif"), lang.L("Kantong dengan intervensi aktif"), lang.L("Bukan kantong")}
	colors := []color.RGBA{{0xd7, 0x19, 0x1c, 0xff}, {0xfd, 0xae, 0x61, 0xff}, {0xf0, 0xf0, 0xf0, 0xff}}
	cats := make([]int, len(w.villages))
	pockets := w.an.pocketFlags()
	for i := range cats {
		switch {
		case math.IsNaN(w.shown[i]):
			cats[i] = -1
		case pockets == nil || !pockets[i]:
			cats[i] = 2
		case reach[i].Active == 0:
			cats[i] = 0
		default:
			cats[i] = 1
		}
	}
	t.updateGaps()
	note := fmt.Sprintf(lang.L("Celah: desa kantong kemiskinan (%s) yang belum dijangkau intervensi yang sedang berjalan atau direncanakan untuk hari ini."), w.ind.Label)
	return render.CategoryLegend(w.ind, w.shown, cats, names, colors, note)
}

// updateGaps lists the pocket desa without an active intervention.
func (t *interventionTab) updateGaps() {
	w := t.w
	t.gaps = t.gaps[:0]
	pockets := w.an.pocketFlags()
	if pockets == nil {
		t.GapText.SetText(lang.L("Jalankan analisis kantong kemiskinan dahulu."))
		t.GapList.Refresh()
		return
	}
	reach := aid.Coverage(t.all, w.villages, nil, aid.Day(time.Now()))
	n := 0
	for i, p := range pockets {
		if p {
			n++
			if reach[i].Active == 0 {
				t.gaps = append(t.gaps, i)
			}
		}
	}
	t.GapText.SetText(fmt.Sprintf(lang.N("%d dari %d desa kantong belum dijangkau intervensi aktif.", n), len(t.gaps), n))
	t.GapList.UnselectAll()
	t.GapList.Refresh()
}
