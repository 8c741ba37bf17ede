package geo

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// AreaRepository keeps the administrative areas and their boundaries.
// Implementations (package store) do each call in one transaction.
type AreaRepository interface {
	// Areas returns every area, kabupaten first, then by code.
	Areas(ctx context.Context) ([]*Area, error)
	// ImportBoundaries stores the areas of a layer in one transaction:
	// new codes are added, known ones rewritten, codes of the layer's
	// level that are not in it removed; indicator values are kept.
	ImportBoundaries(ctx context.Context, l *Layer) (*BoundaryReport, error)
	// AreasVersion returns a number that changes whenever the areas
	// change, so that a caller may keep the areas it read meanwhile.
	AreasVersion(ctx context.Context) (int64, error)
	// Crosswalk returns the accepted BPS → Kemendagri pairs by BPS code.
	Crosswalk(ctx context.Context) (map[string]string, error)
}

// IndicatorRepository keeps indicator definitions and their values by
// area and period.
type IndicatorRepository interface {
	// Indicators returns every definition in display order.
	Indicators(ctx context.Context) ([]Indicator, error)
	// Values returns an indicator's values for one period ("" for its
	// default period) by area code; a derived indicator is computed from
	// its counts.
	Values(ctx context.Context, key, period string) (map[string]float64, error)
	// Periods lists the periods an indicator has values for, ascending.
	Periods(ctx context.Context, key string) ([]string, error)
	// AreaValues returns the latest value of every indicator for one area.
	AreaValues(ctx context.Context, code string) ([]AreaValue, error)
	// UpdateIndicator saves what a user may edit of a definition: label,
	// unit, source and direction.
	UpdateIndicator(ctx context.Context, ind Indicator) error
	// ImportIndicators stores definitions and values in one transaction
	// and returns the number of values written.
	ImportIndicators(ctx context.Context, imp IndicatorImport) (int, error)
	// SaveIndicators inserts or replaces definitions, in that order before
	// the others; SaveValues inserts or replaces values. Both are one
	// transaction each (the embedded sample uses them).
	SaveIndicators(ctx context.Context, defs []Indicator) error
	SaveValues(ctx context.Context, vals []Value) error
}

// IndicatorImport is an indicator file ready to be stored: the
// definitions it brings and the values of its matched rows.
type IndicatorImport struct {
	File       string // base name of the file, for the import log
	Format     string // how it was laid out ("lebar", "panjang")
	Indicators []Indicator
	Values     []Value
	Rows       int // rows read
	Matched    int // of which matched to an area (their values are in Values)
	// Crosswalk holds the BPS codes the file's rows were matched by name,
	// kept for later BPS-keyed files.
	Crosswalk []CrosswalkPair
}

// AreaValue is the value of one indicator for one area in one period.
type AreaValue struct {
	Indicator Indicator
	Period    string
	Value     float64
}

// BoundaryReport says what a boundary import changed: codes added (areas of
// the layer and parent areas created from its names) and removed, areas
// whose name changed, and how many existing areas were rewritten (renamed
// ones included).
type BoundaryReport struct {
	Added, Removed []string
	Renamed        []Rename
	Updated        int
}

// Rename is an area whose name changed in a boundary import.
type Rename struct{ Code, Old, New string }

// String summarises the report in Indonesian, listing the first codes of
// each kind.
func (r *BoundaryReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d wilayah baru, %d diperbarui, %d berganti nama, %d dihapus",
		len(r.Added), r.Updated, len(r.Renamed), len(r.Removed))
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		const most = 10
		fmt.Fprintf(&b, "\n%s: %s", title, strings.Join(items[:min(most, len(items))], ", "))
		if len(items) > most {
			fmt.Fprintf(&b, " … dan %d lainnya", len(items)-most)
		}
	}
	list("Baru", r.Added)
	renamed := make([]string, len(r.Renamed))
	for i, rn := range r.Renamed {
		renamed[i] = fmt.Sprintf("%s %s → %s", rn.Code, rn.Old, rn.New)
	}
	list("Berganti nama", renamed)
	list("Dihapus (nilai indikatornya tetap disimpan)", r.Removed)
	return b.String()
}

// KnownArea is an area a store holds, as a boundary import compares it.
type KnownArea struct{ Name, Level string }

// BoundaryPlan is what a store does for a boundary import: the report,
// the parents to create from the layer's ParentNames (without geometry)
// and the codes to delete, both sorted. Every store follows it, so that
// they agree on what an import changes.
type BoundaryPlan struct {
	Report  BoundaryReport
	Parents []string
	Remove  []string
}

// PlanBoundaryImport compares a layer with the areas a store holds: the
// layer's areas are added or updated (renamed ones listed), parents it
// names that neither exist nor are in it are created, and the areas at
// the layer's levels in the layer's kabupaten that it no longer has are
// removed.
func PlanBoundaryImport(existing map[string]KnownArea, l *Layer) BoundaryPlan {
	var p BoundaryPlan
	kab := func(code string) string { return code[:min(5, len(code))] }
	inLayer := make(map[string]bool, len(l.Areas))
	levels, kabs := map[string]bool{}, map[string]bool{}
	for _, a := range l.Areas {
		inLayer[a.Code] = true
		levels[a.Level.String()] = true
		kabs[kab(a.Code)] = true
		switch old, ok := existing[a.Code]; {
		case !ok:
			p.Report.Added = append(p.Report.Added, a.Code)
		case old.Name != a.Name:
			p.Report.Renamed = append(p.Report.Renamed, Rename{Code: a.Code, Old: old.Name, New: a.Name})
			fallthrough
		default:
			p.Report.Updated++
		}
	}
	for code := range l.ParentNames {
		if _, ok := existing[code]; !ok && !inLayer[code] {
			p.Parents = append(p.Parents, code)
		}
	}
	slices.Sort(p.Parents)
	p.Report.Added = append(p.Report.Added, p.Parents...)
	slices.Sort(p.Report.Added)
	for code, k := range existing {
		if !inLayer[code] && levels[k.Level] && kabs[kab(code)] {
			p.Remove = append(p.Remove, code)
		}
	}
	slices.Sort(p.Remove)
	p.Report.Removed = p.Remove
	return p
}
