package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"github.com/dinsos-tuban/pocketmap/internal/pgtest"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/store"
)

// pm runs the command line in-process and returns exit code, stdout, stderr.
func pm(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	for i, a := range args[:max(0, len(args)-1)] {
		if a == "--db" {
			checkAtEnd(t, args[i+1])
		}
	}
	var out, errb bytes.Buffer
	gui := func(_ *app.Service, _ workspace, startErr error) error {
		if startErr != nil {
			out.WriteString("GUI: " + startErr.Error())
			return nil
		}
		out.WriteString("GUI")
		return nil
	}
	code := run(args, &out, &errb, gui)
	return code, out.String(), errb.String()
}

// checked holds the databases whose integrity a test checks at its end.
var checked = map[*testing.T]map[string]bool{}

// checkAtEnd runs SQLite's integrity check on the database at path when the
// test ends, if it exists then and is a pocketmap database.
func checkAtEnd(t *testing.T, path string) {
	if checked[t] == nil {
		checked[t] = map[string]bool{}
		t.Cleanup(func() {
			for p := range checked[t] {
				if _, err := os.Stat(p); err != nil {
					continue
				}
				db, err := store.Open(p)
				if err != nil {
					if !errors.Is(err, store.ErrDamaged) && !errors.Is(err, store.ErrForeign) {
						t.Errorf("opening %s after the test: %v", p, err)
					}
					continue
				}
				if err := db.Check(context.Background()); err != nil {
					t.Errorf("after the test: %v", err)
				}
				db.Close()
			}
			delete(checked, t)
		})
	}
	checked[t][path] = true
}

func TestFirstRunSeedsTubanSample(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a", "pocketmap.db")
	code, out, errs := pm(t, "--db", db)
	if code != 0 || out != "GUI" {
		t.Fatalf("exit %d, out %q, err %q", code, out, errs)
	}
	st, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want owner-only 0600", st.Mode().Perm())
	}
	code, out, _ = pm(t, "--db", db, "areas")
	if code != 0 {
		t.Fatalf("areas exit %d", code)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]int{}
	var km2 float64
	for _, r := range rows[1:] {
		levels[r[2]]++
		if r[2] == "desa" || r[2] == "kelurahan" {
			v, _ := strconv.ParseFloat(r[4], 64)
			km2 += v
		}
	}
	if levels["desa"] != 311 || levels["kelurahan"] != 17 || levels["kecamatan"] != 20 {
		t.Errorf("levels %v", levels)
	}
	if km2 < 1973.5*0.995 || km2 > 1973.5*1.005 {
		t.Errorf("desa areas add up to %.1f km², want 1973.5 ± 0.5 %%", km2)
	}
	// A second start never overwrites: an imported indicator survives.
	if code, _, errs := pm(t, "--db", db, "import", "indicators", "testdata/indikator-nama.csv", "--accept-fuzzy"); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	pm(t, "--db", db)
	sdb, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	vals, err := sdb.Values(context.Background(), "jumlah_lansia", "")
	if err != nil || vals["35.23.01.2001"] != 1204 {
		t.Errorf("imported value after restart: %v %v", vals["35.23.01.2001"], err)
	}
}

func TestImportIndicatorsByNameWithFuzzy(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	pm(t, "--db", db, "areas")
	code, out, errs := pm(t, "--db", db, "import", "indicators", "testdata/indikator-nama.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Glodonggede", "35.23.06.2018", "Desa Entah"} {
		if !strings.Contains(out, want) {
			t.Errorf("join-health report lacks %q:\n%s", want, out)
		}
	}
	sdb, _ := store.Open(db)
	defer sdb.Close()
	vals, _ := sdb.Values(context.Background(), "jumlah_lansia", "")
	if _, ok := vals["35.23.06.2018"]; ok {
		t.Error("fuzzy match stored without --accept-fuzzy")
	}
	if vals["35.23.18.1001"] != 455 || vals["35.23.01.2001"] != 1204 {
		t.Errorf("exact name matches not stored: %v", vals)
	}
}

func TestBadIndicatorFileWritesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	pm(t, "--db", db, "areas")
	code, _, errs := pm(t, "--db", db, "import", "indicators", "testdata/indikator-rusak.csv")
	if code == 0 {
		t.Fatal("bad file accepted")
	}
	for _, want := range []string{"indikator-rusak.csv", "baris 3", "jumlah_lansia", "12a"} {
		if !strings.Contains(errs, want) {
			t.Errorf("message %q lacks %q", errs, want)
		}
	}
	sdb, _ := store.Open(db)
	defer sdb.Close()
	if _, err := sdb.Values(context.Background(), "jumlah_lansia", ""); err == nil {
		t.Error("indicator from a rejected file exists")
	}
}

func TestBadBoundaryFileWritesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	pm(t, "--db", db, "areas")
	bad := filepath.Join(t.TempDir(), "utm.geojson")
	os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"35.23.01.2001","nama":"Jlodro"},"geometry":{"type":"Polygon","coordinates":[[[620000,9235000],[621000,9235000],[621000,9236000],[620000,9235000]]]}}]}`), 0o644)
	_, before, _ := pm(t, "--db", db, "areas")
	code, _, errs := pm(t, "--db", db, "import", "boundaries", bad)
	if code == 0 || !strings.Contains(errs, "utm.geojson") || !strings.Contains(errs, "UTM") {
		t.Fatalf("exit %d, message %q", code, errs)
	}
	if _, after, _ := pm(t, "--db", db, "areas"); after != before {
		t.Error("areas changed after a rejected boundary file")
	}
}

func TestReimportBoundariesReportsChanges(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	pm(t, "--db", db, "areas")
	src, err := os.ReadFile("../../assets/tuban-desa.geojson")
	if err != nil {
		t.Fatal(err)
	}
	// A new edition: one desa renamed, one removed.
	s := strings.Replace(string(src), `"nama":"Jlodro"`, `"nama":"Jlodro Baru"`, 1)
	start := strings.Index(s, `{"type":"Feature","properties":{"kode":"35.23.01.2002"`)
	end := strings.Index(s[start:], "\n")
	s = s[:start] + s[start+end+1:]
	edition := filepath.Join(dir, "desa-2026.geojson")
	os.WriteFile(edition, []byte(s), 0o644)
	code, out, errs := pm(t, "--db", db, "import", "boundaries", edition)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"35.23.01.2002", "Jlodro Baru", "327"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	sdb, _ := store.Open(db)
	defer sdb.Close()
	vals, _ := sdb.Values(context.Background(), "rt", "")
	if vals["35.23.01.2001"] == 0 || vals["35.23.20.2001"] == 0 {
		t.Error("indicator values of kept desa lost on re-import")
	}
}

func TestRenderWritesMap(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "p.db"), filepath.Join(dir, "peta.png")
	code, _, errs := pm(t, "--db", db, "render", "--indicator", "pct_desil1_4", "--size", "640x400", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 400 {
		t.Errorf("size %v", b)
	}
	colours := map[uint32]bool{}
	for y := 0; y < 400; y += 2 {
		for x := 0; x < 640; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if len(colours) < 50 {
		t.Errorf("only %d colours: map not drawn", len(colours))
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"render", "--indicator", "tidak_ada", "--out", out}, 2, "tidak_ada"},
		{[]string{"render", "--size", "big", "--out", out}, 2, "--size"},
		{[]string{"render"}, 2, "--out"},
		{[]string{"hapus"}, 2, "hapus"},
		{[]string{"indicator"}, 2, "list, set"},
		{[]string{"indicator", "set", "tidak_ada", "--poorer", "lower"}, 2, "pct_desil1"},
		{[]string{"indicator", "set", "rt", "--poorer", "miring"}, 2, "--poorer"},
		{[]string{"indicator", "set", "rt"}, 2, "--label, --unit, --source, --poorer atau --kind"},
		{[]string{"indicator", "set", "rt", "--kind", "banyak"}, 2, "count"},
		{[]string{"indicator", "set", "pct_desil1", "--kind", "value"}, 2, "rasio"},
		{[]string{"pockets", "--tolerance", "-1"}, 2, "--tolerance"},
		{[]string{"pockets", "--permutations", "50"}, 2, "--permutations"},
		{[]string{"classify", "--classes", "12"}, 2, "--classes"},
		{[]string{"classify", "--method", "manual"}, 2, "--breaks"},
		{[]string{"export", "summary", "--format", "doc", "--out", out}, 2, "--format"},
		{[]string{"export", "summary", "--level", "provinsi", "--out", out}, 2, "--level"},
		{[]string{"export", "map", "--size", "100x100", "--out", out}, 2, "--size"},
		{[]string{"export", "pdf"}, 2, "summary, map, geojson"},
		{[]string{"rollup", "--view", "3d"}, 2, "--view"},
		{[]string{"rollup", "--day", "kemarin"}, 2, "--day"},
	} {
		code, _, errs := pm(t, append([]string{"--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, message %q", tc.args, code, errs)
		}
	}
}

func TestWindowReopensLastDatabase(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	other := filepath.Join(t.TempDir(), "kantor.db")
	var opened []string
	gui := func(_ *app.Service, ws workspace, _ error) error {
		opened = append(opened, ws.(fileSpace).db.Path())
		return nil
	}
	var out, errb bytes.Buffer
	if code := run([]string{"--db", other}, &out, &errb, gui); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if code := run(nil, &out, &errb, gui); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if len(opened) != 2 || opened[1] != other {
		t.Errorf("second start opened %v, want the last database %s", opened, other)
	}
	// Headless commands never change it.
	run([]string{"--db", filepath.Join(t.TempDir(), "x.db"), "areas"}, &out, &errb, gui)
	if got := lastDatabase(); got != other {
		t.Errorf("last database %q after a headless command", got)
	}
}

// TestMain keeps the tests away from the user's configuration directory:
// remembered databases and default databases go to a temporary home.
// mainEnv makes the test binary run as the program itself, with its
// arguments (for tests that need a separate process).
const mainEnv = "POCKETMAP_RUN_AS_MAIN"

func TestMain(m *testing.M) {
	if db := os.Getenv(burstEnv); db != "" {
		os.Exit(saveBurst(db))
	}
	if os.Getenv(mainEnv) != "" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, openWindow))
	}
	home, err := os.MkdirTemp("", "pocketmap-test-home")
	if err != nil {
		panic(err)
	}
	os.Setenv("HOME", home)
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	code := pgtest.Main(m) // stops the PostgreSQL server the server-store tests started
	os.RemoveAll(home)
	os.Exit(code)
}
