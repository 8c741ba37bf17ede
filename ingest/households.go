package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
)

// Fields a household list can have. The keys are stable: they are the keys
// of a Mapping and appear in HouseholdHeader.Missing.
const (
	FieldKK         = "kk"              // nomor Kartu Keluarga (required)
	FieldNIK        = "nik"             // NIK of the head of household (required)
	FieldName       = "nama"            // name of the head of household
	FieldAddress    = "alamat"          // address
	FieldDesaCode   = "kode_desa"       // Kemendagri desa code (this or FieldDesaName required)
	FieldDesaName   = "nama_desa"       // desa name (this or FieldDesaCode required)
	FieldDesil      = "desil"           // welfare desil 1–10 (required)
	FieldMembers    = "jumlah_art"      // number of household members (required)
	FieldDisabled   = "art_disabilitas" // members with a disability
	FieldElderly    = "art_lansia"      // elderly members
	FieldProgrammes = "program"         // aid programmes received, separated by ';', ',' or '|'
	FieldLon        = "lon"             // longitude (with FieldLat)
	FieldLat        = "lat"             // latitude (with FieldLon)
)

// Rules broken by a household list, in addition to RuleNotCSV, RuleEmpty,
// RuleBadColumn, RuleFieldCount and RuleNotNumber.
const (
	RuleFileType   = "jenis-berkas"       // neither a CSV nor a readable XLSX workbook
	RuleUnmapped   = "kolom-wajib"        // a required field has no column
	RuleNIKNumber  = "nik-angka"          // a KK or NIK that Excel turned into a number (3.52301E+15)
	RuleNotInteger = "bukan-bilangan"     // a count that is not a whole number ≥ 0
	RuleHalfPoint  = "koordinat-sebagian" // a longitude without latitude or the reverse
)

// Mapping maps a field key (FieldKK, FieldNIK, ...) to the column header that
// holds it, as written in the file. Fields not in the mapping, or mapped to
// "", are not read.
type Mapping map[string]string

// HouseholdHeader is the header row of a household list, for choosing a
// Mapping.
type HouseholdHeader struct {
	File    string   // the path as given
	Columns []string // non-empty header names as written (trimmed), in file order
	Guess   Mapping  // the mapping guessed from the header names
	// Missing lists the required fields the guess did not find, in the order
	// of HouseholdFields: kk, nik, desil, jumlah_art; when neither desa field
	// was found both kode_desa and nama_desa are listed, one of them
	// suffices.
	Missing []string
}

// householdFields lists the field keys in display order.
var householdFields = []string{
	FieldKK, FieldNIK, FieldName, FieldAddress, FieldDesaCode, FieldDesaName, FieldDesil,
	FieldMembers, FieldDisabled, FieldElderly, FieldProgrammes, FieldLon, FieldLat,
}

// HouseholdFields returns the keys of the fields a household list can have,
// in display order.
func HouseholdFields() []string { return slices.Clone(householdFields) }

var fieldLabels = map[string]string{
	FieldKK: "nomor KK", FieldNIK: "NIK kepala keluarga", FieldName: "nama kepala keluarga", FieldAddress: "alamat",
	FieldDesaCode: "kode desa", FieldDesaName: "nama desa", FieldDesil: "desil", FieldMembers: "jumlah anggota rumah tangga",
	FieldDisabled: "jumlah anggota penyandang disabilitas", FieldElderly: "jumlah anggota lansia",
	FieldProgrammes: "program bantuan", FieldLon: "bujur (longitude)", FieldLat: "lintang (latitude)",
}

// FieldLabel returns the Indonesian label of a field key ("jumlah_art" →
// "jumlah anggota rumah tangga"), or the key itself when it is unknown.
func FieldLabel(key string) string {
	if l, ok := fieldLabels[key]; ok {
		return l
	}
	return key
}

// fieldAliases maps header names, compacted by compactKey, to fields.
var fieldAliases = func() map[string]string {
	m := make(map[string]string)
	add := func(field string, names ...string) {
		for _, n := range names {
			m[compactKey(n)] = field
		}
	}
	add(FieldKK, "no_kk", "nomor_kk", "kk", "no kk", "nomor kartu keluarga", "no kartu keluarga")
	add(FieldNIK, "nik", "nik_kepala", "nik kepala keluarga", "nik kepala rumah tangga", "nik_krt", "nik_kk")
	add(FieldName, "nama", "nama_kepala", "nama kepala rumah tangga", "nama_krt", "nama kepala keluarga")
	add(FieldAddress, "alamat", "alamat lengkap")
	add(FieldDesaCode, "kode_desa", "kode desa", "kode_wilayah", "kdepum", "kode desa kelurahan", "kode_kelurahan")
	add(FieldDesaName, "desa", "nama_desa", "kelurahan", "desa_kelurahan", "nama_kelurahan")
	add(FieldDesil, "desil", "peringkat desil", "desil nasional")
	add(FieldMembers, "jumlah_art", "jml_art", "anggota", "jumlah anggota", "jumlah anggota rumah tangga", "jumlah_anggota_keluarga")
	add(FieldDisabled, "art_disabilitas", "disabilitas", "jumlah disabilitas", "jml_disabilitas")
	add(FieldElderly, "art_lansia", "lansia", "jumlah lansia", "jml_lansia")
	add(FieldProgrammes, "program", "bansos", "program bantuan", "jenis bantuan")
	add(FieldLon, "lon", "lng", "long", "longitude", "bujur")
	add(FieldLat, "lat", "latitude", "lintang")
	return m
}()

// compactKey lower-cases s, folds accented letters and drops everything but
// letters and digits: "No. KK" → "nokk", "Desa/Kelurahan" → "desakelurahan".
func compactKey(s string) string { return strings.ReplaceAll(geo.Words(s, ' '), " ", "") }

// HouseholdColumns reads the header row of a household list (a .csv file,
// or the first sheet of a .xlsx workbook) and guesses the mapping from
// common header names, compared ignoring case, spaces, underscores, dots
// and other punctuation: no_kk/nomor_kk/kk; nik/nik_kepala/nik kepala
// keluarga; nama/nama_kepala/nama kepala rumah tangga/nama_krt; alamat;
// kode_desa/kode_wilayah/kdepum; desa/nama_desa/kelurahan/desa_kelurahan;
// desil/peringkat desil; jumlah_art/jml_art/anggota/jumlah anggota;
// art_disabilitas/disabilitas/jumlah disabilitas; art_lansia/lansia;
// program/bansos/program bantuan/jenis bantuan; lon/lng/longitude/bujur;
// lat/latitude/lintang. When several columns fit a field the first is
// guessed; a header name written twice is never guessed.
//
// A file that is neither CSV nor XLSX, or has no header row, gives
// RowErrors naming the file and the reason; I/O errors are returned
// wrapped.
func HouseholdColumns(path string, opt ...FileOptions) (*HouseholdHeader, error) {
	p := &parser{file: filepath.Base(path)}
	src, err := openHouseholds(path, p, firstOpt(opt))
	if err != nil {
		return nil, err
	}
	defer src.close()
	hdr, _, err := householdHeader(src, p)
	if err != nil {
		return nil, err
	}
	h := &HouseholdHeader{File: path, Guess: guessMapping(hdr)}
	for _, c := range hdr {
		if c != "" {
			h.Columns = append(h.Columns, c)
		}
	}
	h.Missing = MissingFields(h.Guess)
	return h, nil
}

// guessMapping guesses the field of each header name.
func guessMapping(hdr []string) Mapping {
	count := make(map[string]int, len(hdr))
	for _, c := range hdr {
		count[c]++
	}
	m := make(Mapping)
	for _, c := range hdr {
		f, ok := fieldAliases[compactKey(c)]
		if ok && c != "" && count[c] == 1 && m[f] == "" {
			m[f] = c
		}
	}
	return m
}

// ReadHouseholds streams a household list (a .csv file, or the first sheet
// of a .xlsx workbook) through each, one new Record per data row, and
// returns the number of records passed to each. A nil m means the mapping
// HouseholdColumns guesses. Mapped columns are found by their header name
// as written (trimmed), else ignoring case.
//
// The file is never held whole: CSV is read record by record (separator
// ',', ';' or tab taken from the header line, UTF-8 with or without byte
// order mark, or Latin-1), XLSX row by row with excelize's row iterator,
// taking cell values as stored, not as displayed. The first non-blank row
// is the header; blank rows are skipped. Record.Row is the line (CSV) or
// sheet row (XLSX) number, header = 1 when it is the first line.
//
// Values are read leniently, leaving their judgement to the household
// validator: cells are trimmed; KK and NIK are kept as text (a leading
// apostrophe is dropped), but one that Excel turned into a number
// (3,52301E+15, or 3523010101010001.0) breaks RuleNIKNumber since its
// digits are lost; a desil that is a whole number sets Desil, anything else
// leaves it 0 (DesilText always holds the cell); counts (jumlah_art,
// art_disabilitas, art_lansia) are -1 when empty or unmapped and break
// RuleNotInteger when not a whole number ≥ 0; programmes are split on ';',
// ',' and '|' (not '/': "BPNT/Sembako" is one programme); a longitude and
// latitude, both numbers with a decimal point or comma, set HasPoint and
// Point, one without the other breaks RuleHalfPoint. A CSV row with another
// number of fields than the header breaks RuleFieldCount.
//
// A file that cannot be read as a household list (not CSV or XLSX, no
// header, no data row, a mapped column missing from the header or
// written twice in it, an unknown field key, a required field unmapped —
// kk, nik, desil, jumlah_art and kode_desa or nama_desa — or lon without
// lat) gives RowErrors naming the file and the reasons before any record.
// Row problems are collected, up to 50, and returned as RowErrors once the
// file is read (or the 50th is found); each is no longer called once a row
// problem is found, as the caller must refuse the whole import. An error from each stops the
// reading and is returned as is; so is ctx.Err() when ctx is cancelled
// (checked every 1,000 rows).
//
// progress, when not nil, is called every 1,000 rows with the fraction of
// the file read: bytes for CSV, rows out of the sheet's recorded dimension
// for XLSX (nothing when the workbook does not record it), and with 1 at
// the end.
func ReadHouseholds(ctx context.Context, path string, m Mapping, each func(*household.Record) error, progress func(float64), opt ...FileOptions) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	p := &parser{file: filepath.Base(path)}
	src, err := openHouseholds(path, p, firstOpt(opt))
	if err != nil {
		return 0, err
	}
	defer src.close()
	hdr, hline, err := householdHeader(src, p)
	if err != nil {
		return 0, err
	}
	if m == nil {
		m = guessMapping(hdr)
	}
	idx := resolveMapping(p, hdr, hline, m)
	if len(p.errs) > 0 {
		return 0, p.errs
	}
	col := func(f string) string { return hdr[idx[f]] }
	comma := src.comma()
	n, rows, data := 0, 0, 0
	for !p.full() {
		rec, line, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.As(err, new(RowErrors)) {
				break
			}
			return n, err
		}
		if rows++; rows%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			if f := src.fraction(); progress != nil && f >= 0 {
				progress(f)
			}
		}
		if blank(rec) {
			continue
		}
		data++
		if comma != 0 && len(rec) != len(hdr) {
			p.fail(line, "", RuleFieldCount, "baris berisi %d kolom, judul berisi %d; periksa pemisah kolom (%s) dan tanda petik pada alamat atau nama",
				len(rec), len(hdr), sepName(comma))
			continue
		}
		get := func(f string) string {
			if i, ok := idx[f]; ok && i < len(rec) {
				return clean(rec[i])
			}
			return ""
		}
		r := &household.Record{
			Row:      line,
			Name:     get(FieldName),
			Address:  get(FieldAddress),
			DesaCode: get(FieldDesaCode),
			DesaName: get(FieldDesaName),
		}
		r.KK = p.householdID(line, col(FieldKK), "KK", get(FieldKK))
		r.NIK = p.householdID(line, col(FieldNIK), "NIK", get(FieldNIK))
		r.DesilText = get(FieldDesil)
		if d, err := strconv.Atoi(r.DesilText); err == nil {
			r.Desil = d
		}
		r.Members = p.householdCount(line, col, FieldMembers, get(FieldMembers))
		r.Disabled = p.householdCount(line, col, FieldDisabled, get(FieldDisabled))
		r.Elderly = p.householdCount(line, col, FieldElderly, get(FieldElderly))
		if s := get(FieldProgrammes); s != "" {
			for _, prog := range strings.FieldsFunc(s, func(c rune) bool { return c == ';' || c == ',' || c == '|' }) {
				if prog = strings.TrimSpace(prog); prog != "" {
					r.Programmes = append(r.Programmes, prog)
				}
			}
		}
		lon, lat := get(FieldLon), get(FieldLat)
		switch {
		case lon == "" && lat == "":
		case lat == "":
			p.fail(line, col(FieldLat), RuleHalfPoint, "bujur %s terisi tetapi lintang kosong; isi keduanya atau kosongkan keduanya", lon)
		case lon == "":
			p.fail(line, col(FieldLon), RuleHalfPoint, "lintang %s terisi tetapi bujur kosong; isi keduanya atau kosongkan keduanya", lat)
		default:
			x, okx := parseCoord(lon)
			if !okx {
				p.fail(line, col(FieldLon), RuleNotNumber, "bujur %q bukan angka", lon)
			}
			y, oky := parseCoord(lat)
			if !oky {
				p.fail(line, col(FieldLat), RuleNotNumber, "lintang %q bukan angka", lat)
			}
			r.HasPoint, r.Point = okx && oky, orb.Point{x, y}
		}
		if len(p.errs) > 0 {
			continue
		}
		if err := each(r); err != nil {
			return n, err
		}
		n++
	}
	if len(p.errs) == 0 && data == 0 {
		p.fail(0, "", RuleEmpty, "berkas tidak berisi baris data, hanya judul")
	}
	if progress != nil {
		progress(1)
	}
	if len(p.errs) > 0 {
		return n, p.errs
	}
	return n, nil
}

// resolveMapping finds the header index of every mapped field and checks
// the mapping, recording problems in p.
func resolveMapping(p *parser, hdr []string, hline int, m Mapping) map[string]int {
	var unknown []string
	for f := range m {
		if _, ok := fieldLabels[f]; !ok {
			unknown = append(unknown, f)
		}
	}
	slices.Sort(unknown)
	for _, f := range unknown {
		p.fail(0, "", RuleBadColumn, "isian %q tidak dikenal dalam pemetaan kolom", f)
	}
	idx := make(map[string]int)
	usedBy := make(map[int]string)
	for _, f := range householdFields {
		name := strings.TrimSpace(m[f])
		if name == "" {
			continue
		}
		var at []int
		for i, h := range hdr {
			if h == name {
				at = append(at, i)
			}
		}
		if len(at) == 0 {
			for i, h := range hdr {
				if strings.EqualFold(h, name) {
					at = append(at, i)
				}
			}
		}
		switch {
		case len(at) == 0:
			p.fail(hline, name, RuleBadColumn, "kolom yang dipilih untuk %s tidak ada di baris judul", FieldLabel(f))
		case len(at) > 1:
			p.fail(hline, name, RuleBadColumn, "judul kolom ini tertulis %d kali; ganti nama salah satunya", len(at))
		case usedBy[at[0]] != "":
			p.fail(hline, name, RuleBadColumn, "kolom ini dipilih untuk %s dan untuk %s; satu kolom hanya untuk satu isian",
				FieldLabel(usedBy[at[0]]), FieldLabel(f))
		default:
			idx[f] = at[0]
			usedBy[at[0]] = f
		}
	}
	for _, f := range []string{FieldKK, FieldNIK, FieldDesil, FieldMembers} {
		if strings.TrimSpace(m[f]) == "" {
			p.fail(0, "", RuleUnmapped, "kolom %s belum ditentukan; kolom ini wajib", FieldLabel(f))
		}
	}
	if strings.TrimSpace(m[FieldDesaCode]) == "" && strings.TrimSpace(m[FieldDesaName]) == "" {
		p.fail(0, "", RuleUnmapped, "kolom kode desa atau nama desa belum ditentukan; salah satunya wajib")
	}
	if (strings.TrimSpace(m[FieldLon]) == "") != (strings.TrimSpace(m[FieldLat]) == "") {
		p.fail(0, "", RuleBadColumn, "bujur (lon) dan lintang (lat) harus dipetakan keduanya atau tidak sama sekali")
	}
	return idx
}

// householdID returns a KK or NIK cell as text, recording RuleNIKNumber when
// Excel turned it into a number.
func (p *parser) householdID(line int, col, label, s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "'"))
	if excelNumber(s) {
		p.fail(line, col, RuleNIKNumber, "%s di baris %d tertulis %s: Excel mengubahnya menjadi angka; format kolom sebagai Teks dan ekspor ulang",
			label, line, s)
	}
	return s
}

// householdCount reads the count of field f, in column col(f): -1 when
// empty or unmapped.
func (p *parser) householdCount(line int, col func(string) string, f, s string) int {
	if s == "" {
		return -1
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		p.fail(line, col(f), RuleNotInteger, "%s %q bukan bilangan bulat (0, 1, 2, …)", FieldLabel(f), s)
		return -1
	}
	return v
}

// excelNumber reports whether s is a number as Excel or a data frame writes
// a long digit string it took for a number: in scientific notation
// (3.52301E+15, 3,52301E+15) or with a zero fraction (3523010101010001.0).
func excelNumber(s string) bool {
	if mant, exp, ok := strings.Cut(strings.ToUpper(s), "E"); ok {
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		ip, fp, dec := cutDecimal(mant)
		return digits(ip) && (!dec || digits(fp)) && digits(exp)
	}
	ip, fp, dec := cutDecimal(s)
	return dec && digits(ip) && digits(fp) && strings.Trim(fp, "0") == ""
}

// cutDecimal splits s at its first '.' or ','.
func cutDecimal(s string) (ip, fp string, ok bool) {
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// parseCoord reads a coordinate written with a decimal point or comma:
// -6.8971, 111,9876, 112.
func parseCoord(s string) (float64, bool) {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	ip, fp, dec := cutDecimal(t)
	if !digits(ip) || dec && !digits(fp) {
		return 0, false
	}
	if dec {
		s = s[:len(s)-len(t)] + ip + "." + fp
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// householdSource yields the rows of a household list.
type householdSource interface {
	// next returns the next row's cells (valid until the following call)
	// and its 1-based row number, or io.EOF.
	next() ([]string, int, error)
	// fraction returns the part of the file read so far, or -1 when unknown.
	fraction() float64
	// comma returns the CSV separator, or 0 for a workbook.
	comma() rune
	close()
}

// householdHeader returns the first non-blank row, cleaned, and its number.
func householdHeader(src householdSource, p *parser) ([]string, int, error) {
	for {
		rec, line, err := src.next()
		if err == io.EOF {
			p.fail(0, "", RuleEmpty, "berkas kosong: tidak ada baris judul")
			return nil, 0, p.errs
		}
		if err != nil {
			return nil, 0, err
		}
		if blank(rec) {
			continue
		}
		if len(rec) > MaxColumns {
			p.fail(line, "", RuleFileType, "baris judul memiliki %d kolom, lebih dari %d; bukan daftar rumah tangga", len(rec), MaxColumns)
			return nil, 0, p.errs
		}
		hdr := make([]string, len(rec))
		for i, c := range rec {
			hdr[i] = clean(c)
		}
		return hdr, line, nil
	}
}

// firstOpt is the options given, or none.
func firstOpt(opt []FileOptions) FileOptions {
	if len(opt) > 0 {
		return opt[0]
	}
	return FileOptions{}
}

// openHouseholds opens a household list as CSV or XLSX, by its content and
// extension.
func openHouseholds(path string, p *parser, opt FileOptions) (householdSource, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("membuka %s: %w", p.file, err)
	}
	var magic [4]byte
	k, err := io.ReadFull(fh, magic[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		fh.Close()
		return nil, fmt.Errorf("membaca %s: %w", p.file, err)
	}
	ext := strings.ToLower(filepath.Ext(path))
	fail := func(format string, args ...any) (householdSource, error) {
		fh.Close()
		p.fail(0, "", RuleFileType, format, args...)
		return nil, p.errs
	}
	switch {
	case bytes.Equal(magic[:k], []byte("PK\x03\x04")):
		fh.Close()
		return openHouseholdXLSX(path, p, opt)
	case bytes.Equal(magic[:k], []byte("\xD0\xCF\x11\xE0")):
		return fail("berkas Excel lama (.xls) atau berkas Excel berkata sandi; simpan sebagai Buku Kerja Excel (.xlsx) tanpa kata sandi atau sebagai CSV UTF-8")
	case ext == ".xlsx" || ext == ".xlsm":
		return fail("bukan berkas Excel .xlsx yang sah; buka di Excel lalu simpan ulang sebagai .xlsx atau CSV UTF-8")
	case ext != ".csv" && ext != ".txt" && ext != ".tsv":
		return fail("jenis berkas %q tidak dapat dibaca sebagai daftar keluarga; gunakan berkas .csv atau .xlsx", ext)
	}
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		fh.Close()
		return nil, fmt.Errorf("membaca %s: %w", p.file, err)
	}
	return openHouseholdCSV(fh, p)
}

// householdCSV reads a CSV household list.
type householdCSV struct {
	fh   *os.File
	read *countingReader
	size int64
	cr   *csv.Reader
	sep  rune
	p    *parser
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

func openHouseholdCSV(fh *os.File, p *parser) (householdSource, error) {
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, fmt.Errorf("membaca %s: %w", p.file, err)
	}
	s := &householdCSV{fh: fh, read: &countingReader{r: fh}, size: st.Size(), p: p}
	br := bufio.NewReaderSize(&lineLimiter{r: s.read, max: MaxLine}, 64<<10)
	head, comma, err := p.sniff(br)
	if err != nil {
		fh.Close()
		return nil, fmt.Errorf("membaca %s: %w", p.file, err)
	}
	if len(p.errs) > 0 {
		fh.Close()
		return nil, p.errs
	}
	s.cr = csv.NewReader(io.MultiReader(bytes.NewReader(head), br))
	s.cr.Comma, s.sep = comma, comma
	s.cr.FieldsPerRecord = -1
	s.cr.ReuseRecord = true
	return s, nil
}

func (s *householdCSV) next() ([]string, int, error) {
	rec, err := s.cr.Read()
	if err == io.EOF {
		return nil, 0, err
	}
	if err != nil {
		return nil, 0, s.p.readErr(err)
	}
	line, _ := s.cr.FieldPos(0)
	return rec, line, nil
}

func (s *householdCSV) fraction() float64 {
	if s.size <= 0 {
		return -1
	}
	return min(float64(s.read.n)/float64(s.size), 1)
}

func (s *householdCSV) comma() rune { return s.sep }

func (s *householdCSV) close() { s.fh.Close() }

// householdXLSX reads the first sheet of a workbook.
type householdXLSX struct {
	file  string // for messages
	f     *excelize.File
	rows  *excelize.Rows
	row   int // current row number
	total int // last row of the sheet's dimension, 0 when unknown
}

func openHouseholdXLSX(path string, p *parser, opt FileOptions) (householdSource, error) {
	f, err := openWorkbook(path, p, opt)
	if err != nil {
		return nil, err
	}
	sheet := f.GetSheetName(0)
	if sheet == "" {
		f.Close()
		p.fail(0, "", RuleEmpty, "buku kerja tidak berisi lembar kerja")
		return nil, p.errs
	}
	s := &householdXLSX{file: p.file, f: f}
	if dim, err := f.GetSheetDimension(sheet); err == nil {
		if _, last, ok := strings.Cut(dim, ":"); ok {
			if _, row, err := excelize.CellNameToCoordinates(last); err == nil && row > 1 {
				s.total = row
			}
		}
	}
	if s.rows, err = f.Rows(sheet); err != nil {
		f.Close()
		p.fail(0, "", RuleFileType, "lembar kerja %q tidak dapat dibaca (%v)", sheet, err)
		return nil, p.errs
	}
	return s, nil
}

func (s *householdXLSX) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, fmt.Errorf("membaca %s baris %d: %w", s.file, s.row+1, err)
		}
		if s.total > 0 && s.row < s.total {
			return nil, 0, fmt.Errorf("%s: lembar kerja menyatakan %d baris tetapi hanya %d yang terbaca; berkas terpotong atau rusak, tidak ada yang diimpor",
				s.file, s.total, s.row)
		}
		return nil, 0, io.EOF
	}
	s.row++
	cols, err := s.rows.Columns()
	if err != nil {
		return nil, 0, fmt.Errorf("membaca %s baris %d: %w", s.file, s.row, err)
	}
	return cols, s.row, nil
}

func (s *householdXLSX) fraction() float64 {
	if s.total <= 0 {
		return -1
	}
	return min(float64(s.row)/float64(s.total), 1)
}

func (s *householdXLSX) comma() rune { return 0 }

func (s *householdXLSX) close() {
	s.rows.Close()
	s.f.Close()
}

// MissingFields lists the required fields m does not map, in the order
// of HouseholdHeader.Missing: kk, nik, desil, jumlah_art, and both
// kode_desa and nama_desa when neither is mapped (one of them suffices).
func MissingFields(m Mapping) []string {
	var out []string
	for _, f := range []string{FieldKK, FieldNIK, FieldDesaCode, FieldDesaName, FieldDesil, FieldMembers} {
		if strings.TrimSpace(m[f]) != "" {
			continue
		}
		if (f == FieldDesaCode || f == FieldDesaName) &&
			(strings.TrimSpace(m[FieldDesaCode]) != "" || strings.TrimSpace(m[FieldDesaName]) != "") {
			continue
		}
		out = append(out, f)
	}
	return out
}
