package pgstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dinsos-tuban/pocketmap/geo"
)

const (
	indicatorCols = `key, label, unit, poorer, source, period, synthetic, numerator, denominator, scale, kind, categories, ordered`

	upsertValue = `INSERT INTO indicator_values(code, indicator, period, value) VALUES($1, $2, $3, $4)
		ON CONFLICT(code, indicator, period) DO UPDATE SET value = excluded.value`

	// importIndicator adds a definition found in an indicator file after
	// the others; an existing one keeps its texts (only empty ones are
	// filled), its default period only moves forward, synthetic data marks
	// it synthetic, and categories brought by the file replace its own.
	importIndicator = `INSERT INTO indicators(` + indicatorCols + `, sort)
		VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, (SELECT coalesce(max(sort) + 1, 0) FROM indicators))
		ON CONFLICT(key) DO UPDATE SET
		label = CASE WHEN indicators.label = '' THEN excluded.label ELSE indicators.label END,
		kind = CASE WHEN indicators.kind = '' THEN excluded.kind ELSE indicators.kind END,
		unit = CASE WHEN indicators.unit = '' THEN excluded.unit ELSE indicators.unit END,
		source = CASE WHEN indicators.source = '' THEN excluded.source ELSE indicators.source END,
		period = GREATEST(indicators.period, excluded.period),
		synthetic = indicators.synthetic OR excluded.synthetic,
		categories = CASE WHEN excluded.categories <> '' THEN excluded.categories ELSE indicators.categories END,
		ordered = CASE WHEN excluded.categories <> '' THEN excluded.ordered ELSE indicators.ordered END`
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

// SaveIndicators inserts or replaces the definitions in defs, ordered as
// given before the others.
func (db *DB) SaveIndicators(ctx context.Context, defs []geo.Indicator) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE indicators SET sort = sort + $1`, len(defs)); err != nil {
			return err
		}
		for i, ind := range defs {
			_, err := tx.Exec(ctx, `INSERT INTO indicators(`+indicatorCols+`, sort)
				VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
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

func scanIndicator(row pgx.Row) (geo.Indicator, error) {
	var ind geo.Indicator
	var poorer, cats string
	err := row.Scan(&ind.Key, &ind.Label, &ind.Unit, &poorer, &ind.Source, &ind.Period,
		&ind.Synthetic, &ind.Numerator, &ind.Denominator, &ind.Scale, &ind.Sort, &cats, &ind.Ordered)
	if err == nil {
		ind.Poorer, err = geo.ParseDirection(poorer)
	}
	if cats != "" {
		ind.Categories = strings.Split(cats, "\n")
	}
	return ind, err
}

// Indicators returns all definitions in display order.
func (db *DB) Indicators(ctx context.Context) ([]geo.Indicator, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+indicatorCols+` FROM indicators ORDER BY sort, key COLLATE "C"`)
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
	return out, rows.Err()
}

// indicator returns the definition of key, or an error wrapping
// ErrUnknownIndicator.
func (db *DB) indicator(ctx context.Context, key string) (geo.Indicator, error) {
	ind, err := scanIndicator(db.pool.QueryRow(ctx, `SELECT `+indicatorCols+` FROM indicators WHERE key = $1`, key))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return ind, fmt.Errorf("%w: %q", ErrUnknownIndicator, key)
	case err != nil:
		return ind, fmt.Errorf("membaca indikator %s: %w", key, err)
	}
	return ind, nil
}

// SaveValues inserts or replaces vals in one transaction.
func (db *DB) SaveValues(ctx context.Context, vals []geo.Value) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		for _, v := range vals {
			batch.Queue(upsertValue, v.Code, v.Indicator, v.Period, v.Value)
		}
		return tx.SendBatch(ctx, batch).Close()
	})
	if err != nil {
		return fmt.Errorf("menyimpan nilai indikator: %w", err)
	}
	return nil
}

// Periods returns the periods with values for the indicator key,
// ascending; for a derived indicator those where both counts have values.
func (db *DB) Periods(ctx context.Context, key string) ([]string, error) {
	ind, err := db.indicator(ctx, key)
	if err != nil {
		return nil, err
	}
	return db.periods(ctx, ind)
}

func (db *DB) periods(ctx context.Context, ind geo.Indicator) ([]string, error) {
	q := `SELECT period FROM (SELECT DISTINCT period FROM indicator_values WHERE indicator = $1) p ORDER BY period COLLATE "C"`
	args := []any{ind.Key}
	if ind.Derived() {
		q = `SELECT period FROM (SELECT period FROM indicator_values WHERE indicator = $1
			INTERSECT SELECT period FROM indicator_values WHERE indicator = $2) p ORDER BY period COLLATE "C"`
		args = []any{ind.Numerator, ind.Denominator}
	}
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("membaca periode %s: %w", ind.Key, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("membaca periode %s: %w", ind.Key, err)
	}
	return out, nil
}

// Values returns the values of the indicator key in period by area code;
// "" is the default period when it has values, else the latest. A derived
// indicator is computed from its counts, leaving out zero denominators.
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
	var rows pgx.Rows
	if ind.Derived() {
		rows, err = db.pool.Query(ctx, `SELECT n.code, n.value * $1 / d.value
			FROM indicator_values n JOIN indicator_values d
			ON d.code = n.code AND d.indicator = $2 AND d.period = n.period
			WHERE n.indicator = $3 AND n.period = $4 AND d.value <> 0`,
			scale(ind), ind.Denominator, ind.Numerator, period)
	} else {
		rows, err = db.pool.Query(ctx, `SELECT code, value FROM indicator_values WHERE indicator = $1 AND period = $2`, key, period)
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
	return out, rows.Err()
}

// AreaValues returns, in display order, the latest value of every
// indicator that has one for the area code.
func (db *DB) AreaValues(ctx context.Context, code string) ([]geo.AreaValue, error) {
	inds, err := db.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT indicator, period, value FROM indicator_values WHERE code = $1`, code)
	if err != nil {
		return nil, fmt.Errorf("membaca nilai wilayah %s: %w", code, err)
	}
	defer rows.Close()
	byInd := map[string]map[string]float64{}
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

// ImportIndicators stores an indicator file in one transaction and
// returns the number of values written; on error nothing is written.
func (db *DB) ImportIndicators(ctx context.Context, imp geo.IndicatorImport) (int, error) {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		for _, ind := range imp.Indicators {
			if _, err := tx.Exec(ctx, importIndicator, indicatorArgs(ind)...); err != nil {
				return fmt.Errorf("indikator %s: %w", ind.Key, err)
			}
		}
		batch := &pgx.Batch{}
		for _, v := range imp.Values {
			batch.Queue(upsertValue, v.Code, v.Indicator, v.Period, v.Value)
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("nilai: %w", err)
		}
		if err := saveCrosswalk(ctx, tx, imp.Crosswalk); err != nil {
			return err
		}
		return logImport(ctx, tx, "indikator", imp.File,
			fmt.Sprintf("%d nilai dari %d baris (%d baris tanpa wilayah dilewati), %d indikator, format %s",
				len(imp.Values), imp.Matched, imp.Rows-imp.Matched, len(imp.Indicators), imp.Format))
	})
	if err != nil {
		return 0, fmt.Errorf("impor indikator %s: %w", imp.File, err)
	}
	return len(imp.Values), nil
}

// UpdateIndicator changes what the user may edit of an indicator.
func (db *DB) UpdateIndicator(ctx context.Context, ind geo.Indicator) error {
	tag, err := db.pool.Exec(ctx, `UPDATE indicators SET label = $1, unit = $2, source = $3, poorer = $4, kind = $5 WHERE key = $6`,
		ind.Label, ind.Unit, ind.Source, ind.Poorer.Key(), ind.Sort, ind.Key)
	if err == nil && tag.RowsAffected() == 0 {
		err = fmt.Errorf("%w: %s", ErrUnknownIndicator, ind.Key)
	}
	if err != nil {
		return fmt.Errorf("mengubah indikator %s: %w", ind.Key, err)
	}
	return nil
}
