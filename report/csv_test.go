package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// readCSVZip returns the records and the raw bytes of every file of a zip.
func tbReadCSVZip(t *testing.T, data []byte) (names []string, recs map[string][][]string, raw map[string][]byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	recs, raw = map[string][][]string{}, map[string][]byte{}
	for _, zf := range z.File {
		names = append(names, zf.Name)
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) || bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s: not plain UTF-8", zf.Name)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = 0 // every record as wide as the header
		recs[zf.Name], err = r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		raw[zf.Name] = b
	}
	return names, recs, raw
}

// field returns the field of the column headed head in record i (1 = the
// first data row).
func tbField(t *testing.T, recs [][]string, head string, i int) string {
	t.Helper()
	c := slices.Index(recs[0], head)
	if c < 0 {
		t.Fatalf("no column %q in %q", head, recs[0])
	}
	return recs[i][c]
}

func TestCSVZip(t *testing.T) {
	d := tbTestDataset()
	var buf bytes.Buffer
	if err := WriteCSVZip(&buf, d); err != nil {
		t.Fatal(err)
	}
	names, recs, _ := tbReadCSVZip(t, buf.Bytes())
	want := []string{"ringkasan_kecamatan.csv", "rincian_desa.csv", "kantong_kemiskinan.csv", "intervensi.csv",
		"validasi_data.csv", "metadata.csv"}
	if !slices.Equal(names, want) || !slices.Equal(CSVFiles, want) {
		t.Fatalf("files %q, want %q", names, want)
	}

	// Same columns as the sheets.
	f := tbWriteXLSX(t, d)
	for i, sh := range Sheets {
		if got := recs[CSVFiles[i]][0]; !slices.Equal(got, tbHeaders(t, f, sh)) {
			t.Errorf("%s header %q, sheet %q", CSVFiles[i], got, tbHeaders(t, f, sh))
		}
	}

	kec := recs["ringkasan_kecamatan.csv"]
	if len(kec) != 1+len(d.Kecamatan) {
		t.Fatalf("%d kecamatan records", len(kec))
	}
	for i, k := range d.Kecamatan {
		if got := tbField(t, kec, "Kode", i+1); got != k.Code {
			t.Errorf("code %q", got)
		}
		if got := tbField(t, kec, "Anggaran (Rp)", i+1); got != strconv.FormatFloat(k.Budget, 'f', -1, 64) {
			t.Errorf("%s budget %q", k.Name, got)
		}
		if got := tbField(t, kec, "Nilai (%)", i+1); got != strconv.FormatFloat(k.Value, 'f', -1, 64) {
			t.Errorf("%s value %q, want percent %v", k.Name, got, k.Value)
		}
	}
	if got := tbField(t, kec, "Anggaran (Rp)", 1); got != "175000000" {
		t.Errorf("budget %q: machine-readable, no separators", got)
	}
	if got := tbField(t, kec, "Pembilang (rt_desil1)", 2); got != "<5" {
		t.Errorf("numerator %q", got)
	}

	desa := recs["rincian_desa.csv"]
	if len(desa) != 1+len(d.Desa) {
		t.Fatalf("%d desa records", len(desa))
	}
	for i, r := range d.Desa {
		if got := tbField(t, desa, "Kode", i+1); got != r.Code {
			t.Errorf("desa code %q", got)
		}
		v, err := strconv.ParseFloat(tbField(t, desa, "Anggaran (Rp)", i+1), 64)
		if err != nil || v != r.Budget {
			t.Errorf("%s budget %v (%v), want %v", r.Name, v, err, r.Budget)
		}
		if got := tbField(t, desa, "Catatan", i+1); got != SyntheticNote {
			t.Errorf("%s catatan %q", r.Name, got)
		}
	}
	if got := tbField(t, desa, "Nilai (%)", 1); got != "22.4" {
		t.Errorf("value %q", got)
	}
	if got := tbField(t, desa, "Nilai (%)", 4); got != "" {
		t.Errorf("value without data %q", got)
	}
	if got := tbField(t, desa, "Sasaran RT", 2); got != "<5" {
		t.Errorf("households %q", got)
	}
	if got := tbField(t, desa, "Klaster LISA", 3); got != "Rendah-Rendah" {
		t.Errorf("cluster %q", got)
	}

	pk := recs["kantong_kemiskinan.csv"]
	if len(pk) != 4 || tbField(t, pk, "Desa", 1) != "Laju Kidul" || tbField(t, pk, "Desa", 3) != "Jamprong" {
		t.Errorf("pockets %q", pk)
	}

	iv := recs["intervensi.csv"]
	if len(iv) != 1+len(d.Interventions) {
		t.Fatalf("intervensi: %d records, want the list without the summary", len(iv))
	}
	for head, want := range map[string]string{"Anggaran (Rp)": "150000000", "Mulai": "2025-01-15", "Selesai": "2025-12-31",
		"Wilayah": "35.23.01.2001; 35.23.01.2002", "Prioritas": "Pengurangan Beban Ekonomi", "Sasaran jiwa": "350"} {
		if got := tbField(t, iv, head, 1); got != want {
			t.Errorf("intervensi %s = %q, want %q", head, got, want)
		}
	}
	if got := tbField(t, iv, "Sasaran RT", 2); got != "<5" {
		t.Errorf("intervention households %q", got)
	}

	val := recs["validasi_data.csv"]
	if got := [3]string{tbField(t, val, "Jumlah temuan", 1), tbField(t, val, "Jumlah temuan", 2), tbField(t, val, "Jumlah temuan", 3)}; got != [3]string{"12", "<5", "7"} {
		t.Errorf("counts %q", got)
	}

	meta := recs["metadata.csv"]
	if meta[1][0] != "PERINGATAN" || meta[1][1] != SyntheticWarning {
		t.Errorf("metadata %q", meta[1])
	}

	for name, rs := range recs {
		for _, r := range rs {
			for _, v := range r {
				if tbSixteenDigits.MatchString(v) || tbIdentityWords.MatchString(v) || strings.Contains(v, "Budi") {
					t.Errorf("%s: %q", name, v)
				}
			}
		}
	}
}

func TestCSVDir(t *testing.T) {
	d := tbTestDataset()
	var buf bytes.Buffer
	if err := WriteCSVZip(&buf, d); err != nil {
		t.Fatal(err)
	}
	_, _, raw := tbReadCSVZip(t, buf.Bytes())
	dir := filepath.Join(t.TempDir(), "ekspor")
	if err := WriteCSVDir(dir, d); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(CSVFiles) {
		t.Errorf("%d files", len(entries))
	}
	for _, name := range CSVFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, raw[name]) {
			t.Errorf("%s differs from the zip", name)
		}
	}
}

func TestCSVEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSVZip(&buf, &Dataset{}); err != nil {
		t.Fatal(err)
	}
	_, recs, _ := tbReadCSVZip(t, buf.Bytes())
	for _, name := range CSVFiles[:len(CSVFiles)-1] {
		if len(recs[name]) != 1 {
			t.Errorf("%s: %d records, want the header", name, len(recs[name]))
		}
	}
}
