// Package aid is the domain of interventions: the programmes that reach
// desa and kecamatan (BLT, BPNT/Sembako, PKH, training, small-business
// capital…), which of Tuban's three priorities each serves, who funds and
// runs it, its budget and targets, and how interventions add up per area.
// It imports only the standard library and geo.
package aid

import (
	"fmt"
	"strings"
	"time"
)

// Priority is one of the district's three priorities.
type Priority int

// The three priorities of Kabupaten Tuban's poverty programme.
const (
	PriorityNone       Priority = iota
	PriorityValidasi            // validasi data DTKS
	PriorityPendapatan          // peningkatan pendapatan
	PriorityBeban               // pengurangan beban ekonomi
)

var priorityNames = [...]struct{ key, label string }{
	{"", ""},
	{"validasi-data", "Validasi Data DTKS"},
	{"peningkatan-pendapatan", "Peningkatan Pendapatan"},
	{"pengurangan-beban", "Pengurangan Beban Ekonomi"},
}

// Priorities lists the priorities in order.
var Priorities = []Priority{PriorityValidasi, PriorityPendapatan, PriorityBeban}

// Key returns the stable key used in the database and the CLI.
func (p Priority) Key() string {
	if p < 0 || int(p) >= len(priorityNames) {
		return ""
	}
	return priorityNames[p].key
}

// Label returns the Indonesian name.
func (p Priority) Label() string {
	if p < 0 || int(p) >= len(priorityNames) {
		return ""
	}
	return priorityNames[p].label
}

// ParsePriority accepts a key ("validasi-data") or a label.
func ParsePriority(s string) (Priority, error) {
	s = strings.TrimSpace(s)
	for _, p := range Priorities {
		if strings.EqualFold(s, p.Key()) || strings.EqualFold(s, p.Label()) {
			return p, nil
		}
	}
	return PriorityNone, fmt.Errorf("prioritas %q tidak dikenal; pilih validasi-data, peningkatan-pendapatan atau pengurangan-beban", s)
}

// Status is where an intervention stands.
type Status int

// The states of an intervention.
const (
	StatusRencana  Status = iota // planned
	StatusBerjalan               // running
	StatusSelesai                // finished
)

var statusNames = [...]string{"rencana", "berjalan", "selesai"}

// Statuses lists the states in order.
var Statuses = []Status{StatusRencana, StatusBerjalan, StatusSelesai}

// String returns the Indonesian key: rencana, berjalan, selesai.
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return ""
	}
	return statusNames[s]
}

// ParseStatus reads rencana, berjalan or selesai.
func ParseStatus(s string) (Status, error) {
	for i, n := range statusNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Status(i), nil
		}
	}
	return 0, fmt.Errorf("status %q tidak dikenal; pilih rencana, berjalan atau selesai", s)
}

// Agencies are the OPD that run interventions; "Lainnya" is any other.
var Agencies = []string{"Dinsos P3A PMD", "Disnakerin", "Diskopumdag", "Bakorwil", "Dinsos Provinsi", "Pemdes", "Lainnya"}

// FundingSources are where the money comes from.
var FundingSources = []string{"APBD Kabupaten", "APBD Provinsi", "APBN", "DBHCHT", "Dana Desa", "CSR", "Lainnya"}

// DefaultProgrammes seed the user-editable programme list.
var DefaultProgrammes = []string{"BLT Dana Desa", "BLT DBHCHT", "BPNT/Sembako", "PKH", "PBI-JK",
	"Bantuan disabilitas (ATENSI)", "Rehabilitasi rumah (RTLH)", "Pelatihan kerja", "Modal usaha/UMKM", "Padat karya"}

// DateLayout is how dates are written in the database and the CLI.
const DateLayout = "2006-01-02"

// Intervention is one programme's action in one or more areas. Budget is
// whole rupiah, never a float.
type Intervention struct {
	ID         int64
	Programme  string
	Priority   Priority
	Agency     string
	Funding    string
	Budget     int64 // rupiah
	Households int   // target households
	Persons    int   // target persons
	Start, End time.Time
	Status     Status
	Notes      string
	Areas      []string // desa or kecamatan codes; a kecamatan covers its desa
	// Version is the stored row's version as it was read (each save adds
	// one); an update or delete that carries a version is refused with a
	// *ConflictError when someone saved the intervention since. 0 skips
	// the check.
	Version int
}

// ActiveOn reports whether the intervention is planned or running and its
// period includes day t. A finished one is not active.
func (iv *Intervention) ActiveOn(t time.Time) bool {
	if iv.Status == StatusSelesai {
		return false
	}
	d := Day(t)
	return !d.Before(Day(iv.Start)) && !d.After(Day(iv.End))
}

// Day returns the calendar day of t (in t's location) as midnight UTC, the
// form dates are stored and compared in.
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ProgrammeDefaults returns the funding source and the agency a programme
// usually has, to pre-fill a new intervention ("" where none is known):
// BLT Dana Desa is paid from the Dana Desa by the desa government, BLT
// DBHCHT from the tobacco excise share, PKH, BPNT/Sembako and PBI-JK from
// the national budget, job training runs at Disnakerin and small-business
// programmes at Diskopumdag. The user can change both.
func ProgrammeDefaults(programme string) (funding, agency string) {
	p := strings.ToUpper(programme)
	switch {
	case strings.Contains(p, "DBHCHT"):
		return "DBHCHT", ""
	case strings.Contains(p, "DANA DESA"):
		return "Dana Desa", "Pemdes"
	case strings.Contains(p, "PKH"), strings.Contains(p, "BPNT"), strings.Contains(p, "SEMBAKO"), strings.Contains(p, "PBI"):
		return "APBN", ""
	case strings.Contains(p, "PELATIHAN"):
		return "", "Disnakerin"
	case strings.Contains(p, "UMKM"), strings.Contains(p, "MODAL USAHA"):
		return "", "Diskopumdag"
	}
	return "", ""
}
