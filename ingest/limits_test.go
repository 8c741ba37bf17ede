package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/household"
)

// rezip rewrites the workbook at path entry by entry through edit, which
// may change an entry's header and content (nil content: copy as is).
func rezip(t *testing.T, path string, edit func(h *zip.FileHeader, content []byte) (*zip.FileHeader, []byte, bool)) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		h := f.FileHeader
		nh, nc, raw := edit(&h, content)
		if raw {
			w, err := zw.CreateRaw(nh)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(nc)
			continue
		}
		nh.Method = zip.Deflate
		w, err := zw.CreateHeader(nh)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(nc)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "rusak.xlsx")
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// stored returns content as a stored (uncompressed) zip entry with the
// checksum of want, written raw.
func stored(h *zip.FileHeader, content []byte, crcOf []byte) (*zip.FileHeader, []byte, bool) {
	h.Method = zip.Store
	h.CRC32 = crc32.ChecksumIEEE(crcOf)
	h.CompressedSize64 = uint64(len(content))
	h.UncompressedSize64 = uint64(len(content))
	return h, content, true
}

// readAll reads a household list to the end and returns the records seen
// and the error; it measures the bytes allocated meanwhile.
func readAll(t *testing.T, path string, opt FileOptions) (int, error, uint64) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n := 0
	_, err := ReadHouseholds(context.Background(), path, nil, func(*household.Record) error { n++; return nil }, nil, opt)
	runtime.ReadMemStats(&after)
	return n, err, after.TotalAlloc - before.TotalAlloc
}

// TestHostileWorkbooksRefusedWhole builds the damaged and hostile
// workbooks of issue 11 and checks that each is refused whole, before any
// record, with a short message naming the part and the reason, within
// bounded memory, and that nothing is left in the private temp folder.
func TestHostileWorkbooksRefusedWhole(t *testing.T) {
	good := hhXLSX(t, 3000, true)
	sheet := "xl/worksheets/sheet1.xml"
	tmp := t.TempDir()
	for _, tc := range []struct {
		name string
		file func() string
		want string
	}{
		{"bad checksum in the middle of the sheet", func() string {
			return rezip(t, good, func(h *zip.FileHeader, c []byte) (*zip.FileHeader, []byte, bool) {
				if h.Name != sheet {
					return h, c, false
				}
				bad := bytes.Clone(c)
				i := bytes.Index(bad[len(bad)/2:], []byte("KRT ")) + len(bad)/2
				bad[i] = 'X' // the content changes, its checksum does not
				return stored(h, bad, c)
			})
		}, "rusak atau terpotong"},
		{"a sheet shorter than its declared size", func() string {
			return rezip(t, good, func(h *zip.FileHeader, c []byte) (*zip.FileHeader, []byte, bool) {
				if h.Name != sheet {
					return h, c, false
				}
				h, body, raw := stored(h, c[:len(c)/2], c)
				h.UncompressedSize64 = uint64(len(c))
				return h, body, raw
			})
		}, "rusak"},
		{"an entry declaring 4 GiB", func() string {
			return rezip(t, good, func(h *zip.FileHeader, c []byte) (*zip.FileHeader, []byte, bool) {
				if h.Name != sheet {
					return h, c, false
				}
				h, body, raw := stored(h, c, c)
				h.UncompressedSize64 = 4 << 30
				return h, body, raw
			})
		}, "menyatakan ukuran 4.294.967.296 bita"},
		{"a gigabyte of spaces", func() string {
			return rezip(t, good, func(h *zip.FileHeader, c []byte) (*zip.FileHeader, []byte, bool) {
				if h.Name != sheet {
					return h, c, false
				}
				i := bytes.Index(c, []byte("<sheetData>")) + len("<sheetData>")
				var z bytes.Buffer
				fw, _ := flate.NewWriter(&z, flate.BestSpeed)
				fw.Write(c[:i])
				crc := crc32.NewIEEE()
				crc.Write(c[:i])
				spaces := bytes.Repeat([]byte(" "), 1<<20)
				for range 1024 {
					fw.Write(spaces)
					crc.Write(spaces)
				}
				fw.Write(c[i:])
				crc.Write(c[i:])
				fw.Close()
				h.Method = zip.Deflate
				h.CRC32 = crc.Sum32()
				h.CompressedSize64 = uint64(z.Len())
				h.UncompressedSize64 = uint64(len(c) + 1<<30)
				return h, z.Bytes(), true
			})
		}, "isian kosong"},
		{"a 10 MB cell", func() string {
			return rezip(t, good, func(h *zip.FileHeader, c []byte) (*zip.FileHeader, []byte, bool) {
				if h.Name != "xl/sharedStrings.xml" {
					return h, c, false
				}
				i := bytes.Index(c, []byte("<t>")) + len("<t>")
				big := append(append(bytes.Clone(c[:i]), bytes.Repeat([]byte("A"), 10<<20)...), c[i:]...)
				return h, big, false
			})
		}, "lebih dari 1.048.576 bita"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.file()
			n, err, alloc := readAll(t, path, FileOptions{TempDir: tmp})
			if n != 0 {
				t.Errorf("%d records read from a file that is refused", n)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if len(err.Error()) > 600 {
				t.Errorf("message of %d bytes", len(err.Error()))
			}
			t.Logf("%d records, %.1f MB allocated: %s", n, float64(alloc)/(1<<20), err)
			if alloc > 64<<20 {
				t.Errorf("%d MB allocated to refuse it", alloc>>20)
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("left in the temp folder: %v", left)
			}
		})
	}
	// The good workbook reads whole through the same checks.
	n, err, _ := readAll(t, good, FileOptions{TempDir: tmp})
	if err != nil || n != 3000 {
		t.Fatalf("good workbook: %d records, %v", n, err)
	}
}

// TestHostileTextFilesRefused: a 200 MB line, a header of five million
// columns and a 10 MB cell in a CSV are refused with a short message,
// reading no more than a line's limit.
func TestHostileTextFilesRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, parts ...func(w io.Writer)) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			p(f)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	repeat := func(s string, n int) func(io.Writer) {
		return func(w io.Writer) {
			chunk := []byte(strings.Repeat(s, 1<<16))
			for i := 0; i < n; i += 1 << 16 {
				w.Write(chunk)
			}
		}
	}
	hdr := "no_kk,nik,kode_desa,desil,jumlah_art\n"
	for _, tc := range []struct {
		name, path, want string
	}{
		{"200 MB line", write("panjang.csv", text(hdr), repeat("x", 200<<20), text("\n")), "baris 2 lebih dari 1.048.576 bita"},
		{"5 million columns", write("lebar.csv", repeat("a,", 5_000_000), text("\n")), "lebih dari 1.048.576 bita"},
		{"10 MB cell", write("sel.csv", text(hdr+"3523010101010001,3523014101880001,3523012001,1,"), repeat("9", 10<<20), text("\n")), "baris 2 lebih dari"},
		{"2,000 columns", write("kolom.csv", repeat("kolom,", 2000), text("\n")), "lebih dari 1000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err, alloc := readAll(t, tc.path, FileOptions{})
			if n != 0 || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%d records, error %v; want %q", n, err, tc.want)
			}
			if len(err.Error()) > 600 {
				t.Errorf("message of %d bytes", len(err.Error()))
			}
			t.Logf("%.1f MB allocated: %s", float64(alloc)/(1<<20), err)
			if alloc > 32<<20 {
				t.Errorf("%d MB allocated to refuse it", alloc>>20)
			}
		})
	}
	// The indicator reader has the same limits.
	f, err := os.Open(filepath.Join(dir, "panjang.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := ReadCSV(f, "panjang.csv", Options{}); err == nil || !strings.Contains(err.Error(), "lebih dari 1.048.576 bita") {
		t.Errorf("indicator CSV with a 200 MB line: %v", err)
	}
}
