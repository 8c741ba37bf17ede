package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// filesIn lists the names in dir.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestForeignDatabaseRefused: another application's SQLite database, and a
// file that is no database at all, are refused and left byte for byte as
// they were, with no journal files added; an empty file becomes a
// pocketmap database.
func TestForeignDatabaseRefused(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "kasir.db")
	sdb, err := sql.Open("sqlite", dsn(other, "_pragma=journal_mode(DELETE)"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`CREATE TABLE pelanggan(id INTEGER PRIMARY KEY, nama TEXT)`, `INSERT INTO pelanggan(nama) VALUES('Sari')`} {
		if _, err := sdb.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	sdb.Close()
	text := filepath.Join(dir, "catatan.db")
	if err := os.WriteFile(text, []byte("bukan basis data\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{other, text} {
		before, _ := os.ReadFile(path)
		files := filesIn(t, dir)
		db, err := Open(path)
		if err == nil {
			db.Close()
			t.Fatalf("%s opened", path)
		}
		if !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "tidak diubah") {
			t.Errorf("%s: %v", filepath.Base(path), err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was changed", filepath.Base(path))
		}
		if got := filesIn(t, dir); strings.Join(got, ",") != strings.Join(files, ",") {
			t.Errorf("files %v after refusing %s, before %v", got, filepath.Base(path), files)
		}
	}
	if !strings.Contains(func() string { _, err := Open(other); return err.Error() }(), "pelanggan") {
		t.Error("the refusal does not name the other database's tables")
	}
	empty := filepath.Join(dir, "baru.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(empty)
	if err != nil {
		t.Fatalf("an empty file is refused: %v", err)
	}
	defer db.Close()
	var id int64
	if err := db.db.QueryRow(`PRAGMA application_id`).Scan(&id); err != nil || id != ApplicationID {
		t.Errorf("application_id %x, %v", id, err)
	}
}

// TestOpenWhileAnotherWrites: an up-to-date database opens and reads while
// another connection holds the write lock, and a second writer waits for
// the first (telling the user once) instead of failing.
func TestOpenWhileAnotherWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	ctx := context.Background()
	tx, err := first.begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO meta(key, value) VALUES('impor', 'berjalan')`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	second, err := Open(path)
	if err != nil {
		t.Fatalf("opening while another writes: %v", err)
	}
	defer second.Close()
	if _, err := second.Areas(ctx); err != nil {
		t.Fatalf("reading while another writes: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("opening and reading waited %v for the writer", d)
	}
	var waited atomic.Bool
	second.SetWaiting(func() { waited.Store(true) })
	go func() {
		time.Sleep(2500 * time.Millisecond) // longer than the busy timeout
		tx.Commit()
	}()
	if err := second.SetMeta(ctx, "kedua", "ya"); err != nil {
		t.Fatalf("a second writer failed instead of waiting: %v", err)
	}
	if !waited.Load() {
		t.Error("the waiting writer did not say so")
	}
	if v, _ := second.Meta(ctx, "impor"); v != "berjalan" {
		t.Errorf("the first writer's row: %q", v)
	}
}

// TestExplainSQLiteFaults: the database's faults are said in Indonesian,
// with what to do, instead of the driver's English.
func TestExplainSQLiteFaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	tx, err := first.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO meta(key, value) VALUES('a', 'b')`); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(0)"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	_, err = raw.Exec(`INSERT INTO meta(key, value) VALUES('c', 'd')`)
	if err == nil {
		t.Fatal("no busy error")
	}
	got := Explain(fmt.Errorf("menyimpan: %w", err))
	if !strings.Contains(got, "dikunci proses lain") || strings.Contains(got, "database is locked") {
		t.Errorf("busy explained as %q", got)
	}
	// A damaged file: the header says SQLite, the pages are garbage.
	bad := filepath.Join(t.TempDir(), "rusak.db")
	b, _ := os.ReadFile(path)
	for i := 100; i < len(b); i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(bad, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(bad)
	if err == nil {
		err = db.Check(context.Background())
		db.Close()
	}
	if err == nil {
		t.Fatal("a damaged database opened and checked clean")
	}
	if got := Explain(err); !strings.Contains(got, "cadangan") {
		t.Errorf("damage explained as %q", got)
	}
}

// TestAutoBackupsRotate: automatic backups keep the newest N, N a setting
// of the database.
func TestAutoBackupsRotate(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportBoundaries(ctx, layer(square("35.23.01.2001", "Jlodro", 111.5, -6.9))); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMeta(ctx, MetaKeepBackups, "3"); err != nil {
		t.Fatal(err)
	}
	var made []string
	for range 5 {
		p, err := db.AutoBackup(ctx, "uji")
		if err != nil || p == "" {
			t.Fatalf("backup %q: %v", p, err)
		}
		made = append(made, p)
		time.Sleep(2 * time.Millisecond) // distinct names
	}
	got := Backups(db.Path())
	if len(got) != 3 || got[0] != made[4] || got[2] != made[2] {
		t.Errorf("kept %v, want the newest three of %v", got, made)
	}
	info, err := InspectBackup(got[0])
	if err != nil || info.Problem != "" || info.Rows["areas"] != 1 {
		t.Errorf("newest backup: %+v %v", info, err)
	}
}
