package household

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/geo"
)

// Repository keeps the imported household lists (snapshots), their
// findings, and the column mapping of the last list. NIK, KK and names
// stay inside it: only findings (with the NIK, for the validation tab)
// and counts come out.
type Repository interface {
	// Snapshots returns the imported lists by period, oldest first.
	Snapshots(ctx context.Context) ([]Snapshot, error)
	// Findings returns the findings of one list that pass f, by row.
	Findings(ctx context.Context, f FindingFilter) ([]Finding, error)
	// FindingCounts counts the findings of one list (period "" = the
	// latest) per desa and rule.
	FindingCounts(ctx context.Context, period string) ([]RuleCount, error)
	// HouseholdMapping returns the column mapping of the last list
	// imported, or nil.
	HouseholdMapping(ctx context.Context) (map[string]string, error)
	// ImportSnapshot stores a list as the snapshot of info.Period in one
	// transaction: fill writes its contents through the writer and
	// returns a one-line summary for the import log; an error from fill,
	// or a period that already has a list (ErrPeriodImported), writes
	// nothing. It returns the snapshot's ID.
	ImportSnapshot(ctx context.Context, info SnapshotInfo, fill func(SnapshotWriter) (string, error)) (int64, error)
	// DeleteSnapshot deletes the list of a period with its households,
	// findings and desa indicators of that period, in one transaction;
	// ErrNoSnapshot when there is none.
	DeleteSnapshot(ctx context.Context, period string) error
}

// IsListIndicator reports whether an indicator key is one a household
// list writes (its values are those of the list's period): the counts
// hh_…, persons… and findings_…
func IsListIndicator(key string) bool {
	return strings.HasPrefix(key, "hh_") || strings.HasPrefix(key, "persons") || strings.HasPrefix(key, "findings_")
}

// SnapshotInfo describes a list being imported.
type SnapshotInfo struct {
	Period  string            // YYYY-MM or YYYY (CheckPeriod)
	File    string            // base name of the file
	Mapping map[string]string // column of each field, remembered for the next list
	// Replace, when the period already has a list, replaces it (its
	// households, findings and desa indicators of the period) instead of
	// refusing: the user chose to put a corrected list in its place.
	Replace bool
}

// SnapshotWriter receives a list inside ImportSnapshot's transaction.
type SnapshotWriter interface {
	// AddHousehold stores a record with its resolved desa code ("" for
	// none).
	AddHousehold(ctx context.Context, r *Record, desa string) error
	// AddFindings stores findings.
	AddFindings(ctx context.Context, fs []Finding) error
	// SetIndicators stores the list's desa indicators and their values.
	SetIndicators(ctx context.Context, defs []geo.Indicator, vals []geo.Value) error
}

// ErrPeriodImported is returned, wrapped, when a household list is imported
// for a period that already has one.
var ErrPeriodImported = errors.New("periode sudah diimpor")

// ErrNoSnapshot is returned, wrapped, when a period asked for has no
// household list.
var ErrNoSnapshot = errors.New("daftar rumah tangga periode itu belum diimpor")

// periodPattern is YYYY or YYYY-MM.
var periodPattern = regexp.MustCompile(`^(19|20|21)\d\d(-(0[1-9]|1[0-2]))?$`)

// CheckPeriod checks that p is a period a household list can be imported
// for: a year and month YYYY-MM (2025-06) or a year YYYY.
func CheckPeriod(p string) error {
	if !periodPattern.MatchString(p) {
		return fmt.Errorf("periode %q tidak sah; tulis tahun dan bulan TTTT-BB (mis. 2025-06) atau tahun TTTT", p)
	}
	return nil
}

// Snapshot is one imported household list.
type Snapshot struct {
	ID         int64
	Period     string
	File       string // base name of the file imported
	ImportedAt time.Time
	Households int
	Findings   int
	Mapping    map[string]string // column of each field, as ingest.Mapping
}

// FindingFilter selects findings of one household list.
type FindingFilter struct {
	Period string // the list's period; "" means the latest period
	Rule   string // a rule code, "" for all
	Desa   string // a resolved desa code, "" for all
	Limit  int    // at most this many, 0 for all
}

// RuleCount is the number of findings of one rule in one desa.
type RuleCount struct {
	Rule     string
	Severity Severity
	Desa     string // resolved desa code, "" for households without a desa
	Count    int
}

// SortCounts orders finding counts as the stores return them: by desa
// code, then in the order of Rules (unknown rules last, by code).
func SortCounts(cs []RuleCount) {
	order := func(rule string) int {
		for i, r := range Rules {
			if r.Code == rule {
				return i
			}
		}
		return len(Rules)
	}
	slices.SortFunc(cs, func(a, b RuleCount) int {
		if a.Desa != b.Desa {
			return strings.Compare(a.Desa, b.Desa)
		}
		if oa, ob := order(a.Rule), order(b.Rule); oa != ob {
			return oa - ob
		}
		return strings.Compare(a.Rule, b.Rule)
	})
}

// ParseSeverity reads a severity as stored ("kesalahan", "peringatan").
func ParseSeverity(s string) Severity {
	if s == Error.String() {
		return Error
	}
	return Warning
}

// CleanMapping is a column mapping as stores keep it: fields without a
// column left out, columns trimmed.
func CleanMapping(m map[string]string) map[string]string {
	clean := map[string]string{}
	for k, v := range m {
		if v = strings.TrimSpace(v); v != "" {
			clean[k] = v
		}
	}
	return clean
}
