package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
)

// MetaHouseholdMapping is the meta key of the last list's column mapping.
const MetaHouseholdMapping = "household_mapping"

// copyBatch is how many rows the writer sends in one COPY.
const copyBatch = 5000

// upsertHouseholdIndicator writes a list's definition like
// SaveIndicators, the default period only moving forward.
const upsertHouseholdIndicator = `INSERT INTO indicators(` + indicatorCols + `, sort)
	VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
	ON CONFLICT(key) DO UPDATE SET label = excluded.label, unit = excluded.unit,
	poorer = excluded.poorer, source = excluded.source,
	period = GREATEST(indicators.period, excluded.period), synthetic = excluded.synthetic,
	numerator = excluded.numerator, denominator = excluded.denominator,
	scale = excluded.scale, kind = excluded.kind, sort = excluded.sort`

// nullText is s, or NULL when empty; nullCount n, or NULL below zero.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullCount(n int) any {
	if n < 0 {
		return nil
	}
	return n
}

// ImportSnapshot stores a household list as the snapshot of info.Period in
// one transaction, as the SQLite store does (a period imported before is
// refused unless info.Replace; an error from fill writes nothing).
// Households and findings go to the server by COPY.
func (db *DB) ImportSnapshot(ctx context.Context, info household.SnapshotInfo, fill func(household.SnapshotWriter) (string, error)) (int64, error) {
	if err := household.CheckPeriod(info.Period); err != nil {
		return 0, err
	}
	mapJSON, err := json.Marshal(household.CleanMapping(info.Mapping))
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		var prevFile string
		var prevAt time.Time
		err := tx.QueryRow(ctx, `SELECT file, imported_at FROM household_snapshots WHERE period = $1`, info.Period).Scan(&prevFile, &prevAt)
		switch {
		case err == nil && info.Replace:
			if err := deleteSnapshot(ctx, tx, info.Period); err != nil {
				return err
			}
			if err := logImport(ctx, tx, "rumah tangga (ganti)", info.File,
				fmt.Sprintf("daftar periode %s dari %s (diimpor %s) diganti dengan %s", info.Period, prevFile, prevAt.UTC().Format(time.RFC3339), info.File)); err != nil {
				return err
			}
		case err == nil:
			return fmt.Errorf("%w: periode %s sudah diimpor dari %s pada %s; daftar baru tidak menimpa daftar lama tanpa izin: pilih periode lain, atau ganti daftar periode itu (CLI: --replace)",
				household.ErrPeriodImported, info.Period, prevFile, prevAt.UTC().Format(time.RFC3339))
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO household_snapshots(period, file, households, findings, mapping)
			VALUES($1, $2, 0, 0, $3) RETURNING id`, info.Period, info.File, string(mapJSON)).Scan(&id); err != nil {
			return err
		}
		w := &snapshotWriter{tx: tx, id: id}
		summary, err := fill(w)
		if err != nil {
			return err
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE household_snapshots SET households = $1, findings = $2 WHERE id = $3`,
			w.households, w.findings, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO meta(key, value) VALUES($1, $2)
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

// snapshotWriter buffers a list's rows and sends them by COPY.
type snapshotWriter struct {
	tx                   pgx.Tx
	id                   int64
	hrows, frows         [][]any
	households, findings int
}

var (
	householdCols = []string{"snapshot_id", "row", "kk", "nik", "name", "address", "desa", "desil",
		"members", "disabled", "elderly", "programmes", "lon", "lat"}
	findingCols = []string{"snapshot_id", "rule", "severity", "row", "field", "desa", "nik", "message"}
)

// flush sends the buffered rows.
func (w *snapshotWriter) flush(ctx context.Context) error {
	if len(w.hrows) > 0 {
		if _, err := w.tx.CopyFrom(ctx, pgx.Identifier{"households"}, householdCols, pgx.CopyFromRows(w.hrows)); err != nil {
			return fmt.Errorf("menyimpan rumah tangga: %w", err)
		}
		w.hrows = w.hrows[:0]
	}
	if len(w.frows) > 0 {
		if _, err := w.tx.CopyFrom(ctx, pgx.Identifier{"household_findings"}, findingCols, pgx.CopyFromRows(w.frows)); err != nil {
			return fmt.Errorf("menyimpan temuan: %w", err)
		}
		w.frows = w.frows[:0]
	}
	return nil
}

// AddHousehold stores one record with its resolved desa code.
func (w *snapshotWriter) AddHousehold(ctx context.Context, r *household.Record, desa string) error {
	var lon, lat any
	if r.HasPoint {
		lon, lat = r.Point[0], r.Point[1]
	}
	var desil any
	if r.Desil != 0 {
		desil = r.Desil
	}
	w.hrows = append(w.hrows, []any{w.id, r.Row, nullText(r.KK), nullText(r.NIK), nullText(r.Name), nullText(r.Address),
		nullText(desa), desil, nullCount(r.Members), nullCount(r.Disabled), nullCount(r.Elderly),
		nullText(strings.Join(r.Programmes, "; ")), lon, lat})
	w.households++
	if len(w.hrows) >= copyBatch {
		return w.flush(ctx)
	}
	return nil
}

// AddFindings stores findings of the list.
func (w *snapshotWriter) AddFindings(ctx context.Context, fs []household.Finding) error {
	for _, f := range fs {
		w.frows = append(w.frows, []any{w.id, f.Rule, f.Severity.String(), f.Row, nullText(f.Field),
			nullText(f.DesaCode), nullText(f.NIK), f.Message})
		w.findings++
	}
	if len(w.frows) >= copyBatch {
		return w.flush(ctx)
	}
	return nil
}

// SetIndicators writes the list's desa indicators and their values.
func (w *snapshotWriter) SetIndicators(ctx context.Context, defs []geo.Indicator, vals []geo.Value) error {
	tx := w.tx
	if _, err := tx.Exec(ctx, `UPDATE indicators SET sort = sort + $1`, len(defs)); err != nil {
		return err
	}
	for i, ind := range defs {
		if _, err := tx.Exec(ctx, upsertHouseholdIndicator, append(indicatorArgs(ind), i)...); err != nil {
			return fmt.Errorf("indikator %s: %w", ind.Key, err)
		}
	}
	batch := &pgx.Batch{}
	for _, v := range vals {
		batch.Queue(upsertValue, v.Code, v.Indicator, v.Period, v.Value)
	}
	return tx.SendBatch(ctx, batch).Close()
}

// HouseholdMapping returns the column mapping of the last list, or nil.
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

// Snapshots returns the imported lists by period, oldest first.
func (db *DB) Snapshots(ctx context.Context) ([]household.Snapshot, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, period, file, imported_at, households, findings, mapping::text
		FROM household_snapshots ORDER BY period COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (household.Snapshot, error) {
		var s household.Snapshot
		var mjs string
		if err := r.Scan(&s.ID, &s.Period, &s.File, &s.ImportedAt, &s.Households, &s.Findings, &mjs); err != nil {
			return s, err
		}
		s.ImportedAt = s.ImportedAt.UTC()
		return s, json.Unmarshal([]byte(mjs), &s.Mapping)
	})
	if err != nil {
		return nil, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	return out, nil
}

// snapshotID returns the snapshot of period, or the latest for "".
func (db *DB) snapshotID(ctx context.Context, period string) (id int64, ok bool, err error) {
	if period == "" {
		err = db.pool.QueryRow(ctx, `SELECT id FROM household_snapshots ORDER BY period COLLATE "C" DESC LIMIT 1`).Scan(&id)
	} else {
		err = db.pool.QueryRow(ctx, `SELECT id FROM household_snapshots WHERE period = $1`, period).Scan(&id)
	}
	switch {
	case errors.Is(err, pgx.ErrNoRows) && period == "":
		return 0, false, nil
	case errors.Is(err, pgx.ErrNoRows):
		return 0, false, fmt.Errorf("%w: %s", household.ErrNoSnapshot, period)
	case err != nil:
		return 0, false, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	return id, true, nil
}

// Findings returns the findings of one list, by row and then as found.
func (db *DB) Findings(ctx context.Context, f household.FindingFilter) ([]household.Finding, error) {
	id, ok, err := db.snapshotID(ctx, f.Period)
	if err != nil || !ok {
		return nil, err
	}
	q := `SELECT rule, severity, row, coalesce(field, ''), coalesce(desa, ''), coalesce(nik, ''), message
		FROM household_findings WHERE snapshot_id = $1`
	args := []any{id}
	if f.Rule != "" {
		args = append(args, f.Rule)
		q += fmt.Sprintf(` AND rule = $%d`, len(args))
	}
	if f.Desa != "" {
		args = append(args, f.Desa)
		q += fmt.Sprintf(` AND desa = $%d`, len(args))
	}
	q += ` ORDER BY row, id`
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += fmt.Sprintf(` LIMIT $%d`, len(args))
	}
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("membaca temuan: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (household.Finding, error) {
		var fd household.Finding
		var sev string
		err := r.Scan(&fd.Rule, &sev, &fd.Row, &fd.Field, &fd.DesaCode, &fd.NIK, &fd.Message)
		fd.Severity = household.ParseSeverity(sev)
		return fd, err
	})
	if err != nil {
		return nil, fmt.Errorf("membaca temuan: %w", err)
	}
	return out, nil
}

// FindingCounts counts the findings of one list per desa and rule.
func (db *DB) FindingCounts(ctx context.Context, period string) ([]household.RuleCount, error) {
	id, ok, err := db.snapshotID(ctx, period)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT coalesce(desa, ''), rule, severity, count(*)
		FROM household_findings WHERE snapshot_id = $1 GROUP BY desa, rule, severity`, id)
	if err != nil {
		return nil, fmt.Errorf("menghitung temuan: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (household.RuleCount, error) {
		var c household.RuleCount
		var sev string
		err := r.Scan(&c.Desa, &c.Rule, &sev, &c.Count)
		c.Severity = household.ParseSeverity(sev)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("menghitung temuan: %w", err)
	}
	household.SortCounts(out)
	return out, nil
}

// deleteSnapshot deletes a period's list and its list indicators' values.
func deleteSnapshot(ctx context.Context, tx pgx.Tx, period string) error {
	tag, err := tx.Exec(ctx, `DELETE FROM household_snapshots WHERE period = $1`, period)
	if err != nil {
		return fmt.Errorf("menghapus daftar periode %s: %w", period, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%w: periode %s", household.ErrNoSnapshot, period)
	}
	rows, err := tx.Query(ctx, `SELECT key FROM indicators`)
	if err != nil {
		return err
	}
	keys, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, k := range keys {
		if !household.IsListIndicator(k) {
			continue
		}
		if _, err := tx.Exec(ctx, `DELETE FROM indicator_values WHERE indicator = $1 AND period = $2`, k, period); err != nil {
			return fmt.Errorf("menghapus nilai %s periode %s: %w", k, period, err)
		}
	}
	return nil
}

// DeleteSnapshot deletes a period's list, logged.
func (db *DB) DeleteSnapshot(ctx context.Context, period string) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var file string
		if err := tx.QueryRow(ctx, `SELECT file FROM household_snapshots WHERE period = $1`, period).Scan(&file); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
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
