package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/geo"
)

func readTestdata(t testing.TB, name string, opt Options) (*Table, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadCSV(f, name, opt)
}

func mustRead(t testing.TB, name string, opt Options) *Table {
	t.Helper()
	tab, err := readTestdata(t, name, opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tab
}

// values returns the row's values as "indicator@period=value".
func values(r Row) string {
	var parts []string
	for _, v := range r.Values {
		parts = append(parts, fmt.Sprintf("%s@%s=%g", v.Indicator, v.Period, v.Value))
	}
	return strings.Join(parts, " ")
}

func indicatorKeys(t *Table) string {
	var keys []string
	for _, ind := range t.Indicators {
		keys = append(keys, ind.Key+"|"+ind.Label+"|"+ind.Period)
	}
	return strings.Join(keys, " ")
}

func TestReadCSV(t *testing.T) {
	type row struct {
		line            int
		code, name, kec string
		values          string
	}
	tests := []struct {
		file       string
		opt        Options
		format     string
		indicators string
		ignored    string
		rows       []row
	}{
		{
			file:       "wide_comma.csv",
			opt:        Options{Period: "2025", Source: "DTSEN", Synthetic: true},
			format:     FormatWide,
			indicators: "jumlah_rt|Jumlah RT|2025 rt_desil_1|RT Desil 1|2025 persen_miskin|Persen Miskin|2025",
			rows: []row{
				{2, "35.23.01.2001", "Jlodro", "", "jumlah_rt@2025=120 rt_desil_1@2025=30 persen_miskin@2025=12.5"},
				{3, "35.23.01.2002", "Sokogunung", "", "jumlah_rt@2025=98"},
				{5, "35.23.06.2018", "Glondonggede", "", "jumlah_rt@2025=200 rt_desil_1@2025=45 persen_miskin@2025=22.5"},
			},
		},
		{
			file:       "wide_semicolon.csv",
			opt:        Options{Period: "2024"},
			format:     FormatWide,
			indicators: "jumlah_jiwa|Jumlah Jiwa|2024 rata_rata_pengeluaran|Rata-rata Pengeluaran|2024 persentase|Persentase|2024",
			ignored:    "No",
			rows: []row{
				{2, "", "Jlodro", "Kenduruan", "jumlah_jiwa@2024=1.234567e+06 rata_rata_pengeluaran@2024=1234.5 persentase@2024=12.5"},
				// "2.500" has a single dot: a decimal point.
				{3, "", "Sokogunung", "Kenduruan", "jumlah_jiwa@2024=2500 rata_rata_pengeluaran@2024=1.00000025e+06"},
				{4, "", "Kel. Sidorejo", "Tuban", "jumlah_jiwa@2024=-3 rata_rata_pengeluaran@2024=7 persentase@2024=0.5"},
			},
		},
		{
			file:       "long.csv",
			opt:        Options{Period: "2023"},
			format:     FormatLong,
			indicators: "rt_desil1|rt_desil1|2025 jumlah_rt|Jumlah RT|2025",
			rows: []row{
				{2, "35.23.01.2001", "", "", "rt_desil1@2024=30"},
				{3, "35.23.01.2001", "", "", "rt_desil1@2025=28"},
				{4, "35.23.01.2001", "", "", "jumlah_rt@2025=120"},
				{5, "35.23.01.2002", "", "", ""},
			},
		},
		{
			file:       "latin1.csv",
			opt:        Options{Period: "2025"},
			format:     FormatWide,
			indicators: "jumlah_rt|jumlah_rt|2025",
			rows:       []row{{2, "", "Désa Jlodro", "", "jumlah_rt@2025=1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tab := mustRead(t, tt.file, tt.opt)
			if tab.File != tt.file || tab.Format != tt.format {
				t.Errorf("File, Format = %q, %q; want %q, %q", tab.File, tab.Format, tt.file, tt.format)
			}
			if got := indicatorKeys(tab); got != tt.indicators {
				t.Errorf("indicators:\n got %s\nwant %s", got, tt.indicators)
			}
			var skipped []string
			for _, sk := range tab.Skipped {
				skipped = append(skipped, sk.Header)
			}
			if got := strings.Join(skipped, ","); got != tt.ignored {
				t.Errorf("Ignored = %q, want %q", got, tt.ignored)
			}
			for _, ind := range tab.Indicators {
				if ind.Source != tt.opt.Source || ind.Synthetic != tt.opt.Synthetic {
					t.Errorf("indicator %s: Source, Synthetic = %q, %v", ind.Key, ind.Source, ind.Synthetic)
				}
			}
			if len(tab.Rows) != len(tt.rows) {
				t.Fatalf("%d rows, want %d", len(tab.Rows), len(tt.rows))
			}
			for i, want := range tt.rows {
				r := tab.Rows[i]
				got := row{r.Line, r.Code, r.Name, r.Kec, values(r)}
				if got != want {
					t.Errorf("row %d:\n got %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
}

func TestReadCSVDefaultPeriod(t *testing.T) {
	tab := mustRead(t, "wide_comma.csv", Options{})
	year := time.Now().Format("2006")
	if tab.Indicators[0].Period != year || tab.Rows[0].Values[0].Period != year {
		t.Errorf("period = %q, %q; want %q", tab.Indicators[0].Period, tab.Rows[0].Values[0].Period, year)
	}
}

func TestReadCSVBad(t *testing.T) {
	tests := []struct {
		file   string
		rule   string
		line   int
		column string
		msg    string // part of the message
	}{
		{"bad_empty.csv", RuleEmpty, 0, "", "berkas kosong"},
		{"bad_blank_lines.csv", RuleEmpty, 0, "", "berkas kosong"},
		{"bad_header_only.csv", RuleEmpty, 0, "", "tidak berisi baris data"},
		{"bad_xlsx.csv", RuleNotCSV, 0, "", "berkas Excel"},
		{"bad_utf16.csv", RuleNotCSV, 0, "", "UTF-16"},
		{"bad_quote.csv", RuleNotCSV, 3, "", "tanda petik"},
		{"bad_no_key_column.csv", RuleNoKeyColumn, 1, "", "kolom kode"},
		{"bad_no_indicator.csv", RuleNoIndicator, 1, "", "tidak ada kolom indikator"},
		{"bad_duplicate_column.csv", RuleBadColumn, 1, "jumlah_rt", "indikator jumlah_rt"},
		{"bad_two_code_columns.csv", RuleBadColumn, 1, "kode_desa", "kolom kode"},
		{"bad_unusable_header.csv", RuleBadColumn, 1, "%", "tidak memuat huruf"},
		{"bad_unnamed_column.csv", RuleBadColumn, 3, "ke-3", `berisi "x"`},
		{"bad_long_no_value_column.csv", RuleBadColumn, 1, "indikator", "kolom nilai"},
		{"bad_field_count.csv", RuleFieldCount, 3, "", "berisi 4 kolom, judul berisi 3"},
		{"bad_no_key.csv", RuleNoKey, 3, "", "tanpa kode dan tanpa nama"},
		{"bad_code.csv", RuleBadCode, 3, "kode", "9 angka"},
		{"bad_code_letters.csv", RuleBadCode, 3, "kode", "kode tidak sah"},
		{"bad_number.csv", RuleNotNumber, 7, "rt_desil1", `nilai "12a" bukan angka`},
		{"bad_nan.csv", RuleNotNumber, 2, "rt_desil1", `"NaN"`},
		{"bad_inf.csv", RuleNotNumber, 3, "rt_desil1", `"-Inf"`},
		{"bad_mixed_separators.csv", RuleNotNumber, 3, "rt_desil1", `"1,234.5"`},
		{"bad_duplicate.csv", RuleDuplicate, 4, "rt_desil1", "sudah ada di baris 2"},
		{"bad_duplicate_name.csv", RuleDuplicate, 4, "jumlah_rt", "sudah ada di baris 2"},
		{"bad_duplicate_long.csv", RuleDuplicate, 4, "indikator", "jumlah_rt periode 2025"},
		{"bad_long_empty_indicator.csv", RuleEmptyIndicator, 3, "indikator", "indikator kosong"},
		{"bad_long_empty_period.csv", RuleEmptyPeriod, 3, "periode", "periode kosong"},
		{"bad_wide_empty_period.csv", RuleEmptyPeriod, 3, "tahun", "periode kosong"},
		{"bad_many.csv", RuleNotNumber, 2, "jumlah_rt", `"x0"`},
		// A column headed by a year alone names no indicator.
		{"bad_period_only_header.csv", RuleBadColumn, 1, "2024", "hanya berisi periode"},
		{"bad_bps_code.csv", RuleBadCode, 3, "iddesa", "berisi 11 angka"},
		// A status column with a number in it is numeric, its texts refused.
		{"bad_mixed_status.csv", RuleNotNumber, 2, "status", `"Maju" bukan angka`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tab, err := readTestdata(t, tt.file, Options{Period: "2025"})
			if err == nil {
				t.Fatalf("no error; table has %d rows", len(tab.Rows))
			}
			if tab != nil {
				t.Error("table returned with an error")
			}
			var errs RowErrors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error %T %v, want RowErrors", err, err)
			}
			e := errs[0]
			if e.File != tt.file || e.Rule != tt.rule || e.Line != tt.line || e.Column != tt.column {
				t.Errorf("got file %q rule %q line %d column %q; want %q %q %d %q",
					e.File, e.Rule, e.Line, e.Column, tt.file, tt.rule, tt.line, tt.column)
			}
			if !errs.Has(tt.rule) {
				t.Errorf("Has(%q) = false", tt.rule)
			}
			text := err.Error()
			want := []string{tt.file + ": ", tt.msg}
			if tt.line > 0 {
				want = append(want, fmt.Sprintf("baris %d", tt.line))
			}
			if tt.column != "" {
				want = append(want, fmt.Sprintf("kolom %q", tt.column))
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("message %q does not contain %q", text, w)
				}
			}
		})
	}
}

func TestRowErrorsMessage(t *testing.T) {
	_, err := readTestdata(t, "bad_number.csv", Options{})
	if want := `bad_number.csv: baris 7, kolom "rt_desil1": nilai "12a" bukan angka`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	_, err = readTestdata(t, "bad_many.csv", Options{})
	var errs RowErrors
	if !errors.As(err, &errs) || len(errs) != maxErrors {
		t.Fatalf("got %d errors, want %d", len(errs), maxErrors)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 11 || lines[10] != "… dan 40 masalah lain" || !strings.Contains(lines[9], "baris 11") {
		t.Errorf("message:\n%s", err)
	}
}

func TestParseNumber(t *testing.T) {
	good := map[string]float64{
		"1234": 1234, "1234.5": 1234.5, "-3": -3, "+7": 7, "0": 0, "007": 7,
		"1.234,5": 1234.5, "1.234.567": 1234567, "-1.234.567,89": -1234567.89, "12,5": 12.5,
		"1.234": 1.234, "0,05": 0.05, "1234,5": 1234.5,
	}
	for s, want := range good {
		if got, ok := parseNumber(s); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "-", "+", "12a", "NaN", "nan", "Inf", "-Inf", "infinity", "1e5", "0x10",
		"1,234.5", "1,2,3", "1.23.456", "1234.567.890", ",5", ".5", "5,", "5.", "1 234", "12%", "--1", "1.234.56"} {
		if got, ok := parseNumber(s); ok {
			t.Errorf("parseNumber(%q) = %v, want not a number", s, got)
		}
	}
}

func TestNames(t *testing.T) {
	keys := map[string]string{"Jumlah RT": "jumlah_rt", " RT Desil-1 ": "rt_desil_1", "Persentase (%)": "persentase", "Désa": "desa"}
	for in, want := range keys {
		if got := snakeKey(in); got != want {
			t.Errorf("snakeKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// bigCSV returns a wide semicolon file of n rows and 8 indicators.
func bigCSV(n int) string {
	var b strings.Builder
	b.WriteString("kode;nama;a;b;c;d;e;f;g;h\n")
	for i := range n {
		fmt.Fprintf(&b, "35.%02d.%02d.%04d;Desa %d;1.234,5;12,5;%d;-;NA;7;1.234.567;0,25\n", i/10000%100, i/100%100, 2000+i%100, i, i)
	}
	return b.String()
}

func TestReadCSVLarge(t *testing.T) {
	src := bigCSV(10000)
	start := time.Now()
	tab, err := ReadCSV(strings.NewReader(src), "besar.csv", Options{Period: "2025"})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 10000 || len(tab.Rows[9999].Values) != 6 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	t.Logf("10000 rows in %v", elapsed)
}

func BenchmarkReadCSV(b *testing.B) {
	src := bigCSV(10000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := ReadCSV(strings.NewReader(src), "besar.csv", Options{Period: "2025"}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseNumberSemicolonGroups(t *testing.T) {
	for s, want := range map[string]float64{"1.204": 1204, "-12.500": -12500, "1.5": 1.5, "1.2345": 1.2345, "1.204,5": 1204.5, "12,5": 12.5} {
		if got, ok := parseNumberIn(s, true); !ok || got != want {
			t.Errorf("parseNumberIn(%q, semicolon) = %v, %v; want %v", s, got, ok, want)
		}
	}
	if got, _ := parseNumberIn("1.204", false); got != 1.204 {
		t.Errorf("comma file: 1.204 read as %v", got)
	}
}

// TestImportedKinds: whole non-negative columns are counts, others values.
func TestImportedKinds(t *testing.T) {
	tab, err := ReadCSV(strings.NewReader("kode,jumlah_lansia,idm\n35.23.01.2001,12,0.81\n35.23.01.2002,7,0.74\n"), "x.csv", Options{Period: "2024"})
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range tab.Indicators {
		if want := map[string]string{"jumlah_lansia": geo.KindCount, "idm": geo.KindValue}[ind.Key]; ind.Sort != want {
			t.Errorf("%s: kind %q, want %q", ind.Key, ind.Sort, want)
		}
	}
}
