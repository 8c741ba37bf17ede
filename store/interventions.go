package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/internal/ivsnap"
)

// entityIntervention is the entity of interventions in the change log.
const entityIntervention = "intervention"

// unknownUser is recorded when the operating-system user cannot be found.
const unknownUser = "tidak diketahui"

var (
	// ErrUnknownProgramme is returned, wrapped, for a programme name that
	// is not in the programme list.
	ErrUnknownProgramme = errors.New("program tidak dikenal")
	// ErrProgrammeExists is returned, wrapped, when adding or renaming to
	// a programme name already in the list (compared ignoring case).
	ErrProgrammeExists = errors.New("program sudah ada")
	// ErrNoIntervention is returned, wrapped, for an intervention id that
	// is not in the database.
	ErrNoIntervention = errors.New("intervensi tidak ditemukan")
)

// osUser returns the operating-system user name, falling back to $USER and
// $USERNAME, else "tidak diketahui".
func osUser() string {
	if u, err := user.Current(); err == nil && strings.TrimSpace(u.Username) != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := strings.TrimSpace(os.Getenv(k)); v != "" {
			return v
		}
	}
	return unknownUser
}

// user returns the name to record in the change log.
func (db *DB) user() string {
	if u := strings.TrimSpace(db.User); u != "" {
		return u
	}
	return unknownUser
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// --- Programmes ---

// Programmes returns the names of the active programmes in display order.
func (db *DB) Programmes(ctx context.Context) ([]string, error) {
	ps, err := db.programmes(ctx, true)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return names, nil
}

// AllProgrammes returns every programme, inactive ones included, in display
// order, for the screen that edits the list.
func (db *DB) AllProgrammes(ctx context.Context) ([]aid.Programme, error) {
	return db.programmes(ctx, false)
}

func (db *DB) programmes(ctx context.Context, activeOnly bool) ([]aid.Programme, error) {
	q := `SELECT name, active FROM programmes`
	if activeOnly {
		q += ` WHERE active`
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY sort, name`)
	if err != nil {
		return nil, fmt.Errorf("membaca daftar program: %w", err)
	}
	defer rows.Close()
	var out []aid.Programme
	for rows.Next() {
		var p aid.Programme
		if err := rows.Scan(&p.Name, &p.Active); err != nil {
			return nil, fmt.Errorf("membaca daftar program: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca daftar program: %w", err)
	}
	return out, nil
}

// AddProgramme adds a programme at the end of the list; leading and
// trailing spaces are removed. Adding an inactive programme's exact name
// reactivates it; any other name already in the list (ignoring case) is
// refused with an error wrapping ErrProgrammeExists.
func (db *DB) AddProgramme(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("menambah program: nama program kosong")
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var (
			have   string
			active bool
		)
		err := tx.QueryRowContext(ctx, `SELECT name, active FROM programmes WHERE name = ? COLLATE NOCASE
			ORDER BY name = ? DESC LIMIT 1`, name, name).Scan(&have, &active)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO programmes(name, sort, active)
				VALUES(?, (SELECT coalesce(max(sort) + 1, 0) FROM programmes), 1)`, name)
			return err
		case err != nil:
			return err
		case have == name && !active:
			_, err = tx.ExecContext(ctx, `UPDATE programmes SET active = 1 WHERE name = ?`, name)
			return err
		}
		return fmt.Errorf("%w: %q", ErrProgrammeExists, have)
	})
	if err != nil {
		return fmt.Errorf("menambah program %q: %w", name, err)
	}
	return nil
}

// RenameProgramme renames the programme old to new in the list, in its
// interventions (by the foreign key's ON UPDATE CASCADE) and in the change
// log, in one transaction, so that undo restores interventions under the
// new name. It returns an error wrapping ErrUnknownProgramme when old is
// not in the list and ErrProgrammeExists when new already is (ignoring
// case; changing only the case of old is allowed).
func (db *DB) RenameProgramme(ctx context.Context, old, new string) error {
	new = strings.TrimSpace(new)
	if new == "" {
		return fmt.Errorf("mengganti nama program %q: nama baru kosong", old)
	}
	if new == old {
		return nil
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM programmes WHERE name = ?)`, old).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return fmt.Errorf("%w: %q", ErrUnknownProgramme, old)
		}
		var clash string
		err := tx.QueryRowContext(ctx, `SELECT name FROM programmes WHERE name = ? COLLATE NOCASE AND name <> ?`, new, old).Scan(&clash)
		switch {
		case err == nil:
			return fmt.Errorf("%w: %q", ErrProgrammeExists, clash)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE programmes SET name = ? WHERE name = ?`, new, old); err != nil {
			return err
		}
		for _, col := range []string{"before", "after"} {
			if _, err := tx.ExecContext(ctx, `UPDATE change_log SET `+col+` = json_set(`+col+`, '$.programme', ?)
				WHERE entity = ? AND json_extract(`+col+`, '$.programme') = ?`, new, entityIntervention, old); err != nil {
				return fmt.Errorf("memperbarui riwayat perubahan: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mengganti nama program %q menjadi %q: %w", old, new, err)
	}
	return nil
}

// SetProgrammeActive activates or deactivates a programme. It returns an
// error wrapping ErrUnknownProgramme when name is not in the list.
func (db *DB) SetProgrammeActive(ctx context.Context, name string, active bool) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE programmes SET active = ? WHERE name = ?`, active, name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%w: %q", ErrUnknownProgramme, name)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mengubah status program %q: %w", name, err)
	}
	return nil
}

// --- Interventions ---

// areaCond returns an SQL condition on the column col holding one area
// code that is true when that area overlaps area: the same code, one of
// its ancestors (the kecamatan of a desa) or one of its descendants (the
// desa of a kecamatan).
func areaCond(col, area string) (string, []any) {
	same := []string{area}
	for p := geo.ParentCode(area); p != ""; p = geo.ParentCode(p) {
		same = append(same, p)
	}
	list, _ := json.Marshal(same) // a []string always marshals
	// Codes are digits and dots and '/' follows '.' in ASCII, so the
	// descendants of area are exactly the codes between area+"." and
	// area+"/"; this form can use the index on code.
	return "(" + col + " IN (SELECT value FROM json_each(?)) OR (" + col + " > ? AND " + col + " < ?))",
		[]any{string(list), area + ".", area + "/"}
}

const interventionCols = `i.id, i.programme, i.priority, i.agency, i.funding, i.budget, i.households,
	i.persons, i.start_date, i.end_date, i.status, i.notes, i.row_version,
	coalesce((SELECT group_concat(a.code, ';') FROM intervention_areas a WHERE a.intervention_id = i.id), '')`

// scanIntervention reads the interventionCols of a row.
func scanIntervention(s scanner) (aid.Intervention, error) {
	var (
		iv                           aid.Intervention
		priority, start, end, status string
		areas                        string
	)
	if err := s.Scan(&iv.ID, &iv.Programme, &priority, &iv.Agency, &iv.Funding, &iv.Budget, &iv.Households,
		&iv.Persons, &start, &end, &status, &iv.Notes, &iv.Version, &areas); err != nil {
		return iv, err
	}
	var err error
	if iv.Priority, err = aid.ParsePriority(priority); err != nil {
		return iv, fmt.Errorf("intervensi %d: %w", iv.ID, err)
	}
	if iv.Status, err = aid.ParseStatus(status); err != nil {
		return iv, fmt.Errorf("intervensi %d: %w", iv.ID, err)
	}
	if iv.Start, err = time.Parse(aid.DateLayout, start); err != nil {
		return iv, fmt.Errorf("intervensi %d: tanggal mulai: %w", iv.ID, err)
	}
	if iv.End, err = time.Parse(aid.DateLayout, end); err != nil {
		return iv, fmt.Errorf("intervensi %d: tanggal selesai: %w", iv.ID, err)
	}
	if areas != "" {
		iv.Areas = strings.Split(areas, ";")
		slices.Sort(iv.Areas)
	}
	return iv, nil
}

// loadIntervention reads intervention id, or returns an error wrapping
// ErrNoIntervention.
func loadIntervention(ctx context.Context, q querier, id int64) (*aid.Intervention, error) {
	iv, err := scanIntervention(q.QueryRowContext(ctx, `SELECT `+interventionCols+` FROM interventions i WHERE i.id = ?`, id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("%w: nomor %d", ErrNoIntervention, id)
	case err != nil:
		return nil, fmt.Errorf("membaca intervensi %d: %w", id, err)
	}
	return &iv, nil
}

// Intervention returns the intervention id with its areas sorted by code,
// or an error wrapping ErrNoIntervention.
func (db *DB) Intervention(ctx context.Context, id int64) (*aid.Intervention, error) {
	return loadIntervention(ctx, db.db, id)
}

// Interventions returns the interventions selected by f, with their areas
// sorted by code, ordered by start date then id.
func (db *DB) Interventions(ctx context.Context, f aid.Filter) ([]aid.Intervention, error) {
	var (
		where []string
		args  []any
	)
	if f.Area != "" {
		cond, a := areaCond("a.code", f.Area)
		where = append(where, `EXISTS(SELECT 1 FROM intervention_areas a WHERE a.intervention_id = i.id AND `+cond+`)`)
		args = append(args, a...)
	}
	eq := func(col string, v any) {
		where = append(where, col+" = ?")
		args = append(args, v)
	}
	if f.Programme != "" {
		eq("i.programme", f.Programme)
	}
	if f.Priority != aid.PriorityNone {
		eq("i.priority", f.Priority.Key())
	}
	if f.Agency != "" {
		eq("i.agency", f.Agency)
	}
	if f.Funding != "" {
		eq("i.funding", f.Funding)
	}
	if f.Status != nil {
		eq("i.status", f.Status.String())
	}
	if !f.ActiveOn.IsZero() {
		d := formatDay(f.ActiveOn)
		where = append(where, `i.status <> 'selesai' AND i.start_date <= ? AND i.end_date >= ?`)
		args = append(args, d, d)
	}
	q := `SELECT ` + interventionCols + ` FROM interventions i`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY i.start_date, i.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("membaca intervensi: %w", err)
	}
	defer rows.Close()
	var out []aid.Intervention
	for rows.Next() {
		iv, err := scanIntervention(rows)
		if err != nil {
			return nil, fmt.Errorf("membaca intervensi: %w", err)
		}
		out = append(out, iv)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca intervensi: %w", err)
	}
	return out, nil
}

// formatDay writes the calendar day of t as stored.
func formatDay(t time.Time) string { return ivsnap.Day(t) }

// validate checks iv before it is written by tx: aid's Validate with the
// area codes of desa, kelurahan and kecamatan in the areas table, plus what
// only the database knows or cannot store: the programme must be in the
// list and active (an inactive one is kept when it is unchanged, current
// being the programme stored before an update), the status one of the
// three and the dates within years 1–9999. It returns nil, aid.FieldErrors
// or a database error.
func validate(ctx context.Context, tx *sql.Tx, iv *aid.Intervention, current string) error {
	codes, _ := json.Marshal(iv.Areas)
	rows, err := tx.QueryContext(ctx, `SELECT code FROM areas WHERE code IN (SELECT value FROM json_each(?))
		AND level IN ('kecamatan', 'desa', 'kelurahan')`, string(codes))
	if err != nil {
		return fmt.Errorf("memeriksa wilayah: %w", err)
	}
	known := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return fmt.Errorf("memeriksa wilayah: %w", err)
		}
		known[c] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("memeriksa wilayah: %w", err)
	}

	state := aid.ProgrammeMissing
	if strings.TrimSpace(iv.Programme) != "" {
		var active bool
		err := tx.QueryRowContext(ctx, `SELECT active FROM programmes WHERE name = ?`, iv.Programme).Scan(&active)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("memeriksa program: %w", err)
		case active:
			state = aid.ProgrammeActive
		default:
			state = aid.ProgrammeInactive
		}
	}
	return iv.ValidateStored(func(c string) bool { return known[c] }, state, current)
}

// writeIntervention inserts (insert true; with iv.ID when it is not zero)
// or updates the row of the normalized iv and replaces its areas. It
// returns the id.
func writeIntervention(ctx context.Context, tx *sql.Tx, iv *aid.Intervention, insert bool, createdAt string) (int64, error) {
	args := []any{iv.Programme, iv.Priority.Key(), iv.Agency, iv.Funding, iv.Budget, iv.Households, iv.Persons,
		formatDay(iv.Start), formatDay(iv.End), iv.Status.String(), iv.Notes, now()}
	id := iv.ID
	if insert {
		var idArg any // NULL: a new id
		if id != 0 {
			idArg = id
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO interventions(programme, priority, agency, funding, budget,
			households, persons, start_date, end_date, status, notes, updated_at, created_at, id)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, createdAt, idArg)...)
		if err != nil {
			return 0, fmt.Errorf("menyimpan intervensi: %w", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, fmt.Errorf("menyimpan intervensi: %w", err)
		}
	} else {
		_, err := tx.ExecContext(ctx, `UPDATE interventions SET programme = ?, priority = ?, agency = ?,
			funding = ?, budget = ?, households = ?, persons = ?, start_date = ?, end_date = ?, status = ?,
			notes = ?, updated_at = ?, row_version = row_version + 1 WHERE id = ?`, append(args, id)...)
		if err != nil {
			return 0, fmt.Errorf("menyimpan intervensi %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM intervention_areas WHERE intervention_id = ?`, id); err != nil {
			return 0, fmt.Errorf("menyimpan wilayah intervensi %d: %w", id, err)
		}
	}
	for _, c := range iv.Areas {
		if _, err := tx.ExecContext(ctx, `INSERT INTO intervention_areas(intervention_id, code) VALUES(?, ?)`, id, c); err != nil {
			return 0, fmt.Errorf("menyimpan wilayah %s intervensi %d: %w", c, id, err)
		}
	}
	return id, nil
}

// lastChangeConflict is the conflict with the newest logged change of
// intervention id, over the store's error base (nil for none).
func lastChangeConflict(ctx context.Context, q querier, id int64, undo bool, base error) error {
	c := &aid.ConflictError{ID: id, Undo: undo, Err: base}
	var at string
	if err := q.QueryRowContext(ctx, `SELECT user, at, action FROM change_log WHERE entity = ? AND entity_id = ?
		ORDER BY id DESC LIMIT 1`, entityIntervention, id).Scan(&c.By, &at, &c.Action); err != nil {
		return fmt.Errorf("membaca riwayat intervensi %d: %w", id, err)
	}
	c.At, _ = time.Parse(time.RFC3339, at)
	return c
}

// saveError returns aid.FieldErrors and conflicts unchanged and wraps any
// other error.
func saveError(err error, format string, a ...any) error {
	if es, ok := err.(aid.FieldErrors); ok {
		return es
	}
	var c *aid.ConflictError
	if errors.As(err, &c) {
		return c
	}
	return fmt.Errorf(format+": %w", append(a, err)...)
}

// AddIntervention validates iv and stores it as a new intervention (iv.ID
// is ignored) with its change-log entry in one transaction, then sets
// iv.ID. Dates are stored as calendar days and duplicate area codes once.
// A problem with the fields is returned as aid.FieldErrors, unwrapped, and
// nothing is written.
func (db *DB) AddIntervention(ctx context.Context, iv *aid.Intervention) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := validate(ctx, tx, iv, ""); err != nil {
			return err
		}
		n := ivsnap.Normalized(iv)
		n.ID = 0
		var err error
		if id, err = writeIntervention(ctx, tx, &n, true, now()); err != nil {
			return err
		}
		n.ID = id
		_, err = db.logChange(ctx, tx, "create", id, nil, &n, 0)
		return err
	})
	if err != nil {
		return 0, saveError(err, "menambah intervensi")
	}
	iv.ID = id
	return id, nil
}

// UpdateIntervention validates iv and replaces the stored intervention
// iv.ID and its areas, with its change-log entry, in one transaction. An
// update that changes nothing writes and logs nothing. A problem with the
// fields is returned as aid.FieldErrors, unwrapped, and nothing is
// written; an unknown id gives an error wrapping ErrNoIntervention.
func (db *DB) UpdateIntervention(ctx context.Context, iv *aid.Intervention) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := loadIntervention(ctx, tx, iv.ID)
		if errors.Is(err, ErrNoIntervention) && iv.Version != 0 {
			return lastChangeConflict(ctx, tx, iv.ID, false, err)
		}
		if err != nil {
			return err
		}
		if iv.Version != 0 && iv.Version != before.Version {
			return lastChangeConflict(ctx, tx, iv.ID, false, nil)
		}
		if err := validate(ctx, tx, iv, before.Programme); err != nil {
			return err
		}
		after := ivsnap.Normalized(iv)
		if ivsnap.Same(before, &after) {
			return nil
		}
		if _, err := writeIntervention(ctx, tx, &after, false, ""); err != nil {
			return err
		}
		_, err = db.logChange(ctx, tx, "update", iv.ID, before, &after, 0)
		return err
	})
	if err != nil {
		return saveError(err, "mengubah intervensi %d", iv.ID)
	}
	return nil
}

// DeleteIntervention deletes intervention id and its areas, with its
// change-log entry, in one transaction; an unknown id gives an error
// wrapping ErrNoIntervention.
func (db *DB) DeleteIntervention(ctx context.Context, id int64) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		before, err := loadIntervention(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM interventions WHERE id = ?`, id); err != nil {
			return err
		}
		_, err = db.logChange(ctx, tx, "delete", id, before, nil, 0)
		return err
	})
	if err != nil {
		return fmt.Errorf("menghapus intervensi %d: %w", id, err)
	}
	return nil
}

// --- Change log ---

// marshalSnapshot returns the JSON of iv, or NULL for nil.
func marshalSnapshot(iv *aid.Intervention) (any, error) {
	b, err := ivsnap.Marshal(iv)
	if b == nil || err != nil {
		return nil, err
	}
	return string(b), nil
}

// unmarshalSnapshot reads the JSON of an intervention; NULL gives nil.
func unmarshalSnapshot(js sql.NullString) (*aid.Intervention, error) {
	if !js.Valid {
		return nil, nil
	}
	return ivsnap.Unmarshal([]byte(js.String))
}

// logChange records a change of intervention id in the change log and
// returns the entry's id.
func (db *DB) logChange(ctx context.Context, tx *sql.Tx, action string, id int64, before, after *aid.Intervention, undoes int64) (int64, error) {
	return db.logChangeRedo(ctx, tx, action, id, before, after, undoes, 0)
}

// logChangeRedo is logChange for a change that may be a redo of the undo
// entry redoes (0 for none).
func (db *DB) logChangeRedo(ctx context.Context, tx *sql.Tx, action string, id int64, before, after *aid.Intervention, undoes, redoes int64) (int64, error) {
	var codes []string
	for _, iv := range []*aid.Intervention{before, after} {
		if iv != nil {
			codes = append(codes, iv.Areas...)
		}
	}
	codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	b, err := marshalSnapshot(before)
	if err != nil {
		return 0, fmt.Errorf("mencatat perubahan: %w", err)
	}
	a, err := marshalSnapshot(after)
	if err != nil {
		return 0, fmt.Errorf("mencatat perubahan: %w", err)
	}
	var undoArg, redoArg any
	if undoes != 0 {
		undoArg = undoes
	}
	if redoes != 0 {
		redoArg = redoes
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO change_log(at, user, entity, entity_id, action, before, after, areas, undoes, redoes)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, now(), db.user(), entityIntervention, id, action, b, a,
		strings.Join(codes, ";"), undoArg, redoArg)
	if err != nil {
		return 0, fmt.Errorf("mencatat perubahan: %w", err)
	}
	lid, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("mencatat perubahan: %w", err)
	}
	return lid, nil
}

const changeCols = `c.id, c.at, c.user, c.entity, c.entity_id, c.action, c.before, c.after,
	coalesce(c.undoes, 0), coalesce((SELECT u.id FROM change_log u WHERE u.undoes = c.id), 0), coalesce(c.redoes, 0)`

func scanChange(s scanner) (*aid.Change, error) {
	var (
		ch            aid.Change
		at            string
		before, after sql.NullString
	)
	if err := s.Scan(&ch.ID, &at, &ch.User, &ch.Entity, &ch.EntityID, &ch.Action, &before, &after,
		&ch.Undoes, &ch.UndoneBy, &ch.Redoes); err != nil {
		return nil, err
	}
	var err error
	if ch.At, err = time.Parse(time.RFC3339, at); err != nil {
		return nil, fmt.Errorf("perubahan %d: waktu: %w", ch.ID, err)
	}
	if ch.Before, err = unmarshalSnapshot(before); err != nil {
		return nil, fmt.Errorf("perubahan %d: data sebelum: %w", ch.ID, err)
	}
	if ch.After, err = unmarshalSnapshot(after); err != nil {
		return nil, fmt.Errorf("perubahan %d: data sesudah: %w", ch.ID, err)
	}
	return &ch, nil
}

// Changes returns the change-log entries, newest first, at most limit of
// them (all when limit <= 0). A non-empty area selects the changes of
// interventions on areas overlapping it, before or after the change, as
// aid.Filter.Area does: a desa also sees the changes on its
// kecamatan, a kecamatan those on its desa.
func (db *DB) Changes(ctx context.Context, area string, limit int) ([]aid.Change, error) {
	q := `SELECT ` + changeCols + ` FROM change_log c`
	var args []any
	if area != "" {
		// c.areas is ';'-joined: ";"+areas+";" contains ";"+code+";" for
		// an exact code and ";"+area+"." for a descendant.
		same := []string{area}
		for p := geo.ParentCode(area); p != ""; p = geo.ParentCode(p) {
			same = append(same, p)
		}
		var conds []string
		for _, c := range same {
			conds = append(conds, `instr(';' || c.areas || ';', ?) > 0`)
			args = append(args, ";"+c+";")
		}
		conds = append(conds, `instr(';' || c.areas, ?) > 0`)
		args = append(args, ";"+area+".")
		q += ` WHERE (` + strings.Join(conds, " OR ") + `)`
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY c.id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("membaca riwayat perubahan: %w", err)
	}
	defer rows.Close()
	var out []aid.Change
	for rows.Next() {
		ch, err := scanChange(rows)
		if err != nil {
			return nil, fmt.Errorf("membaca riwayat perubahan: %w", err)
		}
		out = append(out, *ch)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca riwayat perubahan: %w", err)
	}
	return out, nil
}

// UndoLast reverts the most recent create, update or delete of an
// intervention that has not been undone yet, in one transaction: a
// create is deleted, an update restored to its Before and a delete
// re-inserted from its Before with the same id and areas. The revert is
// logged as an 'undo' entry (Undoes naming the change) with the
// intervention before and after the revert. Calling it again walks further
// back. It returns the change that was reverted, its UndoneBy set, or nil,
// nil when there is nothing to undo.
func (db *DB) UndoLast(ctx context.Context) (*aid.Change, error) {
	var ch *aid.Change
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		ch, err = scanChange(tx.QueryRowContext(ctx, `SELECT `+changeCols+` FROM change_log c
			WHERE c.entity = ? AND c.user = ? AND c.action IN ('create', 'update', 'delete')
			AND NOT EXISTS(SELECT 1 FROM change_log u WHERE u.undoes = c.id)
			ORDER BY c.id DESC LIMIT 1`, entityIntervention, db.user()))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			ch = nil
			return nil
		case err != nil:
			return fmt.Errorf("membaca riwayat perubahan: %w", err)
		}
		// Someone else changed the intervention since: not reverted
		// silently.
		var later bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM change_log n WHERE n.entity = ? AND n.entity_id = ?
			AND n.id > ? AND n.user <> ?)`, entityIntervention, ch.EntityID, ch.ID, db.user()).Scan(&later); err != nil {
			return err
		}
		if later {
			c := lastChangeConflict(ctx, tx, ch.EntityID, true, nil)
			ch = nil
			return c
		}
		var before, after *aid.Intervention // of the revert
		switch ch.Action {
		case "create", "update":
			if before, err = loadIntervention(ctx, tx, ch.EntityID); err != nil {
				return err
			}
		}
		switch ch.Action {
		case "create":
			if _, err := tx.ExecContext(ctx, `DELETE FROM interventions WHERE id = ?`, ch.EntityID); err != nil {
				return fmt.Errorf("menghapus intervensi %d: %w", ch.EntityID, err)
			}
		case "update", "delete":
			if ch.Before == nil {
				return fmt.Errorf("perubahan %d tidak menyimpan data sebelumnya", ch.ID)
			}
			after = ch.Before
			created := ""
			if ch.Action == "delete" {
				// Keep the creation time of the original row.
				if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT at FROM change_log
					WHERE entity = ? AND entity_id = ? AND action = 'create' ORDER BY id LIMIT 1), ?)`,
					entityIntervention, ch.EntityID, now()).Scan(&created); err != nil {
					return fmt.Errorf("membaca riwayat perubahan: %w", err)
				}
			}
			if _, err := writeIntervention(ctx, tx, after, ch.Action == "delete", created); err != nil {
				return err
			}
		default:
			return fmt.Errorf("perubahan %d: tindakan %q tidak dapat dibatalkan", ch.ID, ch.Action)
		}
		ch.UndoneBy, err = db.logChange(ctx, tx, "undo", ch.EntityID, before, after, ch.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("membatalkan perubahan terakhir: %w", err)
	}
	return ch, nil
}

// RedoLast makes again the change that the most recent undo reverted,
// while nothing but other redos was changed after that undo, in one
// transaction: a re-created intervention gets its id back. The redo is
// logged as a create, update or delete naming the undo (Redoes), so that
// it can itself be undone. It returns the redo's entry, or nil, nil when
// there is nothing to redo.
func (db *DB) RedoLast(ctx context.Context) (*aid.Change, error) {
	var ch *aid.Change
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		u, err := scanChange(tx.QueryRowContext(ctx, `SELECT `+changeCols+` FROM change_log c
			WHERE c.entity = ? AND c.action = 'undo' AND c.user = ?
			AND NOT EXISTS(SELECT 1 FROM change_log r WHERE r.redoes = c.id)
			AND NOT EXISTS(SELECT 1 FROM change_log n WHERE n.entity = c.entity AND n.id > c.id
				AND n.action IN ('create', 'update', 'delete') AND n.redoes IS NULL)
			ORDER BY c.id DESC LIMIT 1`, entityIntervention, db.user()))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return fmt.Errorf("membaca riwayat perubahan: %w", err)
		}
		ch = &aid.Change{Entity: entityIntervention, EntityID: u.EntityID, Redoes: u.ID, Before: u.After, After: u.Before}
		switch {
		case u.Before == nil && u.After != nil: // the undo brought back a deleted intervention
			ch.Action = "delete"
			if _, err := tx.ExecContext(ctx, `DELETE FROM interventions WHERE id = ?`, u.EntityID); err != nil {
				return fmt.Errorf("menghapus intervensi %d: %w", u.EntityID, err)
			}
		case u.Before != nil && u.After == nil: // the undo removed a new one
			ch.Action = "create"
			if _, err := writeIntervention(ctx, tx, u.Before, true, now()); err != nil {
				return err
			}
		case u.Before != nil:
			ch.Action = "update"
			if _, err := writeIntervention(ctx, tx, u.Before, false, ""); err != nil {
				return err
			}
		default:
			return fmt.Errorf("pengurungan %d tidak menyimpan datanya", u.ID)
		}
		ch.ID, err = db.logChangeRedo(ctx, tx, ch.Action, ch.EntityID, ch.Before, ch.After, 0, u.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mengulangi perubahan yang diurungkan: %w", err)
	}
	return ch, nil
}
