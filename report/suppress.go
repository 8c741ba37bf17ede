package report

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Suppress returns "<below" when 0 < n < below (and below > 0), else n as
// decimal text: Suppress(3, 5) = "<5", Suppress(0, 5) = "0",
// Suppress(12, 5) = "12", Suppress(3, 0) = "3".
//
// Small counts of people are suppressed in every table the package writes
// (XLSX, CSV): a count n with 0 < n < Dataset.SuppressBelow is written as
// the text "<N" (N = SuppressBelow, usually "<5"), so a reader cannot tell
// whether a desa holds one such household or four. Zero is written as 0.
// Subject to suppression are counts of households, persons and findings:
//
//   - the indicator value ("Nilai") when the indicator is a count of
//     households or persons (see IsCount), in Ringkasan Kecamatan, Rincian
//     Desa and Kantong Kemiskinan;
//   - the numerator and denominator of a rate ("Pembilang", "Penyebut") in
//     Ringkasan Kecamatan;
//   - target households and persons ("Sasaran RT", "Sasaran jiwa") wherever
//     they appear, including the per-priority summary of Intervensi;
//   - validation findings ("Jumlah temuan") in Validasi Data.
//
// Not suppressed: budgets (rupiah), rates and percentages, p-values and z
// scores, class numbers, numbers of desa per kecamatan (also of pocket
// desa) and numbers of interventions.
func Suppress(n int, below int) string {
	if below > 0 && n > 0 && n < below {
		return "<" + strconv.Itoa(below)
	}
	return strconv.Itoa(n)
}

// SuppressCell returns what a table cell holds for the count v: the string
// "<below" when 0 < v < below (and below > 0), so that a spreadsheet shows
// it as text, otherwise v itself as a float64 number. Fractional counts
// (target households shared among desa) are compared as they are: 4.6 is
// suppressed, 5 is not. NaN and infinities are returned unchanged.
func SuppressCell(v float64, below int) any {
	if below > 0 && v > 0 && v < float64(below) {
		return "<" + strconv.Itoa(below)
	}
	return v
}

// SuppressionText is the Indonesian statement of the suppression for the
// metadata of a report: which columns are affected, or "tidak ada" when
// below is 0 or less.
func SuppressionText(below int) string {
	if below <= 0 {
		return "tidak ada"
	}
	n := strconv.Itoa(below)
	return "Jumlah di bawah " + n + " ditulis \"<" + n + "\": jumlah rumah tangga, jiwa dan temuan validasi " +
		"(kolom Nilai bila indikatornya berupa jumlah, Pembilang, Penyebut, Sasaran RT, Sasaran jiwa, Jumlah temuan). " +
		"Nol ditulis 0. Anggaran, persentase dan rasio, jumlah desa dan jumlah intervensi tidak disembunyikan."
}

// tbCountUnits are the units of indicators that count households or persons.
var tbCountUnits = map[string]bool{
	"rumah tangga": true, "rt": true, "keluarga": true, "kepala keluarga": true,
	"jiwa": true, "orang": true, "penduduk": true, "individu": true,
}

// IsCount reports whether ind counts households or persons, so that its
// values are suppressed when small: it is not derived (not a rate) and its
// unit is one of "rumah tangga", "RT", "keluarga", "kepala keluarga",
// "jiwa", "orang", "penduduk" or "individu" (any case). Rates ("%",
// "per 1.000 jiwa") and indicators of any other unit are not counts.
func IsCount(ind geo.Indicator) bool {
	return !ind.Derived() && (ind.Sort == geo.KindCount || tbCountUnits[strings.ToLower(strings.TrimSpace(ind.Unit))])
}

// tbLongDigits finds runs of 16 or more digits: what a NIK or KK number looks
// like. Area codes have 10 digits at most, so nothing legitimate matches.
var tbLongDigits = regexp.MustCompile(`[0-9]{16,}`)

// tbMaskIDs hides every run of 16 or more digits in s but its last four
// digits, the way household.Mask does, as a last guard against an
// identity number slipped into free text (a validation message, a note).
func tbMaskIDs(s string) string {
	if !tbLongDigits.MatchString(s) {
		return s
	}
	return tbLongDigits.ReplaceAllStringFunc(s, func(m string) string {
		return strings.Repeat("*", len(m)-4) + m[len(m)-4:]
	})
}

// tbFinite reports whether v is neither NaN nor infinite.
func tbFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
