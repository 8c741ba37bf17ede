package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// MaxRows is the most rows an indicator file may have: the rows of an
// Excel sheet, far more than the 84,000 desa of Indonesia in one period.
const MaxRows = 1 << 20

// Sheet is the cells of an indicator file as read, before any of them is
// interpreted: a CSV file, or one sheet of a workbook with its merged
// cells filled in (the value of a merged range is in each of its cells, so
// that a heading spanning two columns heads both). Blank rows are left
// out.
type Sheet struct {
	File   string     // base name, for messages
	Sheet  string     // the workbook sheet read; "" for a CSV file
	Sheets []string   // every sheet of the workbook, in order
	Comma  rune       // the CSV separator; 0 for a workbook
	Rows   [][]string // the non-blank rows, cells trimmed
	Lines  []int      // the 1-based line (CSV) or row (sheet) of each row
}

// semicolon reports whether numbers follow the Indonesian Excel CSV
// convention (see ReadCSV).
func (s *Sheet) semicolon() bool { return s.Comma == ';' }

// ReadSheetCSV reads the cells of a CSV indicator file; a file that is not
// CSV text is refused with RowErrors.
func ReadSheetCSV(r io.Reader, file string) (*Sheet, error) {
	p := &parser{file: file}
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
	s := &Sheet{File: file, Comma: comma}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, p.readErr(err)
		}
		line, _ := cr.FieldPos(0)
		if err := s.add(p, rec, line); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// add appends a record unless it is blank, enforcing the limits.
func (s *Sheet) add(p *parser, rec []string, line int) error {
	if blank(rec) {
		return nil
	}
	if len(rec) > MaxColumns {
		p.fail(line, "", RuleBadColumn, "baris memiliki %d kolom, lebih dari %d; bukan tabel indikator", len(rec), MaxColumns)
		return p.errs
	}
	if len(s.Rows) >= MaxRows {
		p.fail(line, "", RuleBadColumn, "lebih dari %d baris; bagi berkasnya", MaxRows)
		return p.errs
	}
	row := make([]string, len(rec))
	for i, c := range rec {
		row[i] = clean(c)
	}
	s.Rows = append(s.Rows, row)
	s.Lines = append(s.Lines, line)
	return nil
}

// ReadSheet reads the cells of an indicator file: a workbook (.xlsx, by
// its content) or CSV text. sheet names the workbook sheet to read; ""
// reads the first sheet that has cells. An unknown sheet is refused with
// the list of the workbook's sheets.
func ReadSheet(path, sheet string, opt FileOptions) (*Sheet, error) {
	file := filepath.Base(path)
	p := &parser{file: file}
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("membuka %s: %w", file, err)
	}
	defer fh.Close()
	var magic [4]byte
	k, err := io.ReadFull(fh, magic[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("membaca %s: %w", file, err)
	}
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case bytes.Equal(magic[:k], []byte("PK\x03\x04")):
		return readSheetXLSX(path, sheet, p, opt)
	case bytes.Equal(magic[:k], []byte("\xD0\xCF\x11\xE0")):
		p.fail(0, "", RuleFileType, "berkas Excel lama (.xls) atau berkas Excel berkata sandi; simpan sebagai Buku Kerja Excel (.xlsx) tanpa kata sandi atau sebagai CSV UTF-8")
		return nil, p.errs
	case ext == ".xlsx" || ext == ".xlsm":
		p.fail(0, "", RuleFileType, "bukan berkas Excel .xlsx yang sah; buka di Excel lalu simpan ulang sebagai .xlsx atau CSV UTF-8")
		return nil, p.errs
	}
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("membaca %s: %w", file, err)
	}
	return ReadSheetCSV(fh, file)
}

// readSheetXLSX reads one sheet of a workbook, merged cells filled in.
func readSheetXLSX(path, sheet string, p *parser, opt FileOptions) (*Sheet, error) {
	f, err := openWorkbook(path, p, opt)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &Sheet{File: p.file, Sheets: f.GetSheetList()}
	if len(s.Sheets) == 0 {
		p.fail(0, "", RuleEmpty, "buku kerja tidak berisi lembar kerja")
		return nil, p.errs
	}
	switch {
	case sheet != "" && !slices.Contains(s.Sheets, sheet):
		p.fail(0, "", RuleFileType, "buku kerja tidak memiliki lembar %q; lembarnya: %s", sheet, quoteList(s.Sheets))
		return nil, p.errs
	case sheet != "":
		s.Sheet = sheet
		return s, s.readXLSX(f, p)
	}
	for _, name := range s.Sheets {
		s.Sheet, s.Rows, s.Lines = name, nil, nil
		if err := s.readXLSX(f, p); err != nil || len(s.Rows) > 0 {
			return s, err
		}
	}
	s.Sheet = s.Sheets[0]
	return s, nil
}

// readXLSX reads s.Sheet of f into s.
func (s *Sheet) readXLSX(f *excelize.File, p *parser) error {
	rows, err := f.Rows(s.Sheet)
	if err != nil {
		p.fail(0, "", RuleFileType, "lembar kerja %q tidak dapat dibaca (%v)", s.Sheet, err)
		return p.errs
	}
	defer rows.Close()
	var all [][]string
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("membaca %s lembar %q baris %d: %w", s.File, s.Sheet, n, err)
		}
		if len(all) >= MaxRows {
			p.fail(n, "", RuleBadColumn, "lebih dari %d baris; bagi berkasnya", MaxRows)
			return p.errs
		}
		all = append(all, cols)
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("membaca %s lembar %q: %w", s.File, s.Sheet, err)
	}
	merged, err := f.GetMergeCells(s.Sheet)
	if err != nil {
		return fmt.Errorf("membaca sel gabungan %s lembar %q: %w", s.File, s.Sheet, err)
	}
	for _, m := range merged {
		c0, r0, err0 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err := errors.Join(err0, err1); err != nil || r0 > len(all) || c1 > MaxColumns || r1-r0 > MaxRows {
			continue
		}
		v := m.GetCellValue()
		if v == "" && c0 <= len(all[r0-1]) {
			v = all[r0-1][c0-1]
		}
		for r := r0; r <= min(r1, len(all)); r++ {
			if len(all[r-1]) < c1 {
				all[r-1] = append(all[r-1], make([]string, c1-len(all[r-1]))...)
			}
			for c := c0; c <= c1; c++ {
				all[r-1][c-1] = v
			}
		}
	}
	for i, rec := range all {
		if err := s.add(p, rec, i+1); err != nil {
			return err
		}
	}
	return nil
}

// openWorkbook opens a workbook within the limits (see checkXLSX), cells
// read raw (numbers as stored, not as formatted). Without opt.TempDir
// nothing is spilled to disk: a sheet of NIKs and names never lands in
// the system's temp folder.
func openWorkbook(path string, p *parser, opt FileOptions) (*excelize.File, error) {
	if err := checkXLSX(path, p); err != nil {
		return nil, err
	}
	tmp := opt.TempDir
	if tmp == "" {
		tmp = os.DevNull
	}
	xo := excelize.Options{RawCellValue: true, UnzipSizeLimit: MaxSheetXML, TmpDir: tmp}
	if opt.TempDir == "" {
		xo.UnzipXMLSizeLimit = MaxSheetXML // keep it in memory
	}
	f, err := excelize.OpenFile(path, xo)
	if err != nil {
		p.fail(0, "", RuleFileType, "berkas Excel tidak dapat dibaca (%v); buka di Excel lalu simpan ulang sebagai .xlsx atau CSV UTF-8", err)
		return nil, p.errs
	}
	return f, nil
}

// quoteList writes names quoted and comma-separated.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
