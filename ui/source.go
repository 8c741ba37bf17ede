package ui

import (
	"context"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/ingest"
)

// Source is what the window needs from the data: areas, indicators and
// their values, and the import actions. cmd/pocketmap implements it with
// the SQLite store. Methods may be called from any goroutine; progress,
// when not nil, receives the share of the work done, from 0 to 1.
type Source interface {
	Areas() ([]*geo.Area, error)
	Indicators() ([]geo.Indicator, error)
	Values(key string) (map[string]float64, error)
	AreaValues(code string) ([]AreaValue, error)
	// ImportBoundaries reads a GeoJSON file and stores its areas in one
	// transaction, returning a report for the user. When the code or name
	// property cannot be found it returns a *geo.FieldsError; the caller
	// asks the user and calls again with opt set.
	ImportBoundaries(ctx context.Context, path string, opt geo.ReadOptions, progress func(float64)) (string, error)
	// ReadIndicators reads and checks an indicator CSV and matches it to
	// the areas, writing nothing.
	ReadIndicators(ctx context.Context, path string, progress func(float64)) (*ingest.Table, *ingest.Health, error)
	// SaveIndicators stores the matched rows of a table in one transaction.
	SaveIndicators(ctx context.Context, t *ingest.Table) (int, error)
	// Describe names the database and the data source for the status line.
	Describe() string
}

// AreaValue is one indicator's latest value for an area.
type AreaValue struct {
	Indicator geo.Indicator
	Period    string
	Value     float64
}
