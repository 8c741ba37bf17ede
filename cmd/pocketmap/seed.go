package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/sample"
	"github.com/dinsos-tuban/pocketmap/store"
)

// sampleSeed is the seed of the embedded sample indicators.
const sampleSeed = 2025

// seedIfEmpty fills a database that has no areas yet with the embedded
// Tuban boundaries and the synthetic sample indicators. A database with
// data is never touched.
func seedIfEmpty(ctx context.Context, db *store.DB) error {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"tuban-desa.geojson", assets.TubanDesa}, {"tuban-kecamatan.geojson", assets.TubanKecamatan}} {
		l, err := geo.ReadGeoJSON(bytes.NewReader(f.data), f.name, geo.ReadOptions{})
		if err != nil {
			return fmt.Errorf("membaca %s bawaan: %w", f.name, err)
		}
		if _, err := db.ImportBoundaries(ctx, l); err != nil {
			return err
		}
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return err
	}
	defs, vals := sample.Indicators(areas, sampleSeed)
	if err := db.SaveIndicators(ctx, defs); err != nil {
		return err
	}
	if err := db.SaveValues(ctx, vals); err != nil {
		return err
	}
	return db.SetMeta(ctx, "sumber_indikator", sample.Source)
}
