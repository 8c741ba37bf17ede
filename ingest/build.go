package ingest

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Skipped is a column read and left out, with the reason.
type Skipped struct {
	Header string
	Why    string // "kode kabupaten", "sumber data", "teks bebas …"; "" when the user chose it
}

// String writes the column and the reason: `kode_kab (kode kabupaten)`.
func (s Skipped) String() string {
	if s.Why == "" {
		return s.Header
	}
	return s.Header + " (" + s.Why + ")"
}

// totalNames are the names of summary rows under a table ("JUMLAH",
// "TOTAL"), which are not areas.
var totalNames = map[string]bool{"jumlah": true, "total": true, "jumlahtotal": true, "totalkabupaten": true, "jumlahkabupaten": true}

// slots are the columns of the plan with a single role, -1 when absent.
type slots struct {
	code, name, kec, period, key, val, bps int
	data                                   []int // indicator columns
}

// checkPlan validates the plan against the header and finds its columns.
func (b *builder) checkPlan() slots {
	p, plan := b.p, b.plan
	sl := slots{code: -1, name: -1, kec: -1, period: -1, key: -1, val: -1, bps: -1}
	line := b.headerLine
	type ip struct{ key, per string }
	dataCols := map[ip]string{}
	for i, c := range plan.Columns {
		var slot *int
		switch c.Use {
		case UseCode:
			slot = &sl.code
		case UseName:
			slot = &sl.name
		case UseKec:
			slot = &sl.kec
		case UsePeriod:
			slot = &sl.period
		case UseKey:
			slot = &sl.key
		case UseValue:
			slot = &sl.val
		case UseBPS:
			slot = &sl.bps
		case UseSkip:
			if !c.Unnamed {
				b.t.Skipped = append(b.t.Skipped, Skipped{Header: c.Header, Why: c.Note})
			}
			continue
		}
		if slot != nil {
			if *slot >= 0 {
				p.fail(line, c.Header, RuleBadColumn, "kolom %q dan %q sama-sama kolom %s; hapus salah satu atau lewati salah satu",
					plan.Columns[*slot].Header, c.Header, c.Use)
				continue
			}
			*slot = i
			continue
		}
		// An indicator column.
		k := ip{c.Key, c.Period}
		switch prev, dup := dataCols[k]; {
		case c.Key == "" && c.Period != "":
			p.fail(line, c.Header, RuleBadColumn, "judul kolom %q hanya berisi periode; beri nama indikator (misalnya idm_%s)", c.Header, c.Period)
		case c.Key == "":
			p.fail(line, c.Header, RuleBadColumn, "judul kolom %q tidak memuat huruf atau angka", c.Header)
		case dup && c.Period != "":
			p.fail(line, c.Header, RuleBadColumn, "kolom %q dan %q sama-sama menjadi indikator %s periode %s", prev, c.Header, c.Key, c.Period)
		case dup:
			p.fail(line, c.Header, RuleBadColumn, "kolom %q dan %q sama-sama menjadi indikator %s", prev, c.Header, c.Key)
		default:
			dataCols[k] = c.Header
			sl.data = append(sl.data, i)
		}
	}
	if plan.Long {
		b.t.Format = FormatLong
		for _, i := range sl.data {
			b.t.Skipped = append(b.t.Skipped, Skipped{Header: plan.Columns[i].Header, Why: "format panjang"})
		}
		sl.data = nil
	}
	if sl.code < 0 && sl.name < 0 && sl.bps < 0 {
		p.fail(line, "", RuleNoKeyColumn, "judul tidak memuat kolom kode (kode, kode_desa, kode_wilayah, kdepum, code) "+
			"atau nama wilayah (nama, nama_desa, desa, desa_kelurahan, name); baris judul harus berisi judul kolom")
	}
	switch {
	case plan.Long && sl.key < 0:
		p.fail(line, "", RuleBadColumn, "format panjang memerlukan kolom indikator")
	case plan.Long && sl.val < 0:
		p.fail(line, plan.Columns[sl.key].Header, RuleBadColumn, "format panjang (dengan kolom indikator) memerlukan kolom nilai")
	case !plan.Long && len(sl.data) == 0 && len(p.errs) == 0:
		p.fail(line, "", RuleNoIndicator, "tidak ada kolom indikator; tambahkan satu kolom per indikator, atau kolom indikator, periode dan nilai")
	}
	return sl
}

// builder reads the rows of a sheet by a plan.
type builder struct {
	p          *parser
	s          *Sheet
	plan       *Plan
	t          *Table
	headerLine int
}

// Build reads the rows of a sheet as its plan says and checks every one;
// a file with any problem is refused whole with RowErrors listing up to 50
// of them (each naming the file, the line or sheet row, the column and the
// rule). See ReadCSV for the numbers and keys it accepts. The indicators of
// a wide file are one per key: columns "idm_2023" and "idm_2024" give the
// indicator idm with values in two periods. The values of an indicator
// whose columns hold only texts are categories (geo.CategoriesOf: the IDM
// status is ordered, Sangat Tertinggal first). Rows below the data that
// name no area and give no value (notes, a source line) and summary rows
// named JUMLAH or TOTAL are left out.
func Build(s *Sheet, plan *Plan, opt Options) (*Table, error) {
	b := &builder{p: &parser{file: s.File}, s: s, plan: plan, t: &Table{File: s.File, Sheet: s.Sheet, Format: FormatWide, Titles: plan.Titles}}
	p, t := b.p, b.t
	if len(s.Rows) == 0 {
		p.fail(0, "", RuleEmpty, "berkas kosong")
		return nil, p.errs
	}
	b.headerLine = s.Lines[plan.Header]
	period := opt.Period
	if period == "" {
		period = time.Now().Format("2006")
	}
	sl := b.checkPlan()
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	cats := b.categories(sl.data)
	indIdx := map[string]int{} // indicator key → index in t.Indicators
	addIndicator := func(key, label string) int {
		if i, ok := indIdx[key]; ok {
			return i
		}
		ind := geo.Indicator{Key: key, Label: label, Poorer: plan.Poorer[key], Source: opt.Source, Synthetic: opt.Synthetic}
		if k, ok := KnownIndicators[key]; ok {
			ind.Label, ind.Unit = k.Label, k.Unit
		}
		if l := plan.Labels[key]; l != "" {
			ind.Label = l
		}
		if c, ok := cats[key]; ok {
			ind.Categories, ind.Ordered = c.names, c.ordered
		}
		indIdx[key] = len(t.Indicators)
		t.Indicators = append(t.Indicators, ind)
		return indIdx[key]
	}
	// Interned periods and areas, so that the check for a value given
	// twice hashes three numbers, not three strings.
	perID := map[string]int{}
	internPeriod := func(per string) int {
		id, ok := perID[per]
		if !ok {
			id = len(perID)
			perID[per] = id
		}
		return id
	}
	type dataCol struct {
		col       int     // in the row
		ind       int     // in t.Indicators
		per       int     // interned period from the header, -1 for the row's
		cat       *catSet // nil for numbers
		key, peri string
	}
	cols := make([]dataCol, len(sl.data))
	for i, c := range sl.data {
		col := plan.Columns[c]
		dc := dataCol{col: c, ind: addIndicator(col.Key, labelOf(col)), per: -1, key: col.Key, peri: col.Period}
		if col.Period != "" {
			dc.per = internPeriod(col.Period)
		}
		if cs, ok := cats[col.Key]; ok {
			dc.cat = &cs
		}
		cols[i] = dc
	}
	latest := make([]string, len(t.Indicators), len(t.Indicators)+8) // latest period with a value, by indicator
	type valueKey struct{ area, ind, per int }
	areaID := map[string]int{}
	seen := make(map[valueKey]int, max(0, len(s.Rows)-plan.first())*max(1, len(sl.data))) // → index in t.Rows
	width := len(s.Rows[plan.Header])                                                     // a CSV row must have as many fields
	var inds, pers []int                                                                  // of the row's values
	for ri := plan.first(); ri < len(s.Rows) && !p.full(); ri++ {
		rec, line := s.Rows[ri], s.Lines[ri]
		if s.Comma != 0 && len(rec) != width {
			p.fail(line, "", RuleFieldCount, "baris berisi %d kolom, judul berisi %d; periksa pemisah kolom (%s) dan tanda petik",
				len(rec), width, sepName(s.Comma))
			continue
		}
		cell := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return rec[i]
		}
		nerr := len(p.errs)
		row := Row{Line: line, Name: cell(sl.name), Kec: cell(sl.kec)}
		for i, c := range plan.Columns {
			if c.Unnamed && cell(i) != "" {
				p.fail(line, fmt.Sprintf("ke-%d", i+1), RuleBadColumn, "kolom tanpa judul berisi %q; beri judul atau kosongkan", cell(i))
			}
		}
		rowPeriod := period
		if sl.period >= 0 {
			if rowPeriod = cell(sl.period); rowPeriod == "" {
				p.fail(line, plan.Columns[sl.period].Header, RuleEmptyPeriod, "periode kosong")
			}
		}
		rowPer := -1
		inds, pers = inds[:0], pers[:0]
		if !plan.Long {
			for _, dc := range cols {
				v, ok := b.value(line, plan.Columns[dc.col], cell(dc.col), dc.cat)
				if !ok {
					continue
				}
				per, pid := dc.peri, dc.per
				if pid < 0 {
					if rowPer < 0 {
						rowPer = internPeriod(rowPeriod)
					}
					per, pid = rowPeriod, rowPer
				}
				if row.Values == nil {
					row.Values = make([]geo.Value, 0, len(cols))
				}
				row.Values = append(row.Values, geo.Value{Indicator: dc.key, Period: per, Value: v})
				inds, pers = append(inds, dc.ind), append(pers, pid)
			}
		} else {
			ind := cell(sl.key)
			key := snakeKey(ind)
			if key == "" {
				p.fail(line, plan.Columns[sl.key].Header, RuleEmptyIndicator, "indikator kosong")
			}
			if sv := cell(sl.val); !isNA(sv) {
				v, ok := parseNumberIn(sv, s.semicolon())
				if !ok {
					p.fail(line, plan.Columns[sl.val].Header, RuleNotNumber, "nilai %q bukan angka", sv)
				}
				row.Values = []geo.Value{{Indicator: key, Period: rowPeriod, Value: v}}
			}
			if key != "" {
				i := addIndicator(key, ind)
				if i == len(latest) {
					latest = append(latest, "")
				}
				inds, pers = append(inds, i), append(pers, internPeriod(rowPeriod))
			}
		}
		if bps := cell(sl.bps); bps != "" {
			b, err := geo.NormalizeBPS(bps)
			if err != nil {
				p.fail(line, plan.Columns[sl.bps].Header, RuleBadCode, "%v", err)
			}
			row.BPS = b
		}
		code := cell(sl.code)
		switch {
		case row.BPS != "" && code == "":
		case code != "":
			c, err := geo.NormalizeCode(code)
			if err != nil {
				hint := ""
				if strings.ContainsAny(code, "eE") {
					hint = "; Excel mengubah kode menjadi notasi ilmiah: format kolom kode sebagai Teks lalu ketik ulang kodenya"
				}
				p.fail(line, plan.Columns[sl.code].Header, RuleBadCode, "kode tidak sah: %v%s", err, hint)
			}
			row.Code = c
		case totalNames[geo.NormalizeName(row.Name)]:
			t.Totals = append(t.Totals, line)
			p.errs = p.errs[:nerr]
			continue
		case geo.NormalizeName(row.Name) == "" && len(row.Values) == 0 && len(p.errs) == nerr:
			continue // a note under the table
		case geo.NormalizeName(row.Name) == "":
			p.fail(line, "", RuleNoKey, "baris tanpa kode dan tanpa nama wilayah")
		}
		if len(p.errs) > nerr || len(row.Values) == 0 {
			if len(p.errs) == nerr {
				t.Rows = append(t.Rows, row)
			}
			continue
		}
		ak := areaKey(&row)
		aid := -1
		if ak != "" {
			id, ok := areaID[ak]
			if !ok {
				id = len(areaID)
				areaID[ak] = id
			}
			aid = id
		}
		for k, v := range row.Values {
			if aid < 0 {
				break
			}
			if j, dup := seen[valueKey{aid, inds[k], pers[k]}]; dup {
				col := t.Indicators[inds[k]].Label
				if plan.Long {
					col = plan.Columns[sl.key].Header
				}
				p.fail(line, col, RuleDuplicate, "nilai %s periode %s untuk %s sudah ada di baris %d", v.Indicator, v.Period, rowKey(&row), t.Rows[j].Line)
				break
			}
		}
		if len(p.errs) > nerr {
			continue
		}
		for k, v := range row.Values {
			if aid >= 0 {
				seen[valueKey{aid, inds[k], pers[k]}] = len(t.Rows)
			}
			if v.Period > latest[inds[k]] {
				latest[inds[k]] = v.Period
			}
		}
		t.Rows = append(t.Rows, row)
	}
	if len(p.errs) == 0 && len(t.Rows) == 0 {
		p.fail(0, "", RuleEmpty, "berkas tidak berisi baris data")
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	b.finish(latest, period)
	return t, nil
}

// labelOf is the label of an indicator column: its header without the
// period its end names.
func labelOf(c PlanColumn) string {
	if c.Period == "" {
		return c.Header
	}
	h := strings.TrimSpace(c.Header)
	// Drop the period and what joins it: "IDM 2024" → "IDM", "ike_2024" → "ike".
	for _, per := range []string{c.Period, strings.ReplaceAll(c.Period, "-", "_"), strings.ReplaceAll(c.Period, "-", "")} {
		if i := strings.LastIndex(h, per); i > 0 {
			return strings.TrimRight(strings.TrimSpace(h[:i]), " _-/(")
		}
		if rest, ok := strings.CutPrefix(h, per); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimLeft(rest, " _-/)")
		}
	}
	return c.Key
}

// catSet is the categories of an indicator read from texts.
type catSet struct {
	names   []string
	ordered bool
}

// categories finds the categorical indicators among the data columns:
// those whose columns all hold texts only (NaN and Inf count as numbers
// written wrong, not texts).
func (b *builder) categories(data []int) map[string]catSet {
	textCols := map[string]bool{}
	numCols := map[string]bool{}
	texts := map[string][]string{}
	for _, c := range data {
		col := b.plan.Columns[c]
		var vals []string
		num := false
		for _, r := range b.s.Rows[min(b.plan.first(), len(b.s.Rows)):] {
			if c >= len(r) || isNA(r[c]) {
				continue
			}
			if numberLike(r[c], b.s.semicolon()) {
				num = true
				break
			}
			vals = append(vals, r[c])
		}
		if num || len(vals) == 0 {
			numCols[col.Key] = true
			continue
		}
		textCols[col.Key] = true
		texts[col.Key] = append(texts[col.Key], vals...)
	}
	out := map[string]catSet{}
	for k := range textCols {
		if numCols[k] {
			continue // mixed: the texts are reported as not numbers
		}
		names, ordered := geo.CategoriesOf(texts[k])
		out[k] = catSet{names, ordered}
	}
	return out
}

// numberLike reports whether a cell is a number, or meant as one (NaN,
// Inf).
func numberLike(s string, semicolon bool) bool {
	if _, ok := parseNumberIn(s, semicolon); ok {
		return true
	}
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "nan", "inf", "infinity":
		return true
	}
	return false
}

// value reads one indicator cell: a number, or for a categorical
// indicator the index of its category. ok is false for no value or a
// problem (reported).
func (b *builder) value(line int, col PlanColumn, s string, c *catSet) (float64, bool) {
	if isNA(s) {
		return 0, false
	}
	if c != nil {
		j := geo.Indicator{Categories: c.names}.CategoryIndex(s)
		if j < 0 {
			b.p.fail(line, col.Header, RuleNotNumber, "nilai %q bukan kategori yang dikenal (%s)", s, strings.Join(c.names, ", "))
			return 0, false
		}
		return float64(j), true
	}
	v, ok := parseNumberIn(s, b.s.semicolon())
	if !ok {
		b.p.fail(line, col.Header, RuleNotNumber, "nilai %q bukan angka", s)
	}
	return v, ok
}

// finish sets each indicator's default period and sort: an indicator
// whose values are all whole and not negative counts something (summed
// per kecamatan); any other is a value such as an index (averaged). The
// user can change it (indicator set --kind).
func (b *builder) finish(latest []string, period string) {
	fractional := map[string]bool{}
	for _, r := range b.t.Rows {
		for _, v := range r.Values {
			if v.Value != math.Trunc(v.Value) || v.Value < 0 {
				fractional[v.Indicator] = true
			}
		}
	}
	for i := range b.t.Indicators {
		ind := &b.t.Indicators[i]
		if ind.Period = latest[i]; ind.Period == "" {
			ind.Period = period
		}
		switch {
		case ind.Categorical():
			ind.Sort = ""
		case fractional[ind.Key] || ind.Unit == "indeks":
			ind.Sort = geo.KindValue
		default:
			ind.Sort = geo.KindCount
		}
	}
}
