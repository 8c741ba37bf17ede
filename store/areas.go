package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/paulmach/orb/encoding/wkb"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/internal/wkbgeom"
)

const upsertArea = `INSERT INTO areas(code, name, level, parent, geom,
	min_lon, min_lat, max_lon, max_lat, label_lon, label_lat, area_km2)
	VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level,
	parent = excluded.parent, geom = excluded.geom,
	min_lon = excluded.min_lon, min_lat = excluded.min_lat,
	max_lon = excluded.max_lon, max_lat = excluded.max_lat,
	label_lon = excluded.label_lon, label_lat = excluded.label_lat, area_km2 = excluded.area_km2`

// ImportBoundaries stores the areas of l in one transaction: it inserts new
// areas and replaces existing ones (geometry included), creates the parent
// areas named in l.ParentNames that do not exist yet (without geometry),
// and removes the areas at the same levels and in the same kabupaten as the
// layer's areas that the layer no longer has. Indicator values are kept,
// also those of removed codes. The import is recorded in the log.
func (db *DB) ImportBoundaries(ctx context.Context, l *geo.Layer) (*geo.BoundaryReport, error) {
	if _, err := db.AutoBackup(ctx, "batas"); err != nil {
		return nil, fmt.Errorf("impor batas wilayah %s: %w", l.File, err)
	}
	var plan geo.BoundaryPlan
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		existing := map[string]geo.KnownArea{}
		rows, err := tx.QueryContext(ctx, `SELECT code, name, level FROM areas`)
		if err != nil {
			return fmt.Errorf("membaca wilayah: %w", err)
		}
		for rows.Next() {
			var code string
			var k geo.KnownArea
			if err := rows.Scan(&code, &k.Name, &k.Level); err != nil {
				rows.Close()
				return fmt.Errorf("membaca wilayah: %w", err)
			}
			existing[code] = k
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("membaca wilayah: %w", err)
		}
		plan = geo.PlanBoundaryImport(existing, l)
		ins, err := tx.PrepareContext(ctx, upsertArea)
		if err != nil {
			return fmt.Errorf("menyiapkan penyimpanan wilayah: %w", err)
		}
		defer ins.Close()
		for _, a := range l.Areas {
			var g []byte
			if len(a.Geom) > 0 {
				if g, err = wkb.Marshal(a.Geom); err != nil {
					return fmt.Errorf("wilayah %s: mengodekan geometri: %w", a.Code, err)
				}
			}
			if _, err := ins.ExecContext(ctx, a.Code, a.Name, a.Level.String(), a.Parent, g,
				a.Bound.Min[0], a.Bound.Min[1], a.Bound.Max[0], a.Bound.Max[1],
				a.Label[0], a.Label[1], a.AreaKm2); err != nil {
				return fmt.Errorf("menyimpan wilayah %s: %w", a.Code, err)
			}
		}
		for _, code := range plan.Parents {
			if _, err := tx.ExecContext(ctx, `INSERT INTO areas(code, name, level, parent) VALUES(?, ?, ?, ?)`,
				code, l.ParentNames[code], geo.CodeLevel(code).String(), geo.ParentCode(code)); err != nil {
				return fmt.Errorf("menyimpan wilayah induk %s: %w", code, err)
			}
		}
		for _, code := range plan.Remove {
			if _, err := tx.ExecContext(ctx, `DELETE FROM areas WHERE code = ?`, code); err != nil {
				return fmt.Errorf("menghapus wilayah %s: %w", code, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?, '1')
			ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`, metaAreasVersion); err != nil {
			return err
		}
		if err := saveCrosswalk(ctx, tx, l.Crosswalk); err != nil {
			return err
		}
		return logImport(ctx, tx, "batas", l.File, plan.Report.String())
	})
	if err != nil {
		return nil, fmt.Errorf("impor batas wilayah %s: %w", l.File, err)
	}
	return &plan.Report, nil
}

// metaAreasVersion is the meta key of the number ImportBoundaries raises
// in each import.
const metaAreasVersion = "areas_version"

// AreasVersion returns a number that changes whenever the areas change (a
// boundary import, by this process or another): callers keep the areas
// they read while it stays the same.
func (db *DB) AreasVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.db.QueryRowContext(ctx, `SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?), 0)`, metaAreasVersion).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("membaca versi wilayah: %w", err)
	}
	return v, nil
}

// Areas returns all areas ordered by code, with the geometry decoded and the
// bounding box, label point and area as stored.
func (db *DB) Areas(ctx context.Context) ([]*geo.Area, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT code, name, level, parent, geom,
		coalesce(min_lon, 0), coalesce(min_lat, 0), coalesce(max_lon, 0), coalesce(max_lat, 0),
		coalesce(label_lon, 0), coalesce(label_lat, 0), coalesce(area_km2, 0)
		FROM areas ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("membaca wilayah: %w", err)
	}
	defer rows.Close()
	var all []geo.Area
	for rows.Next() {
		var (
			a     geo.Area
			level string
			g     sql.RawBytes
		)
		if err := rows.Scan(&a.Code, &a.Name, &level, &a.Parent, &g,
			&a.Bound.Min[0], &a.Bound.Min[1], &a.Bound.Max[0], &a.Bound.Max[1],
			&a.Label[0], &a.Label[1], &a.AreaKm2); err != nil {
			return nil, fmt.Errorf("membaca wilayah: %w", err)
		}
		a.Level = geo.ParseLevel(level)
		if len(g) > 0 {
			if a.Geom, err = wkbgeom.Decode(g); err != nil {
				return nil, fmt.Errorf("wilayah %s: geometri rusak: %w", a.Code, err)
			}
		}
		all = append(all, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca wilayah: %w", err)
	}
	out := make([]*geo.Area, len(all))
	for i := range all {
		out[i] = &all[i]
	}
	return out, nil
}
