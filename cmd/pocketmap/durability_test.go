package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/store"
)

// burstEnv names the database a re-executed test binary saves a burst of
// interventions into (see TestMain).
const burstEnv = "POCKETMAP_SAVE_BURST_DB"

// saveBurst makes the test binary act as a batch job (TestMain calls it
// when burstEnv is set): it saves interventions through the use-case
// layer, one transaction each, printing "id=N" after each commit, until it
// is killed.
func saveBurst(path string) int {
	db, err := store.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	svc := app.New(app.Repositories{Areas: db, Indicators: db, Interventions: db, Households: db})
	ctx := context.Background()
	start, _ := time.Parse(aid.DateLayout, "2025-01-01")
	end, _ := time.Parse(aid.DateLayout, "2025-12-31")
	for {
		iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: aid.FundingSources[0],
			Areas: []string{"35.23.01.2001", "35.23.02"}, Budget: 2500000, Start: start, End: end, Households: 25}
		id, err := svc.SaveIntervention(ctx, iv)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("id=%d\n", id)
	}
}

// TestSaveSurvivesSIGKILL starts a batch job on a burst of saves, each one
// transaction acknowledged by an "id=N" line, kills it with SIGKILL in the
// middle, and checks that every acknowledged save is in the database and
// that SQLite finds it intact. Three rounds.
func TestSaveSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a batch job and kills it")
	}
	db := filepath.Join(t.TempDir(), "pocketmap.db")
	if code, _, errs := pm(t, "--db", db, "areas"); code != 0 {
		t.Fatalf("seeding: %s", errs)
	}
	var acked []int64
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), burstEnv+"="+db)
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
	if err := sdb.Check(context.Background()); err != nil {
		t.Fatalf("integrity check: %v", err)
	}
	for _, id := range acked {
		iv, err := sdb.Intervention(context.Background(), id)
		if err != nil || iv == nil || iv.Budget != 2500000 || len(iv.Areas) != 2 {
			t.Fatalf("acknowledged save %d lost or damaged: %+v %v", id, iv, err)
		}
	}
	t.Logf("%d acknowledged saves survived 3 SIGKILLs", len(acked))
}
