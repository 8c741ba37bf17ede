package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/store"
)

// checksums reads every table's row count and checksum.
func checksums(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	sums, err := db.Checksums(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// TestBackupDamageRestore: backup, damage the database, opening it fails
// naming the backup, restore, and every table is back as it was.
func TestBackupDamageRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kantor.db")
	list := filepath.Join(dir, "dtks.csv")
	for _, args := range [][]string{
		{"sample", "households", "--out", list, "--n", "3000"},
		{"import", "households", list, "--period", "2025-06"},
		{"intervention", "add", "--programme", "PKH", "--priority", "pengurangan-beban", "--areas", "35.23.01.2001",
			"--budget", "Rp 2.500.000", "--start", "2025-01-01", "--end", "2025-12-31"},
	} {
		if code, _, errs := pm(t, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	before := checksums(t, db)
	if !strings.HasPrefix(before["households"], "3000:") {
		t.Fatalf("households %s", before["households"])
	}
	code, out, errs := pm(t, "--db", db, "backup")
	if code != 0 || !strings.Contains(out, "3000 rumah tangga") {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	backups := store.Backups(db)
	if len(backups) < 2 { // the one before the household import, and this one
		t.Fatalf("backups %v", backups)
	}
	newest := backups[0]
	if st, err := os.Stat(newest); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v %v", st, err)
	}
	// Damage: overwrite pages in the middle of the file.
	f, err := os.OpenFile(db, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	junk := make([]byte, 64*1024)
	for i := range junk {
		junk[i] = 0xA5
	}
	if _, err := f.WriteAt(junk, st.Size()/2); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, errs = pm(t, "--db", db, "areas")
	if code == 0 || !strings.Contains(errs, "rusak") || !strings.Contains(errs, newest) || !strings.Contains(errs, "restore") {
		t.Fatalf("opening the damaged database: exit %d\n%s", code, errs)
	}
	// Without --yes nothing changes.
	damagedBytes, _ := os.ReadFile(db)
	code, out, _ = pm(t, "--db", db, "restore", newest)
	if now, _ := os.ReadFile(db); code != 0 || !strings.Contains(out, "--yes") || string(now) != string(damagedBytes) {
		t.Fatalf("restore without --yes: exit %d, changed %v\n%s", code, string(now) != string(damagedBytes), out)
	}
	if code, out, errs = pm(t, "--db", db, "restore", newest, "--yes"); code != 0 {
		t.Fatalf("restore: %s %s", out, errs)
	}
	if after := checksums(t, db); !reflect.DeepEqual(after, before) {
		t.Errorf("after restore:\n got %v\nwant %v", after, before)
	}
	kept, _ := filepath.Glob(db + ".rusak-*")
	if len(kept) != 1 {
		t.Errorf("the damaged file was not kept beside the database: %v", kept)
	}
	// Online restore of a healthy database undoes a later change.
	if code, _, errs := pm(t, "--db", db, "intervention", "delete", "1"); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs = pm(t, "--db", db, "restore", newest, "--yes"); code != 0 || !strings.Contains(out, "dipulihkan") {
		t.Fatalf("online restore: %s %s", out, errs)
	}
	if after := checksums(t, db); !reflect.DeepEqual(after, before) {
		t.Errorf("after the online restore:\n got %v\nwant %v", after, before)
	}
}

// TestWindowShowsWhyTheDatabaseDoesNotOpen: started without a command (from
// a desktop icon, no console), a database that cannot be opened is
// explained by the window itself.
func TestWindowShowsWhyTheDatabaseDoesNotOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catatan.db")
	if err := os.WriteFile(path, []byte("bukan basis data\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := pm(t, "--db", path)
	if code != 1 || !strings.HasPrefix(out, "GUI: ") || !strings.Contains(out, "bukan basis data SQLite") || !strings.Contains(errs, "tidak diubah") {
		t.Errorf("exit %d, window %q, stderr %q", code, out, errs)
	}
	if last := lastDatabase(); last == path {
		t.Error("a database that did not open is reopened next time")
	}
}

// TestImportBoundariesSkipEmpty: a feature without geometry refuses the
// file with the way out; with --skip-empty the rest is imported and the
// left-out feature listed.
func TestImportBoundariesSkipEmpty(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	file := filepath.Join("..", "..", "geo", "testdata", "null-geometry.geojson")
	code, _, errs := pm(t, "--db", db, "import", "boundaries", file)
	if code == 0 || !strings.Contains(errs, "--skip-empty") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, out, errs := pm(t, "--db", db, "import", "boundaries", file, "--skip-empty")
	if code != 0 || !strings.Contains(out, "1 fitur tanpa geometri dilewati: #2 35.23.01.2002") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
}
