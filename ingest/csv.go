package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Options set what a file does not say about its indicators.
type Options struct {
	Period    string // period of a wide file's values, or of a long file without period column; default the current year ("2025")
	Source    string // copied to every Indicator.Source
	Synthetic bool   // copied to every Indicator.Synthetic: the numbers are generated sample data
}

// role is what a column holds.
type role int

const (
	roleData      role = iota // an indicator column in a wide file
	roleCode                  // Kemendagri code
	roleName                  // area name
	roleKec                   // kecamatan name
	rolePeriod                // period of the row
	roleIndicator             // indicator key (long)
	roleValue                 // value (long)
	roleIgnore                // known descriptive columns, read and ignored
	roleUnnamed               // a column with an empty header; must stay empty
)

var roleNames = [...]string{roleCode: "kode", roleName: "nama", roleKec: "kecamatan", rolePeriod: "periode", roleIndicator: "indikator", roleValue: "nilai"}

// roles maps normalised header names (see snakeKey) to what they hold.
var roles = map[string]role{
	"kode": roleCode, "kode_desa": roleCode, "kode_wilayah": roleCode, "kdepum": roleCode, "code": roleCode,
	"nama": roleName, "nama_desa": roleName, "desa": roleName, "desa_kelurahan": roleName, "name": roleName,
	"kelurahan": roleName, "nama_kelurahan": roleName, "nama_wilayah": roleName,
	"kecamatan": roleKec, "nama_kec": roleKec, "kec": roleKec, "nama_kecamatan": roleKec,
	"periode": rolePeriod, "period": rolePeriod, "tahun": rolePeriod,
	"indikator": roleIndicator, "indicator": roleIndicator,
	"nilai": roleValue, "value": roleValue,
	"no": roleIgnore, "nomor": roleIgnore, "no_urut": roleIgnore, "tingkat": roleIgnore,
	"kode_kec": roleIgnore, "kode_kecamatan": roleIgnore, "kode_kab": roleIgnore, "kabupaten": roleIgnore,
	"nama_kab": roleIgnore, "kabupaten_kota": roleIgnore, "kode_prov": roleIgnore, "provinsi": roleIgnore, "nama_prov": roleIgnore,
}

// column is one header field.
type column struct {
	name string // as written
	key  string // normalised
	role role
}

// layout is the header read: the columns and where the special ones are
// (-1 when absent).
type layout struct {
	cols                              []column
	code, name, kec, period, ind, val int
	data                              []int // wide: indicator columns
}

// parser collects the problems of one file.
type parser struct {
	file string
	errs RowErrors
}

func (p *parser) fail(line int, col, rule, format string, args ...any) {
	for i, a := range args {
		// A value from the file is never echoed whole: a 10 MB cell stays
		// a readable message.
		if s, ok := a.(string); ok && len(s) > 200 {
			args[i] = cut(s)
		}
	}
	if len(col) > 200 {
		col = cut(col)
	}
	if len(p.errs) < maxErrors {
		p.errs = append(p.errs, &RowError{File: p.file, Line: line, Column: col, Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
}

func (p *parser) full() bool { return len(p.errs) >= maxErrors }

// ReadCSV reads an indicator file and checks every row; a file with any
// problem is rejected whole with RowErrors listing up to 50 of them.
//
// The separator (',', ';' or tab) is taken from the header line. Header
// names are compared lower case in snake form ("Kode Desa" = kode_desa). A
// file with an indikator/indicator column is long: one value per row in
// columns nilai/value and periode/period/tahun (without a period column
// opt.Period applies). Otherwise it is wide: every column that is not a
// key column is an indicator, keyed by its header in lower snake case
// ("Jumlah RT" → jumlah_rt) and labelled by the header as written; a
// periode column, when present, gives each row's period, else opt.Period.
// Rows are keyed by code (kode, kode_desa, kode_wilayah, kdepum, code)
// and/or name (nama, nama_desa, desa, desa_kelurahan, name), with an
// optional kecamatan column (kecamatan, nama_kec, kec). Columns such as
// no, kabupaten or kode_kec are ignored and listed in Table.Ignored. Rows
// whose cells are all empty are skipped. Values given twice for the same
// code (or name and kecamatan), indicator and period are rejected; rows
// keyed by a name alone are checked for that by Match, which knows whether
// the name denotes one area.
//
// Numbers may be written 1234, 1234.5, -3, or the Indonesian way 12,5,
// 1.234,5 and 1.234.567: dots are thousands separators when a decimal
// comma follows or when there are two or more groups of exactly three
// digits. A single dot is a decimal point in a comma- or tab-separated
// file, so 1.234 reads as one point two three four there; in a
// semicolon-separated file, as Excel writes them on Indonesian systems
// where the comma is the decimal mark, 1.234 reads as one thousand two
// hundred thirty-four. A comma before a dot (1,234.5), exponents, NaN and Inf are
// not numbers. An empty cell, "-", "NA" or "N/A" means no value.
func ReadCSV(r io.Reader, file string, opt Options) (*Table, error) {
	p := &parser{file: file}
	period := opt.Period
	if period == "" {
		period = time.Now().Format("2006")
	}
	br := bufio.NewReaderSize(&lineLimiter{r: r, max: MaxLine}, 64<<10)
	head, comma, err := p.sniff(br)
	if err != nil {
		return nil, p.readErr(err)
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	cr := csv.NewReader(io.MultiReader(bytes.NewReader(head), br))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	hdr, err := cr.Read()
	if err != nil {
		return nil, p.readErr(err)
	}
	if len(hdr) > MaxColumns {
		p.fail(1, "", RuleBadColumn, "baris judul memiliki %d kolom, lebih dari %d; bukan tabel indikator", len(hdr), MaxColumns)
		return nil, p.errs
	}
	hline, _ := cr.FieldPos(0)
	t := &Table{File: file, Format: FormatWide}
	lay := p.header(hdr, hline, t)
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	indIdx := make(map[string]int) // indicator key → index in t.Indicators
	for _, c := range lay.data {
		col := lay.cols[c]
		indIdx[col.key] = len(t.Indicators)
		t.Indicators = append(t.Indicators, geo.Indicator{Key: col.key, Label: col.name})
	}
	latest := make([]string, len(t.Indicators)) // latest period with a value, per indicator
	seen := make(map[string][]int)              // area key + period → indexes in t.Rows

	for !p.full() {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if err = p.readErr(err); !errors.As(err, new(RowErrors)) {
				return nil, err
			}
			break
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rec) != len(lay.cols) {
			p.fail(line, "", RuleFieldCount, "baris berisi %d kolom, judul berisi %d; periksa pemisah kolom (%s) dan tanda petik",
				len(rec), len(lay.cols), sepName(comma))
			continue
		}
		cell := func(i int) string {
			if i < 0 {
				return ""
			}
			return clean(rec[i])
		}
		nerr := len(p.errs)
		row := Row{Line: line, Name: cell(lay.name), Kec: cell(lay.kec)}
		for i, c := range lay.cols {
			if c.role == roleUnnamed && cell(i) != "" {
				p.fail(line, fmt.Sprintf("ke-%d", i+1), RuleBadColumn, "kolom tanpa judul berisi %q; beri judul atau kosongkan", cell(i))
			}
		}
		if code := cell(lay.code); code != "" {
			c, err := geo.NormalizeCode(code)
			if err != nil {
				hint := ""
				if strings.ContainsAny(code, "eE") {
					hint = "; Excel mengubah kode menjadi notasi ilmiah: format kolom kode sebagai Teks lalu ketik ulang kodenya"
				}
				p.fail(line, lay.cols[lay.code].name, RuleBadCode, "kode tidak sah: %v%s", err, hint)
			}
			row.Code = c
		} else if geo.NormalizeName(row.Name) == "" {
			p.fail(line, "", RuleNoKey, "baris tanpa kode dan tanpa nama wilayah")
		}
		per := period
		if lay.period >= 0 {
			if per = cell(lay.period); per == "" {
				p.fail(line, lay.cols[lay.period].name, RuleEmptyPeriod, "periode kosong")
			}
		}
		if lay.ind < 0 { // wide
			for _, c := range lay.data {
				s := cell(c)
				if isNA(s) {
					continue
				}
				v, ok := parseNumberIn(s, comma == ';')
				if !ok {
					p.fail(line, lay.cols[c].name, RuleNotNumber, "nilai %q bukan angka", s)
					continue
				}
				if row.Values == nil {
					row.Values = make([]geo.Value, 0, len(lay.data))
				}
				row.Values = append(row.Values, geo.Value{Indicator: lay.cols[c].key, Period: per, Value: v})
			}
		} else { // long
			ind := cell(lay.ind)
			key := snakeKey(ind)
			if key == "" {
				p.fail(line, lay.cols[lay.ind].name, RuleEmptyIndicator, "indikator kosong")
			}
			if s := cell(lay.val); !isNA(s) {
				v, ok := parseNumberIn(s, comma == ';')
				if !ok {
					p.fail(line, lay.cols[lay.val].name, RuleNotNumber, "nilai %q bukan angka", s)
				}
				row.Values = []geo.Value{{Indicator: key, Period: per, Value: v}}
			}
			if _, ok := indIdx[key]; !ok && key != "" {
				indIdx[key] = len(t.Indicators)
				t.Indicators = append(t.Indicators, geo.Indicator{Key: key, Label: ind})
				latest = append(latest, "")
			}
		}
		if len(p.errs) > nerr || len(row.Values) == 0 {
			if len(p.errs) == nerr {
				t.Rows = append(t.Rows, row)
			}
			continue
		}
		ak := areaKey(&row)
		if ak != "" {
			ak += "\x00" + per
		}
		for _, j := range seen[ak] {
			if k := clash(&t.Rows[j], &row); k != "" {
				col := lay.cols[max(lay.ind, 0)].name
				if lay.ind < 0 {
					col = t.Indicators[indIdx[k]].Label
				}
				p.fail(line, col, RuleDuplicate, "nilai %s periode %s untuk %s sudah ada di baris %d", k, per, rowKey(&row), t.Rows[j].Line)
				break
			}
		}
		if len(p.errs) > nerr {
			continue
		}
		if ak != "" {
			seen[ak] = append(seen[ak], len(t.Rows))
		}
		for _, v := range row.Values {
			if i := indIdx[v.Indicator]; v.Period > latest[i] {
				latest[i] = v.Period
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
	// An indicator whose values are all whole and not negative counts
	// something (summed per kecamatan); any other is a value such as an
	// index (averaged). The user can change it (indicator set --kind).
	fractional := map[string]bool{}
	for _, r := range t.Rows {
		for _, v := range r.Values {
			if v.Value != math.Trunc(v.Value) || v.Value < 0 {
				fractional[v.Indicator] = true
			}
		}
	}
	for i := range t.Indicators {
		ind := &t.Indicators[i]
		ind.Period, ind.Source, ind.Synthetic = latest[i], opt.Source, opt.Synthetic
		if ind.Period == "" {
			ind.Period = period
		}
		ind.Sort = geo.KindCount
		if fractional[ind.Key] {
			ind.Sort = geo.KindValue
		}
	}
	return t, nil
}

// sniff reads up to the first non-blank line, rejects files that are not
// text, strips a UTF-8 byte order mark and guesses the separator. It
// returns the bytes read, to be read again.
func (p *parser) sniff(br *bufio.Reader) ([]byte, rune, error) {
	var buf []byte
	for first := true; ; first = false {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return nil, 0, err
		}
		if first {
			var msg string
			switch {
			case bytes.HasPrefix(line, []byte("\xEF\xBB\xBF")):
				line = line[3:]
			case bytes.HasPrefix(line, []byte("\xFF\xFE")), bytes.HasPrefix(line, []byte("\xFE\xFF")):
				msg = "berkas bersandi UTF-16 (\"Unicode Text\"); simpan ulang sebagai \"CSV UTF-8 (dipisahkan koma)\""
			case bytes.HasPrefix(line, []byte("PK\x03\x04")), bytes.HasPrefix(line, []byte("\xD0\xCF\x11\xE0")):
				msg = "ini berkas Excel, bukan CSV; di Excel pilih Simpan Sebagai → \"CSV UTF-8 (dipisahkan koma)\""
			}
			if msg != "" {
				p.fail(0, "", RuleNotCSV, "%s", msg)
				return nil, 0, nil
			}
		}
		if bytes.IndexByte(line, 0) >= 0 {
			p.fail(0, "", RuleNotCSV, "berkas berisi data biner, bukan teks CSV")
			return nil, 0, nil
		}
		buf = append(buf, line...)
		if len(bytes.TrimSpace(line)) > 0 {
			return buf, separator(line), nil
		}
		if err == io.EOF {
			p.fail(0, "", RuleEmpty, "berkas kosong")
			return nil, 0, nil
		}
	}
}

// separator returns the most frequent of ',', ';' and tab outside quotes in
// the header line, preferring ','.
func separator(line []byte) rune {
	var comma, semi, tab int
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			comma++
		case c == ';':
			semi++
		case c == '\t':
			tab++
		}
	}
	switch {
	case tab > comma && tab > semi:
		return '\t'
	case semi > comma:
		return ';'
	}
	return ','
}

func sepName(r rune) string {
	switch r {
	case ';':
		return "titik koma"
	case '\t':
		return "tab"
	}
	return "koma"
}

// readErr turns a CSV syntax error into a RowErrors; other errors are
// returned wrapped.
func (p *parser) readErr(err error) error {
	if errors.Is(err, errLineTooLong) {
		p.fail(0, "", RuleNotCSV, "%v; tidak ada yang diimpor", err)
		return p.errs
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("membaca %s: %w", p.file, err)
	}
	msg := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `tanda petik (") tidak berpasangan`
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `tanda petik (") di dalam nilai yang tidak diapit tanda petik; apit nilainya dengan tanda petik dan gandakan tanda petik di dalamnya`
	}
	p.fail(pe.Line, "", RuleNotCSV, "bukan CSV yang sah: %s", msg)
	return p.errs
}

// header reads the header fields into a layout and sets t.Format and
// t.Ignored.
func (p *parser) header(hdr []string, line int, t *Table) layout {
	lay := layout{cols: make([]column, len(hdr)), code: -1, name: -1, kec: -1, period: -1, ind: -1, val: -1}
	long := false
	for i, h := range hdr {
		name := clean(h)
		key := snakeKey(name)
		ro, ok := roles[key]
		switch {
		case name == "":
			ro = roleUnnamed
		case !ok:
			ro = roleData
		case ro == roleIndicator:
			long = true
		}
		lay.cols[i] = column{name: name, key: key, role: ro}
	}
	if long {
		t.Format = FormatLong
	}
	dataKeys := make(map[string]string)
	for i, c := range lay.cols {
		var slot *int
		switch c.role {
		case roleCode:
			slot = &lay.code
		case roleName:
			slot = &lay.name
		case roleKec:
			slot = &lay.kec
		case rolePeriod:
			slot = &lay.period
		case roleIndicator:
			slot = &lay.ind
		case roleValue:
			if long {
				slot = &lay.val
			}
		case roleIgnore:
			t.Ignored = append(t.Ignored, c.name)
			continue
		case roleUnnamed:
			continue
		}
		if slot != nil {
			if *slot >= 0 {
				p.fail(line, c.name, RuleBadColumn, "kolom %q dan %q sama-sama kolom %s; hapus salah satu",
					lay.cols[*slot].name, c.name, roleNames[c.role])
				continue
			}
			*slot = i
			continue
		}
		if long {
			t.Ignored = append(t.Ignored, c.name)
			continue
		}
		lay.cols[i].role = roleData
		switch prev, dup := dataKeys[c.key]; {
		case c.key == "":
			p.fail(line, c.name, RuleBadColumn, "judul kolom %q tidak memuat huruf atau angka", c.name)
		case dup:
			p.fail(line, c.name, RuleBadColumn, "kolom %q dan %q sama-sama menjadi indikator %s", prev, c.name, c.key)
		default:
			dataKeys[c.key] = c.name
			lay.data = append(lay.data, i)
		}
	}
	if lay.code < 0 && lay.name < 0 {
		p.fail(line, "", RuleNoKeyColumn, "judul tidak memuat kolom kode (kode, kode_desa, kode_wilayah, kdepum, code) "+
			"atau nama wilayah (nama, nama_desa, desa, desa_kelurahan, name); baris pertama harus berisi judul kolom")
	}
	switch {
	case long && lay.val < 0:
		p.fail(line, lay.cols[lay.ind].name, RuleBadColumn, "format panjang (dengan kolom indikator) memerlukan kolom nilai")
	case !long && len(lay.data) == 0 && len(p.errs) == 0:
		p.fail(line, "", RuleNoIndicator, "tidak ada kolom indikator; tambahkan satu kolom per indikator, atau kolom indikator, periode dan nilai")
	}
	return lay
}

// blank reports whether every field of rec is empty.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// areaKey identifies the area a row names before matching: its code, or
// its normalised name and kecamatan. It returns "" for a name without
// kecamatan, which may denote several areas; Match checks those.
func areaKey(r *Row) string {
	switch {
	case r.Code != "":
		return r.Code
	case r.Kec == "":
		return ""
	}
	return "\x01" + geo.NormalizeName(r.Name) + "\x01" + geo.NormalizeName(r.Kec)
}

// rowKey describes a row's area as written, for messages.
func rowKey(r *Row) string {
	switch {
	case r.Code != "" && r.Name != "":
		return r.Code + " " + r.Name
	case r.Code != "":
		return r.Code
	case r.Kec != "":
		return fmt.Sprintf("%q (kecamatan %s)", r.Name, r.Kec)
	}
	return fmt.Sprintf("%q", r.Name)
}

// clash returns an indicator key with a value in both a and b, which share
// area and period, or "".
func clash(a, b *Row) string {
	for _, va := range a.Values {
		for _, vb := range b.Values {
			if va.Indicator == vb.Indicator {
				return va.Indicator
			}
		}
	}
	return ""
}
