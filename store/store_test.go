package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// openTest opens a fresh database in a temporary directory.
func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "pocketmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Every test that writes leaves a database SQLite finds intact.
		if err := db.Check(context.Background()); err != nil {
			t.Errorf("after the test: %v", err)
		}
		db.Close()
	})
	return db
}

// count returns the number of rows of table.
func count(t testing.TB, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	dir := filepath.Join(t.TempDir(), "a b", "data")
	db, err := Open(filepath.Join(dir, "peta?.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SetMeta(context.Background(), "k", "v"); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, db.Path(): 0o600, db.Path() + "-wal": 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", path, got, want)
		}
	}
	// SQLite opened the file created above, not an escaped name.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "peta?.db") {
			t.Errorf("unexpected file %s", e.Name())
		}
	}
}

func TestPragmasOnEveryConnection(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	// Hold two connections at once so that the second is a distinct one.
	c1, err := db.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	c2, err := db.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	for _, p := range []struct{ pragma, want string }{
		{"foreign_keys", "1"}, {"journal_mode", "wal"}, {"busy_timeout", "2000"}, {"synchronous", "2"},
	} {
		for i, c := range []*sql.Conn{c1, c2} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != p.want {
				t.Errorf("connection %d: %s = %s, want %s", i+1, p.pragma, got, p.want)
			}
		}
	}
}

func TestMigrateTwiceIsNoop(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	for range 2 {
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := migrate(context.Background(), db.db, migrations); err != nil {
			t.Fatal(err)
		}
		files, _ := migrations.ReadDir("migrations")
		if n := count(t, db, "schema_migrations"); n != len(files) {
			t.Errorf("%d migrations recorded, want %d", n, len(files))
		}
		db.Close()
	}
}

func TestMigrateFailure(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fs     fstest.MapFS
		tables []string // user tables after the failure
		want   []int    // versions applied
	}{
		{"first fails", fstest.MapFS{
			"migrations/0001_bad.sql": {Data: []byte("CREATE TABLE a(x); INSERT INTO missing VALUES(1);")},
		}, nil, nil},
		{"second fails", fstest.MapFS{
			"migrations/0001_ok.sql":  {Data: []byte("CREATE TABLE a(x);")},
			"migrations/0002_bad.sql": {Data: []byte("CREATE TABLE b(x); INSERT INTO b VALUES(1); SELEC 1;")},
		}, []string{"a"}, []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sdb, err := openSQL(filepath.Join(t.TempDir(), "db"))
			if err != nil {
				t.Fatal(err)
			}
			defer sdb.Close()
			if err := migrate(context.Background(), sdb, tc.fs); err == nil {
				t.Fatal("no error from a failing migration")
			}
			var tables []string
			rows, err := sdb.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'schema_migrations' ORDER BY name`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				rows.Scan(&s)
				tables = append(tables, s)
			}
			var versions []int
			rows, err = sdb.Query(`SELECT version FROM schema_migrations ORDER BY version`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var v int
				rows.Scan(&v)
				versions = append(versions, v)
			}
			if !slices.Equal(tables, tc.tables) || !slices.Equal(versions, tc.want) {
				t.Errorf("tables %v versions %v, want %v %v", tables, versions, tc.tables, tc.want)
			}
		})
	}
}

func TestMigrateNewerSchema(t *testing.T) {
	db := openTest(t)
	if _, err := db.db.Exec(`INSERT INTO schema_migrations VALUES(9999, 'x')`); err != nil {
		t.Fatal(err)
	}
	if err := migrate(context.Background(), db.db, migrations); err == nil {
		t.Error("no error for a schema newer than the application")
	}
}

func TestMetaAndIsEmpty(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	if v, err := db.Meta(ctx, "missing"); err != nil || v != "" {
		t.Errorf("Meta(missing) = %q, %v", v, err)
	}
	for _, v := range []string{"satu", "dua"} {
		if err := db.SetMeta(ctx, "k", v); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Meta(ctx, "k"); err != nil || got != v {
			t.Errorf("Meta(k) = %q, %v; want %q", got, err, v)
		}
	}
	if empty, err := db.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("IsEmpty = %v, %v on a new database", empty, err)
	}
	if _, err := db.ImportBoundaries(ctx, layer(square("35.23.01.2001", "Jlodro", 0, 0))); err != nil {
		t.Fatal(err)
	}
	if empty, err := db.IsEmpty(ctx); err != nil || empty {
		t.Errorf("IsEmpty = %v, %v after an import", empty, err)
	}
}
