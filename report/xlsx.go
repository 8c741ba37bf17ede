package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
)

// The sheets of the XLSX workbook, in order. The CSV export writes the same
// tables under CSVFiles.
const (
	SheetKecamatan  = "Ringkasan Kecamatan"
	SheetDesa       = "Rincian Desa"
	SheetPockets    = "Kantong Kemiskinan"
	SheetAid        = "Intervensi"
	SheetValidation = "Validasi Data"
	SheetMetadata   = "Metadata"
)

// Sheets lists the sheet names in the order WriteXLSX writes them at
// kecamatan level; at desa level (Dataset.Level) the first two swap.
var Sheets = []string{SheetKecamatan, SheetDesa, SheetPockets, SheetAid, SheetValidation, SheetMetadata}

// SyntheticWarning is the warning carried by everything made from sample
// data.
const SyntheticWarning = "DATA CONTOH SINTETIS — bukan data resmi"

// SyntheticNote is the text of the "Catatan" column that every data row
// gets when Dataset.Synthetic is set.
const SyntheticNote = "DATA CONTOH SINTETIS"

// Number formats of the XLSX cells.
const (
	FormatRupiah  = `"Rp "#,##0` // whole rupiah; the viewer's locale picks the separator
	FormatPercent = "0.0%"       // rates whose unit is "%", stored as fractions
	FormatRate    = "#,##0.00"   // other rates, e.g. per 1.000 jiwa
	FormatCount   = "#,##0"      // counts of households, persons, findings
	FormatInt     = "0"          // small integers: desa, interventions, classes
	FormatP       = "0.000"      // p-values
	FormatZ       = "0.00"       // z scores
	FormatDate    = "dd/mm/yyyy" // dates
)

// tbKind is how a column's cells are formatted.
type tbKind int

const (
	tkText    tbKind = iota
	tkInt            // small integer, FormatInt
	tkCount          // count of people or findings, FormatCount; may hold "<5"
	tkRupiah         // rupiah, FormatRupiah
	tkPercent        // a value in percent: a fraction with FormatPercent in XLSX
	tkRate           // other rate, FormatRate
	tkP              // p-value, FormatP
	tkZ              // z score, FormatZ
	tkDate           // date, FormatDate
)

// tbColumn is one column of a table.
type tbColumn struct {
	head string
	kind tbKind
}

// tbBlock is a header row with rows under it. Cells hold nil (empty), a
// string, an int, an int64, a float64 or a time.Time.
type tbBlock struct {
	title     string // written above the header (XLSX only), "" for none
	cols      []tbColumn
	rows      [][]any
	boldLast  bool // the last row is a total
	emphasise int  // rows from the top written bold and red (warnings)
}

// tbTable is one sheet, or one CSV file: a main block with the filter and
// the frozen header, and, in XLSX only, more blocks below it.
type tbTable struct {
	sheet, file string
	main        tbBlock
	extra       []tbBlock
}

// tbTables builds the six tables of d in sheet order.
func tbTables(d *Dataset) []tbTable {
	first, second := tbTable{sheet: SheetKecamatan, file: "ringkasan_kecamatan.csv", main: tbKecamatan(d)},
		tbTable{sheet: SheetDesa, file: "rincian_desa.csv", main: tbDesa(d, d.Desa, false)}
	if d.Level == "desa" {
		first, second = second, first
	}
	ts := []tbTable{
		first,
		second,
		{sheet: SheetPockets, file: "kantong_kemiskinan.csv", main: tbDesa(d, tbPockets(d), true)},
		{sheet: SheetAid, file: "intervensi.csv", main: tbAid(d)},
		{sheet: SheetValidation, file: "validasi_data.csv", main: tbValidation(d)},
		{sheet: SheetMetadata, file: "metadata.csv", main: tbMetadata(d)},
	}
	if len(d.Interventions) > 0 {
		ts[3].extra = []tbBlock{tbAidSummary(d)}
	}
	if d.Synthetic {
		for i := range ts[:len(ts)-1] { // Metadata has its own warning row
			b := &ts[i].main
			b.cols = append(b.cols, tbColumn{"Catatan", tkText})
			for r := range b.rows {
				b.rows[r] = append(b.rows[r], SyntheticNote)
			}
		}
	}
	return ts
}

// tbValueColumn is the column of the indicator value.
func tbValueColumn(ind geo.Indicator) tbColumn {
	if ind.Categorical() {
		return tbColumn{"Kategori", tkText}
	}
	head := "Nilai"
	if u := strings.TrimSpace(ind.Unit); u != "" {
		head += " (" + u + ")"
	}
	switch {
	case strings.TrimSpace(ind.Unit) == "%":
		return tbColumn{head, tkPercent}
	case IsCount(ind):
		return tbColumn{head, tkCount}
	default:
		return tbColumn{head, tkRate}
	}
}

// tbValue is the cell of a value of indicator ind in column c: the
// category's name for a categorical indicator.
func tbValue(ind geo.Indicator, v float64, c tbColumn, below int) any {
	if !tbFinite(v) {
		return nil
	}
	if ind.Categorical() {
		if name, ok := ind.Category(v); ok {
			return name
		}
		return nil
	}
	if c.kind == tkCount {
		return SuppressCell(v, below)
	}
	return v
}

func tbKecamatan(d *Dataset) tbBlock {
	vc := tbValueColumn(d.Indicator)
	derived := d.Indicator.Derived()
	b := tbBlock{cols: []tbColumn{{"Kode", tkText}, {"Kecamatan", tkText}, {"Jumlah desa", tkInt}, vc, {"Kelas", tkInt}}}
	if derived {
		b.cols = append(b.cols, tbColumn{"Pembilang (" + d.Indicator.Numerator + ")", tkCount},
			tbColumn{"Penyebut (" + d.Indicator.Denominator + ")", tkCount})
	}
	b.cols = append(b.cols, tbColumn{"Desa kantong", tkInt})
	b.cols = append(b.cols, tbCoverageColumns...)
	below := d.SuppressBelow
	for _, k := range d.Kecamatan {
		row := []any{k.Code, k.Name, k.Desa, tbValue(d.Indicator, k.Value, vc, below), tbClass(k.Class)}
		if derived {
			row = append(row, tbCountCell(k.Numerator, below), tbCountCell(k.Denominator, below))
		}
		row = append(row, k.PocketDesa)
		row = append(row, tbCoverageCells(k.Intervention, k.Budget, k.Households, k.Poor, k.BudgetPerPoor(), k.TargetShare(), below)...)
		b.rows = append(b.rows, row)
	}
	return b
}

// tbCoverageColumns are the intervention columns of the kecamatan and
// desa tables: the active interventions, what they bring, and the two
// coverage measures of the map.
var tbCoverageColumns = []tbColumn{{"Intervensi aktif", tkInt}, {"Anggaran (Rp)", tkRupiah}, {"Sasaran RT", tkCount},
	{"RT miskin", tkCount}, {"Anggaran per RT miskin (Rp)", tkRupiah}, {"Sasaran per RT DTKS (%)", tkPercent}}

// tbCoverageCells are the cells of tbCoverageColumns.
func tbCoverageCells(n int, budget, households, poor, perPoor, share float64, below int) []any {
	return []any{n, tbMoney(budget), tbCountCell(households, below), tbCountCell(poor, below), tbMoney(perPoor), tbNum(share)}
}

// tbClass is the cell of a 1-based class, empty for none.
func tbClass(c int) any {
	if c > 0 {
		return c
	}
	return nil
}

// tbCountCell is the cell of a count of people or findings: suppressed when small.
func tbCountCell(v float64, below int) any {
	if !tbFinite(v) {
		return nil
	}
	return SuppressCell(v, below)
}

// tbMoney is the cell of a rupiah amount.
func tbMoney(v float64) any {
	if !tbFinite(v) {
		return nil
	}
	return v
}

// tbNum is the cell of a rate, p-value or z score; NaN gives an empty cell.
func tbNum(v float64) any {
	if !tbFinite(v) {
		return nil
	}
	return v
}

// tbPockets returns the pocket desa, most significant first (smallest p,
// unknown p last), then the poorest value first (the highest when the
// indicator's direction says higher is poorer, else the lowest), then by code.
func tbPockets(d *Dataset) []DesaRow { return pocketRows(d, d.Desa) }

// pocketRows returns the pocket desa among rows, most significant first
// (smallest p, unknown p last), then the poorest value first, then by
// code: the one order every export lists pockets in.
func pocketRows(d *Dataset, rows []DesaRow) []DesaRow {
	var out []DesaRow
	for _, r := range rows {
		if r.Pocket {
			out = append(out, r)
		}
	}
	higherPoorer := d.Indicator.Poorer == geo.HigherIsPoorer
	slices.SortStableFunc(out, func(a, b DesaRow) int {
		if c := tbCmpNaNLast(a.PValue, b.PValue); c != 0 {
			return c
		}
		var c int
		if higherPoorer {
			c = tbCmpNaNLast(-a.Value, -b.Value)
		} else {
			c = tbCmpNaNLast(a.Value, b.Value)
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	})
	return out
}

// tbCmpNaNLast compares a and b ascending with NaN after every number.
func tbCmpNaNLast(a, b float64) int {
	switch an, bn := math.IsNaN(a), math.IsNaN(b); {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmp.Compare(a, b)
}

// tbDesa is Rincian Desa, or Kantong Kemiskinan when pocketList: that
// one numbers its rows and leaves out the Kantong column (all are "Ya").
func tbDesa(d *Dataset, rows []DesaRow, pocketList bool) tbBlock {
	vc := tbValueColumn(d.Indicator)
	var b tbBlock
	if pocketList {
		b.cols = append(b.cols, tbColumn{"No.", tkInt})
	}
	b.cols = append(b.cols, tbColumn{"Kode", tkText}, tbColumn{"Desa", tkText}, tbColumn{"Kecamatan", tkText},
		tbColumn{"Jenis", tkText}, vc, tbColumn{"Kelas", tkInt}, tbColumn{"Klaster LISA", tkText},
		tbColumn{"Nilai p", tkP}, tbColumn{"Gi* z", tkZ})
	if !pocketList {
		b.cols = append(b.cols, tbColumn{"Kantong", tkText})
	}
	b.cols = append(b.cols, tbCoverageColumns...)
	below := d.SuppressBelow
	for i, r := range rows {
		var row []any
		if pocketList {
			row = append(row, i+1)
		}
		row = append(row, r.Code, r.Name, r.Kecamatan, tbLevel(r.Level), tbValue(d.Indicator, r.Value, vc, below), tbClass(r.Class),
			d.ClusterLabel(r.Cluster), tbNum(r.PValue), tbNum(r.GiZ))
		if !pocketList {
			row = append(row, tbYesNo(r.Pocket))
		}
		row = append(row, tbCoverageCells(r.Interventions, r.Budget, r.Households, r.Poor, r.BudgetPerPoor(), r.TargetShare(), below)...)
		b.rows = append(b.rows, row)
	}
	return b
}

// tbLevel writes "desa" or "kelurahan" capitalised.
func tbLevel(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "desa":
		return "Desa"
	case "kelurahan":
		return "Kelurahan"
	}
	return s
}

func tbYesNo(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}

// tbCapitalise upper-cases the first letter of s.
func tbCapitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}

// tbDate is the cell of a date: its calendar day, or empty when unset.
func tbDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return aid.Day(t)
}

// tbAid lists the interventions. Their free-text notes are left out:
// they may name people.
func tbAid(d *Dataset) tbBlock {
	b := tbBlock{cols: []tbColumn{{"ID", tkInt}, {"Program", tkText}, {"Prioritas", tkText}, {"OPD", tkText},
		{"Sumber dana", tkText}, {"Wilayah", tkText}, {"Nama wilayah", tkText}, {"Anggaran (Rp)", tkRupiah}, {"Sasaran RT", tkCount},
		{"Sasaran jiwa", tkCount}, {"Mulai", tkDate}, {"Selesai", tkDate}, {"Status", tkText}}}
	below := d.SuppressBelow
	names := d.AreaNames()
	for _, iv := range d.Interventions {
		named := make([]string, len(iv.Areas))
		for i, c := range iv.Areas {
			if named[i] = names[c]; named[i] == "" {
				named[i] = c
			}
		}
		b.rows = append(b.rows, []any{iv.ID, iv.Programme, iv.Priority.Label(), iv.Agency, iv.Funding,
			strings.Join(iv.Areas, "; "), strings.Join(named, "; "), iv.Budget, tbCountCell(float64(iv.Households), below),
			tbCountCell(float64(iv.Persons), below), tbDate(iv.Start), tbDate(iv.End), tbCapitalise(iv.Status.String())})
	}
	return b
}

// tbAidSummary totals the interventions by priority (XLSX only).
func tbAidSummary(d *Dataset) tbBlock {
	b := tbBlock{title: "Ringkasan per prioritas", boldLast: true,
		cols: []tbColumn{{"Prioritas", tkText}, {"Jumlah intervensi", tkInt}, {"Anggaran (Rp)", tkRupiah},
			{"Sasaran RT", tkCount}, {"Sasaran jiwa", tkCount}}}
	type sum struct {
		n          int
		budget     int64
		hh, people int
	}
	var by [aid.PriorityBeban + 1]sum
	var total sum
	for _, iv := range d.Interventions {
		p := int(iv.Priority)
		if p < 0 || p >= len(by) {
			p = 0
		}
		for _, s := range []*sum{&by[p], &total} {
			s.n++
			s.budget += iv.Budget
			s.hh += iv.Households
			s.people += iv.Persons
		}
	}
	below := d.SuppressBelow
	add := func(label string, s sum) {
		b.rows = append(b.rows, []any{label, s.n, s.budget,
			tbCountCell(float64(s.hh), below), tbCountCell(float64(s.people), below)})
	}
	for _, p := range aid.Priorities {
		add(p.Label(), by[p])
	}
	if by[aid.PriorityNone].n > 0 {
		add("Tanpa prioritas", by[aid.PriorityNone])
	}
	add("Jumlah", total)
	return b
}

// tbValidation counts the findings; it never holds identities.
func tbValidation(d *Dataset) tbBlock {
	b := tbBlock{cols: []tbColumn{{"Aturan", tkText}, {"Keterangan", tkText}, {"Tingkat", tkText},
		{"Kecamatan", tkText}, {"Jumlah temuan", tkCount}}}
	for _, v := range d.Validation {
		kec := v.Kecamatan
		if kec == "" {
			kec = "Seluruh daftar"
		}
		b.rows = append(b.rows, []any{v.Rule, v.Description, v.Severity, kec,
			tbCountCell(float64(v.Count), d.SuppressBelow)})
	}
	return b
}

// tbMetadata describes the report as key/value rows.
func tbMetadata(d *Dataset) tbBlock {
	b := tbBlock{cols: []tbColumn{{"Butir", tkText}, {"Isi", tkText}}}
	add := func(k, v string) {
		if strings.TrimSpace(v) == "" {
			v = "–"
		}
		b.rows = append(b.rows, []any{k, v})
	}
	if d.Synthetic {
		add("PERINGATAN", SyntheticWarning)
		b.emphasise = 1
	}
	add("Judul", d.Title)
	add("Wilayah", d.Region)
	made := ""
	if !d.Made.IsZero() {
		made = idfmt.Date(d.Made) + ", pukul " + d.Made.Format("15.04")
	}
	add("Dibuat", made)
	period := d.Period
	if period == "" {
		period = d.Indicator.Period
	}
	add("Periode data", period)
	add("Indikator", d.Indicator.Label)
	add("Kode indikator", d.Indicator.Key)
	add("Satuan", d.Indicator.Unit)
	if ind := d.Indicator; ind.Derived() {
		f := ind.Numerator + " / " + ind.Denominator
		if ind.Scale != 0 && ind.Scale != 1 {
			f += " × " + strconv.FormatFloat(ind.Scale, 'f', -1, 64)
		}
		add("Rumus", f+" (dihitung dari jumlah, bukan rata-rata rasio)")
	}
	sources := d.Sources
	if len(sources) == 0 && d.Indicator.Source != "" {
		sources = []string{d.Indicator.Source}
	}
	switch len(sources) {
	case 0:
		add("Sumber", "")
	case 1:
		add("Sumber", sources[0])
	default:
		for i, s := range sources {
			add(fmt.Sprintf("Sumber %d", i+1), s)
		}
	}
	add("Arah kemiskinan", d.Indicator.Poorer.Label())
	add("Metode kantong", d.Method)
	add("Klasifikasi", d.Classes)
	add("Moran global", d.Moran)
	level := "kecamatan, lalu desa"
	if d.Level == "desa" {
		level = "desa, lalu kecamatan"
	}
	add("Tingkat ringkasan", level)
	add("Cakupan intervensi", d.Coverage)
	add("Penyembunyian", SuppressionText(d.SuppressBelow))
	add("Kerahasiaan", "Hanya angka agregat per wilayah; tidak memuat identitas atau nama orang.")
	add("Jumlah kecamatan", strconv.Itoa(len(d.Kecamatan)))
	add("Jumlah desa/kelurahan", strconv.Itoa(len(d.Desa)))
	add("Jumlah intervensi", strconv.Itoa(len(d.Interventions)))
	if d.Synthetic {
		add("Kolom Catatan", "Setiap baris data bertanda \""+SyntheticNote+"\" agar tetap terlihat bila baris disalin atau disaring.")
	}
	return b
}

// tbNumberFormats maps kinds to their XLSX number format.
var tbNumberFormats = map[tbKind]string{
	tkInt: FormatInt, tkCount: FormatCount, tkRupiah: FormatRupiah, tkPercent: FormatPercent,
	tkRate: FormatRate, tkP: FormatP, tkZ: FormatZ, tkDate: FormatDate,
}

// tbStyles holds the workbook's style ids.
type tbStyles struct {
	header, title, warn int
	cell, bold          map[tbKind]int
}

func tbNewStyles(f *excelize.File) (*tbStyles, error) {
	s := &tbStyles{cell: map[tbKind]int{}, bold: map[tbKind]int{}}
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	s.warn = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}})
	for k := tkText; k <= tkDate; k++ {
		for _, bold := range []bool{false, true} {
			st := &excelize.Style{}
			if f, ok := tbNumberFormats[k]; ok {
				st.CustomNumFmt = &f
			}
			if k == tkCount {
				// "<5" is text: align it with the numbers around it.
				st.Alignment = &excelize.Alignment{Horizontal: "right"}
			}
			if bold {
				st.Font = &excelize.Font{Bold: true}
				s.bold[k] = mk(st)
			} else {
				s.cell[k] = mk(st)
			}
		}
	}
	return s, err
}

// WriteXLSX writes d as an XLSX workbook to w, with the sheets of Sheets in
// that order. Each sheet has its Indonesian header in row 1, bold, frozen
// and with an autofilter; numbers are stored as numbers with Excel number
// formats (rupiah FormatRupiah, percentages as fractions with
// FormatPercent, counts FormatCount, dates FormatDate), small counts of
// people are suppressed as text (see Suppress), and an empty list gives a
// sheet with its header only. Intervensi has a per-priority summary below
// the list, after a blank row and outside the filter. When d.Synthetic is
// set every data row gets a last column "Catatan" reading SyntheticNote,
// Metadata opens with a PERINGATAN row, every sheet has a red tab and
// prints SyntheticWarning in its page header.
func WriteXLSX(w io.Writer, d *Dataset) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := tbNewStyles(f)
	if err != nil {
		return fmt.Errorf("xlsx: gaya sel: %w", err)
	}
	for i, t := range tbTables(d) {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), t.sheet)
		} else {
			_, err = f.NewSheet(t.sheet)
		}
		if err == nil {
			err = tbWriteSheet(f, st, &t, d.Synthetic)
		}
		if err != nil {
			return fmt.Errorf("xlsx: lembar %s: %w", t.sheet, err)
		}
	}
	f.SetActiveSheet(0)
	props := &excelize.DocProperties{Title: d.Title, Subject: d.Indicator.Label, Creator: "pocketmap",
		Language: "id-ID", Description: d.Region}
	if d.Synthetic {
		props.Description = SyntheticWarning
		props.Keywords = "sintetis"
	}
	if err := f.SetDocProps(props); err != nil {
		return fmt.Errorf("xlsx: properti: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// tbMaxWidth caps column widths, in characters.
const tbMaxWidth = 50

func tbWriteSheet(f *excelize.File, st *tbStyles, t *tbTable, synthetic bool) error {
	sh := t.sheet
	widths := make([]int, 0, len(t.main.cols))
	row := 1
	for bi, b := range append([]tbBlock{t.main}, t.extra...) {
		if bi > 0 {
			row++ // blank row
		}
		if b.title != "" {
			if err := tbSetCell(f, sh, 1, row, b.title, st.title); err != nil {
				return err
			}
			row++
		}
		for c, col := range b.cols {
			if err := tbSetCell(f, sh, c+1, row, col.head, st.header); err != nil {
				return err
			}
			widths = tbWiden(widths, c, col.head)
		}
		head := row
		for r, cells := range b.rows {
			row++
			bold := b.boldLast && r == len(b.rows)-1
			for c, v := range cells {
				k := b.cols[c].kind
				style := st.cell[k]
				if bold {
					style = st.bold[k]
				}
				if r < b.emphasise {
					style = st.warn
				}
				if err := tbSetValue(f, sh, c+1, row, v, k, style); err != nil {
					return err
				}
				widths = tbWiden(widths, c, tbDisplay(v, k))
			}
		}
		if bi == 0 {
			last, _ := excelize.CoordinatesToCellName(len(b.cols), max(row, head))
			if err := f.AutoFilter(sh, "A1:"+last, nil); err != nil {
				return err
			}
		}
		row++
	}
	for c, w := range widths {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sh, name, name, float64(min(max(w, 6), tbMaxWidth))+2); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	hf := &excelize.HeaderFooterOptions{OddFooter: "&L&A&RHalaman &P dari &N"}
	if synthetic {
		hf.OddHeader = "&C&\"-,Bold\"" + SyntheticWarning
		red := "FFC00000"
		if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{TabColorRGB: &red}); err != nil {
			return err
		}
	}
	return f.SetHeaderFooter(sh, hf)
}

// tbWiden records that column c holds text s.
func tbWiden(widths []int, c int, s string) []int {
	for len(widths) <= c {
		widths = append(widths, 0)
	}
	widths[c] = max(widths[c], utf8.RuneCountInString(s))
	return widths
}

// tbDisplay approximates how a cell reads on screen, for column widths.
func tbDisplay(v any, k tbKind) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return "00/00/0000"
	}
	x, _ := tbToFloat(v)
	switch k {
	case tkRupiah:
		return idfmt.Rupiah(int64(math.Round(x)))
	case tkPercent:
		return idfmt.Number(x, 1) + "%"
	case tkRate, tkZ:
		return idfmt.Number(x, 2)
	case tkP:
		return idfmt.Number(x, 3)
	}
	return idfmt.Number(x, 0)
}

// tbToFloat converts a numeric cell to float64.
func tbToFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

func tbSetCell(f *excelize.File, sh string, col, row int, s string, style int) error {
	return tbSetValue(f, sh, col, row, s, tkText, style)
}

// tbSetValue writes one cell: text (identity-like digit runs masked),
// numbers as numbers (percentages as fractions), dates as Excel dates.
func tbSetValue(f *excelize.File, sh string, col, row int, v any, k tbKind, style int) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	switch v := v.(type) {
	case nil:
	case string:
		err = f.SetCellStr(sh, cell, tbMaskIDs(v))
	case time.Time:
		err = f.SetCellValue(sh, cell, v)
	case int:
		err = f.SetCellInt(sh, cell, int64(v))
	case int64:
		err = f.SetCellInt(sh, cell, v)
	case float64:
		if !tbFinite(v) {
			break
		}
		if k == tkPercent {
			v /= 100
		}
		err = f.SetCellFloat(sh, cell, v, -1, 64)
	default:
		err = fmt.Errorf("sel %s: jenis nilai %T tidak didukung", cell, v)
	}
	if err != nil {
		return err
	}
	return f.SetCellStyle(sh, cell, cell, style)
}
