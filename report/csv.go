package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
)

// CSVFiles lists the file names WriteCSVZip and WriteCSVDir write, one per
// sheet of Sheets and in the same order.
var CSVFiles = []string{"ringkasan_kecamatan.csv", "rincian_desa.csv", "kantong_kemiskinan.csv",
	"intervensi.csv", "validasi_data.csv", "metadata.csv"}

// WriteCSVZip writes d to w as a zip archive of the CSV files of CSVFiles.
// Each file holds the table of the sheet of the same name in WriteXLSX,
// with the same header and columns, as UTF-8 CSV (no byte-order mark),
// comma separated, header first. Values are machine-readable: numbers
// with a '.' before the decimals and no thousands separator, percentages
// in percent as the indicator has them (12.5, not 0.125), rupiah and
// shared counts rounded to two decimals, dates as YYYY-MM-DD, empty fields
// for missing values, and suppressed counts as "<5" (see Suppress). The
// per-priority summary below the list of Intervensi is XLSX only.
func WriteCSVZip(w io.Writer, d *Dataset) error {
	z := zip.NewWriter(w)
	for _, t := range tbTables(d) {
		h := &zip.FileHeader{Name: t.file, Method: zip.Deflate}
		if !d.Made.IsZero() {
			h.Modified = d.Made
		}
		fw, err := z.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("csv: %s: %w", t.file, err)
		}
		if err := tbWriteCSV(fw, &t.main); err != nil {
			return fmt.Errorf("csv: %s: %w", t.file, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("csv: zip: %w", err)
	}
	return nil
}

// WriteCSVDir writes the CSV files of CSVFiles into dir, as WriteCSVZip
// writes them into its archive, creating dir when needed and replacing
// files of the same names.
func WriteCSVDir(dir string, d *Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	for _, t := range tbTables(d) {
		var buf bytes.Buffer
		if err := tbWriteCSV(&buf, &t.main); err != nil {
			return fmt.Errorf("csv: %s: %w", t.file, err)
		}
		if err := os.WriteFile(filepath.Join(dir, t.file), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("csv: %w", err)
		}
	}
	return nil
}

// tbWriteCSV writes the header and rows of a block as CSV.
func tbWriteCSV(w io.Writer, b *tbBlock) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(b.cols))
	for i, c := range b.cols {
		rec[i] = c.head
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, row := range b.rows {
		rec = rec[:0]
		for i, v := range row {
			rec = append(rec, tbCSVField(v, b.cols[i].kind))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// tbCSVField formats one value for CSV.
func tbCSVField(v any, k tbKind) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return tbMaskIDs(v)
	case time.Time:
		return v.Format(aid.DateLayout)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		if !tbFinite(v) {
			return ""
		}
		if k == tkRupiah || k == tkCount {
			v = math.Round(v*100) / 100
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
