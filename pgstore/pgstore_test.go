package pgstore

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/internal/pgtest"
	"github.com/dinsos-tuban/pocketmap/internal/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// open opens a new store on a fresh database of the test server.
func open(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

// TestContract runs the stores' shared contract on the server store.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t) })
	storetest.RunInterventions(t, func(t *testing.T) storetest.InterventionStore { return open(t) })
	storetest.RunHouseholds(t, func(t *testing.T) storetest.HouseholdStore { return open(t) })
	storetest.RunConflicts(t, func(t *testing.T) (storetest.InterventionStore, storetest.InterventionStore) {
		dsn := pgtest.Database(t)
		var dbs [2]*DB
		for i, user := range []string{"sari", "budi"} {
			db, err := Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(db.Close)
			db.User = user
			dbs[i] = db
		}
		return dbs[0], dbs[1]
	})
}

// TestMigrateTwice: two workstations opening a new database at once do
// not race, and opening an up-to-date database applies nothing.
func TestMigrateTwice(t *testing.T) {
	dsn := pgtest.Database(t)
	ctx := context.Background()
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			db, err := Open(ctx, dsn)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(names) {
		t.Errorf("%d migrations recorded, %d exist (%v)", n, len(names), err)
	}
}

// TestGDALReadsTheAreas: GDAL (as QGIS) lists the areas table of a server
// holding Tuban's boundaries as a layer in EPSG:4326: 328 desa and
// kelurahan, 20 kecamatan and the kabupaten (named, without geometry).
func TestGDALReadsTheAreas(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("GDAL's ogrinfo is not installed")
	}
	dsn := pgtest.Database(t)
	db, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range [][]byte{assets.TubanDesa, assets.TubanKecamatan} {
		l, err := geo.ReadGeoJSON(bytes.NewReader(f), "tuban.geojson", geo.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportBoundaries(context.Background(), l); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	conn := fmt.Sprintf("PG:host=%s port=%d user=%s dbname=%s", cfg.Host, cfg.Port, cfg.User, cfg.Database)
	out, err := exec.Command(ogrinfo, "-ro", "-so", conn, "areas").CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	for _, want := range []string{"Geometry: Multi Polygon", "Feature Count: 349", `ID["EPSG",4326]`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("ogrinfo does not say %q:\n%s", want, out)
		}
	}
}

// asUser returns the connection URL of dsn for another login.
func asUser(t *testing.T, dsn, name string) string {
	t.Helper()
	return strings.Replace(dsn, "postgres://pocketmap@", "postgres://"+name+"@", 1)
}

// TestRolesEnforcedByTheServer: after server init, a planner works with
// interventions and reads the finding counts, but plain SQL cannot read a
// household's NIK; a data officer can. The server refuses, not the app.
func TestRolesEnforcedByTheServer(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	owner, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if err := owner.InitServer(ctx); err != nil {
		t.Fatal(err)
	}
	if err := owner.InitServer(ctx); err != nil {
		t.Fatalf("init again: %v", err)
	}
	suffix := strings.TrimPrefix(strings.SplitN(strings.SplitN(dsn, "/", 4)[3], "?", 2)[0], "test_")
	planner, officer := "perencana_"+suffix, "petugas_"+suffix
	if err := owner.AddUser(ctx, planner, "planner"); err != nil {
		t.Fatal(err)
	}
	if err := owner.AddUser(ctx, officer, "data"); err != nil {
		t.Fatal(err)
	}
	if err := owner.AddUser(ctx, "Budi; DROP", "viewer"); err == nil {
		t.Error("an unsafe user name accepted")
	}
	if _, err := owner.ImportSnapshot(ctx, household.SnapshotInfo{Period: "2025-06", File: "a.csv"}, func(w household.SnapshotWriter) (string, error) {
		return "1", w.AddHousehold(ctx, &household.Record{Row: 2, NIK: "3523014101880001", KK: "3523010101010001", Name: "Sari", Members: 3}, "")
	}); err != nil {
		t.Fatal(err)
	}
	readNIK := func(user string) error {
		c, err := pgx.Connect(ctx, asUser(t, dsn, user))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		var nik string
		return c.QueryRow(ctx, `SELECT nik FROM households LIMIT 1`).Scan(&nik)
	}
	if err := readNIK(planner); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("a planner read a NIK: %v", err)
	}
	if err := readNIK(officer); err != nil {
		t.Errorf("a data officer could not read NIKs: %v", err)
	}
	p, err := Open(ctx, asUser(t, dsn, planner))
	if err != nil {
		t.Fatalf("a planner cannot open the store: %v", err)
	}
	defer p.Close()
	if role, err := p.Role(ctx); err != nil || role != "planner" {
		t.Errorf("role %q %v", role, err)
	}
	if _, err := p.Programmes(ctx); err != nil {
		t.Errorf("a planner cannot read the programmes: %v", err)
	}
	err = p.SaveValues(ctx, []geo.Value{{Code: "35.23.01.2001", Indicator: "x", Period: "2025", Value: 1}})
	if err == nil {
		t.Fatal("a planner wrote indicator values")
	}
	if msg := Explain(err); !strings.Contains(msg, "peran Anda di server kantor tidak mengizinkan") {
		t.Errorf("the refusal explained as %q", msg)
	}
}

// TestOthersSeeChanges: a workstation watching the server hears of an
// intervention another one saves within two seconds.
func TestOthersSeeChanges(t *testing.T) {
	dsn := pgtest.Database(t)
	ctx, cancel := context.WithCancel(context.Background())
	watcher, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	heard := make(chan string, 4)
	done := make(chan struct{})
	go func() {
		watcher.Watch(ctx, func(what string) {
			select {
			case heard <- what:
			default:
			}
		})
		close(done)
	}()
	defer func() {
		cancel() // the watch lets its connection go before the pool closes
		<-done
		watcher.Close()
	}()
	time.Sleep(200 * time.Millisecond) // listening
	saver, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer saver.Close()
	l := &geo.Layer{File: "uji", Areas: []*geo.Area{{Code: "35.23.01.2001", Name: "Jlodro", Level: geo.LevelDesa, Parent: "35.23.01"}}}
	if _, err := saver.ImportBoundaries(ctx, l); err != nil {
		t.Fatal(err)
	}
	iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: "APBN",
		Areas: []string{"35.23.01.2001"}, Budget: 1, Start: day(2025, 1, 1), End: day(2025, 2, 1), Status: aid.StatusRencana}
	start := time.Now()
	if _, err := saver.AddIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case what := <-heard:
			if what == "intervention" {
				t.Logf("heard after %v", time.Since(start).Round(time.Millisecond))
				return
			}
		case <-time.After(2 * time.Second):
			t.Fatal("the saved intervention was not announced within 2 s")
		}
	}
}
