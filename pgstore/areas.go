package pgstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/internal/wkbgeom"
)

const metaAreasVersion = "areas_version"

const upsertArea = `INSERT INTO areas(code, name, level, parent, geom,
	min_lon, min_lat, max_lon, max_lat, label_lon, label_lat, area_km2)
	VALUES($1, $2, $3, $4, ST_Multi(ST_GeomFromWKB($5, 4326)), $6, $7, $8, $9, $10, $11, $12)
	ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level,
	parent = excluded.parent, geom = excluded.geom,
	min_lon = excluded.min_lon, min_lat = excluded.min_lat,
	max_lon = excluded.max_lon, max_lat = excluded.max_lat,
	label_lon = excluded.label_lon, label_lat = excluded.label_lat, area_km2 = excluded.area_km2`

// ImportBoundaries stores the areas of l in one transaction, as the
// SQLite store does: new areas inserted, known ones replaced (geometry
// included), the parents named in l.ParentNames created without geometry,
// the areas of the layer's levels and kabupaten that it no longer has
// removed (their indicator values kept), the crosswalk pairs kept and the
// import logged.
func (db *DB) ImportBoundaries(ctx context.Context, l *geo.Layer) (*geo.BoundaryReport, error) {
	var plan geo.BoundaryPlan
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		existing := map[string]geo.KnownArea{}
		rows, err := tx.Query(ctx, `SELECT code, name, level FROM areas`)
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
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("membaca wilayah: %w", err)
		}
		plan = geo.PlanBoundaryImport(existing, l)
		batch := &pgx.Batch{}
		for _, a := range l.Areas {
			var g []byte
			if len(a.Geom) > 0 {
				if g, err = wkb.Marshal(a.Geom); err != nil {
					return fmt.Errorf("wilayah %s: mengodekan geometri: %w", a.Code, err)
				}
			}
			batch.Queue(upsertArea, a.Code, a.Name, a.Level.String(), a.Parent, g,
				a.Bound.Min[0], a.Bound.Min[1], a.Bound.Max[0], a.Bound.Max[1], a.Label[0], a.Label[1], a.AreaKm2)
		}
		for _, code := range plan.Parents {
			batch.Queue(`INSERT INTO areas(code, name, level, parent) VALUES($1, $2, $3, $4)`,
				code, l.ParentNames[code], geo.CodeLevel(code).String(), geo.ParentCode(code))
		}
		for _, code := range plan.Remove {
			batch.Queue(`DELETE FROM areas WHERE code = $1`, code)
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("menyimpan wilayah: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO meta(key, value) VALUES($1, '1')
			ON CONFLICT(key) DO UPDATE SET value = (meta.value::bigint + 1)::text`, metaAreasVersion); err != nil {
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

// AreasVersion returns a number that changes whenever the areas change,
// by this workstation or another.
func (db *DB) AreasVersion(ctx context.Context) (int64, error) {
	v, err := db.Meta(ctx, metaAreasVersion)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("versi wilayah %q: %w", v, err)
	}
	return n, nil
}

// Areas returns all areas ordered by code, geometry decoded.
func (db *DB) Areas(ctx context.Context) ([]*geo.Area, error) {
	rows, err := db.pool.Query(ctx, `SELECT code, name, level, parent, ST_AsBinary(geom),
		coalesce(min_lon, 0), coalesce(min_lat, 0), coalesce(max_lon, 0), coalesce(max_lat, 0),
		coalesce(label_lon, 0), coalesce(label_lat, 0), coalesce(area_km2, 0)
		FROM areas ORDER BY code COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("membaca wilayah: %w", err)
	}
	defer rows.Close()
	var out []*geo.Area
	for rows.Next() {
		a := &geo.Area{}
		var level string
		var g []byte
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
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca wilayah: %w", err)
	}
	return out, nil
}

// saveCrosswalk keeps BPS → Kemendagri pairs, a later pair for the same
// BPS code replacing the earlier one.
func saveCrosswalk(ctx context.Context, tx pgx.Tx, pairs []geo.CrosswalkPair) error {
	for _, p := range pairs {
		if _, err := tx.Exec(ctx, `INSERT INTO bps_crosswalk(bps, code, name, file) VALUES($1, $2, $3, $4)
			ON CONFLICT(bps) DO UPDATE SET code = excluded.code, name = excluded.name, file = excluded.file, at = now()`,
			p.BPS, p.Code, p.Name, p.File); err != nil {
			return fmt.Errorf("padanan kode BPS %s: %w", p.BPS, err)
		}
	}
	return nil
}

// Crosswalk returns the BPS → Kemendagri pairs accepted so far.
func (db *DB) Crosswalk(ctx context.Context) (map[string]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT bps, code FROM bps_crosswalk`)
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
