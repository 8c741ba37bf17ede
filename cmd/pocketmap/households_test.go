package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/sample"
	"github.com/dinsos-tuban/pocketmap/store"
)

// hhSetup seeds a database with the Tuban sample and writes a synthetic
// household list of n records to dir/name; header renames columns of
// sample.WriteCSV's header (old → new).
func hhSetup(t *testing.T, n int, seed uint64, name string, header map[string]string) (db, path string, list *sample.HouseholdList) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "p.db")
	if code, _, errs := pm(t, "--db", db, "areas"); code != 0 {
		t.Fatalf("seeding: %s", errs)
	}
	return db, hhWrite(t, db, dir, n, seed, name, header), hhList(t, db, n, seed)
}

// hhList generates the synthetic list over the database's areas.
func hhList(t *testing.T, db string, n int, seed uint64) *sample.HouseholdList {
	t.Helper()
	sdb, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	areas, err := sdb.Areas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sample.Households(areas, seed, sample.HouseholdOptions{Households: n})
}

// hhWrite writes the list of hhList to dir/name with renamed headers.
func hhWrite(t *testing.T, db, dir string, n int, seed uint64, name string, header map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := hhList(t, db, n, seed).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	first, rest, _ := strings.Cut(text, "\n")
	cols := strings.Split(first, ",")
	for i, c := range cols {
		if nc, ok := header[c]; ok {
			cols[i] = nc
		}
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(strings.Join(cols, ",")+"\n"+rest), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshotCount returns the number of household lists in the database.
func snapshotCount(t *testing.T, db string) (snaps, households int) {
	t.Helper()
	sdb, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	list, err := sdb.Snapshots(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		households += s.Households
	}
	return len(list), households
}

var sixteenDigits = regexp.MustCompile(`\d{16}`)

func TestImportHouseholdsCommand(t *testing.T) {
	const n = 3_000
	db, path, list := hhSetup(t, n, 5, "dtsen.csv", nil)
	code, out, errs := pm(t, "--db", db, "import", "households", path, "--period", "2025-06")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	total := 0
	for _, r := range household.Rules {
		c := list.Planted[r.Code]
		total += c
		if c > 0 && !regexp.MustCompile(regexp.QuoteMeta(r.Code)+` +`+r.Severity.String()+` +`+strconv.Itoa(c)+`  `).MatchString(out) {
			t.Errorf("summary lacks %s %d:\n%s", r.Code, c, out)
		}
	}
	for _, want := range []string{"dtsen.csv, periode 2025-06: 3.000 rumah tangga disimpan", "ditebak dari judul kolom", "nik=nik_kepala"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if sixteenDigits.MatchString(out) {
		t.Errorf("identity number in the summary:\n%s", out)
	}

	// The same period again: refused, nothing written.
	code, _, errs = pm(t, "--db", db, "import", "households", path, "--period", "2025-06")
	if code != 1 || !strings.Contains(errs, "periode 2025-06 sudah diimpor dari dtsen.csv") {
		t.Errorf("second import: exit %d, %s", code, errs)
	}
	if s, h := snapshotCount(t, db); s != 1 || h != n {
		t.Errorf("%d snapshots, %d households after the refused import", s, h)
	}

	// Findings as CSV: masked NIKs, no identity number anywhere.
	code, out, errs = pm(t, "--db", db, "findings")
	if code != 0 {
		t.Fatalf("findings exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "rule,severity,desa,row,field,message,nik" || len(rows)-1 != total {
		t.Fatalf("findings CSV header %v, %d rows, want %d", rows[0], len(rows)-1, total)
	}
	if sixteenDigits.MatchString(out) {
		t.Error("findings CSV holds a 16-digit number")
	}
	for _, r := range rows[1:] {
		if !regexp.MustCompile(`^\*{12}\d{4}$`).MatchString(r[6]) {
			t.Errorf("nik %q not masked", r[6])
			break
		}
	}
	code, out, _ = pm(t, "--db", db, "findings", "--rule", "nik-ganda", "--period", "2025-06")
	if rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll(); code != 0 || len(rows)-1 != list.Planted[household.RuleNIKDuplicate] {
		t.Errorf("--rule nik-ganda: exit %d, %d rows, want %d", code, len(rows)-1, list.Planted[household.RuleNIKDuplicate])
	}
	desa := rows[1][2]
	for _, r := range rows[1:] {
		if r[2] != "" {
			desa = r[2]
			break
		}
	}
	code, out, _ = pm(t, "--db", db, "findings", "--desa", strings.ReplaceAll(desa, ".", ""))
	got, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || len(got) < 2 {
		t.Errorf("--desa %s: exit %d, %d rows", desa, code, len(got))
	}
	for _, r := range got[1:] {
		if r[2] != desa {
			t.Errorf("--desa %s gave a finding of %s", desa, r[2])
		}
	}
	for _, args := range [][]string{{"--rule", "BUKAN"}, {"--period", "2024-01"}, {"--desa", "abc"}, {"lebih"}} {
		if code, _, errs := pm(t, append([]string{"--db", db, "findings"}, args...)...); code != 2 {
			t.Errorf("findings %v: exit %d (%s)", args, code, errs)
		}
	}

	// Findings as XLSX, one sheet per desa, owner-only.
	xlsx := filepath.Join(t.TempDir(), "temuan.xlsx")
	code, out, errs = pm(t, "--db", db, "findings", "--xlsx", xlsx)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d temuan", total)) {
		t.Fatalf("findings --xlsx: exit %d %s %s", code, out, errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) < 100 || sheets[len(sheets)-1] != "Tanpa desa" {
		t.Errorf("%d sheets, last %q", len(sheets), sheets[len(sheets)-1])
	}
	if st, _ := os.Stat(xlsx); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("workbook mode %v", st.Mode().Perm())
	}

	// The household indicators are on the map's list.
	if code, out, errs := pm(t, "--db", db, "classify", "--indicator", "hh_total", "--method", "quantile", "--classes", "3"); code != 0 || len(strings.Split(out, "\n")) < 300 {
		t.Errorf("classify hh_total: exit %d, %d lines, %s", code, len(strings.Split(out, "\n")), errs)
	}
}

func TestImportHouseholdsMapping(t *testing.T) {
	// Headers the guess does not know: the required ones must be mapped.
	rename := map[string]string{"nik_kepala": "NIK_PENGURUS", "jumlah_art": "JML_ANGGOTA_RT"}
	db, path, _ := hhSetup(t, 400, 9, "dtks.csv", rename)
	code, _, errs := pm(t, "--db", db, "import", "households", path, "--period", "2025-01")
	if code != 2 {
		t.Fatalf("unmapped required columns: exit %d (%s)", code, errs)
	}
	for _, want := range []string{"nik (NIK kepala keluarga)", "jumlah_art (jumlah anggota rumah tangga)", `"NIK_PENGURUS"`, `"JML_ANGGOTA_RT"`, "--map nik=KOLOM,jumlah_art=KOLOM"} {
		if !strings.Contains(errs, want) {
			t.Errorf("message lacks %q:\n%s", want, errs)
		}
	}
	for _, bad := range []string{"nik=TIDAK_ADA", "nomor=NIK_PENGURUS", "nik"} {
		if code, _, errs := pm(t, "--db", db, "import", "households", path, "--map", bad); code != 2 {
			t.Errorf("--map %s: exit %d (%s)", bad, code, errs)
		}
	}
	if code, _, errs := pm(t, "--db", db, "import", "households", path, "--period", "2025-13", "--map", "nik=NIK_PENGURUS,jumlah_art=JML_ANGGOTA_RT"); code != 2 || !strings.Contains(errs, "2025-13") {
		t.Errorf("bad period: exit %d (%s)", code, errs)
	}
	if s, _ := snapshotCount(t, db); s != 0 {
		t.Fatalf("%d snapshots after refused imports", s)
	}
	code, out, errs := pm(t, "--db", db, "import", "households", path, "--period", "2025-01", "--map", "nik=NIK_PENGURUS", "--map", "jumlah_art=JML_ANGGOTA_RT")
	if code != 0 || !strings.Contains(out, "diubah dengan --map") || !strings.Contains(out, "nik=NIK_PENGURUS") {
		t.Fatalf("mapped import: exit %d\n%s\n%s", code, out, errs)
	}
	// The next list with the same headers needs no --map.
	dir := filepath.Dir(path)
	next := hhWrite(t, db, dir, 300, 10, "dtks-feb.csv", rename)
	code, out, errs = pm(t, "--db", db, "import", "households", next, "--period", "2025-02")
	if code != 0 || !strings.Contains(out, "pemetaan tersimpan") {
		t.Errorf("import with the remembered mapping: exit %d\n%s\n%s", code, out, errs)
	}
	// A list with the usual headers falls back to the guess.
	plain := hhWrite(t, db, dir, 200, 11, "biasa.csv", nil)
	code, out, errs = pm(t, "--db", db, "import", "households", plain, "--period", "2025-03")
	if code != 0 || !strings.Contains(out, "ditebak") {
		t.Errorf("import with the guess: exit %d\n%s\n%s", code, out, errs)
	}
	if s, h := snapshotCount(t, db); s != 3 || h != 900 {
		t.Errorf("%d snapshots, %d households", s, h)
	}
}

func TestImportHouseholdsBadFileWritesNothing(t *testing.T) {
	db, path, _ := hhSetup(t, 300, 3, "dtsen.csv", nil)
	dir := filepath.Dir(path)
	b, _ := os.ReadFile(path)
	lines := strings.Split(string(b), "\n")
	cells := strings.Split(lines[120], ",")
	cells[1] = `"3,52301E+15"`
	lines[120] = strings.Join(cells, ",")
	excel := filepath.Join(dir, "excel.csv")
	os.WriteFile(excel, []byte(strings.Join(lines, "\n")), 0o600)
	pdf := filepath.Join(dir, "daftar.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o600)
	for file, want := range map[string]string{excel: "baris 121", pdf: "daftar.pdf", filepath.Join(dir, "tidak-ada.csv"): "tidak-ada.csv"} {
		code, out, errs := pm(t, "--db", db, "import", "households", file, "--period", "2025-06")
		if code != 1 || !strings.Contains(errs, want) || !strings.Contains(errs, "tidak ada yang disimpan") || sixteenDigits.MatchString(errs) {
			t.Errorf("%s: exit %d, out %q, err %q", filepath.Base(file), code, out, errs)
		}
	}
	if s, h := snapshotCount(t, db); s != 0 || h != 0 {
		t.Errorf("%d snapshots, %d households after bad files", s, h)
	}
	if code, _, errs := pm(t, "--db", db, "findings"); code != 1 || !strings.Contains(errs, "belum ada daftar rumah tangga") {
		t.Errorf("findings without a list: exit %d %s", code, errs)
	}
}

func TestCountPointsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	pm(t, "--db", db, "areas")
	sdb, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	areas, _ := sdb.Areas(context.Background())
	sdb.Close()
	label := map[string][2]float64{}
	for _, a := range areas {
		if a.Level.IsVillage() {
			label[a.Code] = [2]float64{a.Label[0], a.Label[1]}
		}
	}
	a, b := label["35.23.01.2001"], label["35.23.16.1003"]
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o600)
		return p
	}
	good := write("titik.csv", fmt.Sprintf("\ufefflon,lat\n%.6f,%.6f\n\n%.6f,%.6f\n%s;%s\n0,0\n",
		a[0], a[1], a[0], a[1], strings.Replace(fmt.Sprintf("%.6f", b[0]), ".", ",", 1), strings.Replace(fmt.Sprintf("%.6f", b[1]), ".", ",", 1)))
	code, out, errs := pm(t, "--db", db, "count-points", good)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := "code,count\n35.23.01.2001,2\n35.23.16.1003,1\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
	if !strings.Contains(errs, "4 titik, 1 di luar semua desa") {
		t.Errorf("stderr %q", errs)
	}
	// lat,lon by header name.
	swapped := write("latlon.csv", fmt.Sprintf("lintang;bujur\n%.6f;%.6f\n", a[1], a[0]))
	if code, out, _ := pm(t, "--db", db, "count-points", swapped); code != 0 || out != "code,count\n35.23.01.2001,1\n" {
		t.Errorf("lat,lon file: exit %d %q", code, out)
	}
	for name, tc := range map[string]struct{ text, want string }{
		"huruf.csv":    {"lon,lat\n111.9,-6.9\n111.9,abc\n", "baris 3: lintang \"abc\" bukan angka"},
		"tiga.csv":     {"111.9,-6.9,5\n", "baris 1: harus berisi bujur dan lintang"},
		"tertukar.csv": {"111.9,-6.9\n\n-6.9,111.9\n", "baris 3: bujur -6.9, lintang 111.9 di luar rentang"},
		"kosong.csv":   {"lon,lat\n", "tidak berisi titik"},
	} {
		code, _, errs := pm(t, "--db", db, "count-points", write(name, tc.text))
		if code != 1 || !strings.Contains(errs, name) || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, %q; want %q", name, code, errs, tc.want)
		}
	}
	if code, _, _ := pm(t, "--db", db, "count-points"); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
}

func TestImportHouseholdsXLSX(t *testing.T) {
	db, path, list := hhSetup(t, 250, 12, "dtsen.csv", nil)
	rows, err := csv.NewReader(mustOpen(t, path)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c // text, as a careful export keeps NIK and KK
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	xlsx := filepath.Join(filepath.Dir(path), "dtsen.xlsx")
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	code, out, errs := pm(t, "--db", db, "import", "households", xlsx, "--period", "2025-09")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "dtsen.xlsx, periode 2025-09: 250 rumah tangga disimpan") {
		t.Errorf("output:\n%s", out)
	}
	code, out, _ = pm(t, "--db", db, "findings")
	got, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	want := 0
	for _, c := range list.Planted {
		want += c
	}
	if code != 0 || len(got)-1 != want {
		t.Errorf("%d findings from the workbook, planted %d", len(got)-1, want)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestReplaceAndDeleteHouseholdList: a second list for a period is refused
// unless --replace is given; replaced, the database holds what importing
// the new list alone gives; deleted, nothing of the period is left.
func TestReplaceAndDeleteHouseholdList(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	fresh := filepath.Join(dir, "baru.db")
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	must := func(path string, args ...string) string {
		t.Helper()
		code, out, errs := pm(t, append([]string{"--db", path}, args...)...)
		if code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
		return out
	}
	must(db, "sample", "households", "--out", a, "--n", "2000", "--seed", "1")
	must(db, "sample", "households", "--out", b, "--n", "1500", "--seed", "2")
	must(db, "import", "households", a, "--period", "2025-06")
	code, _, errs := pm(t, "--db", db, "import", "households", b, "--period", "2025-06")
	if code == 0 || !strings.Contains(errs, "--replace") {
		t.Fatalf("a second list for the period: exit %d, %s", code, errs)
	}
	must(db, "import", "households", b, "--period", "2025-06", "--replace")
	must(fresh, "areas") // the sample's boundaries, as in db
	must(fresh, "import", "households", b, "--period", "2025-06")
	if n, hh := snapshotCount(t, db); n != 1 || hh != 1500 {
		t.Errorf("after replacing: %d lists, %d households", n, hh)
	}
	values := func(path string) map[string]float64 {
		sdb, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer sdb.Close()
		v, err := sdb.Values(context.Background(), "hh_total", "2025-06")
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got, want := values(db), values(fresh); !reflect.DeepEqual(got, want) {
		t.Errorf("hh_total after replacing differs from importing the new list alone (%d desa vs %d)", len(got), len(want))
	}
	if out := must(db, "households", "delete", "2025-06"); !strings.Contains(out, "--yes") {
		t.Errorf("delete without --yes: %s", out)
	}
	if n, _ := snapshotCount(t, db); n != 1 {
		t.Fatal("deleted without --yes")
	}
	must(db, "households", "delete", "2025-06", "--yes")
	if n, hh := snapshotCount(t, db); n != 0 || hh != 0 || len(values(db)) != 0 {
		t.Errorf("after deleting: %d lists, %d households, %d hh_total values", n, hh, len(values(db)))
	}
	if out := must(db, "households", "list"); strings.Count(out, "\n") != 1 {
		t.Errorf("list after deleting:\n%s", out)
	}
}
