package ingest

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Use is what a column of an indicator file is used as.
type Use int

// The uses of a column. A wide file has indicator columns; a long file an
// indicator column naming the indicator of each row and a value column.
const (
	UseSkip      Use = iota // read and left out
	UseCode                 // the area code
	UseName                 // the area name
	UseKec                  // the kecamatan name
	UsePeriod               // the period of the row
	UseIndicator            // wide: the values of one indicator (and period)
	UseKey                  // long: the indicator of the row
	UseValue                // long: the value of the row
	UseBPS                  // the BPS desa code (PPKKCCCDDD), matched through names and the crosswalk
)

// useNames are the words of each Use, the first one shown, all accepted
// by ParseUse.
var useNames = [...][]string{
	UseSkip:      {"lewati", "skip", "abaikan"},
	UseCode:      {"kode", "code"},
	UseName:      {"nama", "name"},
	UseKec:       {"kecamatan", "kec"},
	UsePeriod:    {"periode", "period", "tahun"},
	UseIndicator: {"indikator", "indicator"},
	UseKey:       {"nama-indikator", "indicator-key"},
	UseValue:     {"nilai", "value"},
	UseBPS:       {"kode-bps", "bps"},
}

// String is the use in Indonesian, as the preview and --column write it.
func (u Use) String() string { return useNames[u][0] }

// Uses lists the uses in the order the preview offers them.
var Uses = []Use{UseCode, UseName, UseKec, UseIndicator, UsePeriod, UseSkip, UseBPS, UseKey, UseValue}

// ParseUse reads a use as --column writes it.
func ParseUse(s string) (Use, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for u, names := range useNames {
		for _, n := range names {
			if n == s {
				return Use(u), nil
			}
		}
	}
	return UseSkip, fmt.Errorf("kegunaan kolom %q tidak dikenal; pilih kode, nama, kecamatan, indikator, periode atau lewati", s)
}

// PlanColumn is one column of a file and what it will be used as.
type PlanColumn struct {
	Header string // as written; a heading merged over it and its sub-heading joined by a space
	Use    Use
	Key    string // UseIndicator: the indicator key, "idm" for "IDM 2024"
	Period string // UseIndicator: the period written in the header ("2024"), "" for the file's period
	Text   bool   // UseIndicator: the values are texts, read as categories
	Note   string // why the column has its use, for the preview and the report ("kode kabupaten", "teks bebas")
	// Unnamed marks a column without a header: it is left out and must
	// stay empty.
	Unnamed bool
}

// Plan is how an indicator file is read: where its header is and what
// each column is used for. Detect makes one; the preview dialog and the
// CLI's --column change it; Build follows it.
type Plan struct {
	Header    int  // index in Sheet.Rows of the header row
	SubHeader bool // the row after it completes the header (cells merged above it)
	Long      bool // one row per area, indicator and period
	Columns   []PlanColumn
	Titles    []string // the rows above the header (a table title), as text
	// Poorer is the direction of each indicator key, as known for
	// published indices (IDM and its parts: lower is poorer) or given by
	// the user; a key not in it is Neither.
	Poorer map[string]geo.Direction
	// Labels are the labels of known indicators by key; others are
	// labelled by their header.
	Labels map[string]string
}

// first returns the index in Sheet.Rows of the first data row.
func (p *Plan) first() int {
	if p.SubHeader {
		return p.Header + 2
	}
	return p.Header + 1
}

// Column returns the index of the column with header h (compared in snake
// form), or -1.
func (p *Plan) Column(h string) int {
	k := snakeKey(h)
	for i, c := range p.Columns {
		if c.Header == h || snakeKey(c.Header) == k {
			return i
		}
	}
	return -1
}

// Set changes the use of the column named header: use is a word of
// ParseUse, for an indicator optionally followed by ":key" and "@period"
// ("indikator:idm@2024").
func (p *Plan) Set(header, use string) error {
	i := p.Column(header)
	if i < 0 {
		hs := make([]string, len(p.Columns))
		for j, c := range p.Columns {
			hs[j] = c.Header
		}
		return fmt.Errorf("kolom %q tidak ada; kolomnya: %s", header, quoteList(hs))
	}
	word, rest, _ := strings.Cut(use, ":")
	u, err := ParseUse(word)
	if err != nil {
		return err
	}
	c := &p.Columns[i]
	c.Use, c.Note = u, "dipilih pengguna"
	if u == UseIndicator {
		if c.Key == "" {
			c.Key, c.Period = splitPeriod(snakeKey(c.Header))
		}
		if rest != "" {
			key, per, _ := strings.Cut(rest, "@")
			c.Key, c.Period = snakeKey(key), strings.TrimSpace(per)
		}
	}
	if u == UseKey {
		p.Long = true
	}
	return nil
}

// Direction sets the direction of the indicator key.
func (p *Plan) Direction(key string, d geo.Direction) {
	if p.Poorer == nil {
		p.Poorer = map[string]geo.Direction{}
	}
	p.Poorer[key] = d
}

// Indicators returns the keys of the indicator columns, each once, in
// order.
func (p *Plan) Indicators() []string {
	var keys []string
	seen := map[string]bool{}
	for _, c := range p.Columns {
		if c.Use == UseIndicator && c.Key != "" && !seen[c.Key] {
			seen[c.Key] = true
			keys = append(keys, c.Key)
		}
	}
	return keys
}

// identifiers are the header names (snake form) of the columns that
// identify areas, with their use and what they hold. Those used for
// nothing are listed as skipped, never read as indicators.
var identifiers = map[string]struct {
	use  Use
	note string
}{
	"kode": {UseCode, ""}, "kode_desa": {UseCode, ""}, "kode_wilayah": {UseCode, ""}, "kdepum": {UseCode, ""}, "code": {UseCode, ""},
	"kode_kelurahan": {UseCode, ""}, "kode_desa_kelurahan": {UseCode, ""}, "kode_kemendagri": {UseCode, ""},
	"nama": {UseName, ""}, "nama_desa": {UseName, ""}, "desa": {UseName, ""}, "desa_kelurahan": {UseName, ""}, "name": {UseName, ""},
	"kelurahan": {UseName, ""}, "nama_kelurahan": {UseName, ""}, "nama_wilayah": {UseName, ""}, "nama_desa_kelurahan": {UseName, ""},
	"kecamatan": {UseKec, ""}, "nama_kec": {UseKec, ""}, "kec": {UseKec, ""}, "nama_kecamatan": {UseKec, ""},
	"periode": {UsePeriod, ""}, "period": {UsePeriod, ""}, "tahun": {UsePeriod, ""},
	"indikator": {UseKey, ""}, "indicator": {UseKey, ""},
	"nilai": {UseValue, ""}, "value": {UseValue, ""},
	"no": {UseSkip, "nomor urut"}, "nomor": {UseSkip, "nomor urut"}, "no_urut": {UseSkip, "nomor urut"}, "nourut": {UseSkip, "nomor urut"},
	"tingkat":  {UseSkip, "tingkat wilayah"},
	"kode_kec": {UseSkip, "kode kecamatan"}, "kode_kecamatan": {UseSkip, "kode kecamatan"},
	"kode_kab": {UseSkip, "kode kabupaten"}, "kode_kabupaten": {UseSkip, "kode kabupaten"}, "kode_kab_kota": {UseSkip, "kode kabupaten"},
	"kabupaten": {UseSkip, "nama kabupaten"}, "nama_kab": {UseSkip, "nama kabupaten"}, "kabupaten_kota": {UseSkip, "nama kabupaten"},
	"nama_kabupaten": {UseSkip, "nama kabupaten"}, "kab_kota": {UseSkip, "nama kabupaten"},
	"kode_prov": {UseSkip, "kode provinsi"}, "kode_provinsi": {UseSkip, "kode provinsi"},
	"provinsi": {UseSkip, "nama provinsi"}, "nama_prov": {UseSkip, "nama provinsi"}, "nama_provinsi": {UseSkip, "nama provinsi"},
	"sumber": {UseSkip, "sumber data"}, "sumber_data": {UseSkip, "sumber data"},
	"keterangan": {UseSkip, "keterangan"}, "ket": {UseSkip, "keterangan"}, "catatan": {UseSkip, "keterangan"},
	// BPS map and table fields.
	"iddesa": {UseBPS, "kode BPS"}, "kode_bps": {UseBPS, "kode BPS"}, "kd_bps": {UseBPS, "kode BPS"}, "idbps": {UseBPS, "kode BPS"},
	"kode_desa_bps": {UseBPS, "kode BPS"}, "kdbps": {UseBPS, "kode BPS"},
	"nmdesa": {UseName, ""}, "nmkec": {UseKec, ""},
	"kddesa": {UseSkip, "nomor desa BPS"}, "kdkec": {UseSkip, "kode kecamatan BPS"}, "idkec": {UseSkip, "kode kecamatan BPS"},
	"kdkab": {UseSkip, "kode kabupaten"}, "nmkab": {UseSkip, "nama kabupaten"}, "idkab": {UseSkip, "kode kabupaten"},
	"kdprov": {UseSkip, "kode provinsi"}, "nmprov": {UseSkip, "nama provinsi"}, "idprov": {UseSkip, "kode provinsi"},
}

// Known is a published indicator recognised by its key: its label and
// which way it points.
type Known struct {
	Label  string
	Unit   string
	Poorer geo.Direction
}

// KnownIndicators are the published indicators recognised by key. The
// Village Development Index and its three parts run from 0 to 1, higher
// meaning a more developed desa (Kemendes PDTT).
var KnownIndicators = map[string]Known{
	"idm":        {"Indeks Desa Membangun (IDM)", "indeks", geo.LowerIsPoorer},
	"iks":        {"Indeks Ketahanan Sosial (IKS)", "indeks", geo.LowerIsPoorer},
	"ike":        {"Indeks Ketahanan Ekonomi (IKE)", "indeks", geo.LowerIsPoorer},
	"ikl":        {"Indeks Ketahanan Lingkungan (IKL)", "indeks", geo.LowerIsPoorer},
	"status_idm": {"Status IDM", "", geo.LowerIsPoorer},
	"status":     {"Status", "", geo.Neither},
}

// periodSuffix finds a period at the end of a header in snake form: a
// year, or a year and month ("idm_2024", "jumlah_rt_2024_03", "2024").
var periodSuffix = regexp.MustCompile(`^(?:(.*?)_)?((?:19|20)\d\d)(?:_(0[1-9]|1[0-2]))?$`)

// periodPrefix finds a period at the start of a header: a year heading
// merged over the indicators of that year ("2024 IDM" → idm, 2024).
var periodPrefix = regexp.MustCompile(`^((?:19|20)\d\d)(?:_(0[1-9]|1[0-2]))?_(.+)$`)

// splitPeriod splits a header key into the indicator key and the period
// its end (or its start) names: "idm_2024" → "idm", "2024";
// "rt_tahun_2024_03" → "rt", "2024-03"; "2024_idm" → "idm", "2024". A key
// without period is returned whole.
func splitPeriod(key string) (string, string) {
	m := periodSuffix.FindStringSubmatch(key)
	if m == nil {
		if m = periodPrefix.FindStringSubmatch(key); m != nil {
			m = []string{m[0], m[3], m[1], m[2]}
		}
	}
	if m == nil {
		return key, ""
	}
	per := m[2]
	if m[3] != "" {
		per += "-" + m[3]
	}
	k := m[1]
	for _, w := range []string{"_tahun", "_thn", "_th", "_periode"} {
		k = strings.TrimSuffix(k, w)
	}
	if k == "tahun" || k == "thn" || k == "periode" {
		k = ""
	}
	return k, per
}

// headerScan is how many rows Detect looks through for the header.
const headerScan = 30

// Detect reads the layout of a sheet: the header is the first of its
// first rows naming a code or name column (rows above it are a title;
// without such a row, the first row), completed by the row below it when
// that one is a sub-heading (cells merged above it, no code or name of its
// own). Identifier columns get their use; columns such as kode_kab or
// sumber are skipped with the reason; a file with an indikator column is
// long; every other column is an indicator, keyed by its header in snake
// form without the period its end names ("IDM 2024" → idm, period 2024).
// A column whose values are all texts is categorical, unless it has so
// many different texts that it is free text (then skipped).
func Detect(s *Sheet) *Plan {
	p := &Plan{Poorer: map[string]geo.Direction{}, Labels: map[string]string{}}
	for i := 0; i < min(len(s.Rows), headerScan); i++ {
		if namesArea(s.Rows[i]) {
			p.Header = i
			break
		}
	}
	for i := range p.Header {
		p.Titles = append(p.Titles, strings.Join(nonEmpty(s.Rows[i]), " "))
	}
	if len(s.Rows) == 0 {
		return p
	}
	head := s.Rows[p.Header]
	width := len(head)
	for _, r := range s.Rows[p.Header:] {
		if s.Comma != 0 {
			break // a CSV row has the header's fields; Build checks it
		}
		width = max(width, len(r))
	}
	width = min(width, MaxColumns)
	headers := make([]string, width)
	copy(headers, head)
	if p.Header+1 < len(s.Rows) && subHeading(head, s.Rows[p.Header+1]) {
		p.SubHeader = true
		sub := s.Rows[p.Header+1]
		top := ""
		for i := range headers {
			switch {
			case headers[i] != "":
				top = headers[i]
			case i < len(sub) && sub[i] != "":
				headers[i] = top // a heading merged over several columns, written once
			}
			if i < len(sub) && sub[i] != "" && sub[i] != headers[i] {
				headers[i] = strings.TrimSpace(headers[i] + " " + sub[i])
			}
		}
	}
	for _, h := range headers {
		key := snakeKey(h)
		if id, ok := identifiers[key]; ok {
			if id.use == UseKey {
				p.Long = true
			}
			p.Columns = append(p.Columns, PlanColumn{Header: h, Use: id.use, Note: id.note})
			continue
		}
		c := PlanColumn{Header: h, Use: UseIndicator}
		switch {
		case h == "":
			c.Use, c.Unnamed, c.Note = UseSkip, true, "tanpa judul"
		default:
			c.Key, c.Period = splitPeriod(key)
		}
		p.Columns = append(p.Columns, c)
	}
	for i := range p.Columns {
		c := &p.Columns[i]
		switch {
		case c.Use == UseCode && p.bpsCodes(s, i):
			c.Use, c.Note = UseBPS, "kode BPS (PPKKCCCDDD), bukan kode Kemendagri"
		case c.Use == UseValue && !p.Long:
			c.Use = UseIndicator
			c.Key, c.Period = splitPeriod(snakeKey(c.Header))
		case c.Use == UseIndicator && p.Long:
			c.Use, c.Note = UseSkip, "format panjang: hanya kolom nilai yang dibaca"
		}
		if c.Use != UseIndicator {
			continue
		}
		texts, numbers, distinct := p.scan(s, i)
		switch {
		case texts > 0 && numbers == 0 && distinct > max(20, (texts+1)/2):
			c.Use, c.Note = UseSkip, fmt.Sprintf("teks bebas (%d isi berbeda), bukan kategori", distinct)
		case texts > 0 && numbers == 0:
			c.Text, c.Note = true, fmt.Sprintf("kategori (%d)", distinct)
		}
		if k, ok := KnownIndicators[c.Key]; ok {
			p.Poorer[c.Key] = k.Poorer
			p.Labels[c.Key] = k.Label
		}
	}
	return p
}

// scan counts the text cells of column i below the header and the
// distinct texts, stopping at the first number (numbers is then 1: the
// column is numeric, whatever its texts).
func (p *Plan) scan(s *Sheet, i int) (texts, numbers, distinct int) {
	seen := map[string]bool{}
	for _, r := range s.Rows[min(p.first(), len(s.Rows)):] {
		if i >= len(r) || isNA(r[i]) {
			continue
		}
		if numberLike(r[i], s.semicolon()) {
			return texts, 1, distinct
		}
		texts++
		if n := geo.NormalizeName(r[i]); !seen[n] {
			seen[n] = true
			distinct++
		}
	}
	return texts, numbers, distinct
}

// bpsCodes reports whether the codes of column i are BPS desa codes:
// most of them (four in five) read as such (geo.LooksBPS).
func (p *Plan) bpsCodes(s *Sheet, i int) bool {
	n, bps := 0, 0
	for _, r := range s.Rows[min(p.first(), len(s.Rows)):] {
		if i >= len(r) || r[i] == "" {
			continue
		}
		n++
		if geo.LooksBPS(r[i]) {
			bps++
		}
	}
	return bps > 0 && bps*5 >= n*4
}

// namesArea reports whether a row has a code or name column header.
func namesArea(row []string) bool {
	for _, c := range row {
		if id, ok := identifiers[snakeKey(c)]; ok && (id.use == UseCode || id.use == UseName || id.use == UseBPS) {
			return true
		}
	}
	return false
}

// subHeading reports whether next completes the header head: it has no
// code or name of its own (those cells are empty, or repeat the header
// where a heading was merged over both rows), and it has a cell under a
// heading that spans several columns (written once, or merged).
func subHeading(head, next []string) bool {
	cell := func(r []string, i int) string {
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	key, spread := false, false
	for i, h := range head {
		if id, ok := identifiers[snakeKey(h)]; ok && (id.use == UseCode || id.use == UseName || id.use == UseBPS) {
			key = true
			if n := cell(next, i); n != "" && n != h {
				return false
			}
		}
	}
	for i := range next {
		n := cell(next, i)
		if n == "" || n == cell(head, i) {
			continue
		}
		if cell(head, i) == "" || (i > 0 && cell(head, i-1) == cell(head, i)) || cell(head, i+1) == cell(head, i) {
			spread = true
		}
	}
	return key && spread
}

// nonEmpty returns the non-empty cells of a row.
func nonEmpty(row []string) []string {
	var out []string
	for _, c := range row {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}
