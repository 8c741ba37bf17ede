// Package household is the domain of household lists (DTKS, now DTSEN): one
// record per household with its KK and head's NIK, desa, desil and members,
// the validation rules that find errors before aid is targeted, and the
// aggregation of a list into desa indicators. NIK, KK and names are
// personal data: they stay in the local database, and what leaves it is
// aggregated or masked (see Mask). It imports only the standard library,
// orb and geo.
package household

import "github.com/paulmach/orb"

// Record is one household as read from a list; fields not in the file are
// left zero. Row is the line (CSV) or row (XLSX) number, header = 1.
type Record struct {
	Row        int
	KK         string // nomor Kartu Keluarga, 16 digits expected
	NIK        string // NIK of the head of household, 16 digits expected
	Name       string // head of household
	Address    string
	DesaCode   string // Kemendagri code as written (may be empty)
	DesaName   string // desa name as written (may be empty)
	Desil      int    // 1–10; 0 when missing
	DesilText  string // the desil cell as written, for messages
	Members    int    // -1 when missing
	Disabled   int    // members with disability, -1 when missing
	Elderly    int    // elderly members, -1 when missing
	Programmes []string
	HasPoint   bool
	Point      orb.Point // lon, lat when HasPoint
}

// Severity says how serious a finding is.
type Severity int

// Severities, from least to most serious.
const (
	Warning Severity = iota + 1 // check it: probably an error
	Error                       // must be corrected before targeting
)

// String returns "peringatan" or "kesalahan".
func (s Severity) String() string {
	if s == Error {
		return "kesalahan"
	}
	return "peringatan"
}

// Finding is one problem in one household record.
type Finding struct {
	Rule     string // stable rule code, e.g. "NIK-PANJANG"
	Severity Severity
	Row      int
	Field    string // column concerned
	DesaCode string // the household's desa, when known
	NIK      string // the head's NIK as written (personal data: mask before showing)
	Message  string // Indonesian
}

// Mask hides all but the last four digits of a NIK or KK:
// "************1234". Short or empty values are masked whole.
func Mask(id string) string {
	r := []rune(id)
	if len(r) <= 4 {
		return "****"
	}
	out := make([]rune, len(r))
	for i := range r {
		out[i] = '*'
		if i >= len(r)-4 {
			out[i] = r[i]
		}
	}
	return string(out)
}
