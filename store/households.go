package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
)

// MetaHouseholdMapping is the meta key under which ImportSnapshot
// remembers the column mapping of the last household list, as JSON.
const MetaHouseholdMapping = "household_mapping"

const (
	insertHousehold = `INSERT INTO households(snapshot_id, row, kk, nik, name, address, desa, desil,
		members, disabled, elderly, programmes, lon, lat) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertFinding = `INSERT INTO household_findings(snapshot_id, rule, severity, row, field, desa, nik, message)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?)`

	// upsertHouseholdIndicator writes a definition like SaveIndicators,
	// except that the default period only moves forward: importing an older
	// list later does not make it the default.
	upsertHouseholdIndicator = `INSERT INTO indicators(` + indicatorCols + `, sort)
		VALUES(` + indicatorMarks + `, ?)
		ON CONFLICT(key) DO UPDATE SET label = excluded.label, unit = excluded.unit,
		poorer = excluded.poorer, source = excluded.source,
		period = max(period, excluded.period), synthetic = excluded.synthetic,
		numerator = excluded.numerator, denominator = excluded.denominator,
		scale = excluded.scale, kind = excluded.kind, sort = excluded.sort`
)

// nullText is s, or NULL when empty.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullCount is n, or NULL when below zero (missing).
func nullCount(n int) any {
	if n < 0 {
		return nil
	}
	return n
}

// ImportSnapshot stores a household list as the snapshot of info.Period in
// one transaction: the snapshot row is created (a period that already has
// a list is refused with household.ErrPeriodImported, naming the file
// imported for it: a new list never overwrites an older one), fill writes
// the households, findings and desa indicators through the writer it is
// given, the snapshot's counts and the column mapping (remembered for the
// next list, HouseholdMapping) are saved and the import is logged with the
// summary fill returns. Any error from fill rolls everything back. It
// returns the snapshot's ID. The write lock is held for the whole import.
func (db *DB) ImportSnapshot(ctx context.Context, info household.SnapshotInfo, fill func(household.SnapshotWriter) (string, error)) (int64, error) {
	if err := household.CheckPeriod(info.Period); err != nil {
		return 0, err
	}
	mapJSON, err := json.Marshal(household.CleanMapping(info.Mapping))
	if err != nil {
		return 0, err
	}
	if _, err := db.AutoBackup(ctx, "rumah-tangga"); err != nil {
		return 0, err
	}
	var id int64
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var prevFile, prevAt string
		err := tx.QueryRowContext(ctx, `SELECT file, imported_at FROM household_snapshots WHERE period = ?`, info.Period).Scan(&prevFile, &prevAt)
		switch {
		case err == nil && info.Replace:
			if err := deleteSnapshot(ctx, tx, info.Period); err != nil {
				return err
			}
			if err := logImport(ctx, tx, "rumah tangga (ganti)", info.File,
				fmt.Sprintf("daftar periode %s dari %s (diimpor %s) diganti dengan %s", info.Period, prevFile, prevAt, info.File)); err != nil {
				return err
			}
		case err == nil:
			return fmt.Errorf("%w: periode %s sudah diimpor dari %s pada %s; daftar baru tidak menimpa daftar lama tanpa izin: pilih periode lain, atau ganti daftar periode itu (CLI: --replace)",
				household.ErrPeriodImported, info.Period, prevFile, prevAt)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO household_snapshots(period, file, imported_at, households, findings, mapping)
			VALUES(?, ?, ?, 0, 0, ?)`, info.Period, info.File, now(), string(mapJSON))
		if err != nil {
			return err
		}
		if id, err = r.LastInsertId(); err != nil {
			return err
		}
		w := &snapshotWriter{tx: tx, id: id}
		defer w.close()
		summary, err := fill(w)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE household_snapshots SET households = ?, findings = ? WHERE id = ?`,
			w.households, w.findings, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, MetaHouseholdMapping, string(mapJSON)); err != nil {
			return err
		}
		return logImport(ctx, tx, "rumah tangga", info.File, summary)
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// snapshotWriter writes one household list inside ImportSnapshot's
// transaction.
type snapshotWriter struct {
	tx                   *sql.Tx
	id                   int64
	hst, fst             *sql.Stmt
	households, findings int
}

func (w *snapshotWriter) close() {
	for _, st := range []*sql.Stmt{w.hst, w.fst} {
		if st != nil {
			st.Close()
		}
	}
}

// AddHousehold stores one record with its resolved desa code ("" for
// none).
func (w *snapshotWriter) AddHousehold(ctx context.Context, r *household.Record, desa string) error {
	if w.hst == nil {
		var err error
		if w.hst, err = w.tx.PrepareContext(ctx, insertHousehold); err != nil {
			return err
		}
	}
	var lon, lat any
	if r.HasPoint {
		lon, lat = r.Point[0], r.Point[1]
	}
	desil := any(nil)
	if r.Desil != 0 {
		desil = r.Desil
	}
	if _, err := w.hst.ExecContext(ctx, w.id, r.Row, nullText(r.KK), nullText(r.NIK), nullText(r.Name), nullText(r.Address),
		nullText(desa), desil, nullCount(r.Members), nullCount(r.Disabled), nullCount(r.Elderly),
		nullText(strings.Join(r.Programmes, "; ")), lon, lat); err != nil {
		return fmt.Errorf("baris %d: menyimpan rumah tangga: %w", r.Row, err)
	}
	w.households++
	return nil
}

// AddFindings stores findings of the list.
func (w *snapshotWriter) AddFindings(ctx context.Context, fs []household.Finding) error {
	if len(fs) > 0 && w.fst == nil {
		var err error
		if w.fst, err = w.tx.PrepareContext(ctx, insertFinding); err != nil {
			return err
		}
	}
	for _, f := range fs {
		if _, err := w.fst.ExecContext(ctx, w.id, f.Rule, f.Severity.String(), f.Row, nullText(f.Field),
			nullText(f.DesaCode), nullText(f.NIK), f.Message); err != nil {
			return fmt.Errorf("baris %d: menyimpan temuan %s: %w", f.Row, f.Rule, err)
		}
		w.findings++
	}
	return nil
}

// SetIndicators writes the list's desa indicators: the definitions first
// in display order (the default period only moves forward) and their
// values.
func (w *snapshotWriter) SetIndicators(ctx context.Context, defs []geo.Indicator, vals []geo.Value) error {
	tx := w.tx
	if _, err := tx.ExecContext(ctx, `UPDATE indicators SET sort = sort + ?`, len(defs)); err != nil {
		return err
	}
	for i, ind := range defs {
		if _, err := tx.ExecContext(ctx, upsertHouseholdIndicator, append(indicatorArgs(ind), i)...); err != nil {
			return fmt.Errorf("indikator %s: %w", ind.Key, err)
		}
	}
	vst, err := tx.PrepareContext(ctx, upsertValue)
	if err != nil {
		return err
	}
	defer vst.Close()
	for _, val := range vals {
		if _, err := vst.ExecContext(ctx, val.Code, val.Indicator, val.Period, val.Value); err != nil {
			return fmt.Errorf("nilai %s %s: %w", val.Indicator, val.Code, err)
		}
	}
	return nil
}

// HouseholdMapping returns the column mapping of the last household list
// imported, or nil when none has been.
func (db *DB) HouseholdMapping(ctx context.Context) (map[string]string, error) {
	s, err := db.Meta(ctx, MetaHouseholdMapping)
	if err != nil || s == "" {
		return nil, err
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("membaca pemetaan kolom tersimpan: %w", err)
	}
	return m, nil
}

// Snapshots returns the imported household lists by period, oldest first.
func (db *DB) Snapshots(ctx context.Context) ([]household.Snapshot, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, period, file, imported_at, households, findings, mapping
		FROM household_snapshots ORDER BY period`)
	if err != nil {
		return nil, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	defer rows.Close()
	var out []household.Snapshot
	for rows.Next() {
		var (
			s       household.Snapshot
			at, mjs string
		)
		if err := rows.Scan(&s.ID, &s.Period, &s.File, &at, &s.Households, &s.Findings, &mjs); err != nil {
			return nil, fmt.Errorf("membaca daftar rumah tangga: %w", err)
		}
		s.ImportedAt, _ = time.Parse(time.RFC3339, at)
		if err := json.Unmarshal([]byte(mjs), &s.Mapping); err != nil {
			return nil, fmt.Errorf("daftar rumah tangga %s: pemetaan kolom rusak: %w", s.Period, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	return out, nil
}

// snapshotID returns the snapshot of period, or of the latest period when
// period is "". ok is false when there is no snapshot at all (period "");
// a period without a snapshot is an error wrapping household.ErrNoSnapshot.
func (db *DB) snapshotID(ctx context.Context, period string) (id int64, ok bool, err error) {
	if period == "" {
		err = db.db.QueryRowContext(ctx, `SELECT id FROM household_snapshots ORDER BY period DESC LIMIT 1`).Scan(&id)
	} else {
		err = db.db.QueryRowContext(ctx, `SELECT id FROM household_snapshots WHERE period = ?`, period).Scan(&id)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows) && period == "":
		return 0, false, nil
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, fmt.Errorf("%w: %s", household.ErrNoSnapshot, period)
	case err != nil:
		return 0, false, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	return id, true, nil
}

// Findings returns the findings of one household list, by row and then in
// the order they were found. With period "" and no list imported it
// returns nothing. NIK is returned as stored, unmasked: callers mask it
// (household.Mask) before showing it.
func (db *DB) Findings(ctx context.Context, f household.FindingFilter) ([]household.Finding, error) {
	id, ok, err := db.snapshotID(ctx, f.Period)
	if err != nil || !ok {
		return nil, err
	}
	q := `SELECT rule, severity, row, coalesce(field, ''), coalesce(desa, ''), coalesce(nik, ''), message
		FROM household_findings WHERE snapshot_id = ?`
	args := []any{id}
	if f.Rule != "" {
		q += ` AND rule = ?`
		args = append(args, f.Rule)
	}
	if f.Desa != "" {
		q += ` AND desa = ?`
		args = append(args, f.Desa)
	}
	q += ` ORDER BY row, rowid`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("membaca temuan: %w", err)
	}
	defer rows.Close()
	var out []household.Finding
	for rows.Next() {
		var (
			fd  household.Finding
			sev string
		)
		if err := rows.Scan(&fd.Rule, &sev, &fd.Row, &fd.Field, &fd.DesaCode, &fd.NIK, &fd.Message); err != nil {
			return nil, fmt.Errorf("membaca temuan: %w", err)
		}
		fd.Severity = household.ParseSeverity(sev)
		out = append(out, fd)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca temuan: %w", err)
	}
	return out, nil
}

// FindingCounts returns the findings of one household list (period "" =
// the latest; nothing when none is imported) counted per desa and rule,
// sorted by desa code and then in the order of household.Rules.
func (db *DB) FindingCounts(ctx context.Context, period string) ([]household.RuleCount, error) {
	id, ok, err := db.snapshotID(ctx, period)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT coalesce(desa, ''), rule, severity, count(*)
		FROM household_findings WHERE snapshot_id = ? GROUP BY desa, rule, severity`, id)
	if err != nil {
		return nil, fmt.Errorf("menghitung temuan: %w", err)
	}
	defer rows.Close()
	var out []household.RuleCount
	for rows.Next() {
		var (
			c   household.RuleCount
			sev string
		)
		if err := rows.Scan(&c.Desa, &c.Rule, &sev, &c.Count); err != nil {
			return nil, fmt.Errorf("menghitung temuan: %w", err)
		}
		c.Severity = household.ParseSeverity(sev)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("menghitung temuan: %w", err)
	}
	household.SortCounts(out)
	return out, nil
}

// deleteSnapshot deletes the list of a period (its households and findings
// go with it) and the values of the list's desa indicators for the
// period, inside tx.
func deleteSnapshot(ctx context.Context, tx *sql.Tx, period string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM household_snapshots WHERE period = ?`, period)
	if err != nil {
		return fmt.Errorf("menghapus daftar periode %s: %w", period, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: periode %s", household.ErrNoSnapshot, period)
	}
	rows, err := tx.QueryContext(ctx, `SELECT key FROM indicators`)
	if err != nil {
		return err
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return err
		}
		if household.IsListIndicator(k) {
			keys = append(keys, k)
		}
	}
	rows.Close()
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `DELETE FROM indicator_values WHERE indicator = ? AND period = ?`, k, period); err != nil {
			return fmt.Errorf("menghapus nilai %s periode %s: %w", k, period, err)
		}
	}
	return nil
}

// DeleteSnapshot deletes the household list of a period with its
// households, findings and desa indicator values of that period, in one
// transaction after an automatic backup, and logs it. A period without a
// list gives household.ErrNoSnapshot.
func (db *DB) DeleteSnapshot(ctx context.Context, period string) error {
	if _, err := db.AutoBackup(ctx, "hapus-rumah-tangga"); err != nil {
		return err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var file string
		if err := tx.QueryRowContext(ctx, `SELECT file FROM household_snapshots WHERE period = ?`, period).Scan(&file); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: periode %s", household.ErrNoSnapshot, period)
			}
			return err
		}
		if err := deleteSnapshot(ctx, tx, period); err != nil {
			return err
		}
		return logImport(ctx, tx, "rumah tangga (hapus)", file, "daftar periode "+period+" dihapus")
	})
	if err != nil {
		return fmt.Errorf("menghapus daftar rumah tangga: %w", err)
	}
	return nil
}
