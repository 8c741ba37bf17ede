package pgstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/internal/ivsnap"
)

const entityIntervention = "intervention"

var (
	// ErrUnknownProgramme is returned, wrapped, for a programme name that
	// is not in the list.
	ErrUnknownProgramme = errors.New("program tidak dikenal")
	// ErrProgrammeExists is returned, wrapped, for a programme name
	// already in the list (ignoring case).
	ErrProgrammeExists = errors.New("program sudah ada")
	// ErrNoIntervention is returned, wrapped, for an unknown intervention.
	ErrNoIntervention = errors.New("intervensi tidak ditemukan")
)

// who is the user and workstation recorded in the change log: the
// operating-system user (the server adds its own login name to the
// import log) and the host name.
func (db *DB) who() (string, string) {
	name := strings.TrimSpace(db.User)
	if name == "" {
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
	}
	if name == "" {
		name = "tidak diketahui"
	}
	host, _ := os.Hostname()
	return name, host
}

// --- Programmes ---

// Programmes returns the names of the active programmes in display order.
func (db *DB) Programmes(ctx context.Context) ([]string, error) {
	ps, err := db.programmes(ctx, true)
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return names, err
}

// AllProgrammes returns every programme, inactive ones included.
func (db *DB) AllProgrammes(ctx context.Context) ([]aid.Programme, error) {
	return db.programmes(ctx, false)
}

func (db *DB) programmes(ctx context.Context, activeOnly bool) ([]aid.Programme, error) {
	q := `SELECT name, active FROM programmes`
	if activeOnly {
		q += ` WHERE active`
	}
	rows, err := db.pool.Query(ctx, q+` ORDER BY sort, name COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("membaca daftar program: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (aid.Programme, error) {
		var p aid.Programme
		return p, r.Scan(&p.Name, &p.Active)
	})
	if err != nil {
		return nil, fmt.Errorf("membaca daftar program: %w", err)
	}
	return out, nil
}

// AddProgramme adds a programme at the end of the list, or reactivates an
// inactive one of exactly that name; another name already in the list
// (ignoring case) is refused.
func (db *DB) AddProgramme(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("menambah program: nama program kosong")
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var have string
		var active bool
		err := tx.QueryRow(ctx, `SELECT name, active FROM programmes WHERE lower(name) = lower($1)`, name).Scan(&have, &active)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			_, err = tx.Exec(ctx, `INSERT INTO programmes(name, sort, active)
				VALUES($1, (SELECT coalesce(max(sort) + 1, 0) FROM programmes), true)`, name)
			return err
		case err != nil:
			return err
		case have == name && !active:
			_, err = tx.Exec(ctx, `UPDATE programmes SET active = true WHERE name = $1`, name)
			return err
		}
		return fmt.Errorf("%w: %q", ErrProgrammeExists, have)
	})
	if err != nil {
		return fmt.Errorf("menambah program %q: %w", name, err)
	}
	return nil
}

// RenameProgramme renames a programme in the list, its interventions (ON
// UPDATE CASCADE) and the change log, in one transaction.
func (db *DB) RenameProgramme(ctx context.Context, old, new string) error {
	new = strings.TrimSpace(new)
	if new == "" {
		return fmt.Errorf("mengganti nama program %q: nama baru kosong", old)
	}
	if new == old {
		return nil
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM programmes WHERE name = $1)`, old).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return fmt.Errorf("%w: %q", ErrUnknownProgramme, old)
		}
		var clash string
		err := tx.QueryRow(ctx, `SELECT name FROM programmes WHERE lower(name) = lower($1) AND name <> $2`, new, old).Scan(&clash)
		switch {
		case err == nil:
			return fmt.Errorf("%w: %q", ErrProgrammeExists, clash)
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE programmes SET name = $1 WHERE name = $2`, new, old); err != nil {
			return err
		}
		for _, col := range []string{"before", "after"} {
			if _, err := tx.Exec(ctx, `UPDATE change_log SET `+col+` = jsonb_set(`+col+`, '{programme}', to_jsonb($1::text))
				WHERE entity = $2 AND `+col+`->>'programme' = $3`, new, entityIntervention, old); err != nil {
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

// SetProgrammeActive activates or deactivates a programme.
func (db *DB) SetProgrammeActive(ctx context.Context, name string, active bool) error {
	tag, err := db.pool.Exec(ctx, `UPDATE programmes SET active = $1 WHERE name = $2`, active, name)
	if err == nil && tag.RowsAffected() == 0 {
		err = fmt.Errorf("%w: %q", ErrUnknownProgramme, name)
	}
	if err != nil {
		return fmt.Errorf("mengubah status program %q: %w", name, err)
	}
	return nil
}

// --- Interventions ---

// overlaps returns the codes an area overlaps upward (itself and its
// ancestors) and the range of its descendants' codes.
func overlaps(area string) ([]string, string, string) {
	same := []string{area}
	for p := geo.ParentCode(area); p != ""; p = geo.ParentCode(p) {
		same = append(same, p)
	}
	// Codes are digits and dots and '/' follows '.': the descendants of
	// area are the codes between area+"." and area+"/".
	return same, area + ".", area + "/"
}

const interventionCols = `i.id, i.programme, i.priority, i.agency, i.funding, i.budget, i.households,
	i.persons, i.start_date, i.end_date, i.status, i.notes, i.row_version,
	coalesce((SELECT string_agg(a.code, ';' ORDER BY a.code COLLATE "C") FROM intervention_areas a WHERE a.intervention_id = i.id), '')`

func scanIntervention(row pgx.Row) (aid.Intervention, error) {
	var (
		iv               aid.Intervention
		priority, status string
		areas            string
		start, end       time.Time
	)
	if err := row.Scan(&iv.ID, &iv.Programme, &priority, &iv.Agency, &iv.Funding, &iv.Budget, &iv.Households,
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
	iv.Start, iv.End = aid.Day(start), aid.Day(end)
	if areas != "" {
		iv.Areas = strings.Split(areas, ";")
	}
	return iv, nil
}

// querier is what the pool and a transaction have in common.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func loadIntervention(ctx context.Context, q querier, id int64, lock bool) (*aid.Intervention, error) {
	q2 := `SELECT ` + interventionCols + ` FROM interventions i WHERE i.id = $1`
	if lock {
		q2 += ` FOR UPDATE`
	}
	iv, err := scanIntervention(q.QueryRow(ctx, q2, id))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, fmt.Errorf("%w: nomor %d", ErrNoIntervention, id)
	case err != nil:
		return nil, fmt.Errorf("membaca intervensi %d: %w", id, err)
	}
	return &iv, nil
}

// Interventions returns the interventions selected by f, by start date
// then id.
func (db *DB) Interventions(ctx context.Context, f aid.Filter) ([]aid.Intervention, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Area != "" {
		same, lo, hi := overlaps(f.Area)
		where = append(where, `EXISTS(SELECT 1 FROM intervention_areas a WHERE a.intervention_id = i.id AND (a.code = ANY(`+
			arg(same)+`) OR (a.code > `+arg(lo)+` COLLATE "C" AND a.code < `+arg(hi)+` COLLATE "C")))`)
	}
	eq := func(col string, v any) { where = append(where, col+" = "+arg(v)) }
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
		d := arg(aid.Day(f.ActiveOn))
		where = append(where, `i.status <> 'selesai' AND i.start_date <= `+d+` AND i.end_date >= `+d)
	}
	q := `SELECT ` + interventionCols + ` FROM interventions i`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := db.pool.Query(ctx, q+` ORDER BY i.start_date, i.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("membaca intervensi: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (aid.Intervention, error) { return scanIntervention(r) })
	if err != nil {
		return nil, fmt.Errorf("membaca intervensi: %w", err)
	}
	return out, nil
}

// validate checks iv with what the server holds (aid.ValidateStored).
func validate(ctx context.Context, tx pgx.Tx, iv *aid.Intervention, current string) error {
	rows, err := tx.Query(ctx, `SELECT code FROM areas WHERE code = ANY($1) AND level IN ('kecamatan', 'desa', 'kelurahan')`, iv.Areas)
	if err != nil {
		return fmt.Errorf("memeriksa wilayah: %w", err)
	}
	codes, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("memeriksa wilayah: %w", err)
	}
	state := aid.ProgrammeMissing
	if strings.TrimSpace(iv.Programme) != "" {
		var active bool
		err := tx.QueryRow(ctx, `SELECT active FROM programmes WHERE name = $1`, iv.Programme).Scan(&active)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return fmt.Errorf("memeriksa program: %w", err)
		case active:
			state = aid.ProgrammeActive
		default:
			state = aid.ProgrammeInactive
		}
	}
	return iv.ValidateStored(func(c string) bool { return slices.Contains(codes, c) }, state, current)
}

// writeIntervention inserts (with iv.ID when it is not zero) or updates
// the normalized iv and replaces its areas; it returns the id.
func writeIntervention(ctx context.Context, tx pgx.Tx, iv *aid.Intervention, insert bool) (int64, error) {
	args := []any{iv.Programme, iv.Priority.Key(), iv.Agency, iv.Funding, iv.Budget, iv.Households, iv.Persons,
		aid.Day(iv.Start), aid.Day(iv.End), iv.Status.String(), iv.Notes}
	id := iv.ID
	var err error
	switch {
	case insert && id != 0:
		_, err = tx.Exec(ctx, `INSERT INTO interventions(programme, priority, agency, funding, budget,
			households, persons, start_date, end_date, status, notes, id)
			VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, append(args, id)...)
	case insert:
		err = tx.QueryRow(ctx, `INSERT INTO interventions(programme, priority, agency, funding, budget,
			households, persons, start_date, end_date, status, notes)
			VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`, args...).Scan(&id)
	default:
		_, err = tx.Exec(ctx, `UPDATE interventions SET programme = $1, priority = $2, agency = $3,
			funding = $4, budget = $5, households = $6, persons = $7, start_date = $8, end_date = $9, status = $10,
			notes = $11, updated_at = now(), row_version = row_version + 1 WHERE id = $12`, append(args, id)...)
		if err == nil {
			_, err = tx.Exec(ctx, `DELETE FROM intervention_areas WHERE intervention_id = $1`, id)
		}
	}
	if err != nil {
		return 0, fmt.Errorf("menyimpan intervensi %d: %w", id, err)
	}
	for _, c := range iv.Areas {
		if _, err := tx.Exec(ctx, `INSERT INTO intervention_areas(intervention_id, code) VALUES($1, $2)`, id, c); err != nil {
			return 0, fmt.Errorf("menyimpan wilayah %s intervensi %d: %w", c, id, err)
		}
	}
	return id, nil
}

// lastChangeConflict is the conflict with the newest logged change of
// intervention id, over the store's error base (nil for none).
func lastChangeConflict(ctx context.Context, q querier, id int64, undo bool, base error) error {
	c := &aid.ConflictError{ID: id, Undo: undo, Err: base}
	if err := q.QueryRow(ctx, `SELECT username, at, action FROM change_log WHERE entity = $1 AND entity_id = $2
		ORDER BY id DESC LIMIT 1`, entityIntervention, id).Scan(&c.By, &c.At, &c.Action); err != nil {
		return fmt.Errorf("membaca riwayat intervensi %d: %w", id, err)
	}
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

// AddIntervention validates iv and stores it with its change-log entry in
// one transaction, then sets iv.ID.
func (db *DB) AddIntervention(ctx context.Context, iv *aid.Intervention) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if err := validate(ctx, tx, iv, ""); err != nil {
			return err
		}
		n := ivsnap.Normalized(iv)
		n.ID = 0
		var err error
		if id, err = writeIntervention(ctx, tx, &n, true); err != nil {
			return err
		}
		n.ID = id
		_, err = db.logChange(ctx, tx, "create", id, nil, &n, 0, 0)
		return err
	})
	if err != nil {
		return 0, saveError(err, "menambah intervensi")
	}
	iv.ID = id
	return id, nil
}

// UpdateIntervention validates iv and replaces the stored one, logged; an
// update that changes nothing writes nothing.
func (db *DB) UpdateIntervention(ctx context.Context, iv *aid.Intervention) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		// The row is locked until the transaction ends: two workstations
		// saving at once are serialized, the second one seeing the first's
		// version.
		before, err := loadIntervention(ctx, tx, iv.ID, true)
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
		if _, err := writeIntervention(ctx, tx, &after, false); err != nil {
			return err
		}
		_, err = db.logChange(ctx, tx, "update", iv.ID, before, &after, 0, 0)
		return err
	})
	if err != nil {
		return saveError(err, "mengubah intervensi %d", iv.ID)
	}
	return nil
}

// DeleteIntervention deletes intervention id, logged.
func (db *DB) DeleteIntervention(ctx context.Context, id int64) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		before, err := loadIntervention(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM interventions WHERE id = $1`, id); err != nil {
			return err
		}
		_, err = db.logChange(ctx, tx, "delete", id, before, nil, 0, 0)
		return err
	})
	if err != nil {
		return fmt.Errorf("menghapus intervensi %d: %w", id, err)
	}
	return nil
}

// --- Change log ---

// logChange records a change (an undo of undoes, a redo of redoes) and
// returns the entry's id.
func (db *DB) logChange(ctx context.Context, tx pgx.Tx, action string, id int64, before, after *aid.Intervention, undoes, redoes int64) (int64, error) {
	var codes []string
	for _, iv := range []*aid.Intervention{before, after} {
		if iv != nil {
			codes = append(codes, iv.Areas...)
		}
	}
	codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	b, err := ivsnap.Marshal(before)
	if err != nil {
		return 0, fmt.Errorf("mencatat perubahan: %w", err)
	}
	a, err := ivsnap.Marshal(after)
	if err != nil {
		return 0, fmt.Errorf("mencatat perubahan: %w", err)
	}
	nullable := func(v int64) any {
		if v == 0 {
			return nil
		}
		return v
	}
	name, host := db.who()
	var lid int64
	err = tx.QueryRow(ctx, `INSERT INTO change_log(username, workstation, entity, entity_id, action, before, after, areas, undoes, redoes)
		VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, name, host, entityIntervention, id, action,
		jsonArg(b), jsonArg(a), strings.Join(codes, ";"), nullable(undoes), nullable(redoes)).Scan(&lid)
	if err != nil {
		return 0, fmt.Errorf("mencatat perubahan: %w", err)
	}
	return lid, nil
}

// jsonArg passes a JSON document to a jsonb column, NULL for none.
func jsonArg(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

const changeCols = `c.id, c.at, c.username, c.entity, c.entity_id, c.action, c.before::text, c.after::text,
	coalesce(c.undoes, 0), coalesce((SELECT u.id FROM change_log u WHERE u.undoes = c.id), 0), coalesce(c.redoes, 0)`

func scanChange(row pgx.Row) (*aid.Change, error) {
	var ch aid.Change
	var before, after *string
	if err := row.Scan(&ch.ID, &ch.At, &ch.User, &ch.Entity, &ch.EntityID, &ch.Action, &before, &after,
		&ch.Undoes, &ch.UndoneBy, &ch.Redoes); err != nil {
		return nil, err
	}
	ch.At = ch.At.UTC().Truncate(time.Second)
	var err error
	if before != nil {
		if ch.Before, err = ivsnap.Unmarshal([]byte(*before)); err != nil {
			return nil, fmt.Errorf("perubahan %d: data sebelum: %w", ch.ID, err)
		}
	}
	if after != nil {
		if ch.After, err = ivsnap.Unmarshal([]byte(*after)); err != nil {
			return nil, fmt.Errorf("perubahan %d: data sesudah: %w", ch.ID, err)
		}
	}
	return &ch, nil
}

// Changes returns the change-log entries, newest first, at most limit of
// them (all when limit <= 0); a non-empty area selects those touching
// areas overlapping it.
func (db *DB) Changes(ctx context.Context, area string, limit int) ([]aid.Change, error) {
	q := `SELECT ` + changeCols + ` FROM change_log c`
	var args []any
	if area != "" {
		same, _, _ := overlaps(area)
		var conds []string
		for _, c := range same {
			args = append(args, ";"+c+";")
			conds = append(conds, fmt.Sprintf(`strpos(';' || c.areas || ';', $%d) > 0`, len(args)))
		}
		args = append(args, ";"+area+".")
		conds = append(conds, fmt.Sprintf(`strpos(';' || c.areas, $%d) > 0`, len(args)))
		q += ` WHERE (` + strings.Join(conds, " OR ") + `)`
	}
	q += ` ORDER BY c.id DESC`
	if limit > 0 {
		args = append(args, limit)
		q += fmt.Sprintf(` LIMIT $%d`, len(args))
	}
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("membaca riwayat perubahan: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (aid.Change, error) {
		ch, err := scanChange(r)
		if err != nil {
			return aid.Change{}, err
		}
		return *ch, nil
	})
	if err != nil {
		return nil, fmt.Errorf("membaca riwayat perubahan: %w", err)
	}
	return out, nil
}

// UndoLast reverts the most recent create, update or delete not undone
// yet, in one transaction, logged as an undo.
func (db *DB) UndoLast(ctx context.Context) (*aid.Change, error) {
	var ch *aid.Change
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		me, _ := db.who()
		ch, err = scanChange(tx.QueryRow(ctx, `SELECT `+changeCols+` FROM change_log c
			WHERE c.entity = $1 AND c.username = $2 AND c.action IN ('create', 'update', 'delete')
			AND NOT EXISTS(SELECT 1 FROM change_log u WHERE u.undoes = c.id)
			ORDER BY c.id DESC LIMIT 1 FOR UPDATE`, entityIntervention, me))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			ch = nil
			return nil
		case err != nil:
			return fmt.Errorf("membaca riwayat perubahan: %w", err)
		}
		// Someone else changed the intervention since: not reverted
		// silently.
		var later bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM change_log n WHERE n.entity = $1 AND n.entity_id = $2
			AND n.id > $3 AND n.username <> $4)`, entityIntervention, ch.EntityID, ch.ID, me).Scan(&later); err != nil {
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
			if before, err = loadIntervention(ctx, tx, ch.EntityID, true); err != nil {
				return err
			}
		}
		switch ch.Action {
		case "create":
			if _, err := tx.Exec(ctx, `DELETE FROM interventions WHERE id = $1`, ch.EntityID); err != nil {
				return fmt.Errorf("menghapus intervensi %d: %w", ch.EntityID, err)
			}
		case "update", "delete":
			if ch.Before == nil {
				return fmt.Errorf("perubahan %d tidak menyimpan data sebelumnya", ch.ID)
			}
			after = ch.Before
			if _, err := writeIntervention(ctx, tx, after, ch.Action == "delete"); err != nil {
				return err
			}
		default:
			return fmt.Errorf("perubahan %d: tindakan %q tidak dapat dibatalkan", ch.ID, ch.Action)
		}
		ch.UndoneBy, err = db.logChange(ctx, tx, "undo", ch.EntityID, before, after, ch.ID, 0)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("membatalkan perubahan terakhir: %w", err)
	}
	return ch, nil
}

// RedoLast makes again what the newest undo reverted, while nothing but
// other redos was changed since, logged as the change it makes.
func (db *DB) RedoLast(ctx context.Context) (*aid.Change, error) {
	var ch *aid.Change
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		me, _ := db.who()
		u, err := scanChange(tx.QueryRow(ctx, `SELECT `+changeCols+` FROM change_log c
			WHERE c.entity = $1 AND c.action = 'undo' AND c.username = $2
			AND NOT EXISTS(SELECT 1 FROM change_log r WHERE r.redoes = c.id)
			AND NOT EXISTS(SELECT 1 FROM change_log n WHERE n.entity = c.entity AND n.id > c.id
				AND n.action IN ('create', 'update', 'delete') AND n.redoes IS NULL)
			ORDER BY c.id DESC LIMIT 1 FOR UPDATE`, entityIntervention, me))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return nil
		case err != nil:
			return fmt.Errorf("membaca riwayat perubahan: %w", err)
		}
		ch = &aid.Change{Entity: entityIntervention, EntityID: u.EntityID, Redoes: u.ID, Before: u.After, After: u.Before}
		switch {
		case u.Before == nil && u.After != nil:
			ch.Action = "delete"
			if _, err := tx.Exec(ctx, `DELETE FROM interventions WHERE id = $1`, u.EntityID); err != nil {
				return fmt.Errorf("menghapus intervensi %d: %w", u.EntityID, err)
			}
		case u.Before != nil && u.After == nil:
			ch.Action = "create"
			if _, err := writeIntervention(ctx, tx, u.Before, true); err != nil {
				return err
			}
		case u.Before != nil:
			ch.Action = "update"
			if _, err := writeIntervention(ctx, tx, u.Before, false); err != nil {
				return err
			}
		default:
			return fmt.Errorf("pengurungan %d tidak menyimpan datanya", u.ID)
		}
		ch.ID, err = db.logChange(ctx, tx, ch.Action, ch.EntityID, ch.Before, ch.After, 0, u.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mengulangi perubahan yang diurungkan: %w", err)
	}
	return ch, nil
}
