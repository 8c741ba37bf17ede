package ingest

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/dinsos-tuban/pocketmap/idfmt"
)

// Limits bound what a file may make the readers hold, whatever it claims:
// generous for any real list (a sheet holds at most 1,048,576 rows and an
// Excel cell 32,767 characters), small enough that a damaged or hostile
// file cannot exhaust the memory of an office PC.
const (
	// MaxLine is the longest line of a text file (CSV), in bytes.
	MaxLine = 1 << 20
	// MaxColumns is the most columns a header may have.
	MaxColumns = 1000
	// MaxCell is the longest cell, in characters (Excel's own limit).
	MaxCell = 32767
	// MaxZipEntries is the most files a workbook may hold.
	MaxZipEntries = 10000
	// MaxSheetXML is the most a workbook's parts may unpack to, declared
	// or actual, in bytes.
	MaxSheetXML = 2 << 30
	// MaxXMLText is the longest run of text between two XML tags in a
	// workbook part (a cell is at most 32,767 characters): padding such as
	// a gigabyte of spaces is refused instead of read.
	MaxXMLText = 1 << 20
)

// FileOptions are how the readers handle files.
type FileOptions struct {
	// TempDir is where the workbook reader may spill a large sheet: a
	// private folder (0700) that the caller empties after the import.
	// "" keeps everything in memory.
	TempDir string
}

// cut shortens a value from a file for a message: its first 60
// characters and how long it is.
func cut(s string) string {
	const most = 60
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	r := []rune(s)
	return fmt.Sprintf("%s… (%s karakter)", string(r[:most]), idfmt.Number(float64(len(r)), 0))
}

// errLineTooLong is returned by lineLimiter.
var errLineTooLong = errors.New("baris terlalu panjang")

// lineLimiter passes a text through, failing with errLineTooLong at a line
// longer than max bytes, so that a reader never buffers more than that.
type lineLimiter struct {
	r    io.Reader
	max  int
	run  int   // bytes since the last newline
	line int   // 1-based number of the line being read
	err  error // sticky
}

func (l *lineLimiter) Read(b []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(b)
	for i, c := range b[:n] {
		if c == '\n' {
			l.run = 0
			l.line++
			continue
		}
		l.run++
		if l.run > l.max {
			l.err = fmt.Errorf("%w: baris %d lebih dari %s bita (bukan berkas teks CSV?)", errLineTooLong, l.line+1, idfmt.Number(float64(l.max), 0))
			return i, l.err
		}
	}
	return n, err
}

// checkXLSX reads a whole workbook once before anything is taken from it,
// refusing it with a message naming the part and the reason when any part
// is damaged (a bad checksum, a truncated entry, a size other than
// declared), when it declares or unpacks to more than MaxSheetXML, holds
// more than MaxZipEntries files, or has a run of text between tags longer
// than MaxXMLText (padding).
func checkXLSX(file string, p *parser) error {
	zr, err := zip.OpenReader(file)
	if err != nil {
		p.fail(0, "", RuleFileType, "berkas Excel tidak dapat dibuka sebagai .xlsx (%v); buka di Excel lalu simpan ulang sebagai .xlsx atau CSV UTF-8", err)
		return p.errs
	}
	defer zr.Close()
	if len(zr.File) > MaxZipEntries {
		p.fail(0, "", RuleFileType, "berkas Excel berisi %s bagian, lebih dari %s; bukan buku kerja biasa", idfmt.Number(float64(len(zr.File)), 0), idfmt.Number(MaxZipEntries, 0))
		return p.errs
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxSheetXML || total > MaxSheetXML {
			p.fail(0, "", RuleFileType, "bagian %s menyatakan ukuran %s bita setelah dibuka, lebih dari batas %s; berkas ini tidak dibaca",
				f.Name, idfmt.Number(float64(f.UncompressedSize64), 0), idfmt.Number(MaxSheetXML, 0))
			return p.errs
		}
	}
	var read int64
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			p.fail(0, "", RuleFileType, "bagian %s rusak (%v); buka di Excel lalu simpan ulang, atau minta berkas baru", f.Name, err)
			return p.errs
		}
		xml := strings.HasSuffix(path.Ext(f.Name), "xml") || strings.HasSuffix(f.Name, ".rels")
		n, err := scanPart(rc, xml, MaxSheetXML-read)
		rc.Close()
		read += n
		switch {
		case errors.Is(err, errPadding):
			p.fail(0, "", RuleFileType, "bagian %s berisi teks sepanjang lebih dari %s bita di antara dua tag (isian kosong atau sisipan), bukan sel Excel; berkas ini tidak dibaca",
				f.Name, idfmt.Number(MaxXMLText, 0))
			return p.errs
		case errors.Is(err, errTooBig):
			p.fail(0, "", RuleFileType, "berkas Excel terbuka menjadi lebih dari %s bita; berkas ini tidak dibaca", idfmt.Number(MaxSheetXML, 0))
			return p.errs
		case err != nil:
			p.fail(0, "", RuleFileType, "bagian %s rusak atau terpotong (%s); tidak ada yang diimpor. Buka di Excel lalu simpan ulang, atau minta berkas baru", f.Name, zipFault(err))
			return p.errs
		}
	}
	return nil
}

// zipFault says in Indonesian what is wrong with a workbook part.
func zipFault(err error) string {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return "isinya tidak cocok dengan checksum-nya"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "isinya berakhir sebelum ukuran yang dinyatakan"
	case errors.Is(err, zip.ErrFormat):
		return "struktur zip tidak sah"
	case errors.As(err, &ce):
		return "data terkompresinya rusak"
	}
	return err.Error()
}

var (
	errPadding = errors.New("padding")
	errTooBig  = errors.New("too big")
)

// scanPart reads a zip entry to its end (so that the zip reader checks its
// size and checksum) and, for XML, measures each run of text between
// tags. It stops at more than budget bytes.
func scanPart(r io.Reader, xml bool, budget int64) (int64, error) {
	buf := make([]byte, 64<<10)
	var n int64
	text := 0
	for {
		k, err := r.Read(buf)
		n += int64(k)
		if n > budget {
			return n, errTooBig
		}
		if xml {
			for _, c := range buf[:k] {
				switch c {
				case '<':
					text = 0
				case '>':
					text = 0
				default:
					text++
					if text > MaxXMLText {
						return n, errPadding
					}
				}
			}
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}
