package report

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// testDataset is a small synthetic district: 3 kecamatan, 6 desa (three
// pockets, one without data), 2 interventions and validation counts, one
// of them below the threshold and one whose message carries a leaked
// identity number.
func tbTestDataset() *Dataset {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	return &Dataset{
		Title:  "Ringkasan Kantong Kemiskinan Kabupaten Tuban",
		Region: "Kabupaten Tuban",
		Made:   time.Date(2025, 10, 20, 14, 30, 0, 0, time.UTC),
		Indicator: geo.Indicator{Key: "pct_desil1", Label: "Persentase RT desil 1", Unit: "%", Poorer: geo.HigherIsPoorer,
			Numerator: "rt_desil1", Denominator: "rt", Scale: 100, Synthetic: true},
		Period:        "2025",
		Sources:       []string{"Data contoh sintetis", "Batas wilayah BIG"},
		Synthetic:     true,
		Method:        "LISA (Moran lokal), bobot queen, 999 permutasi, p < 0,05",
		Classes:       "Kuantil, 5 kelas",
		Moran:         "I Moran global 0,41 (p = 0,001)",
		SuppressBelow: 5,
		Kecamatan: []KecamatanRow{
			{Code: "35.23.01", Name: "Kenduruan", Desa: 2, Value: 18.5, Numerator: 370, Denominator: 2000,
				PocketDesa: 2, Intervention: 2, Budget: 175_000_000, Households: 104},
			{Code: "35.23.02", Name: "Bangilan", Desa: 2, Value: 7.5, Numerator: 3, Denominator: 40},
			{Code: "35.23.03", Name: "Singgahan", Desa: 2, Value: 12, Numerator: 240, Denominator: 2000, PocketDesa: 1},
		},
		Desa: []DesaRow{
			{Code: "35.23.01.2001", Name: "Sidomukti", Kecamatan: "Kenduruan", Level: "desa", Value: 22.4, Class: 5,
				Cluster: "HH", PValue: 0.001, GiZ: 3.21, Pocket: true, Interventions: 2, Budget: 112_500_000.25, Households: 101.5},
			{Code: "35.23.01.2002", Name: "Jamprong", Kecamatan: "Kenduruan", Level: "desa", Value: 14.6, Class: 3,
				Cluster: "HH", PValue: 0.004, GiZ: 2.5, Pocket: true, Interventions: 2, Budget: 62_499_999.75, Households: 2.5},
			{Code: "35.23.02.2001", Name: "Kablukan", Kecamatan: "Bangilan", Level: "desa", Value: 7.5, Class: 1,
				Cluster: "LL", PValue: 0.02, GiZ: -2.1},
			{Code: "35.23.02.1002", Name: "Bangilan", Kecamatan: "Bangilan", Level: "kelurahan", Value: math.NaN(),
				Cluster: "ns", PValue: math.NaN(), GiZ: math.NaN()},
			{Code: "35.23.03.2001", Name: "Laju Kidul", Kecamatan: "Singgahan", Level: "desa", Value: 25, Class: 5,
				Cluster: "HH", PValue: 0.001, GiZ: 3.0, Pocket: true},
			{Code: "35.23.03.2002", Name: "Tunggulrejo", Kecamatan: "Singgahan", Level: "desa", Value: 11, Class: 2,
				Cluster: "HL", PValue: 0.03, GiZ: 1.2},
		},
		Interventions: []aid.Intervention{
			{ID: 1, Programme: "BLT Dana Desa", Priority: aid.PriorityBeban, Agency: "Pemdes", Funding: "Dana Desa",
				Budget: 150_000_000, Households: 100, Persons: 350, Start: day(2025, 1, 15), End: day(2025, 12, 31),
				Status: aid.StatusBerjalan, Notes: "Penerima a.n. Budi Santoso", Areas: []string{"35.23.01.2001", "35.23.01.2002"}},
			{ID: 2, Programme: "Pelatihan kerja", Priority: aid.PriorityPendapatan, Agency: "Disnakerin",
				Funding: "APBD Kabupaten", Budget: 25_000_000, Households: 4, Persons: 4, Start: day(2025, 3, 1),
				End: day(2025, 3, 31), Status: aid.StatusRencana, Areas: []string{"35.23.01"}},
		},
		Validation: []ValidationRow{
			{Rule: "DESIL-KOSONG", Description: "Desil tidak diisi", Severity: "peringatan", Kecamatan: "Kenduruan", Count: 12},
			{Rule: "DESA-TIDAK-DIKENAL", Description: "Kode desa tidak ada di batas wilayah", Severity: "kesalahan",
				Kecamatan: "Bangilan", Count: 3},
			{Rule: "ANGGOTA-NOL", Description: "Jumlah anggota 0 (contoh 3523011234567890)", Severity: "kesalahan", Count: 7},
		},
	}
}

func tbWriteXLSX(t *testing.T, d *Dataset) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// headers returns row 1 of a sheet.
func tbHeaders(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", sheet)
	}
	return rows[0]
}

// cellOf returns the cell of the column headed head in row (1-based).
func tbCellOf(t *testing.T, f *excelize.File, sheet, head string, row int) string {
	t.Helper()
	i := slices.Index(tbHeaders(t, f, sheet), head)
	if i < 0 {
		t.Fatalf("%s: no column %q in %q", sheet, head, tbHeaders(t, f, sheet))
	}
	c, err := excelize.CoordinatesToCellName(i+1, row)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// number reads a cell that must hold a number, and returns its value and
// number format.
func tbNumber(t *testing.T, f *excelize.File, sheet, cell string) (float64, string) {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	// A number cell has no type attribute (t="n" is the default), which
	// excelize reports as CellTypeUnset.
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Fatalf("%s!%s: cell type %v, want a number", sheet, cell, typ)
	}
	raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("%s!%s: %q is not a number", sheet, cell, raw)
	}
	return v, tbNumFmt(t, f, sheet, cell)
}

// numFmt returns the number format code of a cell.
func tbNumFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return "builtin " + strconv.Itoa(st.NumFmt)
}

func tbText(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Fatalf("%s!%s: cell type %v, want text", sheet, cell, typ)
	}
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func tbNear(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestXLSXSheetsAndHeaders(t *testing.T) {
	f := tbWriteXLSX(t, tbTestDataset())
	if got := f.GetSheetList(); !slices.Equal(got, Sheets) {
		t.Fatalf("sheets %q, want %q", got, Sheets)
	}
	if !slices.Equal(Sheets, []string{"Ringkasan Kecamatan", "Rincian Desa", "Kantong Kemiskinan", "Intervensi",
		"Validasi Data", "Metadata"}) {
		t.Fatalf("sheet names changed: %q", Sheets)
	}
	want := map[string][]string{
		SheetKecamatan: {"Kode", "Kecamatan", "Jumlah desa", "Nilai (%)", "Kelas", "Pembilang (rt_desil1)", "Penyebut (rt)",
			"Desa kantong", "Intervensi aktif", "Anggaran (Rp)", "Sasaran RT", "RT miskin", "Anggaran per RT miskin (Rp)",
			"Sasaran per RT DTKS (%)", "Catatan"},
		SheetDesa: {"Kode", "Desa", "Kecamatan", "Jenis", "Nilai (%)", "Kelas", "Klaster LISA", "Nilai p", "Gi* z",
			"Kantong", "Intervensi aktif", "Anggaran (Rp)", "Sasaran RT", "RT miskin", "Anggaran per RT miskin (Rp)",
			"Sasaran per RT DTKS (%)", "Catatan"},
		SheetPockets: {"No.", "Kode", "Desa", "Kecamatan", "Jenis", "Nilai (%)", "Kelas", "Klaster LISA", "Nilai p",
			"Gi* z", "Intervensi aktif", "Anggaran (Rp)", "Sasaran RT", "RT miskin", "Anggaran per RT miskin (Rp)",
			"Sasaran per RT DTKS (%)", "Catatan"},
		SheetAid: {"ID", "Program", "Prioritas", "OPD", "Sumber dana", "Wilayah", "Nama wilayah", "Anggaran (Rp)", "Sasaran RT",
			"Sasaran jiwa", "Mulai", "Selesai", "Status", "Catatan"},
		SheetValidation: {"Aturan", "Keterangan", "Tingkat", "Kecamatan", "Jumlah temuan", "Catatan"},
		SheetMetadata:   {"Butir", "Isi"},
	}
	bold := func(sheet, cell string) bool {
		id, _ := f.GetCellStyle(sheet, cell)
		st, err := f.GetStyle(id)
		return err == nil && st.Font != nil && st.Font.Bold
	}
	for _, sh := range Sheets {
		if got := tbHeaders(t, f, sh); !slices.Equal(got, want[sh]) {
			t.Errorf("%s header\n got %q\nwant %q", sh, got, want[sh])
		}
		for i := range want[sh] {
			c, _ := excelize.CoordinatesToCellName(i+1, 1)
			if !bold(sh, c) {
				t.Errorf("%s!%s: header not bold", sh, c)
			}
		}
		p, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != 1 || p.XSplit != 0 || p.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, want frozen below row 1", sh, p)
		}
		// Widths follow the contents, within the cap.
		for i := range want[sh] {
			col, _ := excelize.ColumnNumberToName(i + 1)
			w, err := f.GetColWidth(sh, col)
			if err != nil {
				t.Fatal(err)
			}
			if w < float64(len(want[sh][i])) || w > tbMaxWidth+2 {
				t.Errorf("%s column %s (%s): width %v", sh, col, want[sh][i], w)
			}
		}
	}
	// Autofilters on the header, each sheet its own.
	filters := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = dn.RefersTo
		}
	}
	for sh, ref := range map[string]string{
		SheetKecamatan: "A1:O4", SheetDesa: "A1:Q7", SheetPockets: "A1:Q4", SheetAid: "A1:N3",
		SheetValidation: "A1:F4", SheetMetadata: "A1:B",
	} {
		got := filters[sh]
		if !strings.HasPrefix(got, "'"+sh+"'!$A$1:") || !strings.HasPrefix(strings.ReplaceAll(strings.TrimPrefix(got, "'"+sh+"'!"), "$", ""), ref) {
			t.Errorf("%s: autofilter %q, want %s", sh, got, ref)
		}
	}
}

func TestXLSXNumbersAndFormats(t *testing.T) {
	d := tbTestDataset()
	f := tbWriteXLSX(t, d)

	for i, k := range d.Kecamatan {
		row := i + 2
		if got := tbText(t, f, SheetKecamatan, tbCellOf(t, f, SheetKecamatan, "Kode", row)); got != k.Code {
			t.Errorf("kecamatan %d code %q", i, got)
		}
		v, nf := tbNumber(t, f, SheetKecamatan, tbCellOf(t, f, SheetKecamatan, "Anggaran (Rp)", row))
		if v != k.Budget || nf != `"Rp "#,##0` {
			t.Errorf("%s budget %v %q, want %v \"Rp \"#,##0", k.Name, v, nf, k.Budget)
		}
		v, nf = tbNumber(t, f, SheetKecamatan, tbCellOf(t, f, SheetKecamatan, "Nilai (%)", row))
		if !tbNear(v, k.Value/100) || nf != "0.0%" {
			t.Errorf("%s value %v %q, want %v as 0.0%%", k.Name, v, nf, k.Value/100)
		}
		v, nf = tbNumber(t, f, SheetKecamatan, tbCellOf(t, f, SheetKecamatan, "Jumlah desa", row))
		if v != float64(k.Desa) || nf != "0" && nf != "builtin 1" {
			t.Errorf("%s desa %v %q", k.Name, v, nf)
		}
	}
	// Bangilan's numerator (3 households) is suppressed, its denominator not.
	if got := tbText(t, f, SheetKecamatan, tbCellOf(t, f, SheetKecamatan, "Pembilang (rt_desil1)", 3)); got != "<5" {
		t.Errorf("numerator 3 written %q", got)
	}
	if v, _ := tbNumber(t, f, SheetKecamatan, tbCellOf(t, f, SheetKecamatan, "Penyebut (rt)", 3)); v != 40 {
		t.Errorf("denominator %v", v)
	}
	// Zero households: 0, not suppressed.
	if v, nf := tbNumber(t, f, SheetKecamatan, tbCellOf(t, f, SheetKecamatan, "Sasaran RT", 3)); v != 0 || nf != "#,##0" {
		t.Errorf("zero households %v %q", v, nf)
	}

	for i, r := range d.Desa {
		row := i + 2
		sh := SheetDesa
		if got := tbText(t, f, sh, tbCellOf(t, f, sh, "Desa", row)); got != r.Name {
			t.Errorf("desa %d name %q", i, got)
		}
		if math.IsNaN(r.Value) {
			for _, h := range []string{"Nilai (%)", "Kelas", "Nilai p", "Gi* z"} {
				if v, _ := f.GetCellValue(sh, tbCellOf(t, f, sh, h, row)); v != "" {
					t.Errorf("%s without data: %s = %q", r.Name, h, v)
				}
			}
		} else {
			v, nf := tbNumber(t, f, sh, tbCellOf(t, f, sh, "Nilai (%)", row))
			if !tbNear(v, r.Value/100) || nf != FormatPercent {
				t.Errorf("%s value %v %q", r.Name, v, nf)
			}
			v, nf = tbNumber(t, f, sh, tbCellOf(t, f, sh, "Nilai p", row))
			if v != r.PValue || nf != "0.000" {
				t.Errorf("%s p %v %q", r.Name, v, nf)
			}
			v, nf = tbNumber(t, f, sh, tbCellOf(t, f, sh, "Gi* z", row))
			if v != r.GiZ || nf != "0.00" {
				t.Errorf("%s z %v %q", r.Name, v, nf)
			}
		}
		v, nf := tbNumber(t, f, sh, tbCellOf(t, f, sh, "Anggaran (Rp)", row))
		if v != r.Budget || nf != FormatRupiah {
			t.Errorf("%s budget %v %q, want %v", r.Name, v, nf, r.Budget)
		}
		if got := tbText(t, f, sh, tbCellOf(t, f, sh, "Kantong", row)); got != tbYesNo(r.Pocket) {
			t.Errorf("%s kantong %q", r.Name, got)
		}
		if got := tbText(t, f, sh, tbCellOf(t, f, sh, "Catatan", row)); got != SyntheticNote {
			t.Errorf("%s catatan %q", r.Name, got)
		}
	}
	if got := tbText(t, f, SheetDesa, tbCellOf(t, f, SheetDesa, "Klaster LISA", 2)); got != "Tinggi-Tinggi (kantong)" {
		t.Errorf("cluster label %q", got)
	}
	if got := tbText(t, f, SheetDesa, tbCellOf(t, f, SheetDesa, "Jenis", 5)); got != "Kelurahan" {
		t.Errorf("jenis %q", got)
	}
	// Jamprong's 2.5 target households are suppressed.
	if got := tbText(t, f, SheetDesa, tbCellOf(t, f, SheetDesa, "Sasaran RT", 3)); got != "<5" {
		t.Errorf("2.5 households written %q", got)
	}
	if v, _ := tbNumber(t, f, SheetDesa, tbCellOf(t, f, SheetDesa, "Sasaran RT", 2)); v != 101.5 {
		t.Errorf("households %v", v)
	}
}

func TestXLSXPockets(t *testing.T) {
	f := tbWriteXLSX(t, tbTestDataset())
	rows, err := f.GetRows(SheetPockets)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[2])
	}
	// p 0.001 first (Laju Kidul 25 before Sidomukti 22.4), then p 0.004.
	if want := []string{"Laju Kidul", "Sidomukti", "Jamprong"}; !slices.Equal(names, want) {
		t.Errorf("pockets %q, want %q", names, want)
	}
	if v, _ := tbNumber(t, f, SheetPockets, "A4"); v != 3 {
		t.Errorf("No. %v", v)
	}
}

// TestAreaNamesTellNamesakesApart: two desa of one name are written with
// their kecamatan, a unique name alone.
func TestAreaNamesTellNamesakesApart(t *testing.T) {
	d := tbTestDataset()
	d.Desa[5].Name = "Sidomukti" // 35.23.03.2002, in Singgahan
	n := d.AreaNames()
	if n["35.23.01.2001"] != "Sidomukti (Kec. Kenduruan)" || n["35.23.03.2002"] != "Sidomukti (Kec. Singgahan)" ||
		n["35.23.01.2002"] != "Jamprong" || n["35.23.02"] != "Kec. Bangilan" {
		t.Errorf("names %v", n)
	}
}

func TestXLSXInterventions(t *testing.T) {
	d := tbTestDataset()
	f := tbWriteXLSX(t, d)
	sh := SheetAid
	for i, iv := range d.Interventions {
		row := i + 2
		if got := tbText(t, f, sh, tbCellOf(t, f, sh, "Program", row)); got != iv.Programme {
			t.Errorf("programme %q", got)
		}
		if got := tbText(t, f, sh, tbCellOf(t, f, sh, "Prioritas", row)); got != iv.Priority.Label() {
			t.Errorf("priority %q", got)
		}
		if got := tbText(t, f, sh, tbCellOf(t, f, sh, "Wilayah", row)); got != strings.Join(iv.Areas, "; ") {
			t.Errorf("areas %q", got)
		}
		if got := tbText(t, f, sh, tbCellOf(t, f, sh, "Nama wilayah", row)); i == 0 && got != "Sidomukti; Jamprong" {
			t.Errorf("area names %q", got)
		}
		v, nf := tbNumber(t, f, sh, tbCellOf(t, f, sh, "Anggaran (Rp)", row))
		if v != float64(iv.Budget) || nf != FormatRupiah {
			t.Errorf("budget %v %q", v, nf)
		}
		for head, day := range map[string]time.Time{"Mulai": iv.Start, "Selesai": iv.End} {
			c := tbCellOf(t, f, sh, head, row)
			_, nf := tbNumber(t, f, sh, c)
			if nf != "dd/mm/yyyy" {
				t.Errorf("%s format %q", head, nf)
			}
			raw, _ := f.GetCellValue(sh, c, excelize.Options{RawCellValue: true})
			serial, _ := strconv.ParseFloat(raw, 64)
			got, err := excelize.ExcelDateToTime(serial, false)
			if err != nil || !got.Equal(day) {
				t.Errorf("%s = %v (%s), want %v", head, got, raw, day)
			}
		}
	}
	// Intervention 2 targets 4 households and 4 persons: suppressed.
	for _, h := range []string{"Sasaran RT", "Sasaran jiwa"} {
		if got := tbText(t, f, sh, tbCellOf(t, f, sh, h, 3)); got != "<5" {
			t.Errorf("%s = %q", h, got)
		}
	}
	if got := tbText(t, f, sh, tbCellOf(t, f, sh, "Status", 2)); got != "Berjalan" {
		t.Errorf("status %q", got)
	}
	// Summary by priority, below a blank row.
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 4 || len(rows[3]) != 0 || rows[4][0] != "Ringkasan per prioritas" || rows[5][0] != "Prioritas" {
		t.Fatalf("no summary block: %q", rows)
	}
	labels := map[string]int{}
	for i := 6; i < len(rows); i++ {
		labels[rows[i][0]] = i + 1
	}
	for _, p := range aid.Priorities {
		if labels[p.Label()] == 0 {
			t.Errorf("summary lacks %q", p.Label())
		}
	}
	n, _ := tbNumber(t, f, sh, "B"+strconv.Itoa(labels["Jumlah"]))
	b, nf := tbNumber(t, f, sh, "C"+strconv.Itoa(labels["Jumlah"]))
	if n != 2 || b != 175_000_000 || nf != FormatRupiah {
		t.Errorf("total %v interventions, %v (%q)", n, b, nf)
	}
	b, _ = tbNumber(t, f, sh, "C"+strconv.Itoa(labels[aid.PriorityPendapatan.Label()]))
	if b != 25_000_000 {
		t.Errorf("peningkatan pendapatan %v", b)
	}
	if got := tbText(t, f, sh, "D"+strconv.Itoa(labels[aid.PriorityPendapatan.Label()])); got != "<5" {
		t.Errorf("summary households %q", got)
	}
}

func TestXLSXValidationAndMetadata(t *testing.T) {
	d := tbTestDataset()
	f := tbWriteXLSX(t, d)
	sh := SheetValidation
	if v, nf := tbNumber(t, f, sh, "E2"); v != 12 || nf != FormatCount {
		t.Errorf("count %v %q", v, nf)
	}
	if got := tbText(t, f, sh, "E3"); got != "<5" {
		t.Errorf("count 3 written %q", got)
	}
	if got := tbText(t, f, sh, "D4"); got != "Seluruh daftar" {
		t.Errorf("whole list %q", got)
	}
	if got := tbText(t, f, sh, "B4"); got != "Jumlah anggota 0 (contoh ************7890)" {
		t.Errorf("identity number not masked: %q", got)
	}

	rows, err := f.GetRows(SheetMetadata)
	if err != nil {
		t.Fatal(err)
	}
	meta := map[string]string{}
	for _, r := range rows[1:] {
		if len(r) == 2 {
			meta[r[0]] = r[1]
		}
	}
	if rows[1][0] != "PERINGATAN" || rows[1][1] != "DATA CONTOH SINTETIS — bukan data resmi" {
		t.Errorf("first row %q", rows[1])
	}
	for k, want := range map[string]string{
		"Judul": d.Title, "Wilayah": d.Region, "Dibuat": "20 Oktober 2025, pukul 14.30", "Periode data": "2025",
		"Indikator": d.Indicator.Label, "Kode indikator": "pct_desil1", "Satuan": "%",
		"Sumber 1": d.Sources[0], "Sumber 2": d.Sources[1], "Metode kantong": d.Method,
		"Klasifikasi": d.Classes, "Moran global": d.Moran, "Penyembunyian": SuppressionText(5),
	} {
		if meta[k] != want {
			t.Errorf("metadata %s = %q, want %q", k, meta[k], want)
		}
	}
	if !strings.HasPrefix(meta["Penyembunyian"], `Jumlah di bawah 5 ditulis "<5"`) {
		t.Errorf("suppression %q", meta["Penyembunyian"])
	}
	for _, s := range Sheets {
		hf, err := f.GetHeaderFooter(s)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(hf.OddHeader, SyntheticWarning) {
			t.Errorf("%s: page header %q", s, hf.OddHeader)
		}
	}
}

var (
	tbSixteenDigits = regexp.MustCompile(`[0-9]{16}`)
	tbIdentityWords = regexp.MustCompile(`(?i)\b(NIK|KK)\b`)
)

// TestXLSXNoPersonalData scans every cell, raw and formatted.
func TestXLSXNoPersonalData(t *testing.T) {
	f := tbWriteXLSX(t, tbTestDataset())
	cells := 0
	for _, sh := range f.GetSheetList() {
		for _, opts := range []excelize.Options{{}, {RawCellValue: true}} {
			rows, err := f.GetRows(sh, opts)
			if err != nil {
				t.Fatal(err)
			}
			for r, row := range rows {
				for c, v := range row {
					cells++
					if tbSixteenDigits.MatchString(v) || tbIdentityWords.MatchString(v) || strings.Contains(v, "Budi") {
						t.Errorf("%s row %d col %d: %q", sh, r+1, c+1, v)
					}
				}
			}
		}
	}
	if cells < 100 {
		t.Fatalf("scanned only %d cells", cells)
	}
}

func TestXLSXEmpty(t *testing.T) {
	f := tbWriteXLSX(t, &Dataset{Title: "Kosong", Indicator: geo.Indicator{Key: "rt_desil1", Unit: "rumah tangga"}})
	if got := f.GetSheetList(); !slices.Equal(got, Sheets) {
		t.Fatalf("sheets %q", got)
	}
	for _, sh := range Sheets[:len(Sheets)-1] {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || len(rows[0]) == 0 || slices.Contains(rows[0], "Catatan") {
			t.Errorf("%s: %q, want the header only", sh, rows)
		}
	}
	if got := tbHeaders(t, f, SheetKecamatan); slices.Contains(got, "Pembilang (rt_desil1)") || got[3] != "Nilai (rumah tangga)" {
		t.Errorf("count indicator header %q", got)
	}
	rows, _ := f.GetRows(SheetMetadata)
	for _, r := range rows {
		if r[0] == "PERINGATAN" {
			t.Error("warning without synthetic data")
		}
		if r[0] == "Penyembunyian" && r[1] != "tidak ada" {
			t.Errorf("suppression %q", r[1])
		}
	}
}

// A count indicator is suppressed in the value column and has no numerator.
func TestXLSXCountIndicator(t *testing.T) {
	d := tbTestDataset()
	d.Indicator = geo.Indicator{Key: "rt_desil1", Label: "Jumlah RT desil 1", Unit: "rumah tangga", Poorer: geo.HigherIsPoorer}
	d.Desa[2].Value = 3
	f := tbWriteXLSX(t, d)
	if got := tbText(t, f, SheetDesa, tbCellOf(t, f, SheetDesa, "Nilai (rumah tangga)", 4)); got != "<5" {
		t.Errorf("value 3 written %q", got)
	}
	if v, nf := tbNumber(t, f, SheetDesa, tbCellOf(t, f, SheetDesa, "Nilai (rumah tangga)", 2)); v != 22.4 || nf != FormatCount {
		t.Errorf("value %v %q", v, nf)
	}
}
