package aid

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/geo"
)

func day(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func valid() Intervention {
	return Intervention{Programme: "PKH", Priority: PriorityBeban, Agency: "Dinsos P3A PMD", Funding: "APBN",
		Budget: 1_250_000_000, Households: 120, Start: day("2025-01-01"), End: day("2025-12-31"),
		Status: StatusBerjalan, Areas: []string{"35.23.01.2001"}}
}

func TestValidate(t *testing.T) {
	iv := valid()
	if err := iv.Validate(nil); err != nil {
		t.Fatalf("valid intervention refused: %v", err)
	}
	for _, tc := range []struct {
		name, field, msg string
		mod              func(*Intervention)
	}{
		{"end before start", "period", "sebelum tanggal mulai", func(iv *Intervention) { iv.End = day("2024-12-31") }},
		{"negative budget", "budget", "negatif", func(iv *Intervention) { iv.Budget = -1 }},
		{"no area", "areas", "minimal satu desa", func(iv *Intervention) { iv.Areas = nil }},
		{"no programme", "programme", "Pilih program", func(iv *Intervention) { iv.Programme = " " }},
		{"no priority", "priority", "prioritas", func(iv *Intervention) { iv.Priority = PriorityNone }},
		{"no agency", "agency", "OPD", func(iv *Intervention) { iv.Agency = "" }},
		{"no funding", "funding", "sumber dana", func(iv *Intervention) { iv.Funding = "" }},
		{"unknown area", "areas", "99.99", func(iv *Intervention) { iv.Areas = []string{"99.99.99.2001"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			iv := valid()
			tc.mod(&iv)
			err := iv.Validate(func(c string) bool { return strings.HasPrefix(c, "35.23") })
			var fe FieldErrors
			if !errors.As(err, &fe) || !fe.Has(tc.field) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want a %s error saying %q", err, tc.field, tc.msg)
			}
		})
	}
}

func TestParseRupiah(t *testing.T) {
	for s, want := range map[string]int64{"Rp 1.250.000": 1250000, "1250000": 1250000, "1.250.000,00": 1250000, "Rp1.000": 1000, "0": 0} {
		if got, err := ParseRupiah(s); err != nil || got != want {
			t.Errorf("ParseRupiah(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for s, msg := range map[string]string{"-5000": "negatif", "12,50": "sen", "satu juta": "bukan angka", "": "kosong"} {
		if _, err := ParseRupiah(s); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseRupiah(%q): %v, want %q", s, err, msg)
		}
	}
}

func TestParsePriorityAndStatus(t *testing.T) {
	for _, p := range Priorities {
		if got, err := ParsePriority(p.Key()); err != nil || got != p {
			t.Errorf("key %q: %v %v", p.Key(), got, err)
		}
		if got, _ := ParsePriority(p.Label()); got != p {
			t.Errorf("label %q", p.Label())
		}
	}
	if _, err := ParsePriority("bansos"); err == nil {
		t.Error("unknown priority accepted")
	}
	for _, s := range Statuses {
		if got, err := ParseStatus(s.String()); err != nil || got != s {
			t.Errorf("status %v", s)
		}
	}
}

func TestActiveOn(t *testing.T) {
	iv := valid()
	for d, want := range map[string]bool{"2024-12-31": false, "2025-01-01": true, "2025-06-15": true, "2025-12-31": true, "2026-01-01": false} {
		if got := iv.ActiveOn(day(d)); got != want {
			t.Errorf("%s: active %v", d, got)
		}
	}
	iv.Status = StatusSelesai
	if iv.ActiveOn(day("2025-06-15")) {
		t.Error("a finished intervention is active")
	}
}

func TestCoverageSharesAddUp(t *testing.T) {
	villages := []*geo.Area{
		{Code: "35.23.01.2001", Parent: "35.23.01"},
		{Code: "35.23.01.2002", Parent: "35.23.01"},
		{Code: "35.23.02.2001", Parent: "35.23.02"},
	}
	kec := []*geo.Area{{Code: "35.23.01", Name: "Kenduruan"}, {Code: "35.23.02", Name: "Jatirogo"}}
	a := valid() // one desa
	a.Budget, a.Households = 1000, 10
	b := valid() // the whole of kecamatan 01: shared 1:3 by poor households
	b.Areas, b.Budget, b.Households, b.Priority = []string{"35.23.01"}, 4000, 40, PriorityPendapatan
	c := valid() // two desa, one weight unknown: shared evenly
	c.Areas, c.Budget, c.Status = []string{"35.23.01.2002", "35.23.02.2001"}, 300, StatusSelesai
	ivs := []Intervention{a, b, c}
	r := Coverage(ivs, villages, []float64{10, 30, math.NaN()}, day("2025-06-01"))
	if r[0].Interventions != 2 || r[1].Interventions != 2 || r[2].Interventions != 1 {
		t.Errorf("counts %d %d %d", r[0].Interventions, r[1].Interventions, r[2].Interventions)
	}
	if r[1].Active != 1 || r[2].Active != 0 {
		t.Errorf("active %d %d: a finished intervention counts as active", r[1].Active, r[2].Active)
	}
	if r[0].Budget != 1000+1000 || r[1].Budget != 3000+150 || r[2].Budget != 150 {
		t.Errorf("budgets %v %v %v", r[0].Budget, r[1].Budget, r[2].Budget)
	}
	var total float64
	for _, x := range r {
		total += x.Budget
	}
	if total != 5300 {
		t.Errorf("shares add up to %v, want 5300", total)
	}
	if r[1].ByPriority[PriorityPendapatan].Budget != 3000 {
		t.Errorf("by priority %+v", r[1].ByPriority)
	}
	s := SummarizeKecamatan(ivs, villages, kec, r, day("2025-06-01"))
	if s[0].Interventions != 3 || s[0].Budget != 5150 || s[1].Interventions != 1 || s[1].Budget != 150 || s[0].Active != 2 {
		t.Errorf("kecamatan summary %+v", s)
	}
}

func TestProgrammeDefaults(t *testing.T) {
	for _, tc := range []struct{ prog, funding, agency string }{
		{"BLT DBHCHT", "DBHCHT", ""},
		{"BLT Dana Desa", "Dana Desa", "Pemdes"},
		{"PKH", "APBN", ""},
		{"BPNT/Sembako", "APBN", ""},
		{"Pelatihan kerja", "", "Disnakerin"},
		{"Modal usaha/UMKM", "", "Diskopumdag"},
		{"Rehabilitasi rumah (RTLH)", "", ""},
	} {
		if f, a := ProgrammeDefaults(tc.prog); f != tc.funding || a != tc.agency {
			t.Errorf("%s: %q %q", tc.prog, f, a)
		}
		for _, v := range []string{tc.funding, tc.agency} {
			if v != "" && !slices.Contains(FundingSources, v) && !slices.Contains(Agencies, v) {
				t.Errorf("%s: %q is no funding source or agency", tc.prog, v)
			}
		}
	}
}
