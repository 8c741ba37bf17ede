package pgstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/internal/pgtest"
)

// TestLoad is the office server under many writers (make loadtest;
// skipped otherwise): 16 workstations for 60 s (POCKETMAP_LOAD_SECONDS)
// adding, editing and undoing interventions, and now and then saving a
// stale copy of another's. Every acknowledged save must be there at the
// end exactly as its client last left it, every stale save must be
// refused as a conflict, and no other error (serialization failure,
// deadlock) may occur. It logs the p50 and p95 latency of a save.
func TestLoad(t *testing.T) {
	if os.Getenv("POCKETMAP_LOAD") == "" {
		t.Skip("the load test runs with make loadtest")
	}
	seconds, _ := strconv.Atoi(os.Getenv("POCKETMAP_LOAD_SECONDS"))
	if seconds <= 0 {
		seconds = 60
	}
	const clients = 16
	ctx := context.Background()
	dsn := pgtest.Database(t)
	setup, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer setup.Close()
	var areas []*geo.Area
	for i := range 40 {
		a := &geo.Area{Code: fmt.Sprintf("35.23.%02d.%04d", 1+i%20, 2001+i/20), Name: fmt.Sprintf("Desa %d", i), Level: geo.LevelDesa}
		a.Parent = geo.ParentCode(a.Code)
		areas = append(areas, a)
	}
	if _, err := setup.ImportBoundaries(ctx, &geo.Layer{File: "uji", Areas: areas}); err != nil {
		t.Fatal(err)
	}

	type step struct {
		id     int64
		budget int64 // before the step; -1 for an add
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		conflicts int
		saves     int
	)
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	models := make([]map[int64]int64, clients) // what each client last left: id → budget
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			db.User = fmt.Sprintf("klien%02d", c)
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			model := map[int64]int64{}
			var history []step
			timed := func(f func() error) error {
				start := time.Now()
				err := f()
				if err == nil {
					mu.Lock()
					latencies = append(latencies, time.Since(start))
					saves++
					mu.Unlock()
				}
				return err
			}
			for time.Now().Before(deadline) {
				switch op := rng.IntN(10); {
				case op < 4 || len(model) == 0: // add
					iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: "APBN",
						Areas: []string{areas[rng.IntN(len(areas))].Code}, Budget: rng.Int64N(1e9), Start: day(2025, 1, 1), End: day(2025, 12, 31),
						Status: aid.StatusRencana}
					if err := timed(func() error { _, err := db.AddIntervention(ctx, iv); return err }); err != nil {
						errs <- fmt.Errorf("klien %d menambah: %w", c, err)
						return
					}
					model[iv.ID] = iv.Budget
					history = append(history, step{iv.ID, -1})
				case op < 8: // edit one of its own, fresh copy
					ids := sortedKeys(model)
					id := ids[rng.IntN(len(ids))]
					all, err := db.Interventions(ctx, aid.Filter{Area: ""})
					if err != nil {
						errs <- err
						return
					}
					i := slices.IndexFunc(all, func(x aid.Intervention) bool { return x.ID == id })
					if i < 0 {
						errs <- fmt.Errorf("klien %d: intervensi %d hilang", c, id)
						return
					}
					iv := all[i]
					old := iv.Budget
					iv.Budget = rng.Int64N(1e9)
					if err := timed(func() error { return db.UpdateIntervention(ctx, &iv) }); err != nil {
						errs <- fmt.Errorf("klien %d mengubah %d: %w", c, id, err)
						return
					}
					model[id] = iv.Budget
					history = append(history, step{id, old})
				case op < 9: // a stale copy of anyone's: must be refused
					all, err := db.Interventions(ctx, aid.Filter{})
					if err != nil || len(all) == 0 {
						continue
					}
					iv := all[rng.IntN(len(all))]
					iv.Version-- // as read before the last save
					if iv.Version < 1 {
						continue
					}
					iv.Notes = "basi"
					err = db.UpdateIntervention(ctx, &iv)
					var ce *aid.ConflictError
					if !errors.As(err, &ce) {
						errs <- fmt.Errorf("klien %d: salinan basi %d: %v, bukan konflik", c, iv.ID, err)
						return
					}
					mu.Lock()
					conflicts++
					mu.Unlock()
				default: // undo its own last change
					ch, err := db.UndoLast(ctx)
					if err != nil {
						errs <- fmt.Errorf("klien %d mengurungkan: %w", c, err)
						return
					}
					if ch == nil || len(history) == 0 {
						continue
					}
					last := history[len(history)-1]
					history = history[:len(history)-1]
					if ch.EntityID != last.id {
						errs <- fmt.Errorf("klien %d: mengurungkan %d, bukan %d", c, ch.EntityID, last.id)
						return
					}
					if last.budget < 0 {
						delete(model, last.id)
					} else {
						model[last.id] = last.budget
					}
				}
			}
			models[c] = model
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all, err := setup.Interventions(ctx, aid.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int64]int64{}
	for _, iv := range all {
		stored[iv.ID] = iv.Budget
	}
	want := 0
	for c, m := range models {
		for id, b := range m {
			want++
			if got, ok := stored[id]; !ok || got != b {
				t.Errorf("client %d: intervention %d has %d (present %v), its last save was %d", c, id, got, ok, b)
			}
		}
	}
	if len(stored) != want {
		t.Errorf("%d interventions stored, the clients account for %d", len(stored), want)
	}
	slices.Sort(latencies)
	if len(latencies) == 0 {
		t.Fatal("no save")
	}
	p := func(q float64) time.Duration { return latencies[int(q*float64(len(latencies)-1))] }
	t.Logf("%d clients, %d s: %d saves acknowledged (%.0f/s), %d stale saves refused as conflicts; save latency p50 %v, p95 %v, max %v",
		clients, seconds, saves, float64(saves)/float64(seconds), conflicts, p(0.5).Round(time.Microsecond), p(0.95).Round(time.Microsecond), latencies[len(latencies)-1].Round(time.Microsecond))
}

func sortedKeys(m map[int64]int64) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
