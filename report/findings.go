package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/household"
)

// SheetNoDesa is the sheet of WriteFindingsXLSX that holds the findings of
// households whose desa is unknown.
const SheetNoDesa = "Tanpa desa"

// FindingColumns are the column headers of WriteFindingsXLSX, in order.
var FindingColumns = []string{"Baris", "Aturan", "Tingkat", "Kolom", "Pesan", "NIK"}

// MaskNIK shows a head's NIK in a findings list: household.Mask of a
// 16-digit NIK ("************1234"); for a malformed one the same twelve
// stars and the last four digits it has, so that its length is not shown
// either; "" when it has fewer than four digits.
func MaskNIK(nik string) string {
	var d []byte
	for i := 0; i < len(nik); i++ {
		if nik[i] >= '0' && nik[i] <= '9' {
			d = append(d, nik[i])
		}
	}
	switch {
	case len(d) == 16:
		return household.Mask(string(d))
	case len(d) < 4:
		return ""
	}
	return strings.Repeat("*", 12) + string(d[len(d)-4:])
}

// ScrubDigits hides, in free text such as a finding's message, every run of
// five or more digits but its last four ("************1234"), as a guard
// against an identity number (NIK, KK) written into a cell that is quoted
// in a message. Two kinds of run are kept because they identify no one: a
// row number written after "baris " and the decimals of a number with one
// to three digits before its point or comma (a coordinate: 111.987654,
// -6,897123), unless an exponent follows.
func ScrubDigits(s string) string {
	isDigit := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isDigit(i) {
			i++
			continue
		}
		j := i
		for isDigit(j) {
			j++
		}
		if j-i >= 5 && !keepRun(s, i, j) {
			b.WriteString(s[last:i])
			b.WriteString(strings.Repeat("*", j-i-4))
			b.WriteString(s[j-4 : j])
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// keepRun reports whether the digit run s[i:j] is a row number or the
// decimals of a coordinate-sized number.
func keepRun(s string, i, j int) bool {
	if strings.HasSuffix(strings.ToLower(s[:i]), "baris ") {
		return true
	}
	if i < 2 || (s[i-1] != '.' && s[i-1] != ',') || j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		return false
	}
	k := i - 1
	for k > 0 && s[k-1] >= '0' && s[k-1] <= '9' {
		k--
	}
	n := i - 1 - k // digits before the separator
	return n >= 1 && n <= 3 && (k == 0 || (s[k-1] != '.' && s[k-1] != ','))
}

// findingSheetName makes a valid sheet name of a desa name: characters
// Excel forbids replaced by '-', no leading or trailing apostrophe, at most
// max runes.
func findingSheetName(name string, max int) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	name = strings.Trim(name, "'")
	if utf8.RuneCountInString(name) > max {
		name = strings.TrimSpace(string([]rune(name)[:max]))
	}
	return name
}

// findingSheets names the sheet of each desa code ("" = SheetNoDesa):
// the desa name (or its code when desaNames lacks it) cut to 31
// characters; names that clash (Excel ignores case) get the desa code
// appended, and any clash left a counter.
func findingSheets(codes []string, desaNames map[string]string) map[string]string {
	const maxLen = 31
	base := map[string]string{}
	seen := map[string]int{}
	for _, c := range codes {
		n := SheetNoDesa
		if c != "" {
			n = desaNames[c]
			if strings.TrimSpace(n) == "" {
				n = c
			}
			n = findingSheetName(n, maxLen)
		}
		base[c] = n
		seen[strings.ToLower(n)]++
	}
	out := map[string]string{}
	used := map[string]bool{}
	for _, c := range codes {
		n := base[c]
		if c != "" && seen[strings.ToLower(n)] > 1 {
			suffix := " " + c
			n = findingSheetName(n, maxLen-utf8.RuneCountInString(suffix)) + suffix
		}
		for k := 2; used[strings.ToLower(n)] || n == ""; k++ {
			suffix := fmt.Sprintf(" (%d)", k)
			n = findingSheetName(base[c], maxLen-len(suffix)) + suffix
		}
		used[strings.ToLower(n)] = true
		out[c] = n
	}
	return out
}

// findingWidths are the column widths of WriteFindingsXLSX, in characters;
// the message column wraps.
var findingWidths = []float64{8, 22, 12, 17, 100, 19}

// WriteFindingsXLSX writes the findings of a household list as an XLSX
// workbook to w: one sheet per desa, in desa-code order, named after the
// desa (desaNames maps codes to names; the name is cut to 31 characters and
// names that clash get the code appended), then a sheet SheetNoDesa for
// the findings without a resolved desa. Each sheet has the columns of
// FindingColumns — row, rule code, severity (kesalahan/peringatan), column,
// message and the head's NIK masked by MaskNIK — with the header bold and
// frozen, set widths and the message wrapped; rows are sorted by row and
// then in the order of household.Rules. Messages pass through ScrubDigits.
// No KK and no names are written: the workbook may be shared with the desa
// that must correct their data. With no findings it has one sheet "Tanpa
// temuan" with the header only.
func WriteFindingsXLSX(w io.Writer, findings []household.Finding, desaNames map[string]string) error {
	byDesa := map[string][]household.Finding{}
	for _, f := range findings {
		byDesa[f.DesaCode] = append(byDesa[f.DesaCode], f)
	}
	codes := make([]string, 0, len(byDesa))
	for c := range byDesa {
		if c != "" {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	if _, ok := byDesa[""]; ok {
		codes = append(codes, "")
	}
	names := findingSheets(codes, desaNames)
	order := map[string]int{}
	for i, r := range household.Rules {
		order[r.Code] = i + 1
	}

	f := excelize.NewFile()
	defer f.Close()
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return fmt.Errorf("xlsx temuan: gaya sel: %w", err)
	}
	top, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("xlsx temuan: gaya sel: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return fmt.Errorf("xlsx temuan: gaya sel: %w", err)
	}

	if len(codes) == 0 {
		codes = []string{"-"}
		names = map[string]string{"-": "Tanpa temuan"}
	}
	for i, c := range codes {
		sh := names[c]
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), sh)
		} else {
			_, err = f.NewSheet(sh)
		}
		if err == nil {
			rows := slices.Clone(byDesa[c])
			slices.SortStableFunc(rows, func(a, b household.Finding) int {
				if a.Row != b.Row {
					return a.Row - b.Row
				}
				return order[a.Rule] - order[b.Rule]
			})
			err = writeFindingSheet(f, sh, rows, header, top, wrap)
		}
		if err != nil {
			return fmt.Errorf("xlsx temuan: lembar %s: %w", sh, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Title: "Temuan validasi daftar rumah tangga", Creator: "pocketmap",
		Language: "id-ID", Description: "NIK disamarkan: hanya 4 angka terakhir"}); err != nil {
		return fmt.Errorf("xlsx temuan: properti: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx temuan: %w", err)
	}
	return nil
}

// writeFindingSheet streams one desa's findings into sheet sh.
func writeFindingSheet(f *excelize.File, sh string, rows []household.Finding, header, top, wrap int) error {
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for c, w := range findingWidths {
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(FindingColumns))
	for i, h := range FindingColumns {
		head[i] = excelize.Cell{StyleID: header, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, fd := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{
			excelize.Cell{StyleID: top, Value: fd.Row},
			excelize.Cell{StyleID: top, Value: fd.Rule},
			excelize.Cell{StyleID: top, Value: fd.Severity.String()},
			excelize.Cell{StyleID: top, Value: ScrubDigits(fd.Field)},
			excelize.Cell{StyleID: wrap, Value: ScrubDigits(fd.Message)},
			excelize.Cell{StyleID: top, Value: MaskNIK(fd.NIK)},
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}
