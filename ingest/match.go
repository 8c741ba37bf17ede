package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// matcher holds the indexes used to match rows to areas.
type matcher struct {
	byCode   map[string]*geo.Area
	villages []*geo.Area
	vnames   []string            // normalised names of villages
	byName   map[string][]int    // normalised name → indexes in villages
	kecCodes map[string][]string // normalised kecamatan name → codes
	kecName  map[string]string   // kecamatan code → name
	cache    map[string]nameResult
	scratch  []int
}

// nameResult is the outcome of matching one name (and kecamatan).
type nameResult struct {
	kind      MatchKind // MatchName, MatchFuzzy or MatchNone
	area      *geo.Area
	dist      int
	ambiguous bool // several areas, reported in Health.Ambiguous
	reason    string
	codes     []string
}

func newMatcher(areas []*geo.Area) *matcher {
	m := &matcher{
		byCode:   make(map[string]*geo.Area, len(areas)),
		byName:   make(map[string][]int),
		kecCodes: make(map[string][]string),
		kecName:  make(map[string]string),
		cache:    make(map[string]nameResult),
	}
	for _, a := range areas {
		m.byCode[a.Code] = a
		switch {
		case a.Level.IsVillage():
			n := geo.NormalizeName(a.Name)
			m.byName[n] = append(m.byName[n], len(m.villages))
			m.villages = append(m.villages, a)
			m.vnames = append(m.vnames, n)
		case a.Level == geo.LevelKecamatan:
			n := geo.NormalizeName(a.Name)
			m.kecCodes[n] = append(m.kecCodes[n], a.Code)
			m.kecName[a.Code] = a.Name
		}
	}
	return m
}

// Match matches the rows of t to areas and reports the join health. A row
// with a code matches the area with that code, at any level. A row with a
// name only matches a desa/kelurahan whose name is equal after
// normalisation (case, spaces, punctuation, accents and a leading "Desa",
// "Ds.", "Kelurahan" or "Kel." are ignored); the kecamatan column, when
// present, chooses among villages of the same name. Failing that, a
// unique village within edit distance 2 (and a quarter of the name's
// length) is offered in Health.Fuzzy but not applied; see Accept.
//
// Matched rows get Row.Code, Row.Match and every Value.Code set; values of
// other rows keep an empty Code. Match may be called again, for instance
// with other areas; it starts afresh.
func Match(t *Table, areas []*geo.Area) *Health { return MatchWith(t, areas, nil) }

// MatchWith is Match for a file that may be keyed by BPS desa codes: a
// row's BPS code found in crosswalk (BPS → Kemendagri, as accepted
// before) matches that area; otherwise the row's desa name (and kecamatan
// name) is looked up among the areas of the BPS code's kabupaten, exact
// matches applied and near ones offered, and the pairs found become the
// table's Crosswalk when saved.
func MatchWith(t *Table, areas []*geo.Area, crosswalk map[string]string) *Health {
	m := newMatcher(areas)
	h := &Health{Rows: len(t.Rows), names: geo.QualifiedNames(areas)}
	for _, a := range m.villages {
		h.villages = append(h.villages, a.Code)
	}
	slices.Sort(h.villages)
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Match == MatchName || r.Match == MatchFuzzy {
			r.Code = "" // set by an earlier Match or Accept
		}
		if r.Match == MatchCrosswalk || r.BPS != "" {
			r.Code = ""
		}
		setArea(r, MatchNone, "")
		if r.BPS != "" {
			if c, ok := crosswalk[r.BPS]; ok && m.byCode[c] != nil {
				setArea(r, MatchCrosswalk, c)
				h.ByCrosswalk++
				continue
			}
			if geo.NormalizeName(r.Name) == "" {
				h.UnknownCodes = append(h.UnknownCodes, Unmatched{Line: r.Line, Key: r.BPS,
					Reason: fmt.Sprintf("kode BPS %s belum ada di padanan kode BPS–Kemendagri; berkas perlu kolom nama desa (nmdesa) untuk mencocokkannya", r.BPS)})
				continue
			}
		}
		if r.Code != "" {
			if _, ok := m.byCode[r.Code]; ok {
				setArea(r, MatchCode, r.Code)
				h.ByCode++
				continue
			}
			reason := fmt.Sprintf("kode %s tidak ada dalam daftar wilayah", r.Code)
			if r.Name != "" {
				if res := m.resolve(r.Name, r.Kec, ""); res.kind == MatchName {
					reason += fmt.Sprintf("; nama %q cocok dengan kode %s", r.Name, res.area.Code)
				}
			}
			h.UnknownCodes = append(h.UnknownCodes, Unmatched{Line: r.Line, Key: r.Code, Reason: reason})
			continue
		}
		res := m.resolve(r.Name, r.Kec, kabOf(r))
		switch {
		case res.kind == MatchName:
			setArea(r, MatchName, res.area.Code)
			h.ByName++
		case res.kind == MatchFuzzy:
			h.Fuzzy = append(h.Fuzzy, NameMatch{Line: r.Line, Name: r.Name, Kec: r.Kec, Code: res.area.Code,
				AreaName: res.area.Name, Kind: MatchFuzzy, Distance: res.dist})
		case res.ambiguous:
			h.Ambiguous = append(h.Ambiguous, Unmatched{Line: r.Line, Key: r.Name, Reason: res.reason, Codes: res.codes})
		default:
			h.UnknownNames = append(h.UnknownNames, Unmatched{Line: r.Line, Key: r.Name, Reason: res.reason, Codes: res.codes})
		}
	}
	for _, ind := range t.Indicators {
		h.indicators = append(h.indicators, ind.Key)
	}
	h.check(t)
	return h
}

// setArea records how r was matched and sets the codes of r and its values.
func setArea(r *Row, kind MatchKind, code string) {
	r.Match = kind
	if kind != MatchNone {
		r.Code = code
	}
	for i := range r.Values {
		r.Values[i].Code = code
	}
}

// kabOf is the kabupaten a row's BPS code lies in, "" for none.
func kabOf(r *Row) string {
	if r.BPS == "" {
		return ""
	}
	return geo.BPSKabupaten(r.BPS)
}

// resolve matches a name and optional kecamatan name, both as written,
// among the villages of kabupaten kab ("" for all).
func (m *matcher) resolve(name, kec, kab string) nameResult {
	ck := name + "\x00" + kec + "\x00" + kab
	if res, ok := m.cache[ck]; ok {
		return res
	}
	res := m.resolveName(name, kec, kab)
	m.cache[ck] = res
	return res
}

func (m *matcher) resolveName(name, kec, kab string) nameResult {
	n := geo.NormalizeName(name)
	var kecs []string
	note := ""
	if kec != "" {
		for _, c := range m.kecCodes[geo.NormalizeName(kec)] {
			if kab == "" || strings.HasPrefix(c, kab+".") {
				kecs = append(kecs, c)
			}
		}
		if kecs == nil {
			note = fmt.Sprintf("; kecamatan %q tidak dikenal", kec)
		}
	}
	inKec := func(i int) bool {
		v := m.villages[i]
		return (kecs == nil || slices.Contains(kecs, v.Parent)) && (kab == "" || strings.HasPrefix(v.Code, kab+"."))
	}
	var in []int
	for _, i := range m.byName[n] {
		if inKec(i) {
			in = append(in, i)
		}
	}
	switch {
	case len(in) == 1:
		return nameResult{kind: MatchName, area: m.villages[in[0]]}
	case len(in) > 1:
		return nameResult{ambiguous: true, codes: m.codes(in),
			reason: fmt.Sprintf("nama %q cocok dengan %d wilayah: %s; tambahkan kolom kecamatan atau kode%s", name, len(in), m.describe(in), note)}
	case len(m.byName[n]) > 0 && kecs != nil:
		all := m.byName[n]
		return nameResult{codes: m.codes(all),
			reason: fmt.Sprintf("nama %q tidak ada di kecamatan %s; nama ini ada di %s", name, kec, m.describe(all))}
	}
	limit := min(2, len(n)/4)
	best := limit + 1
	var hits []int
	for i, vn := range m.vnames {
		if d := len(vn) - len(n); d > limit || -d > limit || !inKec(i) {
			continue
		}
		var d int
		d, m.scratch = geo.EditDistanceBuf(n, vn, limit, m.scratch)
		switch {
		case d > limit:
		case d < best:
			best, hits = d, append(hits[:0], i)
		case d == best:
			hits = append(hits, i)
		}
	}
	where := " dalam daftar desa/kelurahan"
	if kecs != nil {
		where = " di kecamatan " + kec
	}
	switch {
	case len(hits) == 1:
		return nameResult{kind: MatchFuzzy, area: m.villages[hits[0]], dist: best}
	case len(hits) > 1:
		return nameResult{codes: m.codes(hits),
			reason: fmt.Sprintf("nama %q tidak ada%s; mirip dengan beberapa wilayah: %s%s", name, where, m.describe(hits), note)}
	}
	return nameResult{reason: fmt.Sprintf("nama %q tidak ada%s%s", name, where, note)}
}

func (m *matcher) codes(idx []int) []string {
	codes := make([]string, len(idx))
	for i, j := range idx {
		codes[i] = m.villages[j].Code
	}
	return codes
}

// describe lists villages as "35.23.01.2008 Sidorejo (Kec. Kenduruan)".
func (m *matcher) describe(idx []int) string {
	parts := make([]string, len(idx))
	for i, j := range idx {
		a := m.villages[j]
		parts[i] = a.Code + " " + a.Name
		if k := m.kecName[a.Parent]; k != "" {
			parts[i] += " (Kec. " + k + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// check recomputes Duplicates and MissingValues from the matched rows.
func (h *Health) check(t *Table) {
	h.Duplicates = nil
	vidx := make(map[string]int, len(h.villages))
	for i, c := range h.villages {
		vidx[c] = i
	}
	has := make(map[string][]bool, len(h.indicators))
	for _, k := range h.indicators {
		has[k] = make([]bool, len(h.villages))
	}
	seen := make(map[string][]int) // code + period → indexes in t.Rows
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Match == MatchNone || len(r.Values) == 0 {
			continue
		}
		per := r.Values[0].Period
		k := r.Code + "\x00" + per
		for _, j := range seen[k] {
			if ind := clash(&t.Rows[j], r); ind != "" {
				h.Duplicates = append(h.Duplicates, Unmatched{Line: r.Line, Key: rowKey(r), Codes: []string{r.Code},
					Reason: fmt.Sprintf("baris ini dan baris %d sama-sama mengisi %s periode %s untuk wilayah %s", t.Rows[j].Line, ind, per, r.Code)})
				break
			}
		}
		seen[k] = append(seen[k], i)
		if vi, ok := vidx[r.Code]; ok {
			for _, v := range r.Values {
				if b := has[v.Indicator]; b != nil {
					b[vi] = true
				}
			}
		}
	}
	h.MissingValues = make(map[string][]string)
	for _, k := range h.indicators {
		for vi, ok := range has[k] {
			if !ok {
				h.MissingValues[k] = append(h.MissingValues[k], h.villages[vi])
			}
		}
	}
}

// Accept applies the fuzzy matches of the rows at the given lines (all
// fuzzy matches when no line is given) to t, which must be the table h
// was made from, and recomputes Duplicates and MissingValues. Accepted
// matches leave Fuzzy and are counted in ByFuzzy.
func (h *Health) Accept(t *Table, lines ...int) {
	want := make(map[int]bool, len(lines))
	for _, l := range lines {
		want[l] = true
	}
	keep := h.Fuzzy[:0]
	for _, f := range h.Fuzzy {
		i, found := slices.BinarySearchFunc(t.Rows, f.Line, func(r Row, line int) int { return cmp.Compare(r.Line, line) })
		if (len(lines) > 0 && !want[f.Line]) || !found || t.Rows[i].Match != MatchNone {
			keep = append(keep, f)
			continue
		}
		setArea(&t.Rows[i], MatchFuzzy, f.Code)
		h.ByFuzzy++
	}
	h.Fuzzy = keep
	h.check(t)
}

// maxListed bounds each list in Report.
const maxListed = 50

// Report returns the join health as plain Indonesian text: the counts,
// then the unknown codes and names, ambiguous names, duplicates and fuzzy
// matches with their line numbers (at most 50 of each), then per indicator
// the desa/kelurahan without a value (at most 10 codes each).
func (h *Health) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Kecocokan wilayah: %d baris\n", h.Rows)
	fmt.Fprintf(&b, "  cocok menurut kode: %d\n", h.ByCode)
	fmt.Fprintf(&b, "  cocok menurut nama: %d\n", h.ByName)
	if h.ByCrosswalk > 0 {
		fmt.Fprintf(&b, "  cocok menurut padanan kode BPS: %d\n", h.ByCrosswalk)
	}
	if h.ByFuzzy > 0 {
		fmt.Fprintf(&b, "  nama mirip yang disetujui: %d\n", h.ByFuzzy)
	}
	fmt.Fprintf(&b, "  nama mirip, perlu disetujui: %d\n", len(h.Fuzzy))
	fmt.Fprintf(&b, "  kode tidak dikenal: %d\n", len(h.UnknownCodes))
	fmt.Fprintf(&b, "  nama tidak dikenal: %d\n", len(h.UnknownNames))
	fmt.Fprintf(&b, "  nama ganda: %d\n", len(h.Ambiguous))
	fmt.Fprintf(&b, "  nilai ganda: %d\n", len(h.Duplicates))
	list := func(title string, us []Unmatched) {
		if len(us) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", title)
		for i, u := range us {
			if i == maxListed {
				fmt.Fprintf(&b, "  … dan %d lainnya\n", len(us)-maxListed)
				break
			}
			fmt.Fprintf(&b, "  baris %d: %s\n", u.Line, u.Reason)
		}
	}
	list("Kode tidak dikenal", h.UnknownCodes)
	list("Nama tidak dikenal", h.UnknownNames)
	list("Nama ganda", h.Ambiguous)
	list("Nilai ganda (berkas tidak dapat disimpan)", h.Duplicates)
	if len(h.Fuzzy) > 0 {
		b.WriteString("\nNama mirip:\n")
		for i, f := range h.Fuzzy {
			if i == maxListed {
				fmt.Fprintf(&b, "  … dan %d lainnya\n", len(h.Fuzzy)-maxListed)
				break
			}
			fmt.Fprintf(&b, "  baris %d: %q → %s %s (perlu disetujui)\n", f.Line, f.Name, f.Code, f.AreaName)
		}
	}
	keys := make([]string, 0, len(h.MissingValues))
	for k := range h.MissingValues {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > 0 {
		b.WriteString("\nDesa/kelurahan tanpa nilai:\n")
	}
	for _, k := range keys {
		codes := h.MissingValues[k]
		shown := make([]string, min(len(codes), 10))
		for i, c := range codes[:len(shown)] {
			shown[i] = strings.TrimSpace(c + " " + h.names[c])
		}
		fmt.Fprintf(&b, "  %s: %d wilayah: %s", k, len(codes), strings.Join(shown, ", "))
		if len(codes) > len(shown) {
			fmt.Fprintf(&b, " … dan %d lainnya", len(codes)-len(shown))
		}
		if !slices.ContainsFunc(codes, func(c string) bool { return geo.CodeLevel(c) != geo.LevelKelurahan }) {
			b.WriteString(" (semuanya kelurahan)")
		}
		b.WriteByte('\n')
	}
	return b.String()
}
