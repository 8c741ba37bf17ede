package main

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/report"
	"github.com/dinsos-tuban/pocketmap/spatial"
	"github.com/dinsos-tuban/pocketmap/store"
)

// realIDM is the published Village Development Index of Tuban (real data,
// Kemendes PDTT), beside the repository in shared/.
const realIDM = "../../../shared/data/real/idm2024_tuban_desa.csv"

func readCSVFile(f *os.File) ([][]string, error) {
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), ","))
	}
	return rows, sc.Err()
}

// gridDB is a database with the sample, the published IDM 2023 and 2024
// it ships (the 2024 file imported again as a user would, IKE's source
// edited through the CLI) and three active interventions.
func gridDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	must := func(args ...string) string {
		t.Helper()
		code, out, errs := pm(t, append([]string{"--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return out
	}
	must("areas")
	out := must("import", "indicators", filepath.Join("..", "..", "assets", "idm2024_tuban_desa.csv"))
	if !strings.Contains(out, "cocok menurut kode: 311") {
		t.Errorf("IDM import report does not mention the 311 desa:\n%s", out)
	}
	must("indicator", "set", "ike", "--poorer", "lower", "--source", "Kemendes PDTT, Indeks Desa Membangun 2024")
	must("intervention", "add", "--programme", "PKH", "--priority", "pengurangan-beban", "--areas", "35.23.01.2001,35.23.01.2002",
		"--budget", "Rp 30.000.000", "--households", "60", "--start", "2020-01-01", "--end", "2099-12-31", "--status", "berjalan")
	must("intervention", "add", "--programme", "BLT DBHCHT", "--priority", "peningkatan-pendapatan", "--areas", "35.23.02",
		"--budget", "Rp 120.000.000", "--households", "300", "--start", "2020-01-01", "--end", "2099-12-31", "--funding", "DBHCHT")
	must("intervention", "add", "--programme", "BPNT/Sembako", "--priority", "validasi-data", "--areas", "35.23.16.1003",
		"--budget", "Rp 5.000.000", "--households", "7", "--start", "2020-01-01", "--end", "2099-12-31")
	// One that has ended: never counted as active.
	must("intervention", "add", "--programme", "PKH", "--priority", "pengurangan-beban", "--areas", "35.23.03",
		"--budget", "Rp 1.000.000", "--start", "2019-01-01", "--end", "2019-12-31", "--status", "selesai")
	return db
}

// settingsArgs writes settings as the CLI's flags.
func settingsArgs(s app.Settings) []string {
	args := []string{"--indicator", s.Indicator, "--method", s.Method.String(), "--classes", strconv.Itoa(s.Classes),
		"--level", string(s.Level), "--view", string(s.View), "--coverage", string(s.Coverage),
		"--suppress", strconv.Itoa(s.Suppress), "--permutations", strconv.Itoa(s.Pockets.Permutations),
		"--seed", strconv.FormatUint(s.Pockets.Seed, 10), "--rule", s.Weights.Rule.String(),
		"--tolerance", strconv.FormatFloat(s.Weights.Tolerance, 'f', -1, 64)}
	if s.Smooth {
		args = append(args, "--smooth")
	}
	if len(s.Breaks) > 0 {
		b := make([]string, len(s.Breaks))
		for i, v := range s.Breaks {
			b[i] = strconv.FormatFloat(v, 'f', -1, 64)
		}
		args = append(args, "--breaks", strings.Join(b, ","))
	}
	return args
}

// sheet reads a workbook sheet as header → column and code → row.
type sheet struct {
	cols map[string]int
	rows map[string][]string
	n    int
}

func readSheet(t *testing.T, f *excelize.File, name string) sheet {
	t.Helper()
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	s := sheet{cols: map[string]int{}, rows: map[string][]string{}}
	for i, h := range rows[0] {
		s.cols[h] = i
	}
	code := s.cols["Kode"]
	for _, r := range rows[1:] {
		if len(r) > code {
			s.rows[r[code]] = r
			s.n++
		}
	}
	return s
}

// cell returns the cell of code's row in the column whose header starts
// with head.
func (s sheet) cell(t *testing.T, code, head string) string {
	t.Helper()
	col, ok := s.cols[head]
	if !ok {
		// "Nilai (rumah tangga)", "Anggaran per RT miskin (Rp)": the
		// head and its unit.
		for h, i := range s.cols {
			if strings.HasPrefix(h, head+" (") {
				col, ok = i, true
			}
		}
	}
	if !ok {
		t.Fatalf("no column %q in %v", head, s.cols)
	}
	if r := s.rows[code]; col < len(r) {
		return r[col]
	}
	return ""
}

// sameNumber compares a workbook cell with a model value: an empty cell
// for no value, percentages stored as fractions.
func sameNumber(cell string, want float64, percent bool) bool {
	if math.IsNaN(want) || math.IsInf(want, 0) {
		return cell == ""
	}
	got, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		return false
	}
	if percent {
		got *= 100
	}
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

// TestExportEqualsScreenGrid drives the window's model through a grid of
// settings — indicators of all three directions (the sample's desil-1
// share, household counts, and the real IKE 2024 where lower is poorer),
// EB on and off, every classification method, both levels, every view and
// coverage measure — and checks, cell by cell, that the exported workbook
// holds the classes, clusters, pockets, roll-up and coverage the model
// shows; then that the CLI with the same settings writes the same CSV
// files.
func TestExportEqualsScreenGrid(t *testing.T) {
	if testing.Short() {
		t.Skip("exports 30 workbooks")
	}
	dbPath := gridDB(t)
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := app.New(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db})
	ctx := context.Background()
	model := app.NewModel(svc, app.DefaultSettings(), app.RunNow)
	inds := []string{"pct_desil1", "rt", "ike"}
	methods := []classify.Method{classify.MethodQuantile, classify.MethodEqualInterval, classify.MethodJenks, classify.MethodStdDev, classify.MethodManual}
	levels := []app.Level{app.LevelDesa, app.LevelKecamatan}
	dir := t.TempDir()
	seen := map[string]bool{}
	for i := range 30 {
		var manual []float64
		if methods[i%5] == classify.MethodManual {
			// Cut points inside the indicator's range: its quartiles.
			if err := model.Update(func(s *app.Settings) { *s = app.DefaultSettings(); s.Indicator = inds[i%3]; s.Classes = 4 }); err != nil {
				t.Fatal(err)
			}
			manual = model.Result().DesaClasses.Breaks.Uppers[:3]
		}
		err := model.Update(func(s *app.Settings) {
			*s = app.DefaultSettings()
			s.Indicator = inds[i%3]
			s.Smooth = (i/3)%2 == 1
			s.Method = methods[i%5]
			s.Breaks = manual
			s.Classes = 3 + i%5
			s.Level = levels[(i/4)%2]
			s.View = app.Views[i%4]
			s.Coverage = app.Measures[(i/4)%3]
			s.Suppress = 0
			s.Pockets.Permutations = 199
		})
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		r := model.Result()
		if r == nil {
			t.Fatalf("case %d: no result: %v", i, model.Err())
		}
		s := model.Settings()
		name := fmt.Sprintf("%d-%s-%s-%s-%s-%s", i, s.Indicator, s.Method, s.Level, s.View, s.Coverage)
		seen[s.Indicator+"/"+r.Indicator.Poorer.Key()] = true
		seen["smooth/"+strconv.FormatBool(r.Smoothed)] = true
		seen[string(s.Level)+"/"+string(s.View)] = true
		seen["measure/"+string(s.Coverage)] = true
		seen["method/"+s.Method.String()] = true
		t.Run(name, func(t *testing.T) {
			xlsx := filepath.Join(dir, name+".xlsx")
			if _, err := svc.Export(ctx, s, app.Export{Kind: app.ExportSummary, Format: "xlsx", Path: xlsx}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(xlsx)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			checkWorkbook(t, f, r)
			// The same settings through the CLI give the same CSV files.
			want, got := filepath.Join(dir, name+"-model"), filepath.Join(dir, name+"-cli")
			if _, err := svc.Export(ctx, s, app.Export{Kind: app.ExportSummary, Format: "csv", Path: want}); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"--db", dbPath, "export", "summary", "--format", "csv", "--out", got}, settingsArgs(s)...)
			if code, _, errs := pm(t, args...); code != 0 {
				t.Fatalf("CLI export: exit %d: %s", code, errs)
			}
			sameCSV(t, want, got)
		})
	}
	for _, k := range []string{"pct_desil1/higher", "rt/neither", "ike/lower", "smooth/true", "smooth/false",
		"desa/values", "desa/clusters", "desa/coverage", "desa/gap", "kecamatan/values", "kecamatan/clusters",
		"measure/count", "measure/budget", "measure/targeting", "method/quantile", "method/equal", "method/jenks",
		"method/stddev", "method/manual"} {
		if !seen[k] {
			t.Errorf("the grid never covered %s", k)
		}
	}
}

// checkWorkbook compares the workbook with what the model shows.
func checkWorkbook(t *testing.T, f *excelize.File, r *app.Result) {
	t.Helper()
	ds := &report.Dataset{Indicator: r.Indicator}
	desa := readSheet(t, f, report.SheetDesa)
	percent := r.Indicator.Unit == "%"
	if desa.n != len(r.Villages) {
		t.Fatalf("desa sheet has %d rows, the model %d desa", desa.n, len(r.Villages))
	}
	pockets := 0
	for i, v := range r.Villages {
		c := v.Code
		if !sameNumber(desa.cell(t, c, "Nilai"), r.Values[i], percent) {
			t.Fatalf("%s: value %q, model %v", c, desa.cell(t, c, "Nilai"), r.Values[i])
		}
		if got, want := desa.cell(t, c, "Kelas"), classCell(r.DesaClasses.Breaks, r.Values[i]); got != want {
			t.Fatalf("%s: class %q, model %q", c, got, want)
		}
		if !r.KecamatanLevel() && r.Settings.View == app.ViewValues {
			// The class the map shows is the class exported.
			if k := r.Map.Breaks.Class(r.Values[i]); k >= 0 && r.Map.Fills[i] != r.Map.Colors[k] {
				t.Fatalf("%s: map colour is not its class colour", c)
			}
		}
		if got, want := desa.cell(t, c, "Klaster LISA"), ds.ClusterLabel(r.Pockets.Cluster[i].String()); got != want {
			t.Fatalf("%s: cluster %q, model %q", c, got, want)
		}
		pocket := r.Pockets.Pocket[i]
		if pocket {
			pockets++
			if want := spatial.PocketCluster(r.Indicator.Poorer); r.Pockets.Cluster[i] != want && !r.Settings.Pockets.UseThreshold {
				t.Fatalf("%s: pocket in cluster %v, the direction %v makes %v the pockets", c, r.Pockets.Cluster[i], r.Indicator.Poorer, want)
			}
		}
		if got := desa.cell(t, c, "Kantong") == "Ya"; got != pocket {
			t.Fatalf("%s: pocket %v in the workbook, %v on screen", c, got, pocket)
		}
		x := r.Reach[i]
		for _, cmp := range []struct {
			head    string
			want    float64
			percent bool
		}{
			{"Intervensi aktif", float64(x.Active), false},
			{"Anggaran (Rp)", x.Budget, false},
			{"Sasaran RT", x.Households, false},
			{"RT miskin", r.Poor[i], false},
			{"Anggaran per RT miskin", r.BudgetPerPoor[i], false},
			{"Sasaran per RT DTKS", r.TargetShare[i], true},
		} {
			if !sameNumber(desa.cell(t, c, cmp.head), cmp.want, cmp.percent) {
				t.Fatalf("%s: %s %q, model %v", c, cmp.head, desa.cell(t, c, cmp.head), cmp.want)
			}
		}
		if !r.KecamatanLevel() && r.Settings.View == app.ViewCoverage {
			// The coverage map shows the exported measure.
			vals, _ := r.CoverageValues(r.Settings.Coverage)
			if got, want := r.Map.Values[i], vals[i]; !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("%s: coverage map %v, measure %v", c, got, want)
			}
		}
	}
	if r.Indicator.Poorer == geo.Neither && pockets > 0 {
		t.Errorf("%d pockets for an indicator that does not measure poverty", pockets)
	}
	if r.Indicator.Poorer != geo.Neither && pockets == 0 {
		t.Errorf("no pockets for %s", r.Indicator.Key)
	}
	rows, _ := f.GetRows(report.SheetPockets)
	if len(rows)-1 != pockets {
		t.Errorf("pocket sheet lists %d desa, the model %d", len(rows)-1, pockets)
	}
	if !r.KecamatanLevel() && (r.Settings.View == app.ViewValues || r.Settings.View == app.ViewCoverage) {
		marked := 0
		for _, m := range r.Marked {
			if m {
				marked++
			}
		}
		if marked != pockets {
			t.Errorf("the map outlines %d pockets, the workbook lists %d", marked, pockets)
		}
	}
	kec := readSheet(t, f, report.SheetKecamatan)
	if kec.n != len(r.Rollup) {
		t.Fatalf("kecamatan sheet has %d rows, the model %d", kec.n, len(r.Rollup))
	}
	for k, row := range r.Rollup {
		c := row.Code
		if !sameNumber(kec.cell(t, c, "Nilai"), row.Value, percent) {
			t.Fatalf("kecamatan %s: value %q, roll-up %v", c, kec.cell(t, c, "Nilai"), row.Value)
		}
		if got, want := kec.cell(t, c, "Kelas"), classCell(r.KecamatanClasses.Breaks, row.Value); got != want {
			t.Fatalf("kecamatan %s: class %q, model %q", c, got, want)
		}
		if r.KecamatanLevel() {
			// At kecamatan level the map is the kecamatan classification.
			if kk := r.Map.Breaks.Class(row.Value); kk >= 0 && r.Map.Fills[k] != r.Map.Colors[kk] {
				t.Fatalf("kecamatan %s: map colour is not its class colour", c)
			}
		}
		if got := kec.cell(t, c, "Desa kantong"); got != strconv.Itoa(row.Pockets) {
			t.Fatalf("kecamatan %s: %s pocket desa, roll-up %d", c, got, row.Pockets)
		}
		sum := r.KecamatanReach[k]
		if got := kec.cell(t, c, "Intervensi aktif"); got != strconv.Itoa(sum.Active) {
			t.Fatalf("kecamatan %s: %s active interventions, model %d", c, got, sum.Active)
		}
		if !sameNumber(kec.cell(t, c, "Anggaran (Rp)"), sum.Budget, false) {
			t.Fatalf("kecamatan %s: budget %q, model %v", c, kec.cell(t, c, "Anggaran (Rp)"), sum.Budget)
		}
	}
}

// classCell is the workbook cell of a class: 1-based, empty for no data.
func classCell(b classify.Breaks, v float64) string {
	if k := b.Class(v); k >= 0 {
		return strconv.Itoa(k + 1)
	}
	return ""
}

// sameCSV compares two folders of CSV files, ignoring when they were made.
func sameCSV(t *testing.T, want, got string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(want, "*.csv"))
	if err != nil || len(files) != 6 {
		t.Fatalf("model export wrote %d CSV files (%v)", len(files), err)
	}
	for _, wf := range files {
		a, err := os.ReadFile(wf)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(got, filepath.Base(wf)))
		if err != nil {
			t.Fatal(err)
		}
		al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
		if len(al) != len(bl) {
			t.Errorf("%s: %d lines from the model, %d from the CLI", filepath.Base(wf), len(al), len(bl))
			continue
		}
		for i := range al {
			if al[i] != bl[i] && !strings.HasPrefix(al[i], "Dibuat,") {
				t.Errorf("%s line %d:\nmodel %s\nCLI   %s", filepath.Base(wf), i+1, al[i], bl[i])
				break
			}
		}
	}
}

// TestRealIDMPocketsAreLowLow takes the published IKE (lower = poorer)
// and checks that `pockets`
// reports Low–Low pockets and only those; for the household count `rt`
// it reports none and says why.
func TestRealIDMPocketsAreLowLow(t *testing.T) {
	db := gridDB(t)
	code, out, errs := pm(t, "--db", db, "pockets", "--indicator", "ike")
	if code != 0 {
		t.Fatalf("pockets: %s", errs)
	}
	rows := readCSV(t, out)
	n, withValue := 0, 0
	for _, r := range rows[1:] {
		if r[2] != "" {
			withValue++
		}
		if r[7] == "true" {
			n++
			if r[5] != "LL" {
				t.Errorf("%s %s: pocket in cluster %s; lower = poorer makes Low–Low the pockets", r[0], r[1], r[5])
			}
		}
	}
	if n == 0 || withValue != 311 {
		t.Errorf("%d pockets among %d desa with IKE (want some, among 311)", n, withValue)
	}
	if !strings.Contains(errs, "Rendah-Rendah") || !strings.Contains(errs, "nilai lebih rendah = lebih miskin") {
		t.Errorf("method line does not state the direction:\n%s", errs)
	}
	code, out, errs = pm(t, "--db", db, "pockets", "--indicator", "rt")
	if code != 0 {
		t.Fatalf("pockets rt: %s", errs)
	}
	for _, r := range readCSV(t, out)[1:] {
		if r[7] == "true" {
			t.Fatalf("%s is a pocket of the household count", r[0])
		}
	}
	if !strings.Contains(errs, "tidak ada kantong") || !strings.Contains(errs, "indicator set rt --poorer") {
		t.Errorf("no reason on stderr:\n%s", errs)
	}
	// The direction is listed, and written in the Metadata sheet.
	_, list, _ := pm(t, "--db", db, "indicator", "list")
	if !strings.Contains(list, "ike,Indeks Ketahanan Ekonomi (IKE),indeks,lower,value,2023;2024,\"Kemendes PDTT, Indeks Desa Membangun 2024\"") {
		t.Errorf("indicator list:\n%s", list)
	}
	xlsx := filepath.Join(t.TempDir(), "ike.xlsx")
	if code, _, errs := pm(t, "--db", db, "export", "summary", "--indicator", "ike", "--out", xlsx); code != 0 {
		t.Fatal(errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	meta, _ := f.GetRows(report.SheetMetadata)
	found := false
	for _, r := range meta {
		found = found || len(r) > 1 && r[0] == "Arah kemiskinan" && r[1] == "nilai lebih rendah = lebih miskin"
	}
	if !found {
		t.Errorf("Metadata does not state the direction: %v", meta)
	}
}

// TestSummaryLevelOrdersSheets: --level decides which summary comes first.
func TestSummaryLevelOrdersSheets(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	for _, level := range []string{"desa", "kecamatan"} {
		out := filepath.Join(dir, level+".xlsx")
		if code, _, errs := pm(t, "--db", db, "export", "summary", "--level", level, "--out", out); code != 0 {
			t.Fatal(errs)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		first := f.GetSheetList()[0]
		f.Close()
		if want := map[string]string{"desa": report.SheetDesa, "kecamatan": report.SheetKecamatan}[level]; first != want {
			t.Errorf("--level %s: first sheet %q, want %q", level, first, want)
		}
	}
}

// TestCoverageAfterHouseholdImport: once a household list is imported, the
// coverage roles take its keys (hh_desil1_2, hh_desil1…4), and the
// coverage map and the workbook's "per poor household" column have a value
// for every desa with poor households.
func TestCoverageAfterHouseholdImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	list := filepath.Join(dir, "dtks.csv")
	for _, args := range [][]string{
		{"sample", "households", "--out", list, "--n", "20000", "--seed", "4"},
		{"import", "households", list, "--period", "2025-06"},
		{"intervention", "add", "--programme", "PKH", "--priority", "pengurangan-beban", "--areas", "35.23.05,35.23.01.2001",
			"--budget", "Rp 80.000.000", "--households", "120", "--start", "2020-01-01", "--end", "2099-12-31"},
	} {
		if code, _, errs := pm(t, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	sdb, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	svc := app.New(app.Repositories{Areas: sdb, Indicators: sdb, Interventions: sdb, Households: sdb})
	model := app.NewModel(svc, app.DefaultSettings(), app.RunNow)
	if err := model.Update(func(s *app.Settings) { s.View, s.Coverage, s.Suppress = app.ViewCoverage, app.MeasureBudget, 0 }); err != nil {
		t.Fatal(err)
	}
	r := model.Result()
	if strings.Join(r.PoorKeys, "+") != "hh_desil1_2" || strings.Join(r.DTKSKeys, "+") != "hh_desil1+hh_desil2+hh_desil3+hh_desil4" {
		t.Fatalf("roles after the import: poor %v, DTKS %v", r.PoorKeys, r.DTKSKeys)
	}
	if !strings.Contains(r.Map.Indicator.Label, "hh_desil1_2") || !strings.Contains(r.CoverageNote, "RT miskin = hh_desil1_2") {
		t.Errorf("the coverage legend does not name its base: %q / %q", r.Map.Indicator.Label, r.CoverageNote)
	}
	xlsx := filepath.Join(dir, "cakupan.xlsx")
	if _, err := svc.Export(context.Background(), model.Settings(), app.Export{Kind: app.ExportSummary, Format: "xlsx", Path: xlsx}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	desa := readSheet(t, f, report.SheetDesa)
	poor, reached := 0, 0
	for i, v := range r.Villages {
		if !(r.Poor[i] > 0) {
			continue
		}
		poor++
		if math.IsNaN(r.Map.Values[i]) {
			t.Fatalf("%s has %v poor households but no value on the coverage map", v.Code, r.Poor[i])
		}
		cell := desa.cell(t, v.Code, "Anggaran per RT miskin")
		if !sameNumber(cell, r.BudgetPerPoor[i], false) || cell == "" {
			t.Fatalf("%s: budget per poor household %q in the workbook, %v on the map", v.Code, cell, r.BudgetPerPoor[i])
		}
		if r.BudgetPerPoor[i] > 0 {
			reached++
		}
	}
	if poor < 300 || reached == 0 {
		t.Errorf("%d desa with poor households, %d reached: the synthetic list should cover Tuban", poor, reached)
	}
}

// TestHelpWritesNothingOnStderr runs the program as a process under
// LANG=C.UTF-8: the usage goes to stdout and stderr stays empty (Fyne's
// locale warnings are kept out of headless runs).
func TestHelpWritesNothingOnStderr(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--db", filepath.Join(t.TempDir(), "p.db"), "indicator", "list"}} {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), mainEnv+"=1", "LANG=C.UTF-8", "LC_ALL=", "LANGUAGE=")
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errb.String())
		}
		if errb.Len() != 0 {
			t.Errorf("%v wrote to stderr:\n%s", args, errb.String())
		}
		if out.Len() == 0 {
			t.Errorf("%v wrote nothing to stdout", args)
		}
	}
}
