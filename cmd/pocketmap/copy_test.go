package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dinsos-tuban/pocketmap/dbcopy"
	"github.com/dinsos-tuban/pocketmap/internal/pgtest"
	"github.com/dinsos-tuban/pocketmap/store"
)

// TestDbCopyRoundTrip copies the sample database with an intervention,
// its history and a household list from the SQLite file to a server and
// back to a new file: every table has the same rows and checksum at each
// step.
func TestDbCopyRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "asal.db")
	mustRun := func(args ...string) string {
		t.Helper()
		code, out, errs := pm(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return out
	}
	mustRun("--db", src, "intervention", "add", "--programme", "PKH", "--priority", "pengurangan-beban", "--areas", "35.23.01.2001",
		"--budget", "Rp 1.250.000", "--start", "2025-01-01", "--end", "2025-12-31")
	mustRun("--db", src, "intervention", "undo")
	mustRun("--db", src, "intervention", "redo")
	list := filepath.Join(dir, "dtks.csv")
	mustRun("--db", src, "sample", "households", "--out", list, "--n", "300")
	mustRun("--db", src, "import", "households", list, "--period", "2025-06")

	dsn := pgtest.Database(t)
	out := mustRun("db", "copy", "--from", src, "--to", dsn)
	if !strings.Contains(out, "households") || strings.Contains(out, "BERBEDA") {
		t.Fatalf("copy to the server:\n%s", out)
	}
	back := filepath.Join(dir, "kembali.db")
	mustRun("--db", back, "areas") // a file to copy into
	out = mustRun("db", "copy", "--from", dsn, "--to", back)
	if strings.Contains(out, "BERBEDA") {
		t.Fatalf("copy back:\n%s", out)
	}
	// The file that came back equals the one that left.
	ctx := context.Background()
	a, err := store.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := store.Open(back)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	sa, err := dbcopy.Checksums(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := dbcopy.Checksums(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range dbcopy.Tables {
		if sa[tb.Name] != sb[tb.Name] {
			t.Errorf("%s: %+v before, %+v after the round trip", tb.Name, sa[tb.Name], sb[tb.Name])
		}
	}
	if sa["households"].Rows != 300 || sa["change_log"].Rows != 3 || sa["areas"].Rows < 348 {
		t.Errorf("the sample is not what it should be: %+v", sa)
	}
}
