package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// InterventionStore is a store with areas and interventions.
type InterventionStore interface {
	geo.AreaRepository
	aid.Repository
}

// RunInterventions runs the interventions part of the contract.
func RunInterventions(t *testing.T, open func(t *testing.T) InterventionStore) {
	t.Run("interventions", func(t *testing.T) { interventions(t, open(t)) })
	t.Run("programmes", func(t *testing.T) { programmes(t, open(t)) })
}

// withAreas imports two kecamatan with a desa each.
func withAreas(t *testing.T, s InterventionStore) {
	t.Helper()
	l := &geo.Layer{File: "desa.geojson", Areas: []*geo.Area{
		area("35.23.01.2001", "Jlodro", square(111.70, -6.90)),
		area("35.23.01.2002", "Sokogunung", square(111.71, -6.90)),
		area("35.23.02.2001", "Wotsogo", square(111.72, -6.90)),
	}, ParentNames: map[string]string{"35.23.01": "Kenduruan", "35.23.02": "Jatirogo"}}
	if _, err := s.ImportBoundaries(context.Background(), l); err != nil {
		t.Fatal(err)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func interventions(t *testing.T, s InterventionStore) {
	ctx := context.Background()
	withAreas(t, s)
	iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: "APBN",
		Areas: []string{"35.23.01.2002", "35.23.01.2001", "35.23.01.2001"}, Budget: 1_250_000, Households: 40,
		Start: day(2025, 1, 1), End: day(2025, 12, 31), Status: aid.StatusBerjalan, Notes: "uji"}
	id, err := s.AddIntervention(ctx, iv)
	if err != nil || id == 0 || iv.ID != id {
		t.Fatalf("add: %d %v", id, err)
	}
	kec := &aid.Intervention{Programme: "BLT DBHCHT", Priority: aid.PriorityPendapatan, Agency: aid.Agencies[0], Funding: "DBHCHT",
		Areas: []string{"35.23.02"}, Budget: 5_000_000, Start: day(2024, 1, 1), End: day(2024, 6, 30), Status: aid.StatusSelesai}
	if _, err := s.AddIntervention(ctx, kec); err != nil {
		t.Fatal(err)
	}
	// Refused with the fields named, nothing written.
	bad := *iv
	bad.Areas, bad.Programme = []string{"35.23.99.2001"}, "Tidak ada"
	var fe aid.FieldErrors
	if _, err := s.AddIntervention(ctx, &bad); !errors.As(err, &fe) || !fe.Has("areas") || !fe.Has("programme") {
		t.Errorf("bad intervention: %v", err)
	}
	all, err := s.Interventions(ctx, aid.Filter{})
	if err != nil || len(all) != 2 {
		t.Fatalf("%d interventions, %v", len(all), err)
	}
	// Ordered by start: the 2024 one first; areas sorted once.
	if all[0].ID != kec.ID || !slices.Equal(all[1].Areas, []string{"35.23.01.2001", "35.23.01.2002"}) || all[1].Notes != "uji" ||
		!all[1].Start.Equal(day(2025, 1, 1)) || all[1].Budget != 1_250_000 {
		t.Errorf("read back %+v", all)
	}
	// A desa sees the interventions on its kecamatan; a kecamatan those on
	// its desa; active on a day leaves out the finished.
	for _, tc := range []struct {
		f    aid.Filter
		want int
	}{
		{aid.Filter{Area: "35.23.02.2001"}, 1},
		{aid.Filter{Area: "35.23.01"}, 1},
		{aid.Filter{Area: "35.23.01.2002"}, 1},
		{aid.Filter{ActiveOn: day(2025, 6, 1)}, 1},
		{aid.Filter{ActiveOn: day(2024, 3, 1)}, 0},
		{aid.Filter{Programme: "PKH", Priority: aid.PriorityBeban}, 1},
		{aid.Filter{Funding: "DBHCHT"}, 1},
	} {
		got, err := s.Interventions(ctx, tc.f)
		if err != nil || len(got) != tc.want {
			t.Errorf("filter %+v: %d, want %d (%v)", tc.f, len(got), tc.want, err)
		}
	}
	// Update, unchanged update, delete, each logged once.
	iv.Budget = 2_000_000
	if err := s.UpdateIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteIntervention(ctx, kec.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteIntervention(ctx, kec.ID); err == nil {
		t.Error("deleting a deleted intervention: no error")
	}
	chs, err := s.Changes(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	for _, c := range chs {
		log = append(log, fmt.Sprintf("%s %d", c.Action, c.EntityID))
	}
	if want := []string{fmt.Sprintf("delete %d", kec.ID), fmt.Sprintf("update %d", id), fmt.Sprintf("create %d", kec.ID), fmt.Sprintf("create %d", id)}; !slices.Equal(log, want) {
		t.Errorf("change log %v, want %v", log, want)
	}
	if c := chs[1]; c.Before == nil || c.After == nil || c.Before.Budget != 1_250_000 || c.After.Budget != 2_000_000 || c.User == "" {
		t.Errorf("update entry %+v", c)
	}
	if cs, _ := s.Changes(ctx, "35.23.02.2001", 0); len(cs) != 2 {
		t.Errorf("%d changes touching Wotsogo (its kecamatan's intervention: create, delete)", len(cs))
	}
	if cs, _ := s.Changes(ctx, "", 1); len(cs) != 1 {
		t.Errorf("limit 1 gave %d", len(cs))
	}
	// Undo the delete, the update; redo both.
	for _, want := range []string{"delete", "update"} {
		c, err := s.UndoLast(ctx)
		if err != nil || c == nil || c.Action != want || c.UndoneBy == 0 {
			t.Fatalf("undo %s: %+v %v", want, c, err)
		}
	}
	got, _ := s.Interventions(ctx, aid.Filter{})
	if len(got) != 2 || got[1].Budget != 1_250_000 {
		t.Fatalf("after two undos %+v", got)
	}
	for _, want := range []string{"update", "delete"} {
		c, err := s.RedoLast(ctx)
		if err != nil || c == nil || c.Action != want || c.Redoes == 0 {
			t.Fatalf("redo %s: %+v %v", want, c, err)
		}
	}
	if c, err := s.RedoLast(ctx); err != nil || c != nil {
		t.Errorf("a third redo: %+v %v", c, err)
	}
	got, _ = s.Interventions(ctx, aid.Filter{})
	if len(got) != 1 || got[0].Budget != 2_000_000 {
		t.Fatalf("after two redos %+v", got)
	}
	// Undo the redone delete brings the kecamatan's intervention back
	// with its id.
	if c, err := s.UndoLast(ctx); err != nil || c == nil || c.EntityID != kec.ID {
		t.Fatalf("undo of the redone delete: %+v %v", c, err)
	}
	if got, _ = s.Interventions(ctx, aid.Filter{Area: "35.23.02"}); len(got) != 1 || got[0].ID != kec.ID {
		t.Errorf("restored %+v", got)
	}
}

func programmes(t *testing.T, s InterventionStore) {
	ctx := context.Background()
	withAreas(t, s)
	ps, err := s.Programmes(ctx)
	if err != nil || !slices.Equal(ps, aid.DefaultProgrammes) {
		t.Fatalf("programmes %v %v", ps, err)
	}
	if err := s.AddProgramme(ctx, "  Bedah Rumah  "); err != nil {
		t.Fatal(err)
	}
	if err := s.AddProgramme(ctx, "bedah rumah"); err == nil || !strings.Contains(err.Error(), "Bedah Rumah") {
		t.Errorf("a name in another case: %v", err)
	}
	iv := &aid.Intervention{Programme: "Bedah Rumah", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: "APBN",
		Areas: []string{"35.23.01.2001"}, Budget: 1, Start: day(2025, 1, 1), End: day(2025, 2, 1), Status: aid.StatusRencana}
	if _, err := s.AddIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if err := s.RenameProgramme(ctx, "Bedah Rumah", "RTLH Desa"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Interventions(ctx, aid.Filter{})
	if len(got) != 1 || got[0].Programme != "RTLH Desa" {
		t.Errorf("after the rename %+v", got)
	}
	if chs, _ := s.Changes(ctx, "", 0); len(chs) != 1 || chs[0].After.Programme != "RTLH Desa" {
		t.Errorf("the change log keeps the old name: %+v", chs)
	}
	if err := s.RenameProgramme(ctx, "Tidak ada", "X"); err == nil {
		t.Error("renaming an unknown programme: no error")
	}
	if err := s.SetProgrammeActive(ctx, "RTLH Desa", false); err != nil {
		t.Fatal(err)
	}
	if ps, _ = s.Programmes(ctx); slices.Contains(ps, "RTLH Desa") {
		t.Error("an inactive programme is offered")
	}
	all, _ := s.AllProgrammes(ctx)
	if i := slices.IndexFunc(all, func(p aid.Programme) bool { return p.Name == "RTLH Desa" }); i < 0 || all[i].Active {
		t.Errorf("all programmes %+v", all)
	}
	// An intervention keeps its inactive programme when edited; a new one
	// cannot take it.
	iv.Budget = 2
	if err := s.UpdateIntervention(ctx, &aid.Intervention{ID: got[0].ID, Programme: "RTLH Desa", Priority: iv.Priority, Agency: iv.Agency,
		Funding: iv.Funding, Areas: iv.Areas, Budget: 2, Start: iv.Start, End: iv.End, Status: iv.Status}); err != nil {
		t.Errorf("editing with the inactive programme kept: %v", err)
	}
	iv.ID = 0
	if _, err := s.AddIntervention(ctx, iv); err == nil {
		t.Error("a new intervention took an inactive programme")
	}
}

// RunConflicts runs the several-writers part of the contract: pair opens
// two handles on one new database, as two workstations whose users are
// "sari" and "budi".
func RunConflicts(t *testing.T, pair func(t *testing.T) (sari, budi InterventionStore)) {
	t.Run("conflicts", func(t *testing.T) {
		sari, budi := pair(t)
		conflicts(t, sari, budi)
	})
}

func conflicts(t *testing.T, sari, budi InterventionStore) {
	ctx := context.Background()
	withAreas(t, sari)
	iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: "APBN",
		Areas: []string{"35.23.01.2001"}, Budget: 1_000_000, Start: day(2025, 1, 1), End: day(2025, 12, 31), Status: aid.StatusBerjalan}
	if _, err := sari.AddIntervention(ctx, iv); err != nil {
		t.Fatal(err)
	}
	read := func(s InterventionStore) aid.Intervention {
		t.Helper()
		all, err := s.Interventions(ctx, aid.Filter{})
		if err != nil || len(all) != 1 {
			t.Fatalf("%d interventions, %v", len(all), err)
		}
		return all[0]
	}
	budis := read(budi)
	if budis.Version == 0 {
		t.Fatal("an intervention read without its version")
	}
	saris := read(sari)
	saris.Budget = 2_000_000
	if err := sari.UpdateIntervention(ctx, &saris); err != nil {
		t.Fatal(err)
	}
	// Budi saves the copy he read before Sari's save: refused, naming her.
	budis.Budget = 3_000_000
	err := budi.UpdateIntervention(ctx, &budis)
	var ce *aid.ConflictError
	if !errors.As(err, &ce) || ce.By != "sari" || ce.Action != "update" || ce.Undo || !strings.Contains(err.Error(), "sari") {
		t.Fatalf("a stale save: %v", err)
	}
	if got := read(sari); got.Budget != 2_000_000 {
		t.Fatalf("the stale save wrote: %+v", got)
	}
	// Reloaded, his save goes through.
	budis = read(budi)
	budis.Budget = 3_000_000
	if err := budi.UpdateIntervention(ctx, &budis); err != nil {
		t.Fatal(err)
	}
	// Sari's undo would revert her change under Budi's later one: refused.
	if c, err := sari.UndoLast(ctx); !errors.As(err, &ce) || !ce.Undo || ce.By != "budi" || c != nil {
		t.Fatalf("undo under another person's change: %+v %v", c, err)
	}
	if got := read(sari); got.Budget != 3_000_000 {
		t.Fatalf("a refused undo wrote: %+v", got)
	}
	// Budi's own undo reverts his change.
	if c, err := budi.UndoLast(ctx); err != nil || c == nil || c.Action != "update" {
		t.Fatalf("budi's undo: %+v %v", c, err)
	}
	if got := read(sari); got.Budget != 2_000_000 {
		t.Fatalf("after budi's undo: %+v", got)
	}
	// A copy of an intervention someone deleted.
	stale := read(sari)
	if err := budi.DeleteIntervention(ctx, stale.ID); err != nil {
		t.Fatal(err)
	}
	stale.Notes = "terlambat"
	if err := sari.UpdateIntervention(ctx, &stale); !errors.As(err, &ce) || ce.Action != "delete" || ce.By != "budi" {
		t.Fatalf("saving a deleted intervention: %v", err)
	}
}
