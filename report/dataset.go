// Package report makes what leaves pocketmap for Bakorwil and the province:
// area summaries as XLSX, CSV and PDF, map images with title, legend,
// scale bar and north arrow, and GeoJSON of the shaded layer. Everything
// it writes is aggregated: it never receives NIK, KK or names of people,
// and counts below a threshold are suppressed.
package report

import (
	"math"
	"time"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/spatial"

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
	// Level is the level the summary leads with: "kecamatan" (or "")
	// puts the kecamatan sheet first, "desa" the desa sheet.
	Level string
	// Coverage says how intervention coverage was measured: the day
	// interventions are active on and the indicators of poor and DTKS
	// households.
	Coverage string

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
	Class        int     // 1-based class of Value among the kecamatan, 0 for no data
	PocketDesa   int
	Intervention int       // active interventions reaching the kecamatan
	Budget       float64   // rupiah of active interventions allocated to its desa
	Households   float64   // target households allocated to its desa
	Poor         float64   // poor households (coverage role), NaN when unknown
	DTKS         float64   // DTKS households (coverage role), NaN when unknown
	Geom         *geo.Area // boundary, for GIS layers
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
	Interventions         int       // active interventions reaching the desa
	Budget                float64   // rupiah of active interventions allocated to it
	Households            float64   // target households allocated to it
	Poor                  float64   // poor households (coverage role), NaN when unknown
	DTKS                  float64   // DTKS households (coverage role), NaN when unknown
	Geom                  *geo.Area // boundary, for GeoJSON
}

// BudgetPerPoor is the budget per poor household, NaN unless Poor > 0.
func (r DesaRow) BudgetPerPoor() float64 { return perBase(r.Budget, r.Poor, 1) }

// TargetShare is the target households per DTKS household in percent,
// NaN unless DTKS > 0.
func (r DesaRow) TargetShare() float64 { return perBase(r.Households, r.DTKS, 100) }

// BudgetPerPoor is the budget per poor household, NaN unless Poor > 0.
func (r KecamatanRow) BudgetPerPoor() float64 { return perBase(r.Budget, r.Poor, 1) }

// TargetShare is the target households per DTKS household in percent,
// NaN unless DTKS > 0.
func (r KecamatanRow) TargetShare() float64 { return perBase(r.Households, r.DTKS, 100) }

func perBase(a, b, scale float64) float64 {
	if !(b > 0) {
		return math.NaN()
	}
	return a / b * scale
}

// ValidationRow counts the findings of one rule in one kecamatan (or "" for
// the whole list).
type ValidationRow struct {
	Rule, Description, Severity string
	Kecamatan                   string
	Count                       int
}

// ClusterLabel is the Indonesian label of a LISA cluster key ("HH") in the
// dataset: the cluster that holds the pockets for the indicator's direction
// (High–High when higher is poorer, Low–Low when lower is) is marked
// "(kantong)". Other text (already a label) is kept.
func (d *Dataset) ClusterLabel(c string) string {
	l, ok := classify.LISALabels[c]
	if !ok {
		return c
	}
	if c == spatial.PocketCluster(d.Indicator.Poorer).String() && c != spatial.ClusterNS.String() {
		l += classify.PocketSuffix
	}
	return l
}

// AreaNames returns the names of the dataset's areas by code, a desa whose
// name another desa shares named with its kecamatan ("Jatisari (Kec.
// Bancar)"), a kecamatan as "Kec. Bancar" (geo.QualifiedNames).
func (d *Dataset) AreaNames() map[string]string {
	areas := make([]*geo.Area, 0, len(d.Desa)+len(d.Kecamatan))
	for _, k := range d.Kecamatan {
		areas = append(areas, &geo.Area{Code: k.Code, Name: k.Name, Level: geo.LevelKecamatan})
	}
	for _, r := range d.Desa {
		areas = append(areas, &geo.Area{Code: r.Code, Name: r.Name, Level: geo.CodeLevel(r.Code), Parent: geo.ParentCode(r.Code)})
	}
	return geo.QualifiedNames(areas)
}
