// Package report makes what leaves pocketmap for Bakorwil and the province:
// area summaries as XLSX, CSV and PDF, map images with title, legend,
// scale bar and north arrow, and GeoJSON of the shaded layer. Everything
// it writes is aggregated: it never receives NIK, KK or names of people,
// and counts below a threshold are suppressed.
package report

import (
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// Dataset is everything a summary holds, assembled by the caller from the
// database and the analyses. It carries aggregates only.
type Dataset struct {
	Title     string    // e.g. "Ringkasan Kantong Kemiskinan Kabupaten Tuban"
	Region    string    // e.g. "Kabupaten Tuban"
	Made      time.Time // when the report was made
	Indicator geo.Indicator
	Period    string // data period of the indicator
	Sources   []string
	Synthetic bool   // sample data in use: flagged on every page and sheet
	Method    string // the pocket method and its parameters, in Indonesian
	Classes   string // the classification, e.g. "Kuantil, 5 kelas"
	Moran     string // global Moran's I line

	// SuppressBelow hides counts below it as "<N" (0 turns it off).
	SuppressBelow int

	Kecamatan     []KecamatanRow
	Desa          []DesaRow
	Interventions []aid.Intervention
	Validation    []ValidationRow // household-list findings, counts only
}

// KecamatanRow is one kecamatan's roll-up.
type KecamatanRow struct {
	Code, Name   string
	Desa         int     // desa and kelurahan
	Value        float64 // the indicator, summed or recomputed from the sums
	Numerator    float64 // for a rate
	Denominator  float64 // for a rate
	PocketDesa   int
	Intervention int     // interventions reaching the kecamatan
	Budget       float64 // rupiah allocated to its desa
	Households   float64 // target households allocated to its desa
}

// DesaRow is one desa with its value, class and cluster.
type DesaRow struct {
	Code, Name, Kecamatan string
	Level                 string // desa or kelurahan
	Value                 float64
	Class                 int // 1-based class, 0 for no data
	Cluster               string
	PValue                float64
	GiZ                   float64
	Pocket                bool
	Interventions         int
	Budget                float64
	Households            float64
	Geom                  *geo.Area // boundary, for GeoJSON
}

// ValidationRow counts the findings of one rule in one kecamatan (or "" for
// the whole list).
type ValidationRow struct {
	Rule, Description, Severity string
	Kecamatan                   string
	Count                       int
}
