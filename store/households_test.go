package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/ingest"
	hhsample "github.com/dinsos-tuban/pocketmap/sample"
)

// tubanAreas reads the embedded Tuban desa and kecamatan.
func tubanAreas(t testing.TB) []*geo.Layer {
	t.Helper()
	var out []*geo.Layer
	for _, f := range []struct {
		name string
		data []byte
	}{{"tuban-desa.geojson", assets.TubanDesa}, {"tuban-kecamatan.geojson", assets.TubanKecamatan}} {
		l, err := geo.ReadGeoJSON(bytes.NewReader(f.data), f.name, geo.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
	return out
}

// openTuban opens a fresh database at path with the embedded Tuban
// boundaries.
func openTuban(t testing.TB, path string, layers []*geo.Layer) *DB {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range layers {
		if _, err := db.ImportBoundaries(context.Background(), l); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// writeHouseholds generates n synthetic households over the layers' areas
// and writes them as CSV to dir/name.
func writeHouseholds(t testing.TB, dir, name string, layers []*geo.Layer, n int, seed uint64) (string, *hhsample.HouseholdList) {
	t.Helper()
	var areas []*geo.Area
	for _, l := range layers {
		areas = append(areas, l.Areas...)
	}
	list := hhsample.Households(areas, seed, hhsample.HouseholdOptions{Households: n})
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := list.WriteCSV(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path, list
}

// tableCounts returns the row counts of the tables an import writes.
func tableCounts(t testing.TB, db *DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range []string{"household_snapshots", "households", "household_findings", "indicators", "indicator_values", "imports", "meta"} {
		out[tb] = count(t, db, tb)
	}
	return out
}

// sumValues sums the values of key in period.
func sumValues(t testing.TB, db *DB, key, period string) (float64, int) {
	t.Helper()
	vals, err := db.Values(context.Background(), key, period)
	if err != nil {
		t.Fatal(err)
	}
	s := 0.0
	for _, v := range vals {
		s += v
	}
	return s, len(vals)
}

// svcOf is the use-case layer over db: household imports are orchestrated
// there and stored here.
func svcOf(db *DB) *app.Service {
	return app.New(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db})
}

func TestImportHouseholds(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	layers := tubanAreas(t)
	db := openTuban(t, filepath.Join(dir, "pocketmap.db"), layers)
	defer db.Close()
	const n = 20_000
	path, list := writeHouseholds(t, dir, "dtsen-juni.csv", layers, n, 7)

	hdr, err := ingest.HouseholdColumns(path)
	if err != nil {
		t.Fatal(err)
	}
	var last atomic.Uint64
	var calls atomic.Int64
	res, err := svcOf(db).ImportHouseholds(ctx, path, hdr.Guess, "2025-06", household.DefaultConfig(), func(f float64) {
		calls.Add(1)
		last.Store(uint64(f * 1000))
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", res)
	if calls.Load() < 2 || last.Load() != 1000 {
		t.Errorf("progress called %d times, last %v", calls.Load(), float64(last.Load())/1000)
	}

	// Findings: exactly the planted errors.
	if !maps.Equal(res.ByRule, list.Planted) {
		t.Errorf("ByRule %v\nplanted %v", res.ByRule, list.Planted)
	}
	total, warnings := 0, 0
	for code, c := range list.Planted {
		total += c
		if r, _ := household.RuleByCode(code); r.Severity == household.Warning {
			warnings += c
		}
	}
	if res.Errors+res.Warnings != total || res.Warnings != warnings {
		t.Errorf("errors %d warnings %d, want %d and %d", res.Errors, res.Warnings, total-warnings, warnings)
	}
	unplaced := list.Planted[household.RuleDesaCode] + list.Planted[household.RuleDesaMissing]
	if res.Households != n || res.Unplaced != unplaced || res.Period != "2025-06" || res.File != "dtsen-juni.csv" {
		t.Errorf("households %d unplaced %d (want %d) period %q file %q", res.Households, res.Unplaced, unplaced, res.Period, res.File)
	}
	for _, want := range []string{"20.000 rumah tangga", "NIK-PANJANG", "KOORDINAT-TEPI", "peringatan", "Nomor Kartu Keluarga harus tepat 16 angka"} {
		if !strings.Contains(res.String(), want) {
			t.Errorf("summary lacks %q", want)
		}
	}

	// Stored rows.
	if c := count(t, db, "households"); c != n {
		t.Errorf("%d households stored", c)
	}
	if c := count(t, db, "household_findings"); c != total {
		t.Errorf("%d findings stored, want %d", c, total)
	}
	var kk, nik, name, desa string
	var members int
	if err := db.db.QueryRow(`SELECT kk, nik, name, coalesce(desa, ''), members FROM households WHERE snapshot_id = ? AND row = 2`,
		res.SnapshotID).Scan(&kk, &nik, &name, &desa, &members); err != nil {
		t.Fatal(err)
	}
	r0 := list.Records[0]
	if kk != r0.KK || nik != r0.NIK || name != r0.Name || members != r0.Members {
		t.Errorf("row 2 stored as %s %s %s %d, want %s %s %s %d", kk, nik, name, members, r0.KK, r0.NIK, r0.Name, r0.Members)
	}

	// Indicators of the period: every household with a desa counted.
	sum, ndesa := sumValues(t, db, "hh_total", "2025-06")
	if int(sum) != n-unplaced || ndesa < 300 {
		t.Errorf("hh_total sums to %v over %d desa, want %d", sum, ndesa, n-unplaced)
	}
	// The counts agree with the stored households.
	var placedPersons, placedDesil int
	if err := db.db.QueryRow(`SELECT coalesce(sum(members), 0), count(CASE WHEN desil BETWEEN 1 AND 10 THEN 1 END)
		FROM households WHERE snapshot_id = ? AND desa IS NOT NULL`, res.SnapshotID).Scan(&placedPersons, &placedDesil); err != nil {
		t.Fatal(err)
	}
	if s, _ := sumValues(t, db, "persons", "2025-06"); int(s) != placedPersons || s < n {
		t.Errorf("persons sums to %v, stored households with a desa have %d members", s, placedPersons)
	}
	desil := 0
	for k := 1; k <= 10; k++ {
		s, _ := sumValues(t, db, "hh_desil"+strconv.Itoa(k), "2025-06")
		desil += int(s)
	}
	if desil != placedDesil {
		t.Errorf("hh_desil1..10 sum to %d, stored households with a desa and desil 1–10: %d", desil, placedDesil)
	}
	if s, _ := sumValues(t, db, "findings_total", "2025-06"); s <= 0 || int(s) > total {
		t.Errorf("findings_total sums to %v (total findings %d)", s, total)
	}
	if vals, err := db.Values(ctx, "pct_hh_desil1_2", ""); err != nil || len(vals) < 300 {
		t.Errorf("derived pct_hh_desil1_2: %d values, %v", len(vals), err)
	}
	inds, err := db.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]geo.Indicator{}
	for _, ind := range inds {
		byKey[ind.Key] = ind
	}
	for _, ind := range household.Indicators("2025-06") {
		got, ok := byKey[ind.Key]
		if !ok || got.Period != "2025-06" || got.Label != ind.Label || got.Source != household.Source {
			t.Errorf("indicator %s: %+v (present %v)", ind.Key, got, ok)
		}
	}

	// Point check, also stored as indicators.
	declared, spatial, geocoded := 0, 0, 0
	for _, p := range res.PointCheck {
		declared += p.Declared
		spatial += p.Spatial
	}
	for _, r := range list.Records {
		if r.HasPoint && r.Point[1] >= -90 && r.Point[1] <= 90 {
			geocoded++
		}
	}
	if res.Geocoded != geocoded || spatial != geocoded-res.Outside || declared > geocoded || declared < geocoded/2 {
		t.Errorf("geocoded %d (want %d), outside %d, declared %d, spatial %d", res.Geocoded, geocoded, res.Outside, declared, spatial)
	}
	if len(res.Mismatched()) == 0 {
		t.Error("no desa with points outside its boundary, but KOORDINAT-LUAR was planted")
	}
	if s, _ := sumValues(t, db, app.IndicatorGeocodedDeclared, "2025-06"); int(s) != declared {
		t.Errorf("%s sums to %v, want %d", app.IndicatorGeocodedDeclared, s, declared)
	}
	if s, _ := sumValues(t, db, app.IndicatorGeocodedSpatial, "2025-06"); int(s) != spatial {
		t.Errorf("%s sums to %v, want %d", app.IndicatorGeocodedSpatial, s, spatial)
	}

	// Findings and their counts.
	all, err := db.Findings(ctx, household.FindingFilter{})
	if err != nil || len(all) != total {
		t.Fatalf("Findings: %d, %v; want %d", len(all), err, total)
	}
	if !slices.IsSortedFunc(all, func(a, b household.Finding) int { return a.Row - b.Row }) {
		t.Error("findings not sorted by row")
	}
	short, err := db.Findings(ctx, household.FindingFilter{Period: "2025-06", Rule: household.RuleNIKLength})
	if err != nil || len(short) != list.Planted[household.RuleNIKLength] {
		t.Errorf("NIK-PANJANG findings: %d, %v", len(short), err)
	}
	for _, f := range short {
		if f.Severity != household.Error || f.Field == "" || len(f.NIK) < 14 || strings.Contains(f.Message, f.NIK) {
			t.Errorf("finding %+v", f)
			break
		}
	}
	if lim, _ := db.Findings(ctx, household.FindingFilter{Limit: 5}); len(lim) != 5 {
		t.Errorf("limit 5 gave %d", len(lim))
	}
	counts, err := db.FindingCounts(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	perRule, inDesa := map[string]int{}, map[string]int{}
	for _, c := range counts {
		perRule[c.Rule] += c.Count
		inDesa[c.Desa] += c.Count
		if r, _ := household.RuleByCode(c.Rule); r.Severity != c.Severity {
			t.Errorf("count %+v: severity", c)
		}
	}
	for code, c := range perRule {
		if c != list.Planted[code] {
			t.Errorf("FindingCounts %s = %d, planted %d", code, c, list.Planted[code])
		}
	}
	for d, c := range inDesa {
		if d == "" {
			continue
		}
		got, err := db.Findings(ctx, household.FindingFilter{Desa: d})
		if err != nil || len(got) != c {
			t.Errorf("desa %s: %d findings, counted %d (%v)", d, len(got), c, err)
		}
		break
	}
	if inDesa[""] < unplaced {
		t.Errorf("%d findings without desa, want at least %d", inDesa[""], unplaced)
	}

	// Snapshot, mapping, log, permissions.
	snaps, err := db.Snapshots(ctx)
	if err != nil || len(snaps) != 1 {
		t.Fatalf("snapshots %v, %v", snaps, err)
	}
	s := snaps[0]
	if s.ID != res.SnapshotID || s.Period != "2025-06" || s.File != "dtsen-juni.csv" || s.Households != n || s.Findings != total ||
		time.Since(s.ImportedAt) > time.Hour || !maps.Equal(s.Mapping, hdr.Guess) {
		t.Errorf("snapshot %+v", s)
	}
	if m, err := db.HouseholdMapping(ctx); err != nil || !maps.Equal(m, hdr.Guess) {
		t.Errorf("remembered mapping %v, %v; want %v", m, err, hdr.Guess)
	}
	var kind, file string
	if err := db.db.QueryRow(`SELECT kind, file FROM imports ORDER BY id DESC LIMIT 1`).Scan(&kind, &file); err != nil || kind != "rumah tangga" || file != "dtsen-juni.csv" {
		t.Errorf("import log %q %q %v", kind, file, err)
	}
	if runtime.GOOS != "windows" {
		for _, p := range []string{db.Path(), db.Path() + "-wal"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v after import, want 0600", p, fi.Mode().Perm())
			}
		}
	}

	// The same period again: refused, nothing changed.
	before := tableCounts(t, db)
	_, err = svcOf(db).ImportHouseholds(ctx, path, nil, "2025-06", household.DefaultConfig(), nil)
	if !errors.Is(err, household.ErrPeriodImported) || !strings.Contains(err.Error(), "periode 2025-06 sudah diimpor") ||
		!strings.Contains(err.Error(), "dtsen-juni.csv") {
		t.Errorf("second import of 2025-06: %v", err)
	}
	if after := tableCounts(t, db); !maps.Equal(before, after) {
		t.Errorf("refused import changed the tables: %v → %v", before, after)
	}

	// Another period: a second snapshot, now the latest.
	path2, list2 := writeHouseholds(t, dir, "dtsen-juli.csv", layers, 3_000, 8)
	res2, err := svcOf(db).ImportHouseholds(ctx, path2, nil, "2025-07", household.DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(res2.ByRule, list2.Planted) || res2.SnapshotID == res.SnapshotID {
		t.Errorf("second list: %+v", res2)
	}
	if snaps, _ := db.Snapshots(ctx); len(snaps) != 2 || snaps[1].Period != "2025-07" {
		t.Errorf("snapshots %+v", snaps)
	}
	if latest, _ := db.Findings(ctx, household.FindingFilter{}); len(latest) != res2.Errors+res2.Warnings {
		t.Errorf("latest findings %d, want %d", len(latest), res2.Errors+res2.Warnings)
	}
	if old, _ := db.Findings(ctx, household.FindingFilter{Period: "2025-06"}); len(old) != total {
		t.Errorf("2025-06 findings %d after the 2025-07 import, want %d", len(old), total)
	}
	if s, _ := sumValues(t, db, "hh_total", "2025-06"); int(s) != n-unplaced {
		t.Errorf("2025-06 hh_total changed to %v", s)
	}
	if v, _ := db.Values(ctx, "hh_total", ""); len(v) == 0 {
		t.Error("no default-period hh_total")
	}
	if ind, _ := db.indicator(ctx, "hh_total"); ind.Period != "2025-07" {
		t.Errorf("default period %q, want 2025-07", ind.Period)
	}
	if _, err := db.Findings(ctx, household.FindingFilter{Period: "2024-01"}); !errors.Is(err, household.ErrNoSnapshot) {
		t.Errorf("unknown period: %v", err)
	}
}

// mangle rewrites the CSV at path with the NIK of data row i replaced.
func mangle(t *testing.T, path string, i int, nik string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows[i][1] = nik
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(rows)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestImportHouseholdsRefusedWritesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	layers := tubanAreas(t)
	db := openTuban(t, filepath.Join(dir, "p.db"), layers)
	defer db.Close()
	good, _ := writeHouseholds(t, dir, "baik.csv", layers, 500, 1)
	if _, err := svcOf(db).ImportHouseholds(ctx, good, nil, "2025-01", household.DefaultConfig(), nil); err != nil {
		t.Fatal(err)
	}
	mapping, _ := db.Meta(ctx, MetaHouseholdMapping)
	before := tableCounts(t, db)

	bad, _ := writeHouseholds(t, dir, "excel.csv", layers, 2_000, 2)
	mangle(t, bad, 1500, "3,52301E+15")
	noNIK := filepath.Join(dir, "tanpa-nik.csv")
	if err := os.WriteFile(noNIK, []byte("no_kk;desa;desil;jumlah_art\n3523010101010001;Jlodro;1;3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "daftar.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, period, rule string
		want               []string
	}{
		{bad, "2025-02", ingest.RuleNIKNumber, []string{"excel.csv", "baris 1501", "Teks"}},
		{noNIK, "2025-02", ingest.RuleUnmapped, []string{"tanpa-nik.csv", "NIK"}},
		{pdf, "2025-02", ingest.RuleFileType, []string{"daftar.pdf"}},
		{good, "2025-13", "", []string{"periode \"2025-13\" tidak sah"}},
		{good, "juni", "", []string{"periode \"juni\""}},
	} {
		_, err := svcOf(db).ImportHouseholds(ctx, tc.path, nil, tc.period, household.DefaultConfig(), nil)
		if err == nil {
			t.Errorf("%s %s accepted", tc.path, tc.period)
			continue
		}
		var re ingest.RowErrors
		if tc.rule != "" && (!errors.As(err, &re) || !re.Has(tc.rule)) {
			t.Errorf("%s: %v, want rule %s", tc.path, err, tc.rule)
		}
		for _, w := range append(tc.want, "tidak ada yang disimpan") {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: message lacks %q:\n%v", tc.path, w, err)
			}
		}
		if after := tableCounts(t, db); !maps.Equal(before, after) {
			t.Errorf("%s: tables changed %v → %v", tc.path, before, after)
		}
		if m, _ := db.Meta(ctx, MetaHouseholdMapping); m != mapping {
			t.Errorf("%s: remembered mapping changed to %s", tc.path, m)
		}
	}

	// Cancelled: rolled back too.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := svcOf(db).ImportHouseholds(cctx, good, nil, "2025-03", household.DefaultConfig(), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled import: %v", err)
	}
	if after := tableCounts(t, db); !maps.Equal(before, after) {
		t.Errorf("cancelled import changed tables %v → %v", before, after)
	}
}

func TestImportHouseholdsNeedsDesa(t *testing.T) {
	dir := t.TempDir()
	layers := tubanAreas(t)
	path, _ := writeHouseholds(t, dir, "d.csv", layers, 100, 1)
	db := openTest(t)
	_, err := svcOf(db).ImportHouseholds(context.Background(), path, nil, "2025-06", household.DefaultConfig(), nil)
	if err == nil || !strings.Contains(err.Error(), "batas desa") {
		t.Errorf("import without boundaries: %v", err)
	}
	if c := count(t, db, "household_snapshots"); c != 0 {
		t.Errorf("%d snapshots", c)
	}
	if m, err := db.HouseholdMapping(context.Background()); m != nil || err != nil {
		t.Errorf("mapping %v %v on a new database", m, err)
	}
	if f, err := db.Findings(context.Background(), household.FindingFilter{}); f != nil || err != nil {
		t.Errorf("findings %v %v on a new database", f, err)
	}
}

func TestHouseholdColumnsPrefersRememberedMapping(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	layers := tubanAreas(t)
	db := openTuban(t, filepath.Join(dir, "p.db"), layers)
	defer db.Close()
	path, _ := writeHouseholds(t, dir, "a.csv", layers, 200, 3)
	// Rename two headers so that the guess misses them.
	b, _ := os.ReadFile(path)
	b = bytes.Replace(b, []byte("nik_kepala"), []byte("NIK_PENGURUS"), 1)
	b = bytes.Replace(b, []byte("jumlah_art"), []byte("ANGGOTA_RUMAH"), 1)
	os.WriteFile(path, b, 0o600)
	h, rem, err := svcOf(db).HouseholdColumns(ctx, path)
	if err != nil || rem || !slices.Equal(h.Missing, []string{ingest.FieldNIK, ingest.FieldMembers}) {
		t.Fatalf("before any import: %+v remembered %v, %v", h, rem, err)
	}
	m := maps.Clone(h.Guess)
	m[ingest.FieldNIK], m[ingest.FieldMembers] = "NIK_PENGURUS", "ANGGOTA_RUMAH"
	if _, err := svcOf(db).ImportHouseholds(ctx, path, m, "2025-01", household.DefaultConfig(), nil); err != nil {
		t.Fatal(err)
	}
	h, rem, err = svcOf(db).HouseholdColumns(ctx, path)
	if err != nil || !rem || !maps.Equal(h.Guess, m) || len(h.Missing) != 0 {
		t.Errorf("after the import: %+v remembered %v, %v", h, rem, err)
	}
	// A file without those columns gets the guess.
	other, _ := writeHouseholds(t, dir, "b.csv", layers, 10, 4)
	h, rem, err = svcOf(db).HouseholdColumns(ctx, other)
	if err != nil || rem || h.Guess[ingest.FieldNIK] != "nik_kepala" {
		t.Errorf("other headers: %+v remembered %v, %v", h, rem, err)
	}
	if got := ingest.MissingFields(ingest.Mapping{ingest.FieldKK: "kk", ingest.FieldDesaName: "desa"}); !slices.Equal(got, []string{"nik", "desil", "jumlah_art"}) {
		t.Errorf("MissingFields %v", got)
	}
	if got := ingest.MissingFields(nil); !slices.Equal(got, []string{"kk", "nik", "kode_desa", "nama_desa", "desil", "jumlah_art"}) {
		t.Errorf("ingest.MissingFields(nil) %v", got)
	}
}

// TestMigration0003OnExistingDatabase opens a database made by the
// previous schema (0001 and 0002, with data) and imports a list into it.
func TestMigration0003OnExistingDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "lama.db")
	old := fstest.MapFS{}
	for _, n := range []string{"migrations/0001_init.sql", "migrations/0002_interventions.sql"} {
		b, err := fs.ReadFile(migrations, n)
		if err != nil {
			t.Fatal(err)
		}
		old[n] = &fstest.MapFile{Data: b}
	}
	sdb, err := openSQL(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, sdb, old); err != nil {
		t.Fatal(err)
	}
	prev := &DB{db: sdb, path: path}
	layers := tubanAreas(t)
	for _, l := range layers {
		if _, err := prev.ImportBoundaries(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	prev.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, _ := writeHouseholds(t, dir, "l.csv", layers, 500, 5)
	res, err := svcOf(db).ImportHouseholds(ctx, list, nil, "2025-06", household.DefaultConfig(), nil)
	if err != nil || res.Households != 500 {
		t.Fatalf("%+v %v", res, err)
	}
	if c := count(t, db, "areas"); c != 349 { // 328 desa, 20 kecamatan, 1 kabupaten
		t.Errorf("%d areas", c)
	}
}

func TestRegionCodesEmbedded(t *testing.T) {
	rc := app.RegionCodes()
	if len(rc) != 38+416+98 {
		t.Errorf("%d region codes", len(rc))
	}
	for _, c := range []string{"35", "35.23", "35.79", "11.01", "91.71", "93.01"} {
		if !rc[c] {
			t.Errorf("%s missing", c)
		}
	}
	for _, c := range []string{"10", "35.30", "35.23.01", ""} {
		if rc[c] {
			t.Errorf("%q present", c)
		}
	}
}

func TestCheckPeriod(t *testing.T) {
	for _, p := range []string{"2025-06", "2025", "2030-12"} {
		if err := household.CheckPeriod(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range []string{"", "2025-6", "2025-00", "2025-13", "06-2025", "2025/06", " 2025-06"} {
		if household.CheckPeriod(p) == nil {
			t.Errorf("%q accepted", p)
		}
	}
}

// BenchmarkImportHouseholds200k imports 200,000 synthetic households into
// a fresh database per iteration and reports the peak heap.
func BenchmarkImportHouseholds200k(b *testing.B) {
	dir := b.TempDir()
	layers := tubanAreas(b)
	path, list := writeHouseholds(b, dir, "dtsen.csv", layers, 200_000, 2025)
	list.Records = nil
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	i := 0
	for b.Loop() {
		b.StopTimer()
		db := openTuban(b, filepath.Join(dir, "db", string(rune('a'+i%26))+".db"), layers)
		i++
		b.StartTimer()
		res, err := svcOf(db).ImportHouseholds(context.Background(), path, nil, "2025-06", household.DefaultConfig(), nil)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if res.Households != 200_000 {
			b.Fatalf("%d households", res.Households)
		}
		db.Close()
		os.Remove(db.Path())
		os.Remove(db.Path() + "-wal")
		os.Remove(db.Path() + "-shm")
		b.StartTimer()
	}
	close(stop)
	<-done
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}
