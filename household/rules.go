package household

import (
	"strings"
	"unicode"
)

// Rule codes. They are stable: reports, saved findings and tests refer to
// them, so a code is never renamed or reused.
const (
	RuleNIKLength       = "NIK-PANJANG"
	RuleKKLength        = "KK-PANJANG"
	RuleNIKRegion       = "NIK-WILAYAH"
	RuleNIKDate         = "NIK-TGL"
	RuleNIKDuplicate    = "NIK-GANDA"
	RuleKKDuplicate     = "KK-GANDA"
	RuleDesaCode        = "DESA-KODE"
	RuleDesaName        = "DESA-NAMA"
	RuleDesaMissing     = "DESA-KOSONG"
	RuleDesil           = "DESIL"
	RuleMembersZero     = "ART-NOL"
	RuleMembersCount    = "ART-TIDAK-KONSISTEN"
	RuleStacking        = "BANSOS-GANDA"
	RulePointOutside    = "KOORDINAT-LUAR"
	RulePointNearEdge   = "KOORDINAT-TEPI"
	RulePointOutOfRange = "KOORDINAT-RENTANG"
)

// Rule describes one validation rule for reports and for the user.
type Rule struct {
	Code        string   // stable code, one of the Rule… constants
	Severity    Severity // severity of every finding of the rule
	Description string   // Indonesian: what the rule checks and why
}

// Rules lists every validation rule in the order Check reports them, the
// cross-record rules (checked by Finish) included.
var Rules = []Rule{
	{RuleNIKLength, Error, "NIK kepala rumah tangga harus tepat 16 angka (Dukcapil: PP KK CC DDMMYY NNNN)."},
	{RuleNIKRegion, Error, "Angka 1–2 NIK harus kode provinsi dan angka 1–4 kode kabupaten/kota yang ada dalam daftar kode wilayah Kemendagri."},
	{RuleNIKDate, Error, "Angka 7–12 NIK adalah tanggal lahir DDMMYY: tanggal 01–31 (laki-laki) atau 41–71 (perempuan, tanggal + 40), bulan 01–12, dan tanggal itu harus ada dalam bulannya."},
	{RuleKKLength, Error, "Nomor Kartu Keluarga harus tepat 16 angka."},
	{RuleNIKDuplicate, Error, "Satu NIK hanya boleh menjadi kepala satu rumah tangga dalam daftar."},
	{RuleKKDuplicate, Error, "Satu nomor KK hanya boleh tercatat satu kali dalam daftar."},
	{RuleDesaCode, Error, "Kode desa yang diisi harus kode desa/kelurahan yang ada dalam batas wilayah yang dimuat."},
	{RuleDesaName, Warning, "Nama desa yang diisi harus sama dengan nama desa dari kodenya (tanpa membedakan huruf besar, spasi dan tanda baca)."},
	{RuleDesaMissing, Error, "Rumah tangga harus dapat dipetakan ke tepat satu desa: isi kode desa, atau nama desa yang hanya dimiliki satu desa."},
	{RuleDesil, Error, "Desil kesejahteraan harus diisi dengan angka 1–10 (DTSEN)."},
	{RuleMembersZero, Error, "Jumlah anggota rumah tangga harus diisi dan minimal 1."},
	{RuleMembersCount, Error, "Jumlah anggota penyandang disabilitas dan lanjut usia tidak boleh negatif atau melebihi jumlah anggota rumah tangga."},
	{RuleStacking, Error, "Rumah tangga tidak boleh menerima bantuan yang dilarang digabung menurut aturan bansos ganda (bawaan: BLT DBHCHT bersama PKH/BPNT)."},
	{RulePointOutOfRange, Error, "Bujur harus −180..180 dan lintang −90..90 derajat (WGS84)."},
	{RulePointOutside, Error, "Titik koordinat rumah tangga harus berada di dalam desa yang tercatat; titik yang jauh di luar batas desa adalah kesalahan."},
	{RulePointNearEdge, Warning, "Titik koordinat sedikit di luar batas desa yang tercatat (dalam batas toleransi): periksa, mungkin batas desa atau GPS kurang tepat."},
}

// RuleByCode returns the rule with the given code and whether it exists.
func RuleByCode(code string) (Rule, bool) {
	for _, r := range Rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// DefaultBorderTolerance is the default Config.BorderTolerance in metres.
const DefaultBorderTolerance = 100

// StackRule forbids a household to receive Programme together with any of
// Forbidden. Programme names are compared with ProgrammeKey, so spelling,
// case, hyphens and the aliases of ProgrammeName do not matter.
type StackRule struct {
	Name      string   // shown in messages, e.g. "BLT DBHCHT + PKH/BPNT"
	Programme string   // the programme the rule restricts
	Forbidden []string // programmes it must not be combined with
}

// Config holds the validation settings a user may change.
type Config struct {
	// Stacking lists the forbidden programme combinations (rule
	// BANSOS-GANDA). Nil or empty means no combination is checked.
	Stacking []StackRule
	// BorderTolerance is the distance in metres from the declared desa's
	// boundary within which a point outside the desa is only a warning
	// (KOORDINAT-TEPI); farther it is an error (KOORDINAT-LUAR). Zero
	// means DefaultBorderTolerance; a negative value means no tolerance.
	BorderTolerance float64
}

// DefaultConfig returns the default settings: a border tolerance of 100 m
// and one stacking rule, BLT DBHCHT together with PKH or BPNT in one
// household. The rule follows the BLT DBHCHT exclusion rules reported in
// docs/domain.md §3.8 ("no PKH/BPNT/BLT-DD/BPUM; one per family", Pacitan;
// secondary news sources, not a regulation), so it is a default the user
// can change, not a constant: add "BLT-DD" and "BPUM" to Forbidden where
// the local juknis excludes them too.
func DefaultConfig() Config {
	return Config{
		Stacking: []StackRule{{
			Name:      "BLT DBHCHT + PKH/BPNT",
			Programme: "BLT DBHCHT",
			Forbidden: []string{"PKH", "BPNT"},
		}},
		BorderTolerance: DefaultBorderTolerance,
	}
}

// tolerance returns the effective border tolerance in metres.
func (c Config) tolerance() float64 {
	switch {
	case c.BorderTolerance == 0:
		return DefaultBorderTolerance
	case c.BorderTolerance < 0:
		return 0
	}
	return c.BorderTolerance
}

// programmeAliases maps normalised spellings (see normProgramme) to the
// canonical normalised name. "" means "no programme".
var programmeAliases = map[string]string{
	"SEMBAKO":         "BPNT",
	"PROGRAM SEMBAKO": "BPNT",
	"BPNT/SEMBAKO":    "BPNT",
	"SEMBAKO/BPNT":    "BPNT",
	"BPNT SEMBAKO":    "BPNT",
	"BLTDD":           "BLT DD",
	"BLT DANA DESA":   "BLT DD",
	"PBI":             "PBI JK",
	"PBI JKN":         "PBI JK",
	"KIS PBI":         "PBI JK",
	"-":               "",
	"0":               "",
	"TIDAK":           "",
	"TIDAK ADA":       "",
	"NONE":            "",
}

// programmeDisplay maps canonical normalised names to the usual spelling.
var programmeDisplay = map[string]string{
	"BLT DD": "BLT-DD",
	"PBI JK": "PBI-JK",
}

// normProgramme upper-cases s, turns hyphens and underscores into spaces,
// collapses white space, removes spaces around '/' and applies the aliases.
func normProgramme(s string) string {
	s = strings.ToUpper(strings.NewReplacer("-", " ", "_", " ").Replace(s))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(strings.ReplaceAll(s, " /", "/"), "/ ", "/")
	if a, ok := programmeAliases[s]; ok {
		return a
	}
	return s
}

// ProgrammeName returns the canonical spelling of a programme name:
// upper case, hyphens and spaces normalised, with a small alias table
// ("Sembako" and "BPNT/Sembako" → "BPNT"; "BLT DD", "BLT Dana Desa" →
// "BLT-DD"; "PBI", "PBI JK" → "PBI-JK"). "-", "0", "tidak ada" and "" mean
// no programme and give "".
func ProgrammeName(s string) string {
	n := normProgramme(s)
	if d, ok := programmeDisplay[n]; ok {
		return d
	}
	return n
}

// ProgrammeKey returns the programme's key for indicator names: the
// canonical name in lower snake case ("pkh", "bpnt", "blt_dd",
// "blt_dbhcht", "pbi_jk"), or "" for no programme.
func ProgrammeKey(s string) string {
	n := normProgramme(s)
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(n) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		} else {
			under = true
		}
	}
	return b.String()
}

// SplitProgrammes splits a programme cell ("PKH; BPNT", "PKH, BPNT" or
// "PKH|BPNT") into names, dropping empty parts. '/' does not split, so
// "BPNT/Sembako" stays one programme.
func SplitProgrammes(cell string) []string {
	parts := strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == ',' || r == '|' || r == '\n' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// stackRule is a StackRule with its programmes as keys.
type stackRule struct {
	rule      StackRule
	key       string
	forbidden []string
}

// compileStacking turns the configured rules into keys; rules without a
// programme are dropped.
func compileStacking(rules []StackRule) []stackRule {
	var out []stackRule
	for _, r := range rules {
		sr := stackRule{rule: r, key: ProgrammeKey(r.Programme)}
		if sr.key == "" {
			continue
		}
		for _, f := range r.Forbidden {
			if k := ProgrammeKey(f); k != "" && k != sr.key {
				sr.forbidden = append(sr.forbidden, k)
			}
		}
		if len(sr.forbidden) > 0 {
			out = append(out, sr)
		}
	}
	return out
}

// programmeSet returns the keys of the household's programmes and, for
// each key, the name as written first.
func programmeSet(progs []string) map[string]string {
	if len(progs) == 0 {
		return nil
	}
	m := make(map[string]string, len(progs))
	for _, p := range progs {
		if k := ProgrammeKey(p); k != "" {
			if _, ok := m[k]; !ok {
				m[k] = strings.TrimSpace(p)
			}
		}
	}
	return m
}

// violation is one broken stacking rule: the rule and the forbidden
// programmes found, as written.
type violation struct {
	rule  *stackRule
	found []string
}

// violations returns the stacking rules the programme set breaks.
func violations(rules []stackRule, set map[string]string) []violation {
	var out []violation
	for i := range rules {
		r := &rules[i]
		if _, ok := set[r.key]; !ok {
			continue
		}
		var found []string
		for _, f := range r.forbidden {
			if name, ok := set[f]; ok {
				found = append(found, name)
			}
		}
		if len(found) > 0 {
			out = append(out, violation{r, found})
		}
	}
	return out
}
