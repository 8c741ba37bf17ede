package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/internal/bpstest"
)

// bpsNumbers gives each desa of Tuban's code list (shared data beside the
// repository) a BPS-style code and returns the kecamatan names.
func bpsNumbers(t *testing.T) (bps, kec map[string]string) {
	t.Helper()
	rows, bps, err := bpstest.Numbers(filepath.Join("..", "..", "..", bpstest.CodeList))
	if err != nil {
		t.Skipf("Tuban code list not found beside the repository: %v", err)
	}
	kec = map[string]string{}
	for _, r := range rows {
		kec[r.Code] = r.KecName
	}
	return bps, kec
}

// TestBPSMapAndCrosswalk: a BPS desa map (fields iddesa, kdkec, nmkec,
// nmdesa, as BPS publishes them; a few names spelt differently) is
// recognised without asking and matched to the Kemendagri areas by
// kecamatan and desa name. A near spelling waits for --accept-fuzzy and
// nothing is stored meanwhile; accepted, the map is stored under
// Kemendagri codes and the crosswalk kept, so that a later indicator
// file keyed by BPS codes alone matches every desa.
func TestBPSMapAndCrosswalk(t *testing.T) {
	bps, kec := bpsNumbers(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "tuban-desa.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type       string          `json:"type"`
			Properties map[string]any  `json:"properties"`
			Geometry   json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	variants := map[string]string{"35.23.01.2003": "JAMPRONGG", "35.23.01.2002": "SOKO GUNUNG"}
	for i, f := range fc.Features {
		code := fmt.Sprint(f.Properties["kode"])
		name := strings.ToUpper(fmt.Sprint(f.Properties["nama"]))
		if v, ok := variants[code]; ok {
			name = v
		}
		if bps[code] == "" {
			t.Fatalf("%s is not in the code list", code)
		}
		fc.Features[i].Properties = map[string]any{"iddesa": bps[code], "kdkec": bps[code][4:7], "kddesa": bps[code][7:],
			"nmkec": strings.ToUpper(kec[code]), "nmdesa": name}
	}
	out, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	mapPath := filepath.Join(dir, "peta_bps.geojson")
	if err := os.WriteFile(mapPath, out, 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		t.Helper()
		return pm(t, append([]string{"--db", db}, args...)...)
	}
	run("areas") // the embedded Kemendagri areas
	code, _, errs := run("import", "boundaries", mapPath)
	if code == 0 || !strings.Contains(errs, "peta berkode BPS") || !strings.Contains(errs, "--accept-fuzzy") ||
		!strings.Contains(errs, `"JAMPRONGG" → 35.23.01.2003 Jamprong`) {
		t.Fatalf("BPS map with a near name: exit %d\n%s", code, errs)
	}
	code, stdout, errs := run("import", "boundaries", mapPath, "--accept-fuzzy")
	if code != 0 || !strings.Contains(stdout, "Peta berkode BPS: 328 fitur diberi kode Kemendagri (0 menurut padanan tersimpan, 327 menurut nama, 1 nama mirip disetujui); 328 padanan baru disimpan.") {
		t.Fatalf("with --accept-fuzzy: exit %d\n%s%s", code, stdout, errs)
	}
	// The map brings boundaries; the areas keep their Kemendagri names.
	if !strings.Contains(stdout, "0 wilayah baru, 328 diperbarui, 0 berganti nama, 0 dihapus") {
		t.Errorf("report:\n%s", stdout)
	}
	// The same map again needs no review: the crosswalk has every code.
	if code, stdout, errs = run("import", "boundaries", mapPath); code != 0 || !strings.Contains(stdout, "328 menurut padanan tersimpan") {
		t.Fatalf("again: exit %d\n%s%s", code, stdout, errs)
	}
	// An indicator file keyed by BPS codes alone.
	var c strings.Builder
	c.WriteString("kode_bps,jumlah_kader\n")
	for k, v := range bps {
		fmt.Fprintf(&c, "%s,%d\n", v, len(k))
	}
	ind := filepath.Join(dir, "kader.csv")
	if err := os.WriteFile(ind, []byte(c.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs = run("import", "indicators", ind, "--period", "2025")
	if code != 0 || !strings.Contains(stdout, "cocok menurut padanan kode BPS: 328") || !strings.Contains(stdout, "kode_bps             → kode-bps") {
		t.Fatalf("BPS-keyed indicators: exit %d\n%s%s", code, stdout, errs)
	}
	if _, list, _ := run("areas"); !strings.Contains(list, "35.23.01.2003,Jamprong,desa") {
		t.Errorf("areas after the BPS map:\n%.400s", list)
	}
}
