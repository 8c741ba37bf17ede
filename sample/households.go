package sample

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
)

// DefaultHouseholds is the default size of a generated household list:
// about 150,000 households, roughly the DTKS of Tuban (the 2021 verval
// covered 193,991 KK, 153,833 of them still eligible; docs/domain.md §3.9).
const DefaultHouseholds = 150_000

// DefaultErrorRate is the default share of households given each kind of
// planted error.
const DefaultErrorRate = 0.01

// HouseholdOptions sets the size of a generated list and its errors.
type HouseholdOptions struct {
	// Households is the number of records; 0 means DefaultHouseholds.
	Households int
	// ErrorRate is the share of households planted with each kind of
	// error (one kind per rule code, each on its own households); 0 means
	// DefaultErrorRate and a negative rate plants none. The rate is capped
	// so that all kinds fit on distinct households.
	ErrorRate float64
}

// HouseholdList is a generated household list.
type HouseholdList struct {
	// Records are the households, Row = line in WriteCSV's output
	// (header = 1), sorted by desa code.
	Records []household.Record
	// Planted is the exact number of households planted with an error of
	// each household rule code (every code of household.Rules is present,
	// possibly 0). Each planted household breaks exactly one rule once, and
	// the other households break none, with household.DefaultConfig()
	// (stacking BLT DBHCHT + PKH/BPNT, border tolerance 100 m): validating
	// the list with those settings gives exactly these counts.
	Planted map[string]int
}

// jatimKab are the kabupaten/kota codes of Jawa Timur other than Tuban,
// for heads whose NIK was first issued elsewhere (valid Kemendagri codes).
var jatimKab = []string{
	"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18",
	"19", "20", "21", "22", "24", "25", "26", "27", "28", "29", "71", "72", "73", "74", "75", "76", "77", "78", "79",
}

// nearKab are Tuban's Jawa Timur neighbours, 35.22 Bojonegoro and 35.24
// Lamongan, drawn more often than the rest of Jatim (Rembang, the third
// neighbour, is in Jawa Tengah).
var nearKab = []string{"22", "24"}

// badProvinces are two-digit codes that are no Indonesian province.
var badProvinces = []string{"10", "20", "30", "40", "45", "50", "80", "99"}

// Name syllables: Javanese given names and common Islamic names.
var (
	malePre   = []string{"Su", "Sa", "Ka", "Mu", "Pa", "Wa", "Ra", "Ja", "Tu", "Ha", "Ma", "Da", "Ba", "Sla", "Ku", "Pra", "Sar"}
	maleMid   = []string{"", "", "par", "mi", "ki", "ya", "ha", "di", "ja", "ri", "la", "na", "lik", "sa", "ga"}
	maleEnd   = []string{"man", "no", "di", "jo", "min", "to", "ri", "lan", "yanto", "wan", "yono", "pan", "kun", "rip"}
	femPre    = []string{"Sri", "Tu", "Su", "Ka", "Sa", "Mu", "Wa", "Ni", "Ra", "Pa", "Ju", "Mar"}
	femEnd    = []string{"yati", "ni", "wati", "ningsih", "tun", "sih", "mi", "nah", "yah", "rah", "tin", "ti"}
	maleFirst = []string{"Ahmad", "Muhammad", "Moch.", "Abdul", "Imam", "Slamet", "Agus"}
	femFirst  = []string{"Siti", "Nur", "Sri", "Dwi", "Umi"}
	dusun     = []string{"Krajan", "Ngasem", "Sumber", "Kauman", "Karanganyar", "Ngrejo", "Tegalsari", "Jambean",
		"Kedungrejo", "Gesikan", "Pomahan", "Ngemplak", "Wangil", "Sidomulyo", "Ngelo", "Jatisari"}
)

// desilTail weights desil 5–10: the list is mostly DTKS-like (desil 1–4)
// with a tail from DTSEN.
var desilTail = [...]float64{0.06, 0.035, 0.025, 0.015, 0.01, 0.005}

// membersWeights are the weights of 1–8 household members.
var membersWeights = [...]float64{0.08, 0.15, 0.22, 0.24, 0.15, 0.09, 0.04, 0.03}

// Programme take-up by desil (index 1–10): PKH desil 1–4, BPNT/Sembako and
// PBI-JK up to about desil 5 (docs/domain.md §3.4, secondary sources).
var (
	pPKH  = [...]float64{0, 0.45, 0.40, 0.30, 0.20, 0, 0, 0, 0, 0, 0}
	pBPNT = [...]float64{0, 0.65, 0.55, 0.45, 0.35, 0.20, 0, 0, 0, 0, 0}
	pPBI  = [...]float64{0, 0.75, 0.75, 0.70, 0.65, 0.50, 0.20, 0, 0, 0, 0}
	pDD   = [...]float64{0, 0.08, 0.08, 0.06, 0, 0, 0, 0, 0, 0, 0}
	pDBH  = [...]float64{0, 0.06, 0.06, 0.06, 0.05, 0.04, 0.03, 0, 0, 0, 0}
)

// plantKinds are the planted error kinds in the order they are assigned.
var plantKinds = []string{
	household.RuleNIKLength, household.RuleKKLength, household.RuleNIKRegion, household.RuleNIKDate,
	household.RuleNIKDuplicate, household.RuleKKDuplicate, household.RuleDesaCode, household.RuleDesaName,
	household.RuleDesaMissing, household.RuleDesil, household.RuleMembersZero, household.RuleMembersCount,
	household.RuleStacking, household.RulePointOutside, household.RulePointNearEdge, household.RulePointOutOfRange,
}

// hhGen holds the state of one generation.
type hhGen struct {
	r        *rand.Rand
	villages []*geo.Area
	index    *geo.Index
	codes    map[string]bool
	nameN    map[string]int // NormalizeName → number of villages with it
	byKec    map[string][]int
	usedNIK  map[string]bool
	usedKK   map[string]bool
	recs     []household.Record
	vill     []int // village of each record
}

// Households generates a synthetic household list (DTKS/DTSEN style) for
// the desa/kelurahan in areas with a boundary, with errors planted at known
// rates for testing the validation. Households are spread over the desa
// in proportion to the `rt` indicator of Indicators (same seed), with the
// desa's desil mix; NIKs (mostly 35.23, some from other Jawa Timur
// kabupaten such as 35.22 Bojonegoro) and KKs are valid and unique, names
// are built from Javanese syllables, members 1–8, programmes follow the
// desil, and about 60 % of households have a point inside their desa.
// Nothing is real: names, numbers and points are invented. The result
// depends only on the areas, seed and options.
func Households(areas []*geo.Area, seed uint64, opt HouseholdOptions) *HouseholdList {
	n := opt.Households
	if n <= 0 {
		n = DefaultHouseholds
	}
	rate := opt.ErrorRate
	switch {
	case rate == 0:
		rate = DefaultErrorRate
	case rate < 0:
		rate = 0
	}
	// Every kind needs its households, and the two duplicate kinds a clean
	// source household each.
	rate = math.Min(rate, 1/float64(len(plantKinds)+2))

	g := &hhGen{
		r:       rand.New(rand.NewPCG(seed, 0x686f757365686f6c)),
		codes:   map[string]bool{},
		nameN:   map[string]int{},
		byKec:   map[string][]int{},
		usedNIK: map[string]bool{},
		usedKK:  map[string]bool{},
	}
	for _, a := range areas {
		if a != nil && a.Level.IsVillage() && len(a.Geom) > 0 && !g.codes[a.Code] {
			g.codes[a.Code] = true
			g.villages = append(g.villages, a)
		}
	}
	sort.Slice(g.villages, func(i, j int) bool { return g.villages[i].Code < g.villages[j].Code })
	list := &HouseholdList{Planted: map[string]int{}}
	for _, k := range plantKinds {
		list.Planted[k] = 0
	}
	if len(g.villages) == 0 {
		return list
	}
	g.index = geo.NewIndex(g.villages)
	for i, a := range g.villages {
		g.nameN[geo.NormalizeName(a.Name)]++
		kec := geo.ParentCode(a.Code)
		g.byKec[kec] = append(g.byKec[kec], i)
	}

	// Households per desa by largest remainder on rt; desil weights from
	// the desa's desil counts.
	_, vals := Indicators(g.villages, seed)
	ind := byCodeKey(vals)
	weights := make([]float64, len(g.villages))
	total := 0.0
	for i, a := range g.villages {
		weights[i] = math.Max(ind[a.Code]["rt"], 1)
		total += weights[i]
	}
	alloc := largestRemainder(weights, total, n)

	g.recs = make([]household.Record, 0, n)
	g.vill = make([]int, 0, n)
	for i, a := range g.villages {
		dw := desilWeights(ind[a.Code])
		for range alloc[i] {
			g.recs = append(g.recs, g.clean(i, dw))
			g.vill = append(g.vill, i)
		}
	}
	for i := range g.recs {
		g.recs[i].Row = i + 2
	}

	// Plant: a random permutation gives each kind its own households; the
	// duplicate kinds also take clean source households.
	per := min(int(math.Round(rate*float64(n))), n/(len(plantKinds)+2))
	perm := g.r.Perm(n)
	next := 0
	take := func() int { next++; return perm[next-1] }
	for _, kind := range plantKinds {
		for range per {
			i := take()
			src := -1
			if kind == household.RuleNIKDuplicate || kind == household.RuleKKDuplicate {
				src = take()
			}
			if g.plant(kind, i, src) {
				list.Planted[kind]++
			}
		}
	}
	list.Records = g.recs
	return list
}

// byCodeKey indexes values by area code and indicator key.
func byCodeKey(vals []geo.Value) map[string]map[string]float64 {
	m := map[string]map[string]float64{}
	for _, v := range vals {
		if m[v.Code] == nil {
			m[v.Code] = map[string]float64{}
		}
		m[v.Code][v.Indicator] = v.Value
	}
	return m
}

// largestRemainder splits n into integers proportional to weights.
func largestRemainder(weights []float64, total float64, n int) []int {
	out := make([]int, len(weights))
	rem := make([]int, len(weights))
	frac := make([]float64, len(weights))
	left := n
	for i, w := range weights {
		x := w / total * float64(n)
		out[i] = int(x)
		frac[i] = x - float64(out[i])
		rem[i] = i
		left -= out[i]
	}
	sort.SliceStable(rem, func(a, b int) bool { return frac[rem[a]] > frac[rem[b]] })
	for k := 0; k < left; k++ {
		out[rem[k%len(rem)]]++
	}
	return out
}

// desilWeights returns the weights of desil 1–10 (index 1–10) for a desa:
// 85 % desil 1–4 in the desa's own mix, 15 % desil 5–10.
func desilWeights(v map[string]float64) [11]float64 {
	var w [11]float64
	s := 0.0
	for k := 1; k <= 4; k++ {
		w[k] = math.Max(v["rt_desil"+strconv.Itoa(k)], 1)
		s += w[k]
	}
	for k := 1; k <= 4; k++ {
		w[k] = 0.85 * w[k] / s
	}
	t := 0.0
	for _, x := range desilTail {
		t += x
	}
	for k, x := range desilTail {
		w[5+k] = 0.15 * x / t
	}
	return w
}

// pick draws an index with probability proportional to w.
func pick(r *rand.Rand, w []float64) int {
	s := 0.0
	for _, x := range w {
		s += x
	}
	u := r.Float64() * s
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

func one[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *hhGen) name(female bool) string {
	r := g.r
	var given string
	if female {
		given = one(r, femPre) + one(r, femEnd)
	} else {
		given = one(r, malePre) + one(r, maleMid) + one(r, maleEnd)
	}
	switch x := r.Float64(); {
	case x < 0.25 && female:
		return one(r, femFirst) + " " + given
	case x < 0.25:
		return one(r, maleFirst) + " " + given
	case x < 0.4:
		return given + " " + capitalize(one(r, maleMid)+one(r, maleEnd))
	}
	return given
}

// capitalize upper-cases the first letter of an ASCII word.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// daysOf is the number of days of month m in year y.
func daysOf(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// date returns a valid DDMMYY in years lo–hi, with 40 added to the day
// when female.
func (g *hhGen) date(lo, hi int, female bool) string {
	y := lo + g.r.IntN(hi-lo+1)
	m := 1 + g.r.IntN(12)
	d := 1 + g.r.IntN(daysOf(y, m))
	if female {
		d += 40
	}
	return fmt.Sprintf("%02d%02d%02d", d, m, y%100)
}

// nikRegion returns the first six NIK digits of a head living in village i.
func (g *hhGen) nikRegion(i int) string {
	kec := g.villages[i].Code[6:8]
	switch x := g.r.Float64(); {
	case x < 0.85:
		return "3523" + kec
	case x < 0.93:
		return fmt.Sprintf("3523%02d", 1+g.r.IntN(20))
	case x < 0.97:
		return "35" + one(g.r, nearKab) + fmt.Sprintf("%02d", 1+g.r.IntN(25))
	}
	return "35" + one(g.r, jatimKab) + fmt.Sprintf("%02d", 1+g.r.IntN(20))
}

// unique draws values with gen until one is not in used, and records it.
func unique(used map[string]bool, gen func() string) string {
	for {
		if s := gen(); !used[s] {
			used[s] = true
			return s
		}
	}
}

// serial returns a 4-digit serial, mostly small.
func (g *hhGen) serial() string {
	return fmt.Sprintf("%04d", 1+int(math.Abs(g.r.NormFloat64())*120)%9999)
}

// clean generates an error-free household in village i.
func (g *hhGen) clean(i int, dw [11]float64) household.Record {
	r := g.r
	a := g.villages[i]
	female := r.Float64() < 0.2
	prefix := a.Code[:2] + a.Code[3:5] + a.Code[6:8]
	region := g.nikRegion(i)
	rec := household.Record{
		NIK:      unique(g.usedNIK, func() string { return region + g.date(1938, 2003, female) + g.serial() }),
		KK:       unique(g.usedKK, func() string { return prefix + g.date(2005, 2024, false) + g.serial() }),
		Name:     g.name(female),
		Address:  fmt.Sprintf("Dusun %s, RT %03d/RW %03d", one(r, dusun), 1+r.IntN(12), 1+r.IntN(6)),
		DesaCode: a.Code,
		DesaName: a.Name,
	}
	switch x := r.Float64(); {
	case x < 0.05:
		rec.DesaName = strings.ToUpper(a.Name)
	case x < 0.10:
		rec.DesaName = "Desa " + a.Name
		if a.Level == geo.LevelKelurahan {
			rec.DesaName = "Kel. " + a.Name
		}
	case x < 0.14 && g.nameN[geo.NormalizeName(a.Name)] == 1:
		rec.DesaCode = "" // the name alone identifies the desa
	case x < 0.18:
		rec.DesaCode = strings.ReplaceAll(a.Code, ".", "")
	}
	rec.Desil = pick(r, dw[:])
	rec.DesilText = strconv.Itoa(rec.Desil)
	rec.Members = 1 + pick(r, membersWeights[:])
	rec.Disabled = 0
	if x := r.Float64(); x < 0.01 {
		rec.Disabled = 2
	} else if x < 0.08 {
		rec.Disabled = 1
	}
	rec.Elderly = 0
	if x := r.Float64(); x < 0.1 {
		rec.Elderly = 2
	} else if x < 0.35 {
		rec.Elderly = 1
	}
	rec.Disabled = min(rec.Disabled, rec.Members)
	rec.Elderly = min(rec.Elderly, rec.Members)
	if r.Float64() < 0.03 {
		rec.Disabled, rec.Elderly = -1, -1 // not filled in
	}

	d := rec.Desil
	pkh := r.Float64() < pPKH[d]
	bpnt := r.Float64() < pBPNT[d]
	if pkh {
		rec.Programmes = append(rec.Programmes, "PKH")
	}
	if bpnt {
		rec.Programmes = append(rec.Programmes, one(r, []string{"BPNT", "BPNT", "Sembako", "BPNT/Sembako"}))
	}
	if r.Float64() < pPBI[d] {
		rec.Programmes = append(rec.Programmes, one(r, []string{"PBI-JK", "PBI JK"}))
	}
	dd := !pkh && r.Float64() < pDD[d]
	if dd {
		rec.Programmes = append(rec.Programmes, one(r, []string{"BLT-DD", "BLT DD", "BLT Dana Desa"}))
	}
	if !pkh && !bpnt && !dd && r.Float64() < pDBH[d] {
		rec.Programmes = append(rec.Programmes, one(r, []string{"BLT DBHCHT", "BLT-DBHCHT"}))
	}

	if r.Float64() < 0.6 {
		rec.Point, rec.HasPoint = g.pointIn(i)
	}
	return rec
}

// round6 rounds to 6 decimals (about 0.1 m), as WriteCSV writes them.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// pointIn draws a point inside village i by rejection in its bounding box;
// the point is inside after rounding and not in any village listed before.
func (g *hhGen) pointIn(i int) (orb.Point, bool) {
	b := g.villages[i].Bound
	for range 500 {
		p := orb.Point{
			round6(b.Min[0] + g.r.Float64()*(b.Max[0]-b.Min[0])),
			round6(b.Min[1] + g.r.Float64()*(b.Max[1]-b.Min[1])),
		}
		if g.index.At(p) == i {
			return p, true
		}
	}
	return orb.Point{}, false
}

// inside reports whether p is in village i's polygon.
func (g *hhGen) inside(i int, p orb.Point) bool { return g.villages[i].Contains(p) }

// plant gives household k the error kind (src is the clean household a
// duplicate copies). It reports whether the error could be planted.
func (g *hhGen) plant(kind string, k, src int) bool {
	r := g.r
	rec := &g.recs[k]
	vi := g.vill[k]
	a := g.villages[vi]
	// Rules about the desa's area need the desa to resolve by its code.
	placed := func() { rec.DesaCode, rec.DesaName = a.Code, a.Name }
	switch kind {
	case household.RuleNIKLength:
		rec.NIK = rec.NIK[:14+r.IntN(2)]
	case household.RuleKKLength:
		rec.KK += strconv.Itoa(r.IntN(10))
	case household.RuleNIKRegion:
		nik := rec.NIK
		rec.NIK = unique(g.usedNIK, func() string {
			if r.IntN(2) == 0 {
				return one(r, badProvinces) + nik[2:]
			}
			kab := 30 + r.IntN(40) // 35.30–35.69: neither kabupaten (01–29) nor kota (71–79)
			if r.IntN(4) == 0 {
				kab = 80 + r.IntN(20)
			}
			return fmt.Sprintf("35%02d", kab) + nik[4:12] + g.serial()
		})
	case household.RuleNIKDate:
		nik := rec.NIK
		female := nik[6] >= '4'
		rec.NIK = unique(g.usedNIK, func() string {
			var dm string
			switch r.IntN(3) {
			case 0:
				dm = fmt.Sprintf("32%s", nik[8:10]) // day 32
			case 1:
				dm = nik[6:8] + "13" // month 13
			default:
				dm = "3104" // 31 April
			}
			if female && dm[0] == '3' {
				dm = strconv.Itoa(int(dm[0]-'0')+4) + dm[1:]
			}
			return nik[:6] + dm + nik[10:12] + g.serial()
		})
	case household.RuleNIKDuplicate:
		rec.NIK = g.recs[src].NIK
	case household.RuleKKDuplicate:
		rec.KK = g.recs[src].KK
	case household.RuleDesaCode:
		rec.DesaName = a.Name
		kec := geo.ParentCode(a.Code)
		if r.IntN(5) == 0 {
			rec.DesaCode = kec // a kecamatan code, not a desa
			break
		}
		for {
			c := fmt.Sprintf("%s.%d%03d", kec, 1+r.IntN(2), 1+r.IntN(999))
			if !g.codes[c] {
				rec.DesaCode = c
				break
			}
		}
	case household.RuleDesaName:
		placed()
		own := geo.NormalizeName(a.Name)
		cands := g.byKec[geo.ParentCode(a.Code)]
		for range 100 {
			j := one(r, cands)
			if r.IntN(4) == 0 {
				j = r.IntN(len(g.villages))
			}
			if geo.NormalizeName(g.villages[j].Name) != own {
				rec.DesaName = g.villages[j].Name
				return true
			}
		}
		return false
	case household.RuleDesaMissing:
		rec.DesaCode = ""
		switch r.IntN(3) {
		case 0:
			rec.DesaName = ""
		case 1: // a name several desa share
			var amb []string
			for _, v := range g.villages {
				if g.nameN[geo.NormalizeName(v.Name)] > 1 {
					amb = append(amb, v.Name)
				}
			}
			if len(amb) == 0 {
				rec.DesaName = ""
				break
			}
			rec.DesaName = one(r, amb)
		default: // a misspelt name that is no desa
			name := a.Name + "an"
			for g.nameN[geo.NormalizeName(name)] > 0 {
				name += "an"
			}
			rec.DesaName = name
		}
	case household.RuleDesil:
		switch r.IntN(3) {
		case 0:
			rec.Desil, rec.DesilText = 0, ""
		case 1:
			rec.Desil, rec.DesilText = 11, "11"
		default:
			rec.Desil, rec.DesilText = 0, "0"
		}
	case household.RuleMembersZero:
		if r.IntN(2) == 0 {
			rec.Members, rec.Disabled, rec.Elderly = 0, 0, 0
		} else {
			rec.Members, rec.Disabled, rec.Elderly = -1, -1, -1
		}
	case household.RuleMembersCount:
		if r.IntN(2) == 0 {
			rec.Disabled = rec.Members + 1 + r.IntN(2)
		} else {
			rec.Elderly = rec.Members + 1
		}
	case household.RuleStacking:
		var keep []string
		for _, p := range rec.Programmes {
			if k := household.ProgrammeKey(p); k != "blt_dbhcht" {
				keep = append(keep, p)
			}
		}
		has := false
		for _, p := range keep {
			k := household.ProgrammeKey(p)
			has = has || k == "pkh" || k == "bpnt"
		}
		if !has {
			keep = append(keep, one(r, []string{"PKH", "BPNT", "Sembako"}))
		}
		rec.Programmes = append(keep, one(r, []string{"BLT DBHCHT", "BLT-DBHCHT"}))
	case household.RulePointOutside:
		placed()
		for range 200 {
			l := g.villages[r.IntN(len(g.villages))].Label
			p := orb.Point{round6(l[0]), round6(l[1])}
			if !g.inside(vi, p) && geo.DistanceToBoundary(a.Geom, p) > 1000 {
				rec.Point, rec.HasPoint = p, true
				return true
			}
		}
		return false
	case household.RulePointNearEdge:
		placed()
		p, ok := g.nearEdge(vi)
		rec.Point, rec.HasPoint = p, ok
		return ok
	case household.RulePointOutOfRange:
		p := rec.Point
		if !rec.HasPoint {
			p = a.Label
		}
		rec.Point, rec.HasPoint = orb.Point{round6(p[1]), round6(p[0])}, true // lon and lat swapped
	}
	return true
}

// nearEdge returns a point 10–40 m outside village i, across an edge of
// its largest outer ring.
func (g *hhGen) nearEdge(i int) (orb.Point, bool) {
	a := g.villages[i]
	ring := a.Geom[0][0]
	for _, p := range a.Geom {
		if len(p[0]) > len(ring) {
			ring = p[0]
		}
	}
	kx, mPerDeg := geo.MetresPerDegree(a.Label[1])
	for range 500 {
		j := 1 + g.r.IntN(len(ring)-1)
		p0, p1 := ring[j-1], ring[j]
		dx, dy := (p1[0]-p0[0])*kx, (p1[1]-p0[1])*mPerDeg
		l := math.Hypot(dx, dy)
		if l < 20 {
			continue
		}
		t := 0.2 + 0.6*g.r.Float64()
		mid := orb.Point{p0[0] + t*(p1[0]-p0[0]), p0[1] + t*(p1[1]-p0[1])}
		off := 10 + 30*g.r.Float64()
		for _, s := range []float64{1, -1} {
			nx, ny := -dy/l*off*s, dx/l*off*s // normal, in metres
			p := orb.Point{round6(mid[0] + nx/kx), round6(mid[1] + ny/mPerDeg)}
			if d := geo.DistanceToBoundary(a.Geom, p); !g.inside(i, p) && d >= 5 && d <= 50 {
				return p, true
			}
		}
	}
	return orb.Point{}, false
}

// csvHeader is the header row of WriteCSV.
var csvHeader = []string{"no_kk", "nik_kepala", "nama_kepala", "alamat", "kode_desa", "nama_desa", "desil",
	"jumlah_art", "art_disabilitas", "art_lansia", "program", "lon", "lat"}

// WriteCSV writes the records as a comma-separated file with a header row:
// no_kk, nik_kepala, nama_kepala, alamat, kode_desa, nama_desa, desil,
// jumlah_art, art_disabilitas, art_lansia, program (programmes joined by
// ';'), lon, lat. Missing values (desil, counts of -1, no point) are
// empty cells.
func (l *HouseholdList) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	count := func(n int) string {
		if n == -1 {
			return ""
		}
		return strconv.Itoa(n)
	}
	row := make([]string, len(csvHeader))
	for i := range l.Records {
		r := &l.Records[i]
		row[0], row[1], row[2], row[3] = r.KK, r.NIK, r.Name, r.Address
		row[4], row[5], row[6] = r.DesaCode, r.DesaName, r.DesilText
		row[7], row[8], row[9] = count(r.Members), count(r.Disabled), count(r.Elderly)
		row[10] = strings.Join(r.Programmes, ";")
		row[11], row[12] = "", ""
		if r.HasPoint {
			row[11] = strconv.FormatFloat(r.Point[0], 'f', -1, 64)
			row[12] = strconv.FormatFloat(r.Point[1], 'f', -1, 64)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
