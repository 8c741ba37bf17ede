package ingest

import (
	"fmt"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Rules broken by an indicator file, as stable identifiers for tests and
// logs.
const (
	RuleNotCSV         = "bukan-csv"             // not readable as CSV (Excel workbook, UTF-16, unbalanced quotes)
	RuleEmpty          = "berkas-kosong"         // no header or no data row
	RuleNoKeyColumn    = "tanpa-kolom-kode-nama" // the header has no code and no name column
	RuleNoIndicator    = "tanpa-kolom-indikator" // a wide file without indicator columns
	RuleBadColumn      = "kolom-tidak-sah"       // a duplicate, unusable or unnamed-but-filled column
	RuleFieldCount     = "jumlah-kolom"          // a row with another number of fields than the header
	RuleNoKey          = "kode-nama-kosong"      // a row with neither code nor name
	RuleBadCode        = "kode-tidak-sah"        // a code that is not a Kemendagri code
	RuleNotNumber      = "bukan-angka"           // a value that is not a number
	RuleDuplicate      = "nilai-ganda"           // the same area, indicator and period twice
	RuleEmptyIndicator = "indikator-kosong"      // a long-format row without indicator
	RuleEmptyPeriod    = "periode-kosong"        // a row without period where the file has a period column

	maxErrors = 50 // reading stops after this many problems
)

// RowError says what is wrong with one row of an indicator file: the file,
// the 1-based line (0 for the whole file), the column as written in the
// header (or ""), the rule broken and an explanation in Indonesian.
type RowError struct {
	File   string
	Line   int
	Column string
	Rule   string
	Msg    string
}

// Error formats the error as `data.csv: baris 7, kolom "rt_desil1": message`.
func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		fmt.Fprintf(&b, "baris %d", e.Line)
	}
	if e.Column != "" {
		if e.Line > 0 {
			b.WriteString(", ")
		} else if b.Len() > 0 {
			b.WriteString(": ")
		}
		fmt.Fprintf(&b, "kolom %q", e.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// RowErrors is the list of problems found in one file; a file with any of
// them is rejected whole. At most 50 are collected.
type RowErrors []*RowError

// Error lists the first 10 problems, one per line, and how many more there
// are.
func (es RowErrors) Error() string { return geo.ListErrors(es) }

// Has reports whether any of the errors breaks rule.
func (es RowErrors) Has(rule string) bool {
	for _, e := range es {
		if e.Rule == rule {
			return true
		}
	}
	return false
}
