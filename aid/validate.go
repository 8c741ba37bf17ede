package aid

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FieldError is a problem with one field of an intervention, in Indonesian.
type FieldError struct {
	Field string // programme, priority, agency, funding, budget, households, persons, period, areas
	Msg   string
}

// Error returns the message.
func (e FieldError) Error() string { return e.Msg }

// FieldErrors are all the problems of one intervention.
type FieldErrors []FieldError

// Error lists the messages, one per line.
func (es FieldErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Msg
	}
	return strings.Join(msgs, "\n")
}

// Has reports whether a field has a problem.
func (es FieldErrors) Has(field string) bool {
	for _, e := range es {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Validate checks an intervention before it is saved; known, when not nil,
// tells whether an area code exists. It returns nil or FieldErrors.
func (iv *Intervention) Validate(known func(code string) bool) error {
	var es FieldErrors
	add := func(field, format string, a ...any) { es = append(es, FieldError{field, fmt.Sprintf(format, a...)}) }
	if strings.TrimSpace(iv.Programme) == "" {
		add("programme", "Pilih program.")
	}
	if iv.Priority < PriorityValidasi || iv.Priority > PriorityBeban {
		add("priority", "Pilih salah satu dari tiga prioritas.")
	}
	if strings.TrimSpace(iv.Agency) == "" {
		add("agency", "Pilih OPD pelaksana.")
	}
	if strings.TrimSpace(iv.Funding) == "" {
		add("funding", "Pilih sumber dana.")
	}
	if iv.Budget < 0 {
		add("budget", "Anggaran tidak boleh negatif.")
	}
	if iv.Households < 0 {
		add("households", "Sasaran rumah tangga tidak boleh negatif.")
	}
	if iv.Persons < 0 {
		add("persons", "Sasaran jiwa tidak boleh negatif.")
	}
	switch {
	case iv.Start.IsZero() || iv.End.IsZero():
		add("period", "Isi tanggal mulai dan tanggal selesai.")
	case iv.End.Before(iv.Start):
		add("period", "Tanggal selesai (%s) sebelum tanggal mulai (%s).", iv.End.Format(DateLayout), iv.Start.Format(DateLayout))
	}
	if len(iv.Areas) == 0 {
		add("areas", "Pilih minimal satu desa atau kecamatan.")
	}
	if known != nil {
		for _, c := range iv.Areas {
			if !known(c) {
				add("areas", "Wilayah %s tidak dikenal.", c)
			}
		}
	}
	if len(es) == 0 {
		return nil
	}
	return es
}

// ParseRupiah reads a budget typed as "Rp 1.250.000", "1.250.000",
// "1250000" or "1.250.000,00": whole rupiah only. Negative, fractional and
// non-numeric amounts are refused with a message saying why.
func ParseRupiah(s string) (int64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(strings.TrimPrefix(t, "Rp"), "rp")
	t = strings.TrimSpace(strings.TrimPrefix(t, "."))
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("anggaran %q negatif; anggaran tidak boleh negatif", s)
	}
	if i := strings.IndexByte(t, ','); i >= 0 {
		if strings.Trim(t[i+1:], "0") != "" {
			return 0, fmt.Errorf("anggaran %q memuat sen; tulis dalam rupiah bulat", s)
		}
		t = t[:i]
	}
	t = strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), " ", "")
	if t == "" {
		return 0, fmt.Errorf("anggaran kosong")
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("anggaran %q bukan angka rupiah", s)
	}
	return v, nil
}

// Programme states a store knows, for ValidateStored.
const (
	ProgrammeMissing  = iota // not in the list
	ProgrammeActive          // in the list and offered
	ProgrammeInactive        // in the list, no longer offered
)

// ValidateStored is Validate with what only a store knows: known tells the
// desa, kelurahan and kecamatan codes it holds; programme is the state of
// iv's programme (ProgrammeMissing, …), an inactive one being kept when it
// is current, the programme stored before an update; the dates must be
// within years 1–9999. It returns nil or FieldErrors.
func (iv *Intervention) ValidateStored(known func(code string) bool, programme int, current string) error {
	var es FieldErrors
	if err := iv.Validate(known); err != nil && !errors.As(err, &es) {
		return err
	}
	add := func(field, format string, a ...any) { es = append(es, FieldError{field, fmt.Sprintf(format, a...)}) }
	if strings.TrimSpace(iv.Programme) != "" {
		switch {
		case programme == ProgrammeMissing:
			add("programme", "Program %q tidak ada dalam daftar program.", iv.Programme)
		case programme == ProgrammeInactive && iv.Programme != current:
			add("programme", "Program %q sudah dinonaktifkan; pilih program lain.", iv.Programme)
		}
	}
	if iv.Status.String() == "" {
		add("status", "Pilih status: rencana, berjalan atau selesai.")
	}
	if !es.Has("period") {
		for _, t := range []time.Time{iv.Start, iv.End} {
			if y := Day(t).Year(); y < 1 || y > 9999 {
				add("period", "Tahun %d di luar jangkauan.", y)
				break
			}
		}
	}
	if len(es) > 0 {
		return es
	}
	return nil
}
