package report

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/sample"
)

// fdTuban reads the embedded Tuban desa and kecamatan.
func fdTuban(t *testing.T) []*geo.Area {
	t.Helper()
	var areas []*geo.Area
	for _, data := range [][]byte{assets.TubanDesa, assets.TubanKecamatan} {
		l, err := geo.ReadGeoJSON(bytes.NewReader(data), "tuban.geojson", geo.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		areas = append(areas, l.Areas...)
	}
	return areas
}

// fdRegions parses the embedded province and kabupaten/kota codes.
func fdRegions() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(assets.RegionCodes, "\n") {
		if c, _, _ := strings.Cut(l, "\t"); c != "" {
			m[c] = true
		}
	}
	return m
}

// fdValidate validates a synthetic list and returns its findings.
func fdValidate(list *sample.HouseholdList, areas []*geo.Area) []household.Finding {
	v := household.NewValidator(areas, fdRegions(), household.DefaultConfig())
	var out []household.Finding
	for i := range list.Records {
		out = append(out, v.Check(&list.Records[i])...)
	}
	return append(out, v.Finish()...)
}

// fdRead reads every sheet of a workbook: sheet name → rows.
func fdRead(t *testing.T, b []byte) ([]string, map[string][][]string, *excelize.File) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	sheets := f.GetSheetList()
	out := map[string][][]string{}
	for _, sh := range sheets {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		out[sh] = rows
	}
	return sheets, out, f
}

// allowedRun matches the digit runs of 5+ a findings cell may hold: a row
// number after "baris " and the decimals of a coordinate.
var (
	longRun    = regexp.MustCompile(`\d{5,}`)
	rowRef     = regexp.MustCompile(`(?i)baris \d+`)
	coordinate = regexp.MustCompile(`(^|[^\d.,])-?\d{1,3}[.,]\d+`)
	maskedNIK  = regexp.MustCompile(`^\*{12}\d{4}$`)
)

func TestWriteFindingsXLSX(t *testing.T) {
	areas := fdTuban(t)
	list := sample.Households(areas, 11, sample.HouseholdOptions{Households: 6_000, ErrorRate: 0.02})
	findings := fdValidate(list, areas)
	// A message quoting an identity number typed into another column.
	leak := "3523014509870002"
	findings = append(findings, household.Finding{Rule: household.RuleDesil, Severity: household.Error, Row: 99999,
		Field: "desil", DesaCode: "35.23.01.2001", NIK: "3523014509870001",
		Message: `desil "` + leak + `" tidak sah; desil harus angka 1–10`})
	names := map[string]string{}
	for _, a := range areas {
		if a.Level.IsVillage() {
			names[a.Code] = a.Name
		}
	}
	var buf bytes.Buffer
	if err := WriteFindingsXLSX(&buf, findings, names); err != nil {
		t.Fatal(err)
	}
	sheets, content, f := fdRead(t, buf.Bytes())

	// One sheet per desa with findings, then "Tanpa desa".
	desa := map[string]bool{}
	noDesa := 0
	for _, fd := range findings {
		if fd.DesaCode == "" {
			noDesa++
		} else {
			desa[fd.DesaCode] = true
		}
	}
	if len(sheets) != len(desa)+1 || sheets[len(sheets)-1] != SheetNoDesa || noDesa == 0 {
		t.Fatalf("%d sheets (last %q), want %d desa + %q", len(sheets), sheets[len(sheets)-1], len(desa), SheetNoDesa)
	}
	if len(content[SheetNoDesa])-1 != noDesa {
		t.Errorf("%s has %d rows, want %d", SheetNoDesa, len(content[SheetNoDesa])-1, noDesa)
	}
	seen := map[string]bool{}
	rows := 0
	for _, sh := range sheets {
		if utf8.RuneCountInString(sh) > 31 || seen[strings.ToLower(sh)] {
			t.Errorf("sheet name %q too long or repeated", sh)
		}
		seen[strings.ToLower(sh)] = true
		got := content[sh]
		if len(got) < 2 || !slices.Equal(got[0], FindingColumns) {
			t.Fatalf("sheet %s header %v", sh, got[0])
		}
		rows += len(got) - 1
		panes, err := f.GetPanes(sh)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("sheet %s panes %+v %v", sh, panes, err)
		}
		if st, _ := f.GetCellStyle(sh, "A1"); st == 0 {
			t.Errorf("sheet %s header unstyled", sh)
		} else if s, _ := f.GetStyle(st); s.Font == nil || !s.Font.Bold {
			t.Errorf("sheet %s header not bold", sh)
		}
		if w, _ := f.GetColWidth(sh, "E"); w < 50 {
			t.Errorf("sheet %s message column width %v", sh, w)
		}
	}
	if rows != len(findings) {
		t.Errorf("%d rows written, %d findings", rows, len(findings))
	}
	// Desa named after their desa; a desa name shared by two desa carries
	// the code.
	if !slices.Contains(sheets, names["35.23.01.2001"]) && !slices.ContainsFunc(sheets, func(s string) bool { return strings.HasSuffix(s, "35.23.01.2001") }) {
		t.Errorf("no sheet for 35.23.01.2001 %s: %v", names["35.23.01.2001"], sheets[:5])
	}

	// No identity numbers, KK or names anywhere.
	ids := map[string]bool{}
	people := map[string]bool{}
	desaNames := map[string]bool{}
	for _, n := range names {
		desaNames[strings.ToLower(n)] = true
	}
	for _, r := range list.Records {
		for _, id := range []string{r.NIK, r.KK} {
			if len(id) >= 12 {
				ids[id[:12]] = true
			}
		}
		if len(r.Name) >= 8 && !desaNames[strings.ToLower(r.Name)] {
			people[r.Name] = true
		}
	}
	masked := 0
	for sh, rs := range content {
		for i, row := range rs[1:] {
			for c, cell := range row {
				if c == 0 {
					continue // Baris: row numbers
				}
				if c == 5 {
					if !maskedNIK.MatchString(cell) {
						t.Errorf("%s row %d: NIK cell %q", sh, i+2, cell)
					}
					masked++
					continue
				}
				rest := coordinate.ReplaceAllString(rowRef.ReplaceAllString(cell, ""), "")
				if m := longRun.FindString(rest); m != "" {
					t.Errorf("%s row %d col %d: digit run %s in %q", sh, i+2, c+1, m, cell)
				}
				for id := range ids {
					if strings.Contains(cell, id) {
						t.Errorf("%s row %d: identity number in %q", sh, i+2, cell)
					}
				}
				for p := range people {
					if strings.Contains(cell, p) {
						t.Errorf("%s row %d: name %q in %q", sh, i+2, p, cell)
					}
				}
			}
		}
	}
	if masked != len(findings) {
		t.Errorf("%d NIK cells, %d findings", masked, len(findings))
	}
	leakRow := false
	for _, row := range content[sheets[0]] {
		if row[0] == "99999" {
			leakRow = row[4] == `desil "************0002" tidak sah; desil harus angka 1–10` && row[5] == "************0001"
		}
	}
	if !leakRow {
		t.Errorf("row with a leaked identity number not masked as expected in %s", sheets[0])
	}
}

func TestWriteFindingsXLSXSheetNames(t *testing.T) {
	long := "Desa Dengan Nama Yang Sangat Panjang Sekali"
	findings := []household.Finding{
		{Rule: household.RuleDesil, Severity: household.Error, Row: 5, DesaCode: "35.23.02.2001", NIK: "3523"},
		{Rule: household.RuleDesaName, Severity: household.Warning, Row: 3, DesaCode: "35.23.01.2001", NIK: "352301450987"},
		{Rule: household.RuleNIKLength, Severity: household.Error, Row: 3, DesaCode: "35.23.01.2001", NIK: "'35230145098700"},
		{Rule: household.RuleDesil, Severity: household.Error, Row: 7, DesaCode: "35.23.03.2001", NIK: ""},
		{Rule: household.RuleDesil, Severity: household.Error, Row: 8, DesaCode: "35.23.04.2001", NIK: "x"},
		{Rule: household.RuleDesil, Severity: household.Error, Row: 9, DesaCode: "35.23.05.2001"},
		{Rule: household.RuleDesil, Severity: household.Error, Row: 10, DesaCode: "35.23.06.2001"},
		{Rule: household.RuleDesaMissing, Severity: household.Error, Row: 2, NIK: "3523014509870001"},
	}
	names := map[string]string{
		"35.23.01.2001": "Sumurgung", "35.23.02.2001": "sumurgung", "35.23.03.2001": long,
		"35.23.04.2001": "Tanpa desa", "35.23.05.2001": "A/B: [C]?",
	}
	var buf bytes.Buffer
	if err := WriteFindingsXLSX(&buf, findings, names); err != nil {
		t.Fatal(err)
	}
	sheets, content, _ := fdRead(t, buf.Bytes())
	want := []string{"Sumurgung 35.23.01.2001", "sumurgung 35.23.02.2001", "Desa Dengan Nama Yang Sangat Pa",
		"Tanpa desa 35.23.04.2001", "A-B- -C--", "35.23.06.2001", SheetNoDesa}
	if !slices.Equal(sheets, want) {
		t.Errorf("sheets %q\nwant %q", sheets, want)
	}
	// Sorted by row, then in rule order; NIK masked to 12 stars and 4 digits.
	got := content["Sumurgung 35.23.01.2001"]
	if len(got) != 3 || got[1][1] != household.RuleNIKLength || got[2][1] != household.RuleDesaName ||
		got[1][2] != "kesalahan" || got[2][2] != "peringatan" || got[1][5] != "************8700" || got[2][5] != "************0987" {
		t.Errorf("Sumurgung rows %q", got)
	}
	for sh, nik := range map[string]string{"sumurgung 35.23.02.2001": "************3523", "Tanpa desa 35.23.04.2001": "", SheetNoDesa: "************0001"} {
		if r := content[sh]; len(r) != 2 || len(r[1]) > 5 && r[1][5] != nik || len(r[1]) <= 5 && nik != "" {
			t.Errorf("%s: %q, want NIK %q", sh, r, nik)
		}
	}

	buf.Reset()
	if err := WriteFindingsXLSX(&buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	sheets, content, _ = fdRead(t, buf.Bytes())
	if !slices.Equal(sheets, []string{"Tanpa temuan"}) || len(content["Tanpa temuan"]) != 1 {
		t.Errorf("empty workbook: %v %v", sheets, content)
	}
}

func TestScrubDigits(t *testing.T) {
	for in, want := range map[string]string{
		"":                                     "",
		"desil \"3523014509870002\"":           "desil \"************0002\"",
		"kode desa \"3523012999\"":             "kode desa \"******2999\"",
		"1234 dan 12345":                       "1234 dan *2345",
		"sudah tercatat di baris 12345":        "sudah tercatat di baris 12345",
		"Baris 123456":                         "Baris 123456",
		"bujur 111.987654, lintang -6,8971234": "bujur 111.987654, lintang -6,8971234",
		"bujur 3.523010101e+09":                "bujur 3.*****0101e+09",
		"1234.567890":                          "1234.**7890",
		"1.2.345678":                           "1.2.**5678",
		"NIK ************1234, 1.250 m":        "NIK ************1234, 1.250 m",
		"35.23.01.2001":                        "35.23.01.2001",
	} {
		if got := ScrubDigits(in); got != want {
			t.Errorf("ScrubDigits(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"3523014509870001":    "************0001",
		"'3523014509870001":   "************0001",
		"3523 0145 0987 0001": "************0001",
		"35230145098700":      "************8700",
		"35230145098700011":   "************0011",
		"3,52301E+15":         "************0115", // digits 35230115
		"123":                 "",
		"":                    "",
		"352301450987000X":    "************7000",
	} {
		if got := MaskNIK(in); got != want {
			t.Errorf("MaskNIK(%q) = %q, want %q", in, got, want)
		}
	}
}
