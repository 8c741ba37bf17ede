package geo

import (
	"fmt"
	"strings"
)

// Rules broken by a boundary file, as stable identifiers for tests and logs.
const (
	RuleNotJSON           = "bukan-json"
	RuleNotCollection     = "bukan-featurecollection"
	RuleUnreadable        = "berkas-tak-terbaca" // a binary format's structure is broken (Shapefile)
	RuleNoFeatures        = "tanpa-fitur"
	RuleGeometryType      = "jenis-geometri"
	RuleRingUnclosed      = "cincin-terbuka"
	RuleRingTooShort      = "cincin-pendek"
	RuleRingNoArea        = "cincin-tanpa-luas"
	RuleCoordinateRange   = "koordinat-di-luar-rentang"
	RuleProjected         = "koordinat-terproyeksi"
	RuleDuplicateCode     = "kode-ganda"
	RuleMissingCode       = "kode-kosong"
	RuleBadCode           = "kode-tidak-sah"
	RuleFieldsUnknown     = "kolom-tidak-dikenal"
	RuleMissingGeometry   = "geometri-kosong"
	RuleMissingName       = "nama-kosong"
	RuleTooLarge          = "terlalu-besar"
	maxReportedFileErrors = 20
)

// InputError says what is wrong with one input file: the file, the feature
// (zero-based index, or -1 for the whole file), the area code when known,
// the rule broken and an explanation in Indonesian.
type InputError struct {
	File    string
	Feature int
	Code    string
	Rule    string
	Msg     string
}

// Error formats the error as "file: fitur #n (kode …): message".
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Feature >= 0 {
		fmt.Fprintf(&b, ": fitur #%d", e.Feature+1)
		if e.Code != "" {
			fmt.Fprintf(&b, " (kode %s)", e.Code)
		}
	} else if e.Code != "" {
		fmt.Fprintf(&b, ": kode %s", e.Code)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// InputErrors is a list of problems found in one file; a file with any of
// them is rejected whole.
type InputErrors []*InputError

// Error lists the first problems, one per line, and how many more there are.
func (es InputErrors) Error() string { return ListErrors(es) }

// ListErrors writes the first ten of a list of problems one per line, and
// how many more there are: the form every rejected input file is reported
// in.
func ListErrors[E error](es []E) string {
	var b strings.Builder
	for i, e := range es {
		if i == 10 {
			fmt.Fprintf(&b, "\n… dan %d masalah lain", len(es)-10)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Has reports whether any of the errors breaks rule.
func (es InputErrors) Has(rule string) bool {
	for _, e := range es {
		if e.Rule == rule {
			return true
		}
	}
	return false
}

// FieldsError is returned when the code or name property of the features
// cannot be told apart; the user picks among Fields and reads again with
// ReadOptions set.
type FieldsError struct {
	File    string
	Fields  []string // property names seen in the features
	Missing string   // "kode" or "nama"
}

// Error explains which property could not be found and lists the choices.
func (e *FieldsError) Error() string {
	return fmt.Sprintf("%s: kolom %s tidak dapat ditentukan; pilih salah satu kolom: %s",
		e.File, e.Missing, strings.Join(e.Fields, ", "))
}
