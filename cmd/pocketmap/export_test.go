package main

import (
	"encoding/json"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/report"
)

// TestExportSummaryAgreesWithCLI writes the XLSX summary and reads it back:
// the kecamatan values and pocket counts equal those of `rollup`, the
// pocket sheet lists exactly the desa `pockets` marks, and no cell holds a
// NIK-like number.
func TestExportSummaryAgreesWithCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	pm(t, "--db", db, "areas")
	xlsx := filepath.Join(dir, "ringkasan.xlsx")
	if code, _, errs := pm(t, "--db", db, "export", "summary", "--level", "kecamatan", "--format", "xlsx", "--out", xlsx); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	_, rollup, _ := pm(t, "--db", db, "rollup", "--indicator", "pct_desil1")
	_, pockets, _ := pm(t, "--db", db, "pockets", "--indicator", "pct_desil1")
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(report.Sheets, "|") {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows(report.SheetKecamatan, excelize.Options{RawCellValue: true})
	byCode := map[string][]string{}
	for _, r := range rows[1:] {
		if len(r) > 0 {
			byCode[r[0]] = r
		}
	}
	header := rows[0]
	col := func(name string) int {
		for i, h := range header {
			if strings.HasPrefix(h, name) {
				return i
			}
		}
		t.Fatalf("no column %q in %v", name, header)
		return -1
	}
	vcol, pcol := col("Nilai"), col("Desa kantong")
	for _, r := range readCSV(t, rollup)[1:] {
		x := byCode[r[0]]
		if x == nil {
			t.Errorf("kecamatan %s missing from the workbook", r[0])
			continue
		}
		want, _ := strconv.ParseFloat(r[4], 64)
		got, _ := strconv.ParseFloat(x[vcol], 64)
		// Percentages are stored as fractions with a percent format.
		if math.Abs(got*100-want) > 1e-9 && math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: value %v in the workbook, %v from rollup", r[1], got, want)
		}
		if x[pcol] != r[7] {
			t.Errorf("%s: %s pocket desa in the workbook, %s from rollup", r[1], x[pcol], r[7])
		}
	}
	want := 0
	for _, r := range readCSV(t, pockets)[1:] {
		if r[7] == "true" {
			want++
		}
	}
	prow, _ := f.GetRows(report.SheetPockets)
	if got := len(prow) - 1; got != want {
		t.Errorf("pocket sheet has %d desa, pockets marks %d", got, want)
	}
	for _, sh := range f.GetSheetList() {
		rs, _ := f.GetRows(sh)
		for _, r := range rs {
			for _, c := range r {
				if len(c) >= 16 && strings.Trim(c, "0123456789") == "" {
					t.Errorf("%s: cell %q looks like a NIK/KK", sh, c)
				}
			}
		}
	}
}

func TestExportMapPDFGeoJSON(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	pm(t, "--db", db, "areas")
	img := filepath.Join(dir, "peta.png")
	if code, _, errs := pm(t, "--db", db, "export", "map", "--view", "pockets", "--size", "1600x1131", "--out", img); code != 0 {
		t.Fatalf("export map: %s", errs)
	}
	fh, _ := os.Open(img)
	m, err := png.Decode(fh)
	fh.Close()
	if err != nil || m.Bounds().Dx() != 1600 || m.Bounds().Dy() != 1131 {
		t.Fatalf("map image %v %v", m.Bounds(), err)
	}
	pdf := filepath.Join(dir, "laporan.pdf")
	if code, _, errs := pm(t, "--db", db, "export", "summary", "--format", "pdf", "--atlas", "--out", pdf); code != 0 {
		t.Fatalf("export pdf: %s", errs)
	}
	b, _ := os.ReadFile(pdf)
	pages := strings.Count(string(b), "/Type /Page\n") + strings.Count(string(b), "/Type /Page ") - strings.Count(string(b), "/Type /Pages")
	if !strings.HasPrefix(string(b), "%PDF") || pages < 21 {
		t.Errorf("PDF with atlas: %d pages (want the report plus 20 kecamatan pages)", pages)
	}
	gj := filepath.Join(dir, "lapisan.geojson")
	if code, _, errs := pm(t, "--db", db, "export", "geojson", "--out", gj); code != 0 {
		t.Fatalf("export geojson: %s", errs)
	}
	var fc struct {
		Type     string
		Features []struct {
			Properties map[string]any
		}
	}
	raw, _ := os.ReadFile(gj)
	if err := json.Unmarshal(raw, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 328 {
		t.Fatalf("geojson: %v, %d features", err, len(fc.Features))
	}
	for _, k := range []string{"kode", "nilai", "kelas", "klaster", "kantong", "sintetis"} {
		if _, ok := fc.Features[0].Properties[k]; !ok {
			t.Errorf("property %q missing", k)
		}
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"export", "summary", "--format", "doc", "--out", filepath.Join(dir, "x")}, "doc"},
		{[]string{"export", "map", "--view", "lain", "--out", img}, "lain"},
		{[]string{"export", "summary"}, "--out"},
		{[]string{"export", "map", "--size", "9x9", "--out", img}, "--size"},
	} {
		if code, _, errs := pm(t, append([]string{"--db", db}, tc.args...)...); code != 2 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d %q", tc.args, code, errs)
		}
	}
}

// TestGeoPackageOpensInGDAL exports the GeoPackage and reads it with GDAL
// (ogrinfo, ogr2ogr), the client QGIS uses: two layers, 328 desa and 20
// kecamatan, in WGS 84, whose values equal those of the GeoJSON export.
func TestGeoPackageOpensInGDAL(t *testing.T) {
	for _, tool := range []string{"ogrinfo", "ogr2ogr"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: `scripts/install-deps.sh test` installs gdal-bin", tool)
		}
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	gp := filepath.Join(dir, "ringkasan.gpkg")
	if code, _, errs := pm(t, "--db", db, "export", "geopackage", "--out", gp); code != 0 {
		t.Fatalf("export geopackage: %s", errs)
	}
	out, err := exec.Command("ogrinfo", "-ro", "-so", gp, "desa", "kecamatan").CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	info := string(out)
	for _, want := range []string{"Layer name: desa", "Layer name: kecamatan", "Geometry: Multi Polygon",
		"Feature Count: 328", "Feature Count: 20", "WGS 84", "nilai: Real", "kelas: Integer", "kode: String"} {
		if !strings.Contains(info, want) {
			t.Errorf("ogrinfo does not show %q:\n%s", want, info)
		}
	}
	if strings.Contains(info, "ERROR") || strings.Contains(info, "Warning") {
		t.Errorf("ogrinfo complains:\n%s", info)
	}
	// The values, through GDAL, equal the GeoJSON layer's.
	csvOut := filepath.Join(dir, "desa.csv")
	if out, err := exec.Command("ogr2ogr", "-f", "CSV", csvOut, gp, "desa", "-select", "kode,nilai,klaster,kantong").CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	f, err := os.Open(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := readCSVFile(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	gj := filepath.Join(dir, "lapisan.geojson")
	if code, _, errs := pm(t, "--db", db, "export", "geojson", "--out", gj); code != 0 {
		t.Fatalf("export geojson: %s", errs)
	}
	var fc struct {
		Features []struct{ Properties map[string]any }
	}
	raw, _ := os.ReadFile(gj)
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	byCode := map[string]map[string]any{}
	for _, ft := range fc.Features {
		byCode[fmt.Sprint(ft.Properties["kode"])] = ft.Properties
	}
	if len(rows) != 329 {
		t.Fatalf("%d CSV rows from the desa layer, want 328 and a header", len(rows))
	}
	for _, r := range rows[1:] {
		p, ok := byCode[r[0]]
		if !ok {
			t.Errorf("%s is in the GeoPackage, not in the GeoJSON", r[0])
			continue
		}
		// ogr2ogr writes 15 significant digits.
		want, hasWant := p["nilai"].(float64)
		got, err := strconv.ParseFloat(r[1], 64)
		same := (r[1] == "" && !hasWant) || (err == nil && hasWant && math.Abs(got-want) <= 1e-12*math.Max(1, math.Abs(want)))
		if !same || r[2] != fmt.Sprint(p["klaster"]) {
			t.Errorf("%s: GeoPackage nilai %q klaster %q, GeoJSON %v %v", r[0], r[1], r[2], p["nilai"], p["klaster"])
		}
	}
}
