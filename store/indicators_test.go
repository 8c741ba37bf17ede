package store

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/ingest"
)

const (
	kodeA = "35.23.01.2001"
	kodeB = "35.23.01.2002"
	kodeC = "35.23.01.2003"
	kodeD = "35.23.01.2004"
)

var testIndicators = []geo.Indicator{
	{Key: "rt_miskin", Label: "Rumah tangga miskin", Unit: "rumah tangga", Poorer: geo.HigherIsPoorer, Source: "DTSEN"},
	{Key: "rt_total", Label: "Rumah tangga", Unit: "rumah tangga", Source: "DTSEN"},
	{Key: "pct_miskin", Label: "Persentase rumah tangga miskin", Unit: "%", Poorer: geo.HigherIsPoorer,
		Numerator: "rt_miskin", Denominator: "rt_total", Scale: 100},
	{Key: "jiwa", Label: "Penduduk", Unit: "jiwa", Period: "2024", Synthetic: true},
	{Key: "lama", Label: "Default period without data", Period: "2023"},
}

// seed stores testIndicators and their values.
func seed(t *testing.T) *DB {
	t.Helper()
	db := openTest(t)
	ctx := context.Background()
	if err := db.SaveIndicators(ctx, testIndicators); err != nil {
		t.Fatal(err)
	}
	v := func(code, ind, period string, x float64) geo.Value {
		return geo.Value{Code: code, Indicator: ind, Period: period, Value: x}
	}
	err := db.SaveValues(ctx, []geo.Value{
		v(kodeA, "rt_miskin", "2024", 10), v(kodeA, "rt_total", "2024", 100),
		v(kodeA, "rt_miskin", "2025", 20), v(kodeA, "rt_total", "2025", 80),
		v(kodeB, "rt_miskin", "2025", 5), v(kodeB, "rt_total", "2025", 0), // zero denominator
		v(kodeC, "rt_miskin", "2025", 3), // no denominator
		v(kodeD, "rt_miskin", "2025", 1), v(kodeD, "rt_total", "2025", 4),
		v(kodeA, "jiwa", "2024", 1), v(kodeA, "jiwa", "2025", 2),
		v(kodeA, "lama", "2025", 7), v(kodeA, "lama", "2024", 6),
		v(kodeA, "lama", "2025", 8), // replaces 7
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestIndicatorsOrder(t *testing.T) {
	db := seed(t)
	ctx := context.Background()
	got, err := db.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, testIndicators) {
		t.Errorf("Indicators() = %+v\nwant %+v", got, testIndicators)
	}
	// Saving some again puts them first, in the given order, and replaces them.
	jiwa := testIndicators[3]
	jiwa.Label = "Jumlah penduduk"
	if err := db.SaveIndicators(ctx, []geo.Indicator{jiwa, testIndicators[1]}); err != nil {
		t.Fatal(err)
	}
	got, err = db.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, ind := range got {
		keys = append(keys, ind.Key)
	}
	if want := []string{"jiwa", "rt_total", "rt_miskin", "pct_miskin", "lama"}; !slices.Equal(keys, want) {
		t.Errorf("order %v, want %v", keys, want)
	}
	if got[0].Label != jiwa.Label {
		t.Errorf("label %q, want %q", got[0].Label, jiwa.Label)
	}
}

func TestValues(t *testing.T) {
	db := seed(t)
	ctx := context.Background()
	for _, tc := range []struct {
		key, period string
		want        map[string]float64
	}{
		{"rt_miskin", "", map[string]float64{kodeA: 20, kodeB: 5, kodeC: 3, kodeD: 1}}, // latest
		{"rt_miskin", "2024", map[string]float64{kodeA: 10}},
		{"jiwa", "", map[string]float64{kodeA: 1}},                   // default period
		{"lama", "", map[string]float64{kodeA: 8}},                   // default period has no data: latest
		{"pct_miskin", "", map[string]float64{kodeA: 25, kodeD: 25}}, // B: zero, C: no denominator
		{"pct_miskin", "2024", map[string]float64{kodeA: 10}},
		{"rt_total", "2030", map[string]float64{}},
	} {
		got, err := db.Values(ctx, tc.key, tc.period)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Values(%s, %q) = %v, want %v", tc.key, tc.period, got, tc.want)
		}
	}
	if _, err := db.Values(ctx, "nope", ""); !errors.Is(err, ErrUnknownIndicator) {
		t.Errorf("unknown indicator: %v", err)
	}
	for key, want := range map[string][]string{
		"rt_miskin": {"2024", "2025"}, "pct_miskin": {"2024", "2025"}, "jiwa": {"2024", "2025"},
	} {
		if got, err := db.Periods(ctx, key); err != nil || !slices.Equal(got, want) {
			t.Errorf("Periods(%s) = %v, %v; want %v", key, got, err, want)
		}
	}
}

func TestAreaValues(t *testing.T) {
	db := seed(t)
	ctx := context.Background()
	ind := func(key string) geo.Indicator {
		i := slices.IndexFunc(testIndicators, func(ind geo.Indicator) bool { return ind.Key == key })
		return testIndicators[i]
	}
	for _, tc := range []struct {
		code string
		want []geo.AreaValue
	}{
		{kodeA, []geo.AreaValue{{Indicator: ind("rt_miskin"), Period: "2025", Value: 20}, {Indicator: ind("rt_total"), Period: "2025", Value: 80},
			{Indicator: ind("pct_miskin"), Period: "2025", Value: 25}, {Indicator: ind("jiwa"), Period: "2025", Value: 2}, {Indicator: ind("lama"), Period: "2025", Value: 8}}},
		{kodeB, []geo.AreaValue{{Indicator: ind("rt_miskin"), Period: "2025", Value: 5}, {Indicator: ind("rt_total"), Period: "2025", Value: 0}}},
		{"35.99.99.2999", nil},
	} {
		got, err := db.AreaValues(ctx, tc.code)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("AreaValues(%s) = %+v\nwant %+v", tc.code, got, tc.want)
		}
	}
}

func TestImportIndicators(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	if err := db.SaveIndicators(ctx, []geo.Indicator{
		{Key: "rt_miskin", Period: "2024"}, // no label yet
		{Key: "rt_total", Label: "Rumah tangga (dipilih pengguna)", Period: "2024"},
		{Key: "pct", Label: "Persen", Numerator: "rt_miskin", Denominator: "rt_total", Scale: 100},
	}); err != nil {
		t.Fatal(err)
	}
	row := func(line int, code string, vals ...float64) ingest.Row {
		r := ingest.Row{Line: line, Code: code}
		for i, key := range []string{"rt_miskin", "rt_total", "pct", "baru"}[:len(vals)] {
			r.Values = append(r.Values, geo.Value{Code: code, Indicator: key, Period: "2025", Value: vals[i]})
		}
		return r
	}
	tbl := &ingest.Table{File: "dtsen.csv", Format: "wide",
		Indicators: []geo.Indicator{
			{Key: "rt_miskin", Label: "RT miskin", Period: "2025", Synthetic: true},
			{Key: "rt_total", Label: "RT", Period: "2025"},
			{Key: "pct", Label: "pct dari berkas", Period: "2025"}, // must not clobber the derived one
			{Key: "baru", Label: "Baru", Unit: "jiwa", Period: "2025"},
		},
		Rows: []ingest.Row{row(2, kodeA, 2, 8, 25, 1), row(3, "", 1, 1, 1, 1), row(4, kodeB, 3, 6, 50, 2)},
	}
	n, err := db.ImportIndicators(ctx, tbl.Import())
	if err != nil {
		t.Fatal(err)
	}
	if n != 8 {
		t.Errorf("%d values written, want 8", n)
	}
	got, err := db.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []geo.Indicator{
		{Key: "rt_miskin", Label: "RT miskin", Period: "2025", Synthetic: true},
		{Key: "rt_total", Label: "Rumah tangga (dipilih pengguna)", Period: "2025"},
		{Key: "pct", Label: "Persen", Period: "2025", Numerator: "rt_miskin", Denominator: "rt_total", Scale: 100},
		{Key: "baru", Label: "Baru", Unit: "jiwa", Period: "2025"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("indicators after import\n got %+v\nwant %+v", got, want)
	}
	if vals, err := db.Values(ctx, "pct", ""); err != nil || !reflect.DeepEqual(vals, map[string]float64{kodeA: 25, kodeB: 50}) {
		t.Errorf("derived values %v, %v", vals, err)
	}

	// A value of an indicator without definition fails the foreign key:
	// nothing of the table is written.
	before := map[string]int{}
	for _, table := range []string{"indicators", "indicator_values", "imports"} {
		before[table] = count(t, db, table)
	}
	bad := &ingest.Table{File: "rusak.csv", Format: "long",
		Indicators: []geo.Indicator{{Key: "lain", Label: "Lain"}},
		Rows: []ingest.Row{
			{Line: 2, Code: kodeC, Values: []geo.Value{{Code: kodeC, Indicator: "lain", Period: "2025", Value: 1}}},
			{Line: 3, Code: kodeC, Values: []geo.Value{{Code: kodeC, Indicator: "tidak_ada", Period: "2025", Value: 1}}},
		}}
	if _, err := db.ImportIndicators(ctx, bad.Import()); err == nil {
		t.Fatal("no error for a value without indicator definition")
	}
	for table, n := range before {
		if got := count(t, db, table); got != n {
			t.Errorf("%s: %d rows after a failed import, want %d", table, got, n)
		}
	}
}

func TestUpdateIndicatorKeepsOrderAndFormula(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "u.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defs := []geo.Indicator{{Key: "a", Label: "A"}, {Key: "b", Label: "B", Numerator: "a", Denominator: "a", Scale: 100}}
	if err := db.SaveIndicators(ctx, defs); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateIndicator(ctx, geo.Indicator{Key: "b", Label: "Baru", Unit: "%", Poorer: geo.HigherIsPoorer}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Indicators(ctx)
	if got[0].Key != "a" || got[1].Label != "Baru" || got[1].Poorer != geo.HigherIsPoorer || got[1].Numerator != "a" || got[1].Scale != 100 {
		t.Errorf("after update: %+v", got)
	}
	if err := db.UpdateIndicator(ctx, geo.Indicator{Key: "zz"}); !errors.Is(err, ErrUnknownIndicator) {
		t.Errorf("unknown key: %v", err)
	}
}

// TestMigration0004Direction opens a database made before directions
// existed: an indicator marked higher_is_poorer becomes "higher", the
// others "neither", and a direction round-trips.
func TestMigration0004Direction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lama.db")
	ctx := context.Background()
	old := fstest.MapFS{}
	for _, n := range []string{"0001_init.sql", "0002_interventions.sql", "0003_households.sql"} {
		b, err := fs.ReadFile(migrations, "migrations/"+n)
		if err != nil {
			t.Fatal(err)
		}
		old["migrations/"+n] = &fstest.MapFile{Data: b}
	}
	sdb, err := openSQL(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, sdb, old); err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.ExecContext(ctx, `INSERT INTO indicators(key, label, higher_is_poorer) VALUES('pct', 'Persen', 1), ('rt', 'RT', 0)`); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	inds, err := db.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]geo.Direction{}
	for _, d := range inds {
		got[d.Key] = d.Poorer
	}
	if got["pct"] != geo.HigherIsPoorer || got["rt"] != geo.Neither {
		t.Errorf("directions after migration %v", got)
	}
	if err := db.UpdateIndicator(ctx, geo.Indicator{Key: "rt", Label: "RT", Poorer: geo.LowerIsPoorer}); err != nil {
		t.Fatal(err)
	}
	if inds, _ := db.Indicators(ctx); inds[1].Poorer != geo.LowerIsPoorer {
		t.Errorf("lower not kept: %+v", inds[1])
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE indicators SET poorer = 'sideways'`); err == nil {
		t.Error("a direction outside higher/lower/neither was accepted")
	}
}

// TestIndicatorKindRoundTrip: the kind a user sets is kept, and an import
// fills it only where none is set.
func TestIndicatorKindRoundTrip(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	if err := db.SaveIndicators(ctx, []geo.Indicator{{Key: "idm", Label: "IDM"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateIndicator(ctx, geo.Indicator{Key: "idm", Label: "IDM", Sort: geo.KindValue}); err != nil {
		t.Fatal(err)
	}
	imp := geo.IndicatorImport{File: "x.csv", Indicators: []geo.Indicator{{Key: "idm", Label: "IDM", Sort: geo.KindCount}, {Key: "baru", Sort: geo.KindCount}}}
	if _, err := db.ImportIndicators(ctx, imp); err != nil {
		t.Fatal(err)
	}
	inds, _ := db.Indicators(ctx)
	got := map[string]string{}
	for _, d := range inds {
		got[d.Key] = d.Kind()
	}
	if got["idm"] != geo.KindValue || got["baru"] != geo.KindCount {
		t.Errorf("kinds %v", got)
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE indicators SET kind = 'banyak'`); err == nil {
		t.Error("a kind outside count/value was accepted")
	}
}

// The placeholders match the columns (a column added without its mark
// fails every insert).
func TestIndicatorMarks(t *testing.T) {
	if c, m := strings.Count(indicatorCols, ",")+1, strings.Count(indicatorMarks, "?"); c != m {
		t.Fatalf("%d columns, %d placeholders", c, m)
	}
}

// A categorical indicator keeps its categories and their order; a later
// import of a numeric indicator leaves them alone, and one that brings
// categories replaces them.
func TestCategoriesStored(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	status := geo.Indicator{Key: "status_idm", Label: "Status IDM", Poorer: geo.LowerIsPoorer, Period: "2024",
		Categories: []string{"Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri"}, Ordered: true}
	if _, err := db.ImportIndicators(ctx, geo.IndicatorImport{File: "a.csv", Indicators: []geo.Indicator{status, {Key: "idm", Period: "2024"}}}); err != nil {
		t.Fatal(err)
	}
	inds, err := db.Indicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := inds[0]; got.Kind() != geo.KindCategory || !got.Ordered || !slices.Equal(got.Categories, status.Categories) {
		t.Errorf("stored %+v", got)
	}
	if inds[1].Categorical() {
		t.Errorf("idm became categorical: %+v", inds[1])
	}
	status.Categories = append(status.Categories, "Lainnya")
	status.Ordered = false
	if _, err := db.ImportIndicators(ctx, geo.IndicatorImport{File: "b.csv", Indicators: []geo.Indicator{status}}); err != nil {
		t.Fatal(err)
	}
	if inds, _ = db.Indicators(ctx); len(inds[0].Categories) != 6 || inds[0].Ordered {
		t.Errorf("after the second import %+v", inds[0])
	}
}
