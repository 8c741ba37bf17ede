package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// idmFile reads one of the IDM files pocketmap ships (real figures of
// Kemendes PDTT, as published).
func idmFile(t testing.TB, year string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "assets", "idm"+year+"_tuban_desa.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// valueSet returns the values of a table as "code indicator@period=value",
// sorted, categories by name.
func valueSet(t *Table) []string {
	inds := map[string]geo.Indicator{}
	for _, ind := range t.Indicators {
		inds[ind.Key] = ind
	}
	var out []string
	for _, r := range t.Rows {
		for _, v := range r.Values {
			val := fmt.Sprint(v.Value)
			if c, ok := inds[v.Indicator].Category(v.Value); ok {
				val = c
			}
			out = append(out, fmt.Sprintf("%s %s@%s=%s", r.Code, v.Indicator, v.Period, val))
		}
	}
	slices.Sort(out)
	return out
}

// The IDM file as Kemendes PDTT publishes it: identifier columns are used
// or skipped with the reason, the year in the column names is the period,
// four indices are numbers (lower is poorer) and the status is an ordered
// category.
func TestPublishedIDM(t *testing.T) {
	tab, err := ReadCSV(bytes.NewReader(idmFile(t, "2024")), "idm2024_tuban_desa.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ind := range tab.Indicators {
		got = append(got, fmt.Sprintf("%s %s %s %s %v", ind.Key, ind.Period, ind.Kind(), ind.Poorer, ind.Categories))
	}
	want := []string{
		"idm 2024 value lower []", "iks 2024 value lower []", "ike 2024 value lower []", "ikl 2024 value lower []",
		"status_idm 2024 category lower [Sangat Tertinggal Tertinggal Berkembang Maju Mandiri]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("indicators:\n got %q\nwant %q", got, want)
	}
	var skipped []string
	for _, s := range tab.Skipped {
		skipped = append(skipped, s.String())
	}
	if w := "kode_kab (kode kabupaten), nama_kab (nama kabupaten), kode_kec (kode kecamatan), sumber_data (sumber data)"; strings.Join(skipped, ", ") != w {
		t.Errorf("skipped %q", skipped)
	}
	if len(tab.Rows) != 311 {
		t.Fatalf("%d rows, want 311", len(tab.Rows))
	}
	status := map[string]int{}
	for _, v := range valueSet(tab) {
		if _, s, ok := strings.Cut(v, "status_idm@2024="); ok {
			status[s]++
		}
	}
	// SOURCES-idm.md: 186 Mandiri and 125 Maju desa in 2024.
	if status["Mandiri"] != 186 || status["Maju"] != 125 || len(status) != 2 {
		t.Errorf("status counts %v", status)
	}
	if r := tab.Rows[0]; r.Code != "35.23.01.2001" || r.Name != "JLODRO" || r.Kec != "KENDURUAN" {
		t.Errorf("first row %+v", r)
	}
}

// The IDM files as an office holds them in Excel: two title rows, a blank
// row, a header of two rows with headings merged over the years, a note
// and a JUMLAH row under the table. It reads to the same values as the two
// CSV files, one indicator per measure with two periods.
func TestWorkbookWithTitleRowsAndMergedHeader(t *testing.T) {
	var want []string
	rows := map[string][]string{} // code → name, kec, idm23, idm24, status23, status24
	var order []string
	for _, year := range []string{"2023", "2024"} {
		tab, err := ReadCSV(bytes.NewReader(idmFile(t, year)), "idm"+year+".csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range valueSet(tab) {
			if strings.Contains(v, " idm@") || strings.Contains(v, " status_idm@") {
				want = append(want, v)
			}
		}
		for _, r := range tab.Rows {
			if rows[r.Code] == nil {
				rows[r.Code] = []string{r.Name, r.Kec, "", "", "", ""}
				order = append(order, r.Code)
			}
			for _, v := range r.Values {
				col := map[string]int{"idm": 2, "status_idm": 4}
				i, ok := col[v.Indicator]
				if !ok {
					continue
				}
				if year == "2024" {
					i++
				}
				cell := fmt.Sprint(v.Value)
				if v.Indicator == "status_idm" {
					cell = strings.ToUpper(tab.Indicators[4].Categories[int(v.Value)])
				}
				rows[r.Code][i] = cell
			}
		}
	}
	slices.Sort(want)

	f := excelize.NewFile()
	sh := "IDM Tuban"
	f.SetSheetName("Sheet1", sh)
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(a, b string) {
		if err := f.MergeCell(sh, a, b); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "DATA INDEKS DESA MEMBANGUN KABUPATEN TUBAN 2023–2024")
	merge("A1", "I1")
	set("A2", "Sumber: Kemendes PDTT")
	for col, h := range map[string]string{"A": "No", "B": "Kode Desa", "C": "Nama Desa", "D": "Kecamatan"} {
		set(col+"4", h)
		merge(col+"4", col+"5")
	}
	set("E4", "IDM")
	merge("E4", "F4")
	set("G4", "Status IDM")
	merge("G4", "H4")
	set("I4", "Keterangan")
	merge("I4", "I5")
	for i, y := range []string{"2023", "2024", "2023", "2024"} {
		set(string(rune('E'+i))+"5", y)
	}
	r := 6
	for i, code := range order {
		v := rows[code]
		set(fmt.Sprintf("A%d", r), i+1)
		set(fmt.Sprintf("B%d", r), strings.ReplaceAll(code, ".", ""))
		set(fmt.Sprintf("C%d", r), v[0])
		set(fmt.Sprintf("D%d", r), v[1])
		for j, cell := range v[2:] {
			col := string(rune('E' + j))
			if cell == "" {
				continue
			}
			if j < 2 {
				var x float64
				fmt.Sscan(cell, &x)
				set(fmt.Sprintf("%s%d", col, r), x)
			} else {
				set(fmt.Sprintf("%s%d", col, r), cell)
			}
		}
		r++
	}
	set(fmt.Sprintf("C%d", r), "JUMLAH")
	set(fmt.Sprintf("E%d", r), 250.5)
	set(fmt.Sprintf("A%d", r+2), "Catatan: kelurahan tidak dinilai IDM")
	path := filepath.Join(t.TempDir(), "idm_tuban.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	s, err := ReadSheet(path, "", FileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plan := Detect(s)
	if plan.Header != 2 || !plan.SubHeader || len(plan.Titles) != 2 {
		t.Errorf("header at %d, sub-header %v, titles %q", plan.Header, plan.SubHeader, plan.Titles)
	}
	tab, err := Build(s, plan, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Sheet != sh || len(tab.Totals) != 1 {
		t.Errorf("sheet %q, totals %v", tab.Sheet, tab.Totals)
	}
	var keys []string
	for _, ind := range tab.Indicators {
		keys = append(keys, ind.Key+"@"+ind.Period)
	}
	if !slices.Equal(keys, []string{"idm@2024", "status_idm@2024"}) {
		t.Errorf("indicators %q", keys)
	}
	if got := valueSet(tab); !slices.Equal(got, want) {
		t.Errorf("%d values from the workbook, %d from the CSV files", len(got), len(want))
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("first difference: %q vs %q", got[i], want[i])
			}
		}
	}
	var skipped []string
	for _, s := range tab.Skipped {
		skipped = append(skipped, s.String())
	}
	if strings.Join(skipped, ", ") != "No (nomor urut), Keterangan (keterangan)" {
		t.Errorf("skipped %q", skipped)
	}
	// A sheet named that is not there is refused with the list.
	if _, err := ReadSheet(path, "Lembar2", FileOptions{}); err == nil || !strings.Contains(err.Error(), `"IDM Tuban"`) {
		t.Errorf("unknown sheet: %v", err)
	}
}

// A CSV saved from a sheet with a heading merged over two years carries
// the heading once and the years below it.
func TestCSVWithTwoHeaderRows(t *testing.T) {
	src := "Tabel 3. IDM menurut desa\n\nkode_desa,nama_desa,IDM,,status\n,,2023,2024,2024\n3523012001,JLODRO,0.8186,0.8335,MANDIRI\n3523012002,SOKOGUNUNG,0.8221,0.8332,MAJU\n"
	tab, err := ReadCSV(strings.NewReader(src), "dua_baris.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := valueSet(tab)
	want := []string{
		"35.23.01.2001 idm@2023=0.8186", "35.23.01.2001 idm@2024=0.8335", "35.23.01.2001 status@2024=Mandiri",
		"35.23.01.2002 idm@2023=0.8221", "35.23.01.2002 idm@2024=0.8332", "35.23.01.2002 status@2024=Maju",
	}
	if !slices.Equal(got, want) {
		t.Errorf("values\n got %q\nwant %q", got, want)
	}
	if tab.Rows[0].Line != 5 {
		t.Errorf("first data line %d, want 5", tab.Rows[0].Line)
	}
}

func TestSplitPeriod(t *testing.T) {
	for in, want := range map[string][2]string{
		"idm_2024":          {"idm", "2024"},
		"status_idm_2023":   {"status_idm", "2023"},
		"jumlah_rt_2024_03": {"jumlah_rt", "2024-03"},
		"rt_tahun_2024":     {"rt", "2024"},
		"2024_idm":          {"idm", "2024"},
		"2024_03":           {"", "2024-03"},
		"tahun_2024":        {"", "2024"},
		"jumlah_rt":         {"jumlah_rt", ""},
		"rt_desil1":         {"rt_desil1", ""},
		"kode_2":            {"kode_2", ""},
		"idm_2024_13":       {"idm_2024_13", ""},
	} {
		if k, p := splitPeriod(in); k != want[0] || p != want[1] {
			t.Errorf("splitPeriod(%q) = %q, %q; want %q, %q", in, k, p, want[0], want[1])
		}
	}
}

// Texts are categories unless nearly every row has its own (free text,
// skipped); a column mixing texts and numbers stays numeric, its texts
// refused; the user's choice of use overrides the detection.
func TestTextColumns(t *testing.T) {
	var b strings.Builder
	b.WriteString("kode,tipologi,catatan_lapangan,jumlah_rt\n")
	for i := range 30 {
		fmt.Fprintf(&b, "35.23.01.%d,%s,kunjungan ke-%d oleh petugas,%d\n", 2001+i, []string{"Pesisir", "Hutan", "Sawah"}[i%3], i, 10+i)
	}
	s, err := ReadSheetCSV(strings.NewReader(b.String()), "teks.csv")
	if err != nil {
		t.Fatal(err)
	}
	plan := Detect(s)
	if c := plan.Columns[2]; c.Use != UseSkip || !strings.Contains(c.Note, "teks bebas") {
		t.Errorf("free text column: %+v", c)
	}
	if c := plan.Columns[1]; c.Use != UseIndicator || !c.Text {
		t.Errorf("typology column: %+v", c)
	}
	tab, err := Build(s, plan, Options{Period: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	if ind := tab.Indicators[0]; ind.Key != "tipologi" || ind.Ordered || strings.Join(ind.Categories, ",") != "Hutan,Pesisir,Sawah" || ind.Poorer != geo.Neither {
		t.Errorf("typology %+v", ind)
	}
	if err := plan.Set("catatan_lapangan", "indikator:catatan"); err != nil {
		t.Fatal(err)
	}
	if err := plan.Set("jumlah_rt", "lewati"); err != nil {
		t.Fatal(err)
	}
	if err := plan.Set("tidak_ada", "lewati"); err == nil || !strings.Contains(err.Error(), `"jumlah_rt"`) {
		t.Errorf("unknown column: %v", err)
	}
	tab, err = Build(s, plan, Options{Period: "2025"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Indicators) != 2 || tab.Indicators[1].Key != "catatan" || len(tab.Indicators[1].Categories) != 30 {
		t.Errorf("after the user's choices: %+v", tab.Indicators)
	}
	_, err = ReadCSV(strings.NewReader("kode,jumlah_rt\n35.23.01.2001,12\n35.23.01.2002,banyak\n"), "campur.csv", Options{})
	if err == nil || !strings.Contains(err.Error(), `baris 3, kolom "jumlah_rt": nilai "banyak" bukan angka`) {
		t.Errorf("mixed column: %v", err)
	}
}

// BenchmarkReadIndicatorsWorkbook reads an indicator workbook the size of
// Jawa Timur (8,494 desa; two title rows, a header of two rows with
// headings merged over the years, two indices in two years and a status)
// through ReadSheet, Detect and Build, as the import does.
func BenchmarkReadIndicatorsWorkbook(b *testing.B) {
	f := excelize.NewFile()
	sh := "Sheet1"
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		b.Fatal(err)
	}
	rows := [][]any{
		{"INDEKS DESA MEMBANGUN JAWA TIMUR"}, {"Sumber: Kemendes PDTT"},
		{"Kode Desa", "Nama Desa", "Kecamatan", "IDM", "", "IKE", "", "Status IDM", ""},
		{"", "", "", 2023, 2024, 2023, 2024, 2023, 2024},
	}
	status := []string{"MAJU", "MANDIRI", "BERKEMBANG"}
	for i := range 8494 {
		code := fmt.Sprintf("35%02d%02d2%03d", 1+i/1000%40, 1+i/100%10, i%100+1)
		rows = append(rows, []any{code, fmt.Sprintf("Desa %d", i), fmt.Sprintf("Kec %d", i/20), 0.6 + float64(i%37)/100,
			0.61 + float64(i%41)/100, 0.5 + float64(i%29)/100, 0.52 + float64(i%31)/100, status[i%3], status[(i+1)%3]})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			b.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"D3", "E3"}, {"F3", "G3"}, {"H3", "I3"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "C4"}} {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "idm_jatim.xlsx")
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := ReadSheet(path, "", FileOptions{})
		if err != nil {
			b.Fatal(err)
		}
		tab, err := Build(s, Detect(s), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(tab.Rows) != 8494 || len(tab.Indicators) != 3 {
			b.Fatalf("%d rows, %d indicators", len(tab.Rows), len(tab.Indicators))
		}
	}
}
