package app_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/sample"
	"github.com/dinsos-tuban/pocketmap/store"
)

// open returns the service over a new SQLite database.
func open(t testing.TB) (*app.Service, *store.DB) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "uji.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Check(context.Background()); err != nil {
			t.Errorf("after the test: %v", err)
		}
		db.Close()
	})
	return app.New(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db}), db
}

// seeded returns the service over a database with the embedded Tuban
// sample, as a first start makes it.
func seeded(t testing.TB) *app.Service {
	t.Helper()
	svc, db := open(t)
	if ok, err := svc.SeedIfEmpty(context.Background(), db); err != nil || !ok {
		t.Fatalf("seeding: %v %v", ok, err)
	}
	return svc
}

func TestSeedIfEmptyOnlyOnce(t *testing.T) {
	svc, db := open(t)
	ctx := context.Background()
	if ok, err := svc.SeedIfEmpty(ctx, db); err != nil || !ok {
		t.Fatalf("first: %v %v", ok, err)
	}
	if ok, err := svc.SeedIfEmpty(ctx, db); err != nil || ok {
		t.Fatalf("second start seeded again: %v %v", ok, err)
	}
	if src, _ := db.Meta(ctx, app.MetaSource); src != sample.Source {
		t.Errorf("source note %q", src)
	}
}

// TestCoverageWithoutRoles: a database without any household indicator
// says so instead of leaving an empty denominator unnoticed.
func TestCoverageWithoutRoles(t *testing.T) {
	svc, db := open(t)
	ctx := context.Background()
	if _, err := svc.SeedIfEmpty(ctx, db); err != nil {
		t.Fatal(err)
	}
	s := app.DefaultSettings()
	s.Roles.Poor, s.Roles.DTKS = []string{"tidak_ada"}, []string{"rt", "juga_tidak_ada"}
	s.View, s.Coverage = app.ViewCoverage, app.MeasureBudget
	r, err := svc.Analyse(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if r.PoorKeys != nil || r.DTKSKeys != nil {
		t.Errorf("roles of unknown keys resolved: %v %v", r.PoorKeys, r.DTKSKeys)
	}
	for _, want := range []string{"tidak ada indikator rumah tangga miskin", "tidak ada indikator rumah tangga DTKS"} {
		if !strings.Contains(r.CoverageNote, want) || !strings.Contains(r.Map.Note, want) {
			t.Errorf("coverage note lacks %q: %q", want, r.Map.Note)
		}
	}
	for i, v := range r.BudgetPerPoor {
		if !math.IsNaN(v) {
			t.Fatalf("desa %d has a budget per poor household without a base", i)
		}
	}
	// The defaults find the sample's keys.
	r, err = svc.Analyse(ctx, app.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.PoorKeys, "+") != "rt_desil1+rt_desil2" || strings.Join(r.DTKSKeys, "+") != "rt_desil1_4" {
		t.Errorf("sample roles %v %v", r.PoorKeys, r.DTKSKeys)
	}
}

// TestAnalyseRefusesBadSettings: the settings are checked before anything
// is read, with a message naming the setting.
func TestAnalyseRefusesBadSettings(t *testing.T) {
	svc := seeded(t)
	s := app.DefaultSettings()
	s.Indicator = "tidak_ada"
	_, err := svc.Analyse(context.Background(), s)
	var ps app.Problems
	if !errors.As(err, &ps) || !ps.Has("indicator") || !strings.Contains(err.Error(), "pct_desil1") {
		t.Errorf("unknown indicator: %v", err)
	}
	s = app.DefaultSettings()
	s.Pockets.Permutations = 5
	if _, err := svc.Analyse(context.Background(), s); !errors.As(err, &ps) || !ps.Has("permutations") {
		t.Errorf("5 permutations: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := svc.Analyse(ctx, app.DefaultSettings()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled analysis: %v", err)
	}
}

// TestModelDropsStaleResults: an older analysis that finishes after a
// newer one started never replaces it, and Cancel keeps the last result.
func TestModelDropsStaleResults(t *testing.T) {
	svc := seeded(t)
	type job struct{ work, apply func() }
	var queue []job
	later := func(work, apply func()) { queue = append(queue, job{work, apply}) }
	m := app.NewModel(svc, app.DefaultSettings(), later)
	var events []app.Event
	m.Observe(func(e app.Event) { events = append(events, e) })
	if err := m.Update(func(s *app.Settings) { s.Indicator = "rt" }); err != nil {
		t.Fatal(err)
	}
	if err := m.Update(func(s *app.Settings) { s.Indicator = "pct_desil1" }); err != nil {
		t.Fatal(err)
	}
	if !m.Busy() || len(queue) != 2 {
		t.Fatalf("busy %v, %d jobs", m.Busy(), len(queue))
	}
	for i := len(queue) - 1; i >= 0; i-- { // the newer finishes first
		queue[i].work()
		queue[i].apply()
	}
	if r := m.Result(); r == nil || r.Indicator.Key != "pct_desil1" {
		t.Fatalf("result %v: the stale analysis of rt replaced the newer one", r)
	}
	if err := m.Update(func(s *app.Settings) { s.Pockets.Permutations = 1 }); err == nil {
		t.Error("bad settings accepted by the model")
	}
	if err := m.Update(func(s *app.Settings) { s.Indicator = "rt" }); err != nil {
		t.Fatal(err)
	}
	m.Cancel()
	queue[len(queue)-1].work()
	queue[len(queue)-1].apply()
	if r := m.Result(); r == nil || r.Indicator.Key != "pct_desil1" || !errors.Is(m.Err(), context.Canceled) {
		t.Errorf("after cancel: result %v, err %v", r.Indicator.Key, m.Err())
	}
	analysed := 0
	for _, e := range events {
		if e == app.Analysed {
			analysed++
		}
	}
	if analysed != 2 {
		t.Errorf("%d Analysed events, want 2 (the newer result and the cancel)", analysed)
	}
}

// TestUndoSaysWhatItUndid: undoing an add removes it, undoing a delete
// brings it back, and each says so.
func TestUndoSaysWhatItUndid(t *testing.T) {
	svc := seeded(t)
	ctx := context.Background()
	iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: aid.FundingSources[0],
		Areas: []string{"35.23.01.2001"}, Budget: 1250000, Start: aid.Day(time.Now()), End: aid.Day(time.Now()).AddDate(1, 0, 0)}
	id, err := svc.SaveIntervention(ctx, iv)
	if err != nil {
		t.Fatal(err)
	}
	if msg, err := svc.Undo(ctx); err != nil || !strings.HasPrefix(msg, "Penambahan intervensi PKH (Rp 1.250.000) diurungkan: intervensi dihapus") {
		t.Fatalf("undo of an add: %q %v", msg, err)
	}
	if ivs, _ := svc.ListInterventions(ctx, aid.Filter{}); len(ivs) != 0 {
		t.Fatalf("%d interventions after undoing the add", len(ivs))
	}
	iv.ID = 0
	if id, err = svc.SaveIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteIntervention(ctx, id); err != nil {
		t.Fatal(err)
	}
	if msg, err := svc.Undo(ctx); err != nil || !strings.HasPrefix(msg, "Penghapusan intervensi PKH (Rp 1.250.000) diurungkan: intervensi dikembalikan") {
		t.Fatalf("undo of a delete: %q %v", msg, err)
	}
	if ivs, _ := svc.ListInterventions(ctx, aid.Filter{}); len(ivs) != 1 {
		t.Fatalf("%d interventions after undoing the delete", len(ivs))
	}
}

// BenchmarkAnalyseTuban is one whole analysis of the window (values, EB
// off, classes, contiguity from the cache, LISA with 999 permutations,
// Gi*, roll-up, coverage) on Tuban's 328 desa, from SQLite.
func BenchmarkAnalyseTuban(b *testing.B) {
	svc := seeded(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Analyse(ctx, app.DefaultSettings()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyseJatim is the same over the 8,494 desa of Jawa Timur with
// the synthetic sample indicators.
func BenchmarkAnalyseJatim(b *testing.B) {
	const path = "../../shared/data/jatim-desa.geojson.gz"
	l, err := geo.ReadGeoJSONFile(path, geo.ReadOptions{})
	if err != nil {
		b.Skipf("%s: %v", path, err)
	}
	svc, db := open(b)
	ctx := context.Background()
	if _, err := db.ImportBoundaries(ctx, l); err != nil {
		b.Fatal(err)
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defs, vals := sample.Indicators(areas, 1)
	if err := db.SaveIndicators(ctx, defs); err != nil {
		b.Fatal(err)
	}
	if err := db.SaveValues(ctx, vals); err != nil {
		b.Fatal(err)
	}
	if _, err := svc.Analyse(ctx, app.DefaultSettings()); err != nil { // contiguity into the cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Analyse(ctx, app.DefaultSettings()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAreasKeptUntilBoundariesChange: analyses reuse the areas read before
// (and so the contiguity built over them) until a boundary import changes
// them, here by another connection, as another process would.
func TestAreasKeptUntilBoundariesChange(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bersama.db")
	repos := func() *app.Service {
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		svc := app.New(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db})
		if _, err := svc.SeedIfEmpty(ctx, db); err != nil {
			t.Fatal(err)
		}
		return svc
	}
	svc := repos()
	a, err := svc.Analyse(ctx, app.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	b, err := svc.Analyse(ctx, app.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if a.Villages[0] != b.Villages[0] || a.Weights != b.Weights {
		t.Error("a second analysis read the areas and built the contiguity again")
	}
	gj := filepath.Join(t.TempDir(), "desa.geojson")
	if err := os.WriteFile(gj, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"35.23.01.2001","nama":"Jlodro Baru"},
		"geometry":{"type":"Polygon","coordinates":[[[111.60,-6.90],[111.61,-6.90],[111.61,-6.89],[111.60,-6.89],[111.60,-6.90]]]}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := repos().ImportBoundaries(ctx, gj, geo.ReadOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	c, err := svc.Analyse(ctx, app.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range c.Villages {
		found = found || v.Code == "35.23.01.2001" && v.Name == "Jlodro Baru"
	}
	if !found || c.Villages[0] == a.Villages[0] {
		t.Error("the analysis after another connection's boundary import still shows the old areas")
	}
}

// TestUndoRedo: every change (add, edit, delete) can be undone and made
// again, in order, each step saying what it did; a new change after an
// undo ends what can be redone.
func TestUndoRedo(t *testing.T) {
	svc := seeded(t)
	ctx := context.Background()
	count := func() int {
		ivs, err := svc.ListInterventions(ctx, aid.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(ivs)
	}
	budget := func(id int64) int64 {
		ivs, _ := svc.ListInterventions(ctx, aid.Filter{})
		for _, iv := range ivs {
			if iv.ID == id {
				return iv.Budget
			}
		}
		return -1
	}
	step := func(f func(context.Context) (string, error), want string) {
		t.Helper()
		msg, err := f(ctx)
		if err != nil || !strings.HasPrefix(msg, want) {
			t.Fatalf("got %q %v, want %q…", msg, err, want)
		}
	}
	if msg, err := svc.Redo(ctx); err != nil || msg != "" {
		t.Fatalf("redo with nothing undone: %q %v", msg, err)
	}
	iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: aid.FundingSources[0],
		Areas: []string{"35.23.01.2001"}, Budget: 1250000, Start: aid.Day(time.Now()), End: aid.Day(time.Now()).AddDate(1, 0, 0)}
	id, err := svc.SaveIntervention(ctx, iv)
	if err != nil {
		t.Fatal(err)
	}
	iv.ID, iv.Budget = id, 2000000
	if _, err := svc.SaveIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteIntervention(ctx, id); err != nil {
		t.Fatal(err)
	}
	step(svc.Undo, "Penghapusan intervensi PKH (Rp 2.000.000) diurungkan")
	step(svc.Undo, "Perubahan intervensi PKH (Rp 2.000.000) diurungkan: nilai sebelumnya dikembalikan")
	if budget(id) != 1250000 {
		t.Fatalf("budget after undoing the edit: %v", budget(id))
	}
	step(svc.Undo, "Penambahan intervensi PKH (Rp 1.250.000) diurungkan")
	if count() != 0 {
		t.Fatal("the add was not undone")
	}
	step(svc.Redo, "Penambahan intervensi PKH (Rp 1.250.000) diulangi")
	if budget(id) != 1250000 {
		t.Fatalf("the add made again has budget %v (id %d)", budget(id), id)
	}
	step(svc.Redo, "Perubahan intervensi PKH (Rp 2.000.000) diulangi")
	if budget(id) != 2000000 {
		t.Fatalf("budget after redoing the edit: %v", budget(id))
	}
	step(svc.Redo, "Penghapusan intervensi PKH (Rp 2.000.000) diulangi")
	if count() != 0 {
		t.Fatal("the delete was not made again")
	}
	if msg, _ := svc.Redo(ctx); msg != "" {
		t.Fatalf("a fourth redo: %q", msg)
	}
	// A redo can be undone; a new change after an undo ends the redos.
	step(svc.Undo, "Penghapusan intervensi PKH (Rp 2.000.000) diurungkan")
	step(svc.Undo, "Perubahan intervensi PKH (Rp 2.000.000) diurungkan")
	iv.ID = 0
	if _, err := svc.SaveIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if msg, _ := svc.Redo(ctx); msg != "" {
		t.Fatalf("redo after a new change: %q", msg)
	}
	if count() != 2 {
		t.Fatalf("%d interventions", count())
	}
}

// TestPrintLegendEqualsScreen: the legend model the window and the print
// map draw carries the pocket outline entry with the number of pocket desa
// (the window adds nothing of its own).
func TestPrintLegendEqualsScreen(t *testing.T) {
	svc := seeded(t)
	r, err := svc.Analyse(context.Background(), app.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range r.Pockets.Pocket {
		if p {
			n++
		}
	}
	if o := r.Map.Outlined; n == 0 || o.Label != app.PocketOutlineLabel || o.Count != n {
		t.Errorf("outline entry %+v, %d pockets", o, n)
	}
}

// TestCoverageWithoutInterventions: with no intervention the coverage map
// has one class that says so, not "0 – 0".
func TestCoverageWithoutInterventions(t *testing.T) {
	svc := seeded(t)
	set := app.DefaultSettings()
	set.View = app.ViewCoverage
	r, err := svc.Analyse(context.Background(), set)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Map.Names) != 1 || r.Map.Names[0] != app.NoCoverageName || r.Map.Counts[0] == 0 {
		t.Errorf("legend %v %v", r.Map.Names, r.Map.Counts)
	}
}
