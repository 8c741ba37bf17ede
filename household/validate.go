package household

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Validator checks the records of one import against Rules. Build one with
// NewValidator per import, call Check for every record in file order, then
// Finish once for the rules that compare records. To keep memory bounded it
// remembers only the first row of every NIK and KK (a few tens of MB for
// 200,000 households). A Validator is not safe for concurrent use.
type Validator struct {
	cfg     Config
	tol     float64
	stack   []stackRule
	regions map[string]bool

	villages []*geo.Area      // desa and kelurahan, in the order given
	byCode   map[string]int   // code → villages index
	byName   map[string][]int // geo.NormalizeName(name) → villages indices
	kecName  map[string]string
	index    *geo.Index // over villages with a geometry
	indexed  []int      // index position → villages index

	nikFirst map[string]int // 16-digit NIK → first row
	kkFirst  map[string]int // 16-digit KK → first row
	dups     []Finding      // NIK-GANDA and KK-GANDA, reported by Finish
}

// NewValidator prepares the checks of one import. areas are all areas
// loaded: the desa/kelurahan (with their boundaries, for the coordinate
// rules) and the kecamatan (whose names make messages clearer); other
// levels are ignored. regionCodes is the set of valid Kemendagri province
// ("35") and kabupaten/kota ("35.23") codes, usually from the national
// code list; when it is empty the rule NIK-WILAYAH is not checked.
func NewValidator(areas []*geo.Area, regionCodes map[string]bool, cfg Config) *Validator {
	v := &Validator{
		cfg:      cfg,
		tol:      cfg.tolerance(),
		stack:    compileStacking(cfg.Stacking),
		regions:  regionCodes,
		byCode:   map[string]int{},
		byName:   map[string][]int{},
		kecName:  map[string]string{},
		nikFirst: map[string]int{},
		kkFirst:  map[string]int{},
	}
	var withGeom []*geo.Area
	for _, a := range areas {
		switch {
		case a == nil:
		case a.Level.IsVillage():
			if _, dup := v.byCode[a.Code]; dup {
				continue
			}
			i := len(v.villages)
			v.villages = append(v.villages, a)
			v.byCode[a.Code] = i
			n := geo.NormalizeName(a.Name)
			v.byName[n] = append(v.byName[n], i)
			if len(a.Geom) > 0 {
				withGeom = append(withGeom, a)
				v.indexed = append(v.indexed, i)
			}
		case a.Level == geo.LevelKecamatan:
			v.kecName[a.Code] = a.Name
		}
	}
	v.index = geo.NewIndex(withGeom)
	return v
}

// Config returns the settings the validator was built with.
func (v *Validator) Config() Config { return v.cfg }

// cleanID removes the spaces and the leading apostrophe (Excel's "text"
// marker) around a NIK or KK as written.
func cleanID(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "'")
	return strings.Join(strings.Fields(s), "")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// idLengthProblem explains why id (NIK or KK, already cleaned) is not 16
// digits, or returns "" when it is.
func idLengthProblem(what, id string) string {
	switch {
	case id == "":
		return what + " kosong; " + what + " wajib diisi dengan 16 angka"
	case strings.ContainsAny(id, "eE") && strings.ContainsAny(id, "+.,"):
		return fmt.Sprintf("%s %s tampaknya diubah Excel menjadi notasi ilmiah (mis. 3,52E+15) sehingga angka terakhirnya hilang; format kolomnya sebagai Teks lalu impor ulang", what, Mask(id))
	case !allDigits(id):
		for _, r := range id {
			if r < '0' || r > '9' {
				return fmt.Sprintf("%s %s memuat karakter %q; %s hanya berisi 16 angka", what, Mask(id), r, what)
			}
		}
	case len(id) != 16:
		return fmt.Sprintf("%s %s berisi %d angka; %s harus tepat 16 angka", what, Mask(id), len(id), what)
	}
	return ""
}

var monthNames = [...]string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// daysIn is the number of days of each month; February has 29 because the
// NIK gives no century, so any year may be a leap year.
var daysIn = [...]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// nikDateProblem checks digits 7–12 (DDMMYY, day + 40 for women) of a
// 16-digit NIK and explains what is wrong, or returns "".
func nikDateProblem(nik string) string {
	dd, _ := strconv.Atoi(nik[6:8])
	mm, _ := strconv.Atoi(nik[8:10])
	day := dd
	if dd > 40 {
		day = dd - 40
	}
	m := Mask(nik)
	switch {
	case dd < 1 || dd > 71 || (dd > 31 && dd < 41):
		return fmt.Sprintf("NIK %s: tanggal lahir %s (angka 7–8) tidak sah; harus 01–31 (laki-laki) atau 41–71 (perempuan, tanggal + 40)", m, nik[6:8])
	case mm < 1 || mm > 12:
		return fmt.Sprintf("NIK %s: bulan lahir %s (angka 9–10) tidak sah; harus 01–12", m, nik[8:10])
	case day > daysIn[mm]:
		return fmt.Sprintf("NIK %s: tanggal lahir %d %s (angka 7–10 = %s) tidak ada; %s hanya %d hari", m, day, monthNames[mm], nik[6:10], monthNames[mm], daysIn[mm])
	}
	return ""
}

// villageLabel names a village for messages: "Sidorejo (Kec. Kenduruan, 35.23.01.2008)".
func (v *Validator) villageLabel(a *geo.Area) string {
	if k, ok := v.kecName[a.Parent]; ok {
		return fmt.Sprintf("%s (Kec. %s, %s)", a.Name, k, a.Code)
	}
	return fmt.Sprintf("%s (%s)", a.Name, a.Code)
}

// resolve finds the record's desa: by code when a code is written, else by
// a name that identifies exactly one desa. It returns the villages index
// (-1 when unresolved) and the desa findings.
func (v *Validator) resolve(r *Record) (int, []Finding) {
	code := strings.TrimSpace(r.DesaCode)
	name := strings.TrimSpace(r.DesaName)
	nn := geo.NormalizeName(name)
	byName := v.byName[nn]
	if nn == "" {
		byName = nil
	}
	f := func(rule, field, msg string) []Finding {
		sev := Error
		if rule == RuleDesaName {
			sev = Warning
		}
		return []Finding{{Rule: rule, Severity: sev, Row: r.Row, Field: field, NIK: r.NIK, Message: msg}}
	}
	if code != "" {
		norm, err := geo.NormalizeCode(code)
		if err != nil {
			return -1, f(RuleDesaCode, "kode_desa", fmt.Sprintf("kode desa %q tidak sah: %v", code, err)+v.suggest(byName))
		}
		i, ok := v.byCode[norm]
		if !ok {
			msg := fmt.Sprintf("kode desa %q tidak dikenal: bukan kode desa/kelurahan dalam batas wilayah yang dimuat", code)
			if l := geo.CodeLevel(norm); !l.IsVillage() {
				msg = fmt.Sprintf("kode %q adalah kode %s, bukan kode desa/kelurahan (PP.KK.CC.DDDD)", code, l)
			}
			return -1, f(RuleDesaCode, "kode_desa", msg+v.suggest(byName))
		}
		a := v.villages[i]
		if nn != "" && nn != geo.NormalizeName(a.Name) {
			return i, f(RuleDesaName, "nama_desa", fmt.Sprintf("nama desa %q tidak cocok dengan kode %s, yaitu desa %s; periksa kode atau nama desanya", name, a.Code, v.villageLabel(a)))
		}
		return i, nil
	}
	switch {
	case name == "":
		return -1, f(RuleDesaMissing, "kode_desa", "kode desa dan nama desa kosong; rumah tangga tidak dapat dipetakan ke desa")
	case len(byName) == 0:
		return -1, f(RuleDesaMissing, "nama_desa", fmt.Sprintf("kode desa kosong dan nama desa %q tidak dikenal dalam batas wilayah yang dimuat; isi kode desa", name))
	case len(byName) > 1:
		labels := make([]string, len(byName))
		for k, i := range byName {
			labels[k] = v.villageLabel(v.villages[i])
		}
		return -1, f(RuleDesaMissing, "nama_desa", fmt.Sprintf("kode desa kosong dan nama desa %q dimiliki %d desa: %s; isi kode desa", name, len(byName), strings.Join(labels, ", ")))
	}
	return byName[0], nil
}

// suggest names the desa a name identifies, for the DESA-KODE message.
func (v *Validator) suggest(byName []int) string {
	if len(byName) == 1 {
		return "; nama desanya cocok dengan " + v.villageLabel(v.villages[byName[0]])
	}
	return ""
}

// Desa returns the code of the record's desa as Check resolves it: the
// desa of a known code, else of a name that identifies exactly one desa
// (when no code is written); "" when the desa is unknown.
func (v *Validator) Desa(r *Record) string {
	i, _ := v.resolve(r)
	if i < 0 {
		return ""
	}
	return v.villages[i].Code
}

// Check applies the per-record rules to r, in the order of Rules, and
// remembers its NIK and KK for Finish. Every finding carries the resolved
// desa code (DesaCode, "" when unknown), the row and the NIK as written;
// messages show NIK and KK only masked.
func (v *Validator) Check(r *Record) []Finding {
	var out []Finding
	desa, desaFindings := v.resolve(r)
	desaCode := ""
	if desa >= 0 {
		desaCode = v.villages[desa].Code
	}
	add := func(rule string, sev Severity, field, msg string) {
		out = append(out, Finding{Rule: rule, Severity: sev, Row: r.Row, Field: field, DesaCode: desaCode, NIK: r.NIK, Message: msg})
	}

	// NIK and KK.
	nik := cleanID(r.NIK)
	if p := idLengthProblem("NIK", nik); p != "" {
		add(RuleNIKLength, Error, "nik_kepala", p)
	} else {
		if len(v.regions) > 0 {
			switch {
			case !v.regions[nik[:2]]:
				add(RuleNIKRegion, Error, "nik_kepala", fmt.Sprintf("NIK %s: kode provinsi %s (angka 1–2) tidak ada dalam daftar kode wilayah Kemendagri", Mask(nik), nik[:2]))
			case !v.regions[nik[:2]+"."+nik[2:4]]:
				add(RuleNIKRegion, Error, "nik_kepala", fmt.Sprintf("NIK %s: kode kabupaten/kota %s.%s (angka 1–4) tidak ada dalam daftar kode wilayah Kemendagri", Mask(nik), nik[:2], nik[2:4]))
			}
		}
		if p := nikDateProblem(nik); p != "" {
			add(RuleNIKDate, Error, "nik_kepala", p)
		}
		if first, ok := v.nikFirst[nik]; ok {
			v.dups = append(v.dups, Finding{Rule: RuleNIKDuplicate, Severity: Error, Row: r.Row, Field: "nik_kepala", DesaCode: desaCode, NIK: r.NIK,
				Message: fmt.Sprintf("NIK %s sudah menjadi kepala rumah tangga di baris %d; satu NIK hanya boleh mengepalai satu rumah tangga", Mask(nik), first)})
		} else {
			v.nikFirst[nik] = r.Row
		}
	}
	kk := cleanID(r.KK)
	if p := idLengthProblem("No. KK", kk); p != "" {
		add(RuleKKLength, Error, "no_kk", p)
	} else if first, ok := v.kkFirst[kk]; ok {
		v.dups = append(v.dups, Finding{Rule: RuleKKDuplicate, Severity: Error, Row: r.Row, Field: "no_kk", DesaCode: desaCode, NIK: r.NIK,
			Message: fmt.Sprintf("No. KK %s sudah tercatat di baris %d; satu KK hanya boleh satu kali dalam daftar", Mask(kk), first)})
	} else {
		v.kkFirst[kk] = r.Row
	}

	// Desa.
	for _, f := range desaFindings {
		f.DesaCode = desaCode
		out = append(out, f)
	}

	// Desil.
	if r.Desil < 1 || r.Desil > 10 {
		txt := strings.TrimSpace(r.DesilText)
		if txt == "" && r.Desil != 0 {
			txt = strconv.Itoa(r.Desil)
		}
		if txt == "" {
			add(RuleDesil, Error, "desil", "desil kosong; desil harus diisi dengan angka 1–10")
		} else {
			add(RuleDesil, Error, "desil", fmt.Sprintf("desil %q tidak sah; desil harus angka 1–10", txt))
		}
	}

	// Members.
	switch {
	case r.Members == -1:
		add(RuleMembersZero, Error, "jumlah_art", "jumlah anggota rumah tangga kosong; isi minimal 1 (kepala rumah tangga)")
	case r.Members <= 0:
		add(RuleMembersZero, Error, "jumlah_art", fmt.Sprintf("jumlah anggota rumah tangga %d; rumah tangga minimal 1 orang (kepala rumah tangga)", r.Members))
	default:
		var probs []string
		field := "art_disabilitas"
		if r.Disabled < -1 || r.Disabled > r.Members {
			probs = append(probs, fmt.Sprintf("anggota penyandang disabilitas %d", r.Disabled))
		}
		if r.Elderly < -1 || r.Elderly > r.Members {
			if len(probs) == 0 {
				field = "art_lansia"
			}
			probs = append(probs, fmt.Sprintf("anggota lanjut usia %d", r.Elderly))
		}
		if len(probs) > 0 {
			add(RuleMembersCount, Error, field, fmt.Sprintf("%s tidak sesuai dengan jumlah anggota rumah tangga %d; tidak boleh negatif atau melebihi jumlah anggota", strings.Join(probs, " dan "), r.Members))
		}
	}

	// Programmes.
	if len(v.stack) > 0 && len(r.Programmes) > 1 {
		set := programmeSet(r.Programmes)
		for _, vi := range violations(v.stack, set) {
			add(RuleStacking, Error, "program", fmt.Sprintf("rumah tangga menerima %s bersama %s; dilarang oleh aturan bansos ganda %q",
				set[vi.rule.key], strings.Join(vi.found, " dan "), vi.rule.rule.Name))
		}
	}

	// Coordinates.
	if r.HasPoint {
		lon, lat := r.Point[0], r.Point[1]
		switch {
		case !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90):
			msg := fmt.Sprintf("koordinat (bujur %g, lintang %g) di luar rentang: bujur harus −180..180 dan lintang −90..90", lon, lat)
			if lat >= 90 && lat <= 180 && lon >= -90 && lon <= 90 {
				msg += "; bujur dan lintang tampaknya tertukar"
			}
			add(RulePointOutOfRange, Error, "lon/lat", msg)
		case desa >= 0 && len(v.villages[desa].Geom) > 0:
			a := v.villages[desa]
			if a.Contains(r.Point) {
				break
			}
			d := DistanceToBoundary(a.Geom, r.Point)
			where := "tidak berada di desa mana pun dalam batas wilayah yang dimuat"
			if j := v.index.At(r.Point); j >= 0 {
				where = "berada di desa " + v.villageLabel(v.villages[v.indexed[j]])
			}
			if d <= v.tol {
				add(RulePointNearEdge, Warning, "lon/lat", fmt.Sprintf("titik koordinat %s, %s di luar batas desa %s yang tercatat (toleransi %s); periksa titik atau batas desanya",
					where, distance(d), v.villageLabel(a), distance(v.tol)))
			} else {
				add(RulePointOutside, Error, "lon/lat", fmt.Sprintf("titik koordinat %s, %s di luar batas desa %s yang tercatat (lebih dari toleransi %s)",
					where, distance(d), v.villageLabel(a), distance(v.tol)))
			}
		}
	}
	return out
}

// distance formats metres for messages: "18 m", "1.250 m" below 10 km,
// "62,7 km" above (Indonesian separators).
func distance(d float64) string {
	if d >= 10_000 {
		km := strconv.FormatFloat(math.Round(d/100)/10, 'f', 1, 64)
		return thousands(km[:len(km)-2]) + "," + km[len(km)-1:] + " km"
	}
	return thousands(strconv.FormatInt(int64(math.Round(d)), 10)) + " m"
}

// thousands inserts '.' between groups of three digits of an unsigned integer.
func thousands(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Finish returns the findings of the rules that compare records: every
// NIK heading a second household (NIK-GANDA) and every KK listed again
// (KK-GANDA), one finding per repeated row naming the first row, sorted by
// row. Only well-formed (16-digit) numbers are compared; malformed ones
// are already reported by NIK-PANJANG and KK-PANJANG. Call it once, after
// the last Check.
func (v *Validator) Finish() []Finding {
	out := make([]Finding, len(v.dups))
	copy(out, v.dups)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
	return out
}

// DistanceToBoundary is geo.DistanceToBoundary: the distance in metres
// from p to the nearest edge of mp.
func DistanceToBoundary(mp orb.MultiPolygon, p orb.Point) float64 {
	return geo.DistanceToBoundary(mp, p)
}
