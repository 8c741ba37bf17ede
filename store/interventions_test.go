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
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
)

const (
	kecKenduruan  = "35.23.01"
	kecBangilan   = "35.23.02"
	desaJlodro    = "35.23.01.2001"
	desaSidohasri = "35.23.01.2002"
	desaBangilan  = "35.23.02.2001"
	kelBangilan   = "35.23.02.1002"
	desaLamongan  = "35.24.01.2001"
)

// ivTables are the tables a save writes.
var ivTables = []string{"interventions", "intervention_areas", "change_log"}

// openAid opens a database with two kecamatan of Tuban, their desa and a
// desa of another kabupaten, and the user "uji".
func openAid(t *testing.T) *DB {
	t.Helper()
	db := openTest(t)
	db.User = "uji"
	l := withParents(layer(
		square(desaJlodro, "Jlodro", 111.50, -6.9),
		square(desaSidohasri, "Sidohasri", 111.52, -6.9),
		square(desaBangilan, "Bangilan", 111.54, -6.9),
		square(kelBangilan, "Kel Bangilan", 111.56, -6.9),
		square(desaLamongan, "Lamongan", 112, -7),
	), kecKenduruan, "Kenduruan", kecBangilan, "Bangilan", "35.23", "Kabupaten Tuban", "35.24.01", "Kecamatan Lamongan")
	if _, err := db.ImportBoundaries(context.Background(), l); err != nil {
		t.Fatal(err)
	}
	return db
}

func day(s string) time.Time {
	t, err := time.Parse(aid.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// sample returns a valid intervention on areas.
func sample(areas ...string) *aid.Intervention {
	return &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: "Dinsos P3A PMD",
		Funding: "APBN", Budget: 150_000_000, Households: 120, Persons: 410,
		Start: day("2025-01-01"), End: day("2025-12-31"), Status: aid.StatusBerjalan,
		Notes: "tahap 1", Areas: areas}
}

func add(t *testing.T, db *DB, iv *aid.Intervention) int64 {
	t.Helper()
	id, err := db.AddIntervention(context.Background(), iv)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func get(t *testing.T, db *DB, id int64) *aid.Intervention {
	t.Helper()
	iv, err := db.Intervention(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return iv
}

func counts(t *testing.T, db *DB) []int {
	t.Helper()
	var n []int
	for _, tb := range ivTables {
		n = append(n, count(t, db, tb))
	}
	return n
}

func TestDefaultProgrammesSeeded(t *testing.T) {
	db := openTest(t)
	got, err := db.Programmes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, aid.DefaultProgrammes) {
		t.Errorf("programmes %q\nwant %q", got, aid.DefaultProgrammes)
	}
}

func TestInterventionRoundTrip(t *testing.T) {
	db := openAid(t)
	ctx := context.Background()
	wib := time.FixedZone("WIB", 7*3600)
	in := sample(desaSidohasri, kecBangilan, desaSidohasri)
	in.Budget = 1_000_000_000_000
	in.Start = time.Date(2025, 3, 1, 23, 30, 0, 0, wib) // the day in WIB, not in UTC
	in.End = time.Date(2025, 3, 31, 0, 0, 0, 0, wib)
	id := add(t, db, in)
	if id == 0 || in.ID != id {
		t.Fatalf("id %d, iv.ID %d", id, in.ID)
	}
	want := *in
	want.Start, want.End = day("2025-03-01"), day("2025-03-31")
	want.Areas = []string{desaSidohasri, kecBangilan}
	want.Version = 1
	if got := get(t, db, id); !reflect.DeepEqual(got, &want) {
		t.Errorf("got  %+v\nwant %+v", got, &want)
	}
	var budget any
	if err := db.db.QueryRow(`SELECT budget FROM interventions WHERE id = ?`, id).Scan(&budget); err != nil {
		t.Fatal(err)
	}
	if budget != int64(1_000_000_000_000) {
		t.Errorf("stored budget %v (%T), want the integer 1000000000000", budget, budget)
	}

	up := want
	up.Budget = 999_999_999_999
	up.Programme, up.Priority, up.Status = "Pelatihan kerja", aid.PriorityPendapatan, aid.StatusSelesai
	up.Agency, up.Funding, up.Households, up.Persons = "Disnakerin", "DBHCHT", 0, 25
	up.End, up.Notes = day("2025-06-30"), "diperpanjang"
	up.Areas = []string{kelBangilan, desaJlodro}
	if err := db.UpdateIntervention(ctx, &up); err != nil {
		t.Fatal(err)
	}
	up.Areas = []string{desaJlodro, kelBangilan}
	up.Version = 2 // one more with the save
	if got := get(t, db, id); !reflect.DeepEqual(got, &up) {
		t.Errorf("after update\n got %+v\nwant %+v", got, &up)
	}
	// An update that changes nothing is not logged.
	if err := db.UpdateIntervention(ctx, &up); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "change_log"); n != 2 {
		t.Errorf("%d changes logged, want 2", n)
	}

	if err := db.DeleteIntervention(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Intervention(ctx, id); !errors.Is(err, ErrNoIntervention) {
		t.Errorf("Intervention after delete: %v, want ErrNoIntervention", err)
	}
	if n := count(t, db, "intervention_areas"); n != 0 {
		t.Errorf("%d areas left after delete", n)
	}
	for _, err := range []error{db.DeleteIntervention(ctx, id), db.UpdateIntervention(ctx, &up)} {
		if !errors.Is(err, ErrNoIntervention) {
			t.Errorf("on a deleted intervention: %v, want ErrNoIntervention", err)
		}
	}
}

func TestInterventionValidation(t *testing.T) {
	db := openAid(t)
	ctx := context.Background()
	existing := add(t, db, sample(desaJlodro))
	for _, tc := range []struct {
		name, field string
		edit        func(*aid.Intervention)
	}{
		{"end before start", "period", func(iv *aid.Intervention) { iv.End = day("2024-12-31") }},
		{"no dates", "period", func(iv *aid.Intervention) { iv.Start = time.Time{} }},
		{"year out of range", "period", func(iv *aid.Intervention) { iv.End = day("9999-12-31").AddDate(0, 0, 1) }},
		{"negative budget", "budget", func(iv *aid.Intervention) { iv.Budget = -1 }},
		{"negative households", "households", func(iv *aid.Intervention) { iv.Households = -5 }},
		{"no areas", "areas", func(iv *aid.Intervention) { iv.Areas = nil }},
		{"unknown area", "areas", func(iv *aid.Intervention) { iv.Areas = []string{desaJlodro, "35.23.01.2999"} }},
		{"kabupaten is no area", "areas", func(iv *aid.Intervention) { iv.Areas = []string{"35.23"} }},
		{"no programme", "programme", func(iv *aid.Intervention) { iv.Programme = " " }},
		{"unknown programme", "programme", func(iv *aid.Intervention) { iv.Programme = "Bantuan fiktif" }},
		{"no priority", "priority", func(iv *aid.Intervention) { iv.Priority = aid.PriorityNone }},
		{"bad status", "status", func(iv *aid.Intervention) { iv.Status = aid.Status(7) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, update := range []bool{false, true} {
				iv := sample(desaJlodro)
				tc.edit(iv)
				before := counts(t, db)
				var err error
				if update {
					iv.ID = existing
					err = db.UpdateIntervention(ctx, iv)
				} else {
					_, err = db.AddIntervention(ctx, iv)
				}
				es, ok := err.(aid.FieldErrors)
				if !ok {
					t.Fatalf("update %v: error %v (%T), want aid.FieldErrors", update, err, err)
				}
				if !es.Has(tc.field) {
					t.Errorf("update %v: errors %q do not name %s", update, es, tc.field)
				}
				if after := counts(t, db); !slices.Equal(before, after) {
					t.Errorf("update %v: rows of %v %v → %v", update, ivTables, before, after)
				}
				if !update && iv.ID != 0 {
					t.Errorf("iv.ID set to %d on a refused add", iv.ID)
				}
			}
		})
	}
	if got := get(t, db, existing); !reflect.DeepEqual(got.Areas, []string{desaJlodro}) || got.Budget != 150_000_000 {
		t.Errorf("refused updates changed the intervention: %+v", got)
	}
	// Several problems at once are all reported.
	iv := sample()
	iv.Budget, iv.Programme = -10, "Tidak ada"
	_, err := db.AddIntervention(ctx, iv)
	var es aid.FieldErrors
	if !errors.As(err, &es) || !es.Has("budget") || !es.Has("programme") || !es.Has("areas") {
		t.Errorf("errors %v, want budget, programme and areas", err)
	}
}

func TestChangeLog(t *testing.T) {
	db := openAid(t)
	ctx := context.Background()
	db.User = "budi"
	kec := sample(kecKenduruan)
	kec.Budget = 1_000_000_000_000
	idKec := add(t, db, kec)
	db.User = "sari"
	idDesa := add(t, db, sample(desaBangilan))
	moved := get(t, db, idDesa)
	moved.Areas = []string{kelBangilan}
	moved.Status = aid.StatusSelesai
	if err := db.UpdateIntervention(ctx, moved); err != nil {
		t.Fatal(err)
	}
	db.User = ""
	if err := db.DeleteIntervention(ctx, idKec); err != nil {
		t.Fatal(err)
	}

	all, err := db.Changes(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		user, action  string
		id            int64
		before, after bool
	}
	var got []row
	for _, c := range all {
		got = append(got, row{c.User, c.Action, c.EntityID, c.Before != nil, c.After != nil})
		if c.Entity != "intervention" || time.Since(c.At) > time.Minute || c.At.After(time.Now().Add(time.Second)) {
			t.Errorf("change %d: entity %q at %v", c.ID, c.Entity, c.At)
		}
	}
	want := []row{
		{"tidak diketahui", "delete", idKec, true, false},
		{"sari", "update", idDesa, true, true},
		{"sari", "create", idDesa, false, true},
		{"budi", "create", idKec, false, true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("changes %+v\nwant %+v", got, want)
	}
	if b := all[0].Before; b.ID != idKec || b.Budget != 1_000_000_000_000 || !slices.Equal(b.Areas, []string{kecKenduruan}) {
		t.Errorf("before of the delete: %+v", b)
	}
	if b, a := all[1].Before, all[1].After; b.Status != aid.StatusBerjalan || a.Status != aid.StatusSelesai ||
		!slices.Equal(b.Areas, []string{desaBangilan}) || !slices.Equal(a.Areas, []string{kelBangilan}) {
		t.Errorf("update before %+v after %+v", b, a)
	}
	if a := all[2].After; a.ID != idDesa || a.Status != aid.StatusBerjalan || !slices.Equal(a.Areas, []string{desaBangilan}) {
		t.Errorf("after of the create: %+v", a)
	}
	var js, areas string
	if err := db.db.QueryRow(`SELECT before, areas FROM change_log WHERE action = 'delete'`).Scan(&js, &areas); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js, `"budget":1000000000000`) || areas != kecKenduruan {
		t.Errorf("delete logged as %s, areas %q", js, areas)
	}
	if err := db.db.QueryRow(`SELECT areas FROM change_log WHERE action = 'update'`).Scan(&areas); err != nil {
		t.Fatal(err)
	}
	if areas != kelBangilan+";"+desaBangilan {
		t.Errorf("update logged on areas %q, want both codes", areas)
	}

	if two, err := db.Changes(ctx, "", 2); err != nil || len(two) != 2 || two[0].ID != all[0].ID {
		t.Errorf("limit 2: %d changes, %v", len(two), err)
	}
	for _, tc := range []struct {
		area string
		want []string // actions, newest first
	}{
		{desaJlodro, []string{"delete", "create"}},    // on its kecamatan
		{kecKenduruan, []string{"delete", "create"}},  // on itself
		{kecBangilan, []string{"update", "create"}},   // on its desa
		{kelBangilan, []string{"update"}},             // after the update only
		{desaBangilan, []string{"update", "create"}},  // before the update
		{desaSidohasri, []string{"delete", "create"}}, // kecamatan
		{desaLamongan, nil},                           // elsewhere
		{"35.23.0", nil},                              // not a prefix match
		{"35.23.01.200", nil},                         // nor this
	} {
		cs, err := db.Changes(ctx, tc.area, 10)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, c := range cs {
			actions = append(actions, c.Action)
		}
		if !slices.Equal(actions, tc.want) {
			t.Errorf("Changes(%s) = %v, want %v", tc.area, actions, tc.want)
		}
	}
}

func TestInterventionFilters(t *testing.T) {
	db := openAid(t)
	ctx := context.Background()
	mk := func(programme string, p aid.Priority, agency string, s aid.Status, start, end string, areas ...string) int64 {
		iv := sample(areas...)
		iv.Programme, iv.Priority, iv.Agency, iv.Status = programme, p, agency, s
		iv.Start, iv.End = day(start), day(end)
		return add(t, db, iv)
	}
	a := mk("PKH", aid.PriorityBeban, "Dinsos P3A PMD", aid.StatusBerjalan, "2025-01-01", "2025-12-31", kecKenduruan)
	b := mk("Pelatihan kerja", aid.PriorityPendapatan, "Disnakerin", aid.StatusRencana, "2025-07-01", "2025-09-30", desaJlodro)
	c := mk("PKH", aid.PriorityBeban, "Dinsos P3A PMD", aid.StatusSelesai, "2024-01-01", "2024-12-31", desaBangilan, desaSidohasri)
	d := mk("BLT Dana Desa", aid.PriorityBeban, "Pemdes", aid.StatusBerjalan, "2025-01-01", "2025-03-31", kelBangilan)
	e := mk("BLT Dana Desa", aid.PriorityValidasi, "Pemdes", aid.StatusRencana, "2025-01-01", "2025-01-01", desaLamongan)
	st := func(s aid.Status) *aid.Status { return &s }
	for _, tc := range []struct {
		name string
		f    aid.Filter
		want []int64
	}{
		{"all", aid.Filter{}, []int64{c, a, d, e, b}},
		{"programme", aid.Filter{Programme: "PKH"}, []int64{c, a}},
		{"priority", aid.Filter{Priority: aid.PriorityBeban}, []int64{c, a, d}},
		{"agency", aid.Filter{Agency: "Pemdes"}, []int64{d, e}},
		{"funding", aid.Filter{Funding: "APBN"}, []int64{c, a, d, e, b}},
		{"funding none", aid.Filter{Funding: "CSR"}, nil},
		{"status", aid.Filter{Status: st(aid.StatusRencana)}, []int64{e, b}},
		{"status 0 is rencana, not any", aid.Filter{Status: st(aid.StatusRencana), Agency: "Disnakerin"}, []int64{b}},
		{"active on", aid.Filter{ActiveOn: day("2025-03-31")}, []int64{a, d}},
		{"active on first day", aid.Filter{ActiveOn: day("2025-01-01")}, []int64{a, d, e}},
		{"finished is not active", aid.Filter{ActiveOn: day("2024-06-01")}, nil},
		{"active on, local time", aid.Filter{ActiveOn: time.Date(2025, 4, 1, 1, 0, 0, 0, time.FixedZone("WIB", 7*3600))}, []int64{a}},
		{"desa sees its kecamatan", aid.Filter{Area: desaJlodro}, []int64{a, b}},
		{"desa sees only its own", aid.Filter{Area: desaSidohasri}, []int64{c, a}},
		{"kecamatan sees its desa", aid.Filter{Area: kecBangilan}, []int64{c, d}},
		{"kecamatan sees itself", aid.Filter{Area: kecKenduruan}, []int64{c, a, b}},
		{"kelurahan", aid.Filter{Area: kelBangilan}, []int64{d}},
		{"other kabupaten", aid.Filter{Area: desaLamongan}, []int64{e}},
		{"unknown area", aid.Filter{Area: "35.23.09"}, nil},
		{"combined", aid.Filter{Area: kecKenduruan, Programme: "PKH", ActiveOn: day("2025-08-01")}, []int64{a}},
	} {
		got, err := db.Interventions(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, iv := range got {
			ids = append(ids, iv.ID)
		}
		if !slices.Equal(ids, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, ids, tc.want)
		}
	}
	all, err := db.Interventions(ctx, aid.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&all[0], get(t, db, c)) {
		t.Errorf("listed %+v, stored %+v", all[0], get(t, db, c))
	}
}

func TestUndo(t *testing.T) {
	db := openAid(t)
	ctx := context.Background()
	if ch, err := db.UndoLast(ctx); ch != nil || err != nil {
		t.Fatalf("UndoLast on an empty log: %+v, %v", ch, err)
	}
	a := add(t, db, sample(desaJlodro))
	ivB := sample(kecBangilan, desaSidohasri)
	ivB.Budget = 1_000_000_000_000
	b := add(t, db, ivB)
	origA, origB := get(t, db, a), get(t, db, b)
	changed := *origA
	changed.Budget, changed.Areas, changed.Notes = 5, []string{kecKenduruan}, "revisi"
	if err := db.UpdateIntervention(ctx, &changed); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteIntervention(ctx, b); err != nil {
		t.Fatal(err)
	}
	c := add(t, db, sample(kelBangilan))
	if err := db.DeleteIntervention(ctx, c); err != nil { // a create and its delete
		t.Fatal(err)
	}

	undo := func(action string, id int64) *aid.Change {
		t.Helper()
		ch, err := db.UndoLast(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ch == nil || ch.Action != action || ch.EntityID != id || ch.UndoneBy == 0 {
			t.Fatalf("undid %+v, want %s of %d", ch, action, id)
		}
		return ch
	}
	exists := func(id int64) bool {
		_, err := db.Intervention(ctx, id)
		if err != nil && !errors.Is(err, ErrNoIntervention) {
			t.Fatal(err)
		}
		return err == nil
	}

	undo("delete", c)
	if !exists(c) {
		t.Fatal("undoing a delete did not restore it")
	}
	undo("create", c) // two undos in a row
	if exists(c) {
		t.Fatal("undoing a create did not delete it")
	}
	undo("delete", b)
	if got := get(t, db, b); !reflect.DeepEqual(unversioned(got), unversioned(origB)) {
		t.Errorf("restored %+v\nwant %+v", got, origB)
	}
	ch := undo("update", a)
	if got := get(t, db, a); !reflect.DeepEqual(unversioned(got), unversioned(origA)) {
		t.Errorf("reverted %+v\nwant %+v", got, origA)
	}
	if ch.Before.Budget != origA.Budget || ch.After.Budget != 5 {
		t.Errorf("returned change before %+v after %+v", ch.Before, ch.After)
	}
	// A new change after undos is undone first.
	again := *get(t, db, a)
	again.Notes = "baru"
	if err := db.UpdateIntervention(ctx, &again); err != nil {
		t.Fatal(err)
	}
	undo("update", a)
	if got := get(t, db, a); got.Notes != origA.Notes {
		t.Errorf("notes %q after undo, want %q", got.Notes, origA.Notes)
	}
	undo("create", b)
	undo("create", a)
	if exists(a) || exists(b) {
		t.Error("interventions left after undoing everything")
	}
	if ch, err := db.UndoLast(ctx); ch != nil || err != nil {
		t.Errorf("UndoLast with everything undone: %+v, %v", ch, err)
	}
	if n := count(t, db, "intervention_areas"); n != 0 {
		t.Errorf("%d intervention areas left", n)
	}

	// The undo entries are logged with what they reverted.
	cs, err := db.Changes(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]aid.Change{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	undos := 0
	for _, c := range cs {
		switch {
		case c.Action == "undo":
			undos++
			orig := byID[c.Undoes]
			if orig.UndoneBy != c.ID || c.EntityID != orig.EntityID || c.User != "uji" {
				t.Errorf("undo %+v of %+v", c, orig)
			}
			if !reflect.DeepEqual(c.Before, orig.After) || !reflect.DeepEqual(c.After, orig.Before) {
				t.Errorf("undo %d: before %+v after %+v; change %d: before %+v after %+v",
					c.ID, c.Before, c.After, orig.ID, orig.Before, orig.After)
			}
		case c.UndoneBy == 0:
			t.Errorf("change %d (%s) not undone", c.ID, c.Action)
		}
	}
	if undos != 7 {
		t.Errorf("%d undo entries, want 7", undos)
	}
	// The restored b kept its areas in the per-area history.
	if hist, err := db.Changes(ctx, desaSidohasri, 0); err != nil || len(hist) < 4 {
		t.Errorf("history of %s: %d entries, %v", desaSidohasri, len(hist), err)
	}
}

func TestProgrammeList(t *testing.T) {
	db := openAid(t)
	ctx := context.Background()
	if err := db.AddProgramme(ctx, "  Beasiswa  "); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Beasiswa", "pkh", ""} {
		if err := db.AddProgramme(ctx, name); err == nil {
			t.Errorf("AddProgramme(%q) accepted", name)
		} else if name != "" && !errors.Is(err, ErrProgrammeExists) {
			t.Errorf("AddProgramme(%q): %v, want ErrProgrammeExists", name, err)
		}
	}
	names, err := db.Programmes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := append(slices.Clone(aid.DefaultProgrammes), "Beasiswa"); !slices.Equal(names, want) {
		t.Errorf("programmes %q\nwant %q", names, want)
	}

	iv := sample(desaJlodro)
	iv.Programme = "Beasiswa"
	id := add(t, db, iv)
	gone := sample(desaJlodro)
	gone.Programme = "Beasiswa"
	gone.Budget = 1_000_000_000_000
	goneID := add(t, db, gone)
	if err := db.DeleteIntervention(ctx, goneID); err != nil {
		t.Fatal(err)
	}

	if err := db.RenameProgramme(ctx, "Beasiswa", "Beasiswa Pendidikan"); err != nil {
		t.Fatal(err)
	}
	if got := get(t, db, id); got.Programme != "Beasiswa Pendidikan" {
		t.Errorf("programme of the intervention %q after rename", got.Programme)
	}
	for _, tc := range []struct {
		old, new string
		want     error
	}{
		{"Tidak ada", "X", ErrUnknownProgramme},
		{"Beasiswa Pendidikan", "pkh", ErrProgrammeExists},
		{"Beasiswa Pendidikan", " ", nil},
	} {
		if err := db.RenameProgramme(ctx, tc.old, tc.new); err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("RenameProgramme(%q, %q): %v, want %v", tc.old, tc.new, err, tc.want)
		}
	}
	if err := db.RenameProgramme(ctx, "Padat karya", "Padat Karya"); err != nil { // case only
		t.Errorf("renaming the case: %v", err)
	}
	// The log follows the rename, so the deleted intervention comes back
	// under the new name.
	if _, err := db.UndoLast(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(t, db, goneID); got.Programme != "Beasiswa Pendidikan" || got.Budget != 1_000_000_000_000 {
		t.Errorf("restored after rename: %+v", got)
	}

	if err := db.SetProgrammeActive(ctx, "Beasiswa Pendidikan", false); err != nil {
		t.Fatal(err)
	}
	if err := db.SetProgrammeActive(ctx, "Tidak ada", false); !errors.Is(err, ErrUnknownProgramme) {
		t.Errorf("SetProgrammeActive(unknown): %v", err)
	}
	if names, _ := db.Programmes(ctx); slices.Contains(names, "Beasiswa Pendidikan") || len(names) != 10 {
		t.Errorf("active programmes %q", names)
	}
	all, err := db.AllProgrammes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if last := all[len(all)-1]; len(all) != 11 || last != (aid.Programme{Name: "Beasiswa Pendidikan", Active: false}) || !all[0].Active {
		t.Errorf("all programmes %+v", all)
	}
	// An inactive programme is refused for new interventions but kept by
	// an update of one that has it.
	iv = sample(desaJlodro)
	iv.Programme = "Beasiswa Pendidikan"
	if _, err := db.AddIntervention(ctx, iv); !isFieldError(err, "programme") {
		t.Errorf("add with an inactive programme: %v", err)
	}
	old := get(t, db, id)
	old.Notes = "tetap"
	if err := db.UpdateIntervention(ctx, old); err != nil {
		t.Errorf("update keeping an inactive programme: %v", err)
	}
	other := get(t, db, id)
	other.Programme = "PKH"
	if err := db.UpdateIntervention(ctx, other); err != nil {
		t.Fatal(err)
	}
	other = get(t, db, id)
	other.Programme = "Beasiswa Pendidikan"
	if err := db.UpdateIntervention(ctx, other); !isFieldError(err, "programme") {
		t.Errorf("update moving to an inactive programme: %v", err)
	}
	// Adding it again reactivates it.
	if err := db.AddProgramme(ctx, "Beasiswa Pendidikan"); err != nil {
		t.Fatal(err)
	}
	if names, _ := db.Programmes(ctx); !slices.Contains(names, "Beasiswa Pendidikan") {
		t.Errorf("not reactivated: %q", names)
	}
	// A programme in use cannot be removed behind the application's back.
	if _, err := db.db.Exec(`DELETE FROM programmes WHERE name = 'PKH'`); err == nil {
		t.Error("deleted a programme in use")
	}
}

func isFieldError(err error, field string) bool {
	es, ok := err.(aid.FieldErrors)
	return ok && es.Has(field)
}

func TestSchemaChecks(t *testing.T) {
	db := openAid(t)
	id := add(t, db, sample(desaJlodro))
	for _, q := range []string{
		`UPDATE interventions SET budget = 1.5 WHERE id = ?`,
		`UPDATE interventions SET budget = -1 WHERE id = ?`,
		`UPDATE interventions SET end_date = '2024-01-01' WHERE id = ?`,
		`UPDATE interventions SET status = 'batal' WHERE id = ?`,
		`UPDATE interventions SET priority = 'lain' WHERE id = ?`,
		`UPDATE interventions SET programme = 'Tidak ada' WHERE id = ?`,
		`INSERT INTO intervention_areas VALUES(? + 100, '35.23.01')`,
	} {
		if _, err := db.db.Exec(q, id); err == nil {
			t.Errorf("accepted: %s", q)
		}
	}
}

func TestMigration0002OnExistingDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lama.db")
	ctx := context.Background()
	first, err := fs.ReadFile(migrations, "migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	sdb, err := openSQL(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, sdb, fstest.MapFS{"migrations/0001_init.sql": {Data: first}}); err != nil {
		t.Fatal(err)
	}
	old := &DB{db: sdb, path: path}
	if _, err := old.ImportBoundaries(ctx, withParents(layer(square(desaJlodro, "Jlodro", 111.5, -6.9)), kecKenduruan, "Kenduruan")); err != nil {
		t.Fatal(err)
	}
	// Written as 0001 knew indicators (the code of today writes columns of later migrations).
	if _, err := sdb.ExecContext(ctx, `INSERT INTO indicators(key, label) VALUES('rt', 'Rumah tangga')`); err != nil {
		t.Fatal(err)
	}
	if err := old.SaveValues(ctx, []geo.Value{{Code: desaJlodro, Indicator: "rt", Period: "2025", Value: 42}}); err != nil {
		t.Fatal(err)
	}
	var tables int
	if err := sdb.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name IN ('programmes', 'interventions', 'change_log')`).Scan(&tables); err != nil || tables != 0 {
		t.Fatalf("0001 alone created %d intervention tables (%v)", tables, err)
	}
	old.Close()

	for range 2 {
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if n, want := count(t, db, "schema_migrations"), len(migrationFiles(t)); n != want {
			t.Errorf("%d migrations recorded, want %d", n, want)
		}
		if n := count(t, db, "programmes"); n != len(aid.DefaultProgrammes) {
			t.Errorf("%d programmes, want %d", n, len(aid.DefaultProgrammes))
		}
		if n := count(t, db, "areas"); n != 2 {
			t.Errorf("%d areas, want 2", n)
		}
		if v, err := db.Values(ctx, "rt", ""); err != nil || v[desaJlodro] != 42 {
			t.Errorf("values %v, %v", v, err)
		}
		if _, err := db.AddIntervention(ctx, sample(desaJlodro)); err != nil {
			t.Error(err)
		}
		db.Close()
	}
}

func TestUser(t *testing.T) {
	if u := osUser(); u == "" {
		t.Error("osUser is empty")
	}
	t.Setenv("USER", "")
	t.Setenv("USERNAME", "")
	if u := osUser(); u == "" {
		t.Error("osUser is empty without $USER")
	}
	db := openTest(t)
	if db.User == "" {
		t.Error("Open left User empty")
	}
}

// migrationFiles lists the embedded migrations, so counts follow new ones.
func migrationFiles(t *testing.T) []string {
	t.Helper()
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			out = append(out, e.Name())
		}
	}
	return out
}

// unversioned is iv without its row version, to compare contents.
func unversioned(iv *aid.Intervention) *aid.Intervention {
	c := *iv
	c.Version = 0
	return &c
}

// BenchmarkSaveIntervention is one save of an intervention on the SQLite
// file (an add, then an edit of it: two transactions with their change-log
// rows), the figure beside the office server's load test.
func BenchmarkSaveIntervention(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	l := &geo.Layer{File: "uji", Areas: []*geo.Area{{Code: "35.23.01.2001", Name: "Jlodro", Level: geo.LevelDesa, Parent: "35.23.01"}}}
	if _, err := db.ImportBoundaries(ctx, l); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		iv := &aid.Intervention{Programme: "PKH", Priority: aid.PriorityBeban, Agency: aid.Agencies[0], Funding: "APBN",
			Areas: []string{"35.23.01.2001"}, Budget: 1000, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			End: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), Status: aid.StatusRencana}
		if _, err := db.AddIntervention(ctx, iv); err != nil {
			b.Fatal(err)
		}
		iv.Budget, iv.Version = 2000, 1
		if err := db.UpdateIntervention(ctx, iv); err != nil {
			b.Fatal(err)
		}
	}
}
