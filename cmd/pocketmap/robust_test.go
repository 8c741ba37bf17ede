package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// program returns a command running the program itself (the test binary
// acting as pocketmap) with args.
func program(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	return cmd
}

// TestReadAndWriteDuringLongImport: while another process imports a large
// household list (one long write transaction), a reader opens and reads at
// once, and a writer waits, says so, and succeeds when the import ends.
func TestReadAndWriteDuringLongImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 150,000 households")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	list := filepath.Join(dir, "dtks.csv")
	if code, _, errs := pm(t, "--db", db, "sample", "households", "--out", list, "--n", "150000"); code != 0 {
		t.Fatal(errs)
	}
	imp := program("--db", db, "import", "households", list, "--period", "2025-06")
	var impOut, impErr bytes.Buffer
	imp.Stdout, imp.Stderr = &impOut, &impErr
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- imp.Wait() }()
	time.Sleep(1500 * time.Millisecond) // the import is writing
	select {
	case err := <-done:
		t.Fatalf("the import ended before the test could overlap it (%v); %s", err, impErr.String())
	default:
	}
	start := time.Now()
	code, out, errs := pm(t, "--db", db, "areas")
	if code != 0 || !strings.Contains(out, "35.23.01.2001") {
		t.Fatalf("reading during the import: exit %d, %s", code, errs)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("reading waited %v for the import", d)
	}
	code, out, errs = pm(t, "--db", db, "intervention", "add", "--programme", "PKH", "--priority", "pengurangan-beban",
		"--areas", "35.23.01.2001", "--budget", "Rp 1.000.000", "--start", "2025-01-01", "--end", "2025-12-31")
	if code != 0 || !strings.HasPrefix(out, "id=") {
		t.Fatalf("writing during the import: exit %d, %s %s", code, out, errs)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("import: %v\n%s", err, impErr.String())
		}
		if !strings.Contains(errs, "menunggu proses lain") {
			t.Logf("the write did not have to wait (the import had finished): %s", errs)
		}
	case <-time.After(2 * time.Minute):
		imp.Process.Kill()
		t.Fatal("the import did not finish")
	}
	if n, hh := snapshotCount(t, db); n != 1 || hh != 150000 {
		t.Errorf("after the import: %d lists, %d households", n, hh)
	}
	if _, out, _ := pm(t, "--db", db, "intervention", "list"); strings.Count(out, "\n") != 2 {
		t.Errorf("interventions after the import:\n%s", out)
	}
}

// xlsxList writes a synthetic household list as a workbook (streamed).
func xlsxList(t *testing.T, db, dir string, n int) string {
	t.Helper()
	src := filepath.Join(dir, "daftar.csv")
	if code, _, errs := pm(t, "--db", db, "sample", "households", "--out", src, "--n", strconv.Itoa(n)); code != 0 {
		t.Fatal(errs)
	}
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	x := excelize.NewFile()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range recs {
		row := make([]any, len(r))
		for j, c := range r {
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "daftar.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// excelizeTemps lists the excelize spill files in the system temp folder.
func excelizeTemps() map[string]bool {
	out := map[string]bool{}
	list, _ := filepath.Glob(filepath.Join(os.TempDir(), "excelize-*"))
	for _, p := range list {
		out[p] = true
	}
	return out
}

// TestKillDuringXLSXImport kills an XLSX import with SIGKILL: no list is
// stored, the database is intact, nothing was spilled into the system temp
// folder, and the private temp folder is empty after the next start.
func TestKillDuringXLSXImport(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("kills an import of 60,000 households")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	book := xlsxList(t, db, dir, 60000)
	before := excelizeTemps()
	imp := program("--db", db, "import", "households", book, "--period", "2025-06")
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	imp.Process.Signal(syscall.SIGKILL)
	imp.Wait()
	for p := range excelizeTemps() {
		if !before[p] {
			t.Errorf("a sheet was spilled into the system temp folder: %s", p)
		}
	}
	if code, _, errs := pm(t, "--db", db, "areas"); code != 0 {
		t.Fatalf("after the kill: %s", errs)
	}
	if n, hh := snapshotCount(t, db); n != 0 || hh != 0 {
		t.Errorf("a killed import left %d lists, %d households", n, hh)
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "sementara")); len(left) != 0 {
		t.Errorf("the private temp folder holds %d files after the next start", len(left))
	}
	checksums(t, db) // the integrity check passes
	// The same file imports whole afterwards.
	if code, _, errs := pm(t, "--db", db, "import", "households", book, "--period", "2025-06"); code != 0 {
		t.Fatalf("importing again: %s", errs)
	}
	if n, hh := snapshotCount(t, db); n != 1 || hh != 60000 {
		t.Errorf("after importing again: %d lists, %d households", n, hh)
	}
}

// rawZip writes a workbook-looking zip with one sheet entry written raw.
func rawZip(t *testing.T, path string, h *zip.FileHeader, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestHostileFilesUnderAddressLimit imports hostile files with the
// process's address space limited to 3 GB: each is refused with a message
// and exit code 1, never a crash, and the database is unchanged.
func TestHostileFilesUnderAddressLimit(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" {
		t.Skip("needs ulimit -v")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	pm(t, "--db", db, "areas")
	sums := checksums(t, db)
	const sheet = "xl/worksheets/sheet1.xml"
	// A sheet declaring 4 GiB.
	big := filepath.Join(dir, "besar.xlsx")
	body := []byte(`<worksheet><sheetData></sheetData></worksheet>`)
	rawZip(t, big, &zip.FileHeader{Name: sheet, Method: zip.Store, CRC32: crc32.ChecksumIEEE(body),
		CompressedSize64: uint64(len(body)), UncompressedSize64: 4 << 30}, body)
	// A gigabyte of spaces in a sheet.
	bomb := filepath.Join(dir, "bom.xlsx")
	var z bytes.Buffer
	fw, _ := flate.NewWriter(&z, flate.BestCompression)
	crc := crc32.NewIEEE()
	write := func(b []byte) { fw.Write(b); crc.Write(b) }
	write([]byte(`<worksheet><sheetData>`))
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range 1024 {
		write(spaces)
	}
	write([]byte(`</sheetData></worksheet>`))
	fw.Close()
	rawZip(t, bomb, &zip.FileHeader{Name: sheet, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(z.Len()), UncompressedSize64: 1<<30 + 46}, z.Bytes())
	// A 200 MB line.
	line := filepath.Join(dir, "baris.csv")
	f, err := os.Create(line)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("no_kk,nik,kode_desa,desil,jumlah_art\n")
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	for range 200 {
		f.Write(chunk)
	}
	f.Close()
	for _, file := range []string{big, bomb, line} {
		script := `ulimit -v 3000000 && exec "$0" "$@"`
		cmd := exec.Command("sh", "-c", script, os.Args[0], "--db", db, "import", "households", file, "--period", "2025-06")
		cmd.Env = append(os.Environ(), mainEnv+"=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 1 {
			t.Errorf("%s: %v, want exit code 1\n%s", filepath.Base(file), err, stderr.String())
			continue
		}
		msg := stderr.String()
		if strings.Contains(msg, "fatal error") || strings.Contains(msg, "goroutine ") || !strings.Contains(msg, "tidak ada yang disimpan") {
			t.Errorf("%s: %s", filepath.Base(file), msg)
		}
	}
	if after := checksums(t, db); !reflect.DeepEqual(after, sums) {
		t.Error("the database changed")
	}
}
