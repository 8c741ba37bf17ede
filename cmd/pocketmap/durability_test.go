package main

import (
	"bufio"
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/store"
)

// buildBinary builds the real program once for the tests that run it.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the real program")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	bin := filepath.Join(t.TempDir(), "pocketmap")
	cmd := exec.Command(gobin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestSaveSurvivesSIGKILL starts the real program on a burst of saves, each
// one transaction acknowledged by an "id=N" line, kills it with SIGKILL in
// the middle, and checks that every acknowledged save is in the database
// and that SQLite finds it intact. Three rounds.
func TestSaveSurvivesSIGKILL(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "pocketmap.db")
	if out, err := exec.Command(bin, "--db", db, "areas").CombinedOutput(); err != nil {
		t.Fatalf("seeding: %v\n%s", err, out)
	}
	var acked []int64
	for round := range 3 {
		cmd := exec.Command(bin, "--db", db, "intervention", "add", "--programme", "PKH", "--priority", "pengurangan-beban",
			"--areas", "35.23.01.2001,35.23.02", "--budget", "Rp 2.500.000", "--start", "2025-01-01", "--end", "2025-12-31",
			"--households", "25", "--repeat", "100000")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		n := 0
		deadline := time.Now().Add(30 * time.Second)
		for sc.Scan() {
			line := sc.Text()
			if id, ok := strings.CutPrefix(line, "id="); ok {
				v, err := strconv.ParseInt(id, 10, 64)
				if err != nil {
					t.Fatalf("bad acknowledgement %q", line)
				}
				acked = append(acked, v)
				n++
			}
			// Kill in the middle of the burst, at a different point each round.
			if n == 40+round*37 || time.Now().After(deadline) {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		cmd.Wait()
		if n == 0 {
			t.Fatalf("round %d: no save acknowledged", round)
		}
	}
	sdb, err := store.Open(db)
	if err != nil {
		t.Fatalf("reopening after SIGKILL: %v", err)
	}
	defer sdb.Close()
	var check string
	if err := sdb.SQL().QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	for _, id := range acked {
		iv, err := sdb.Intervention(context.Background(), id)
		if err != nil || iv == nil || iv.Budget != 2500000 || len(iv.Areas) != 2 {
			t.Fatalf("acknowledged save %d lost or damaged: %+v %v", id, iv, err)
		}
	}
	t.Logf("%d acknowledged saves survived 3 SIGKILLs", len(acked))
}
