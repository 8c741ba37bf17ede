package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportPublishedIDMFiles imports the Village Development Index files
// exactly as Kemendes PDTT publishes them (real data beside the repository)
// into a database that has the Tuban boundaries only: the 2024 file
// matches all 311 desa and brings four numeric indicators and one
// categorical one, its identifier columns listed as skipped; the 2023 file
// adds a period to the same indicators.
func TestImportPublishedIDMFiles(t *testing.T) {
	if _, err := os.Stat(realIDM); err != nil {
		t.Skipf("real IDM data not found beside the repository: %v", err)
	}
	db := filepath.Join(t.TempDir(), "p.db")
	run := func(args ...string) string {
		t.Helper()
		code, out, errs := pm(t, append([]string{"--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return out
	}
	run("import", "boundaries", filepath.Join("..", "..", "assets", "tuban-desa.geojson"))
	run("import", "boundaries", filepath.Join("..", "..", "assets", "tuban-kecamatan.geojson"))
	if list := run("indicator", "list"); strings.Count(list, "\n") != 1 {
		t.Fatalf("a database of boundaries only has indicators:\n%s", list)
	}
	out := run("import", "indicators", realIDM)
	for _, want := range []string{
		"cocok menurut kode: 311",
		"Indikator: 4 angka (idm, iks, ike, ikl), 1 kategori (status_idm: Sangat Tertinggal < Tertinggal < Berkembang < Maju < Mandiri).",
		"Kolom dilewati: kode_kab (kode kabupaten), nama_kab (nama kabupaten), kode_kec (kode kecamatan), sumber_data (sumber data).",
		"idm_2024             → indikator idm, periode 2024 (angka; nilai lebih rendah = lebih miskin)",
		"nama_kec             → kecamatan",
		"1555 nilai disimpan.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import report does not say %q:\n%s", want, out)
		}
	}
	run("import", "indicators", strings.Replace(realIDM, "2024", "2023", 1))
	list := run("indicator", "list")
	for _, want := range []string{
		"idm,Indeks Desa Membangun (IDM),indeks,lower,value,2023;2024,",
		"status_idm,Status IDM,,lower,category,2023;2024,",
	} {
		if !strings.Contains(list, want) {
			t.Errorf("indicator list does not have %q:\n%s", want, list)
		}
	}
	// 2023 has six Berkembang desa; the status is written as text.
	roll := run("rollup", "--indicator", "status_idm", "--period", "2023")
	if !strings.Contains(roll, "desa_berkembang") {
		t.Errorf("rollup header:\n%s", roll)
	}
	n := 0
	for _, line := range strings.Split(run("classify", "--indicator", "status_idm", "--period", "2023"), "\n") {
		if strings.Contains(line, ",Berkembang,") {
			n++
		}
	}
	if n != 6 {
		t.Errorf("%d desa Berkembang in 2023, want 6", n)
	}
	// Pockets need numbers: said, not failed silently.
	code, _, errs := pm(t, "--db", db, "pockets", "--indicator", "status_idm")
	if code != 2 || !strings.Contains(errs, "berupa kategori") {
		t.Errorf("pockets on the status: exit %d, %s", code, errs)
	}
}
