package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Options set what a file does not say about its indicators.
type Options struct {
	Period    string // period of a wide file's values, or of a long file without period column; default the current year ("2025")
	Source    string // copied to every Indicator.Source
	Synthetic bool   // copied to every Indicator.Synthetic: the numbers are generated sample data
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
	sh, err := ReadSheetCSV(r, file)
	if err != nil {
		return nil, err
	}
	return Build(sh, Detect(sh), opt)
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
	case r.BPS != "":
		return "\x02" + r.BPS
	case r.Kec == "":
		return ""
	}
	return "\x01" + geo.NormalizeName(r.Name) + "\x01" + geo.NormalizeName(r.Kec)
}

// rowKey describes a row's area as written, for messages.
func rowKey(r *Row) string {
	switch {
	case r.BPS != "" && r.Name != "":
		return fmt.Sprintf("kode BPS %s %q", r.BPS, r.Name)
	case r.BPS != "":
		return "kode BPS " + r.BPS
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
