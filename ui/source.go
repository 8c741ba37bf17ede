package ui

import (
	"context"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

// Source is what the window needs from the data: areas, indicators and
// their values, and the import actions. cmd/pocketmap implements it with
// the SQLite store. Methods may be called from any goroutine; progress,
// when not nil, receives the share of the work done, from 0 to 1.
type Source interface {
	Areas() ([]*geo.Area, error)
	Indicators() ([]geo.Indicator, error)
	// UpdateIndicator saves the label, unit, source and direction (higher
	// = poorer) of an indicator.
	UpdateIndicator(ind geo.Indicator) error
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
	Interventions
	Households
	Exporter
	Periods
}

// AreaValue is one indicator's latest value for an area.
type AreaValue struct {
	Indicator geo.Indicator
	Period    string
	Value     float64
}

// Interventions is what the intervention tab needs from the data. Every
// save is one transaction; validation problems come back as
// aid.FieldErrors.
type Interventions interface {
	Programmes() ([]string, error)
	// AllProgrammes lists every programme with whether it is offered.
	AllProgrammes() ([]ProgrammeEntry, error)
	AddProgramme(name string) error
	RenameProgramme(old, new string) error
	SetProgrammeActive(name string, active bool) error
	AddIntervention(iv *aid.Intervention) (int64, error)
	UpdateIntervention(iv *aid.Intervention) error
	DeleteIntervention(id int64) error
	// ListInterventions returns the interventions touching area (a desa
	// also sees those on its kecamatan; "" for all) that pass f.
	ListInterventions(area string, f InterventionFilter) ([]aid.Intervention, error)
	// Changes returns the change log of area ("" for all), newest first.
	Changes(area string, limit int) ([]Change, error)
	// UndoLast reverts the last change and describes what it undid ("" when
	// there was nothing to undo).
	UndoLast() (string, error)
}

// ProgrammeEntry is one programme of the editable list.
type ProgrammeEntry struct {
	Name   string
	Active bool // offered in the intervention form
}

// InterventionFilter narrows the list of interventions; zero fields match
// everything.
type InterventionFilter struct {
	Programme string
	Priority  aid.Priority
	Agency    string
	Status    *aid.Status
	ActiveOn  time.Time
}

// Change is one entry of the change log.
type Change struct {
	At     time.Time
	User   string
	Action string // create, update, delete, undo
	Before *aid.Intervention
	After  *aid.Intervention
}

// Households is what the validation tab needs: importing household lists
// (DTKS/DTSEN) and reading their findings. NIKs come back as stored; the
// interface masks them unless the user asks otherwise.
type Households interface {
	// HouseholdColumns reads a list's header and guesses the column
	// mapping, preferring the mapping remembered from the last import.
	HouseholdColumns(path string) (*ingest.HouseholdHeader, error)
	// ImportHouseholds imports a list as a new snapshot for period, in one
	// transaction, and returns the summary of findings.
	ImportHouseholds(ctx context.Context, path string, m ingest.Mapping, period string, progress func(float64)) (string, error)
	// Findings returns the findings of the latest snapshot for a desa
	// ("" for all) and rule ("" for all).
	Findings(desa, rule string, limit int) ([]household.Finding, error)
	// ExportFindings writes the latest snapshot's findings to an XLSX
	// workbook with one sheet per desa, NIKs masked.
	ExportFindings(path string) error
}

// ExportRequest says what the Ekspor menu writes: a summary ("summary",
// Format xlsx, csv or pdf), a map image ("map") or the shaded layer as
// GeoJSON ("geojson"), for the indicator and analysis settings in use.
type ExportRequest struct {
	Kind, Format, Path string
	Indicator          string
	View               string // for maps: "", pockets, coverage, gap
	Width, Height      int    // for maps
	Atlas              bool   // for PDF: one page per kecamatan
	Suppress           int    // counts below it are written "<N"; 0 = off
	Contiguity         spatial.ContiguityOptions
	Pocket             spatial.PocketOptions
}

// Exporter writes exports: aggregates only, never NIK, KK or names.
type Exporter interface {
	Export(ctx context.Context, req ExportRequest) (string, error)
}

// Periods is what the two-period comparison needs.
type Periods interface {
	// Periods lists the periods an indicator has values for, ascending.
	Periods(key string) ([]string, error)
	// ValuesFor returns an indicator's values for one period by code.
	ValuesFor(key, period string) (map[string]float64, error)
}
