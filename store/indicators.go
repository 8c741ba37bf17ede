package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// ErrUnknownIndicator is returned, wrapped, for an indicator key that has
// no definition.
var ErrUnknownIndicator = errors.New("indikator tidak dikenal")

const (
	indicatorCols = `key, label, unit, poorer, source, period, synthetic, numerator, denominator, scale, kind, categories, ordered`

	// indicatorMarks are the placeholders of indicatorCols.
	indicatorMarks = `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`

	upsertValue = `INSERT INTO indicator_values(code, indicator, period, value) VALUES(?, ?, ?, ?)
		ON CONFLICT(code, indicator, period) DO UPDATE SET value = excluded.value`

	// importIndicator adds a definition found in an indicator file, after
	// the others. An existing definition is kept: only empty texts are
	// filled in, the default period moves forward and synthetic data marks
	// the indicator synthetic; a derived definition is never touched.
	importIndicator = `INSERT INTO indicators(` + indicatorCols + `, sort)
		VALUES(` + indicatorMarks + `, (SELECT coalesce(max(sort) + 1, 0) FROM indicators))
		ON CONFLICT(key) DO UPDATE SET
		label = CASE WHEN label = '' THEN excluded.label ELSE label END,
		kind = CASE WHEN kind = '' THEN excluded.kind ELSE kind END,
		unit = CASE WHEN unit = '' THEN excluded.unit ELSE unit END,
		source = CASE WHEN source = '' THEN excluded.source ELSE source END,
		period = max(period, excluded.period),
		synthetic = synthetic OR excluded.synthetic,
		categories = CASE WHEN excluded.categories <> '' THEN excluded.categories ELSE categories END,
		ordered = CASE WHEN excluded.categories <> '' THEN excluded.ordered ELSE ordered END`
)

// indicatorArgs returns the values of indicatorCols for ind.
func indicatorArgs(ind geo.Indicator) []any {
	return []any{ind.Key, ind.Label, ind.Unit, ind.Poorer.Key(), ind.Source, ind.Period,
		ind.Synthetic, ind.Numerator, ind.Denominator, ind.Scale, ind.Sort, strings.Join(ind.Categories, "\n"), ind.Ordered}
}

// scale is the factor of a derived indicator, 1 when unset.
func scale(ind geo.Indicator) float64 {
	if ind.Scale == 0 {
		return 1
	}
	return ind.Scale
}

// SaveIndicators inserts or replaces the definitions in defs. They are
// ordered as given, before the indicators not in defs.
func (db *DB) SaveIndicators(ctx context.Context, defs []geo.Indicator) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE indicators SET sort = sort + ?`, len(defs)); err != nil {
			return err
		}
		for i, ind := range defs {
			_, err := tx.ExecContext(ctx, `INSERT INTO indicators(`+indicatorCols+`, sort)
				VALUES(`+indicatorMarks+`, ?)
				ON CONFLICT(key) DO UPDATE SET label = excluded.label, unit = excluded.unit,
				poorer = excluded.poorer, source = excluded.source,
				period = excluded.period, synthetic = excluded.synthetic,
				numerator = excluded.numerator, denominator = excluded.denominator,
				scale = excluded.scale, kind = excluded.kind, categories = excluded.categories,
				ordered = excluded.ordered, sort = excluded.sort`, append(indicatorArgs(ind), i)...)
			if err != nil {
				return fmt.Errorf("indikator %s: %w", ind.Key, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("menyimpan definisi indikator: %w", err)
	}
	return nil
}

type scanner interface{ Scan(dest ...any) error }

func scanIndicator(s scanner) (geo.Indicator, error) {
	var ind geo.Indicator
	var poorer, cats string
	err := s.Scan(&ind.Key, &ind.Label, &ind.Unit, &poorer, &ind.Source, &ind.Period,
		&ind.Synthetic, &ind.Numerator, &ind.Denominator, &ind.Scale, &ind.Sort, &cats, &ind.Ordered)
	if err == nil {
		ind.Poorer, err = geo.ParseDirection(poorer)
	}
	if cats != "" {
		ind.Categories = strings.Split(cats, "\n")
	}
	return ind, err
}

// Indicators returns all indicator definitions in display order.
func (db *DB) Indicators(ctx context.Context) ([]geo.Indicator, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+indicatorCols+` FROM indicators ORDER BY sort, key`)
	if err != nil {
		return nil, fmt.Errorf("membaca indikator: %w", err)
	}
	defer rows.Close()
	var out []geo.Indicator
	for rows.Next() {
		ind, err := scanIndicator(rows)
		if err != nil {
			return nil, fmt.Errorf("membaca indikator: %w", err)
		}
		out = append(out, ind)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca indikator: %w", err)
	}
	return out, nil
}

// indicator returns the definition of key, or an error wrapping
// ErrUnknownIndicator.
func (db *DB) indicator(ctx context.Context, key string) (geo.Indicator, error) {
	ind, err := scanIndicator(db.db.QueryRowContext(ctx, `SELECT `+indicatorCols+` FROM indicators WHERE key = ?`, key))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ind, fmt.Errorf("%w: %q", ErrUnknownIndicator, key)
	case err != nil:
		return ind, fmt.Errorf("membaca indikator %s: %w", key, err)
	}
	return ind, nil
}

// SaveValues inserts or replaces vals in one transaction.
func (db *DB) SaveValues(ctx context.Context, vals []geo.Value) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, upsertValue)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, v := range vals {
			if _, err := st.ExecContext(ctx, v.Code, v.Indicator, v.Period, v.Value); err != nil {
				return fmt.Errorf("%s %s %s: %w", v.Indicator, v.Code, v.Period, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("menyimpan nilai indikator: %w", err)
	}
	return nil
}

// Periods returns the periods that have values for the indicator key,
// ascending; for a derived indicator, those where both counts have values.
func (db *DB) Periods(ctx context.Context, key string) ([]string, error) {
	ind, err := db.indicator(ctx, key)
	if err != nil {
		return nil, err
	}
	return db.periods(ctx, ind)
}

func (db *DB) periods(ctx context.Context, ind geo.Indicator) ([]string, error) {
	const q = `SELECT DISTINCT period FROM indicator_values WHERE indicator = ?`
	var rows *sql.Rows
	var err error
	if ind.Derived() {
		rows, err = db.db.QueryContext(ctx, q+` INTERSECT `+q+` ORDER BY period`, ind.Numerator, ind.Denominator)
	} else {
		rows, err = db.db.QueryContext(ctx, q+` ORDER BY period`, ind.Key)
	}
	if err != nil {
		return nil, fmt.Errorf("membaca periode %s: %w", ind.Key, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("membaca periode %s: %w", ind.Key, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca periode %s: %w", ind.Key, err)
	}
	return out, nil
}

// Values returns the values of the indicator key in period by area code.
// An empty period means the indicator's default period when it has values,
// else the latest period (in text order) that has. A derived indicator is
// computed per area from the stored counts, numerator/denominator × scale,
// leaving out areas whose denominator is missing or zero.
func (db *DB) Values(ctx context.Context, key, period string) (map[string]float64, error) {
	ind, err := db.indicator(ctx, key)
	if err != nil {
		return nil, err
	}
	if period == "" {
		ps, err := db.periods(ctx, ind)
		if err != nil {
			return nil, err
		}
		if period = ind.Period; len(ps) > 0 && !slices.Contains(ps, period) {
			period = ps[len(ps)-1]
		}
	}
	var rows *sql.Rows
	if ind.Derived() {
		rows, err = db.db.QueryContext(ctx, `SELECT n.code, n.value * ? / d.value
			FROM indicator_values n JOIN indicator_values d
			ON d.code = n.code AND d.indicator = ? AND d.period = n.period
			WHERE n.indicator = ? AND n.period = ? AND d.value <> 0`,
			scale(ind), ind.Denominator, ind.Numerator, period)
	} else {
		rows, err = db.db.QueryContext(ctx, `SELECT code, value FROM indicator_values
			WHERE indicator = ? AND period = ?`, key, period)
	}
	if err != nil {
		return nil, fmt.Errorf("membaca nilai %s %s: %w", key, period, err)
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var code string
		var v float64
		if err := rows.Scan(&code, &v); err != nil {
			return nil, fmt.Errorf("membaca nilai %s %s: %w", key, period, err)
		}
		out[code] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca nilai %s %s: %w", key, period, err)
	}
	return out, nil
}

// AreaValues returns, in display order, the latest value of every indicator
// that has one for the area code; derived indicators are computed from the
// latest period in which both counts are present and the denominator is
// not zero.
func (db *DB) AreaValues(ctx context.Context, code string) ([]geo.AreaValue, error) {
	inds, err := db.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT indicator, period, value FROM indicator_values WHERE code = ?`, code)
	if err != nil {
		return nil, fmt.Errorf("membaca nilai wilayah %s: %w", code, err)
	}
	defer rows.Close()
	byInd := map[string]map[string]float64{} // indicator → period → value
	for rows.Next() {
		var key, period string
		var v float64
		if err := rows.Scan(&key, &period, &v); err != nil {
			return nil, fmt.Errorf("membaca nilai wilayah %s: %w", code, err)
		}
		if byInd[key] == nil {
			byInd[key] = map[string]float64{}
		}
		byInd[key][period] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca nilai wilayah %s: %w", code, err)
	}
	return geo.LatestValues(inds, byInd), nil
}

// ImportIndicators stores an indicator file in one transaction:
// definitions of new indicators are added after the others (for existing
// ones only empty texts are filled in, the default period moves forward and
// a derived definition is kept), its values are inserted or replaced and
// the import is recorded in the log. It returns the number of values
// written; on error nothing is written.
func (db *DB) ImportIndicators(ctx context.Context, imp geo.IndicatorImport) (int, error) {
	var n int
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for _, ind := range imp.Indicators {
			if _, err := tx.ExecContext(ctx, importIndicator, indicatorArgs(ind)...); err != nil {
				return fmt.Errorf("indikator %s: %w", ind.Key, err)
			}
		}
		st, err := tx.PrepareContext(ctx, upsertValue)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, v := range imp.Values {
			if _, err := st.ExecContext(ctx, v.Code, v.Indicator, v.Period, v.Value); err != nil {
				return fmt.Errorf("nilai %s kode %s periode %s: %w", v.Indicator, v.Code, v.Period, err)
			}
			n++
		}
		if err := saveCrosswalk(ctx, tx, imp.Crosswalk); err != nil {
			return err
		}
		return logImport(ctx, tx, "indikator", imp.File,
			fmt.Sprintf("%d nilai dari %d baris (%d baris tanpa wilayah dilewati), %d indikator, format %s",
				n, imp.Matched, imp.Rows-imp.Matched, len(imp.Indicators), imp.Format))
	})
	if err != nil {
		return 0, fmt.Errorf("impor indikator %s: %w", imp.File, err)
	}
	return n, nil
}

// UpdateIndicator changes what the user may edit of an indicator — its
// label, unit, source and which way it points towards poverty —
// keeping its place in the list, its period and its formula.
func (db *DB) UpdateIndicator(ctx context.Context, ind geo.Indicator) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE indicators SET label = ?, unit = ?, source = ?, poorer = ?, kind = ? WHERE key = ?`,
			ind.Label, ind.Unit, ind.Source, ind.Poorer.Key(), ind.Sort, ind.Key)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %s", ErrUnknownIndicator, ind.Key)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mengubah indikator %s: %w", ind.Key, err)
	}
	return nil
}

// saveCrosswalk keeps BPS → Kemendagri pairs, a later pair for the same
// BPS code replacing the earlier one.
func saveCrosswalk(ctx context.Context, tx *sql.Tx, pairs []geo.CrosswalkPair) error {
	for _, p := range pairs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO bps_crosswalk(bps, code, name, file, at) VALUES(?, ?, ?, ?, ?)
			ON CONFLICT(bps) DO UPDATE SET code = excluded.code, name = excluded.name, file = excluded.file, at = excluded.at`,
			p.BPS, p.Code, p.Name, p.File, now()); err != nil {
			return fmt.Errorf("padanan kode BPS %s: %w", p.BPS, err)
		}
	}
	return nil
}

// Crosswalk returns the BPS → Kemendagri pairs accepted so far.
func (db *DB) Crosswalk(ctx context.Context) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT bps, code FROM bps_crosswalk`)
	if err != nil {
		return nil, fmt.Errorf("membaca padanan kode BPS: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var b, c string
		if err := rows.Scan(&b, &c); err != nil {
			return nil, fmt.Errorf("membaca padanan kode BPS: %w", err)
		}
		out[b] = c
	}
	return out, rows.Err()
}
