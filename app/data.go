package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/report"
	"github.com/dinsos-tuban/pocketmap/sample"
)

// SampleSeed is the seed of the embedded sample indicators.
const SampleSeed = 2025

// MetaSource is the meta key naming where the indicators come from, for
// the status line.
const MetaSource = "sumber_indikator"

// Seeder is what SeedIfEmpty needs besides the repositories: whether the
// database is new, and a place for the source note.
type Seeder interface {
	IsEmpty(ctx context.Context) (bool, error)
	Meta(ctx context.Context, key string) (string, error)
	SetMeta(ctx context.Context, key, value string) error
}

// SeedIfEmpty fills a database that has no areas yet with the embedded
// Tuban boundaries and the synthetic sample indicators. A database with
// data is never touched. It reports whether it seeded.
func (s *Service) SeedIfEmpty(ctx context.Context, db Seeder) (bool, error) {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return false, err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"tuban-desa.geojson", assets.TubanDesa}, {"tuban-kecamatan.geojson", assets.TubanKecamatan}} {
		l, err := geo.ReadGeoJSON(bytes.NewReader(f.data), f.name, geo.ReadOptions{})
		if err != nil {
			return false, fmt.Errorf("membaca %s bawaan: %w", f.name, err)
		}
		if _, err := s.Areas.ImportBoundaries(ctx, l); err != nil {
			return false, err
		}
	}
	areas, err := s.Areas.Areas(ctx)
	if err != nil {
		return false, err
	}
	defs, vals := sample.Indicators(areas, SampleSeed)
	if err := s.Indicators.SaveIndicators(ctx, defs); err != nil {
		return false, err
	}
	if err := s.Indicators.SaveValues(ctx, vals); err != nil {
		return false, err
	}
	if err := db.SetMeta(ctx, MetaSource, sample.Source); err != nil {
		return false, err
	}
	_, err = s.SeedPublished(ctx, db)
	return true, err
}

// MetaPublished is the meta key recording that the published IDM was
// offered to the database (so that an indicator the user deleted is not
// brought back).
const MetaPublished = "data_resmi_idm"

// SeedPublished adds the Village Development Index 2023 and 2024 that
// pocketmap ships (real figures of Kemendes PDTT) to a database of Tuban's
// desa that has no idm indicator yet, once: through the same import as a
// user's file. It reports whether it added them.
func (s *Service) SeedPublished(ctx context.Context, db Seeder) (bool, error) {
	if done, err := db.Meta(ctx, MetaPublished); err != nil || done != "" {
		return false, err
	}
	inds, err := s.Indicators.Indicators(ctx)
	if err != nil {
		return false, err
	}
	areas, err := s.Areas.Areas(ctx)
	if err != nil {
		return false, err
	}
	tuban := slices.ContainsFunc(areas, func(a *geo.Area) bool { return strings.HasPrefix(a.Code, "35.23.") && a.Level == geo.LevelDesa })
	if !tuban || slices.ContainsFunc(inds, func(d geo.Indicator) bool { return d.Key == "idm" }) {
		return false, db.SetMeta(ctx, MetaPublished, "dilewati")
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"idm2023_tuban_desa.csv", assets.IDM2023}, {"idm2024_tuban_desa.csv", assets.IDM2024}} {
		t, err := ingest.ReadCSV(bytes.NewReader(f.data), f.name, ingest.Options{Source: assets.IDMSource})
		if err != nil {
			return false, fmt.Errorf("membaca %s bawaan: %w", f.name, err)
		}
		h := ingest.Match(t, areas)
		if _, err := s.SaveIndicators(ctx, t, h); err != nil {
			return false, fmt.Errorf("menyimpan %s bawaan: %w", f.name, err)
		}
	}
	return true, db.SetMeta(ctx, MetaPublished, "2023,2024")
}

// SampleHouseholds writes a SYNTHETIC household list for the areas of the
// database, with errors of every kind planted at a known rate (for
// training, demonstrations and tests), readable by the owner only. It
// returns the list written.
func (s *Service) SampleHouseholds(ctx context.Context, path string, seed uint64, opt sample.HouseholdOptions) (*sample.HouseholdList, error) {
	areas, err := s.Areas.Areas(ctx)
	if err != nil {
		return nil, err
	}
	list := sample.Households(areas, seed, opt)
	return list, WritePrivateFile(path, list.WriteCSV)
}

// PointCounts is how many points of a file lie in each desa.
type PointCounts struct {
	Villages []*geo.Area
	Counts   []int // by village
	Points   int
	Outside  int // points in no desa
}

// CountPoints reads a file of points (lon,lat per line) and counts them
// per desa.
func (s *Service) CountPoints(ctx context.Context, path string) (*PointCounts, error) {
	pts, err := ingest.ReadPoints(path)
	if err != nil {
		return nil, err
	}
	_, villages, _, err := s.loadAreas(ctx)
	if err != nil {
		return nil, err
	}
	counts, outside := household.CountPoints(pts, villages)
	return &PointCounts{Villages: villages, Counts: counts, Points: len(pts), Outside: outside}, nil
}

// FindingQuery selects findings as the user typed them: a rule code (any
// case), a desa code in any Kemendagri spelling, a period.
type FindingQuery struct {
	Rule, Desa, Period string
	Limit              int
}

// Findings returns the findings of a household list, checking the query:
// an unknown rule or period, or a bad desa code, is a Problem naming the
// flag. NIKs are returned as stored: callers mask them.
func (s *Service) Findings(ctx context.Context, q FindingQuery) ([]household.Finding, error) {
	f := household.FindingFilter{Period: strings.TrimSpace(q.Period), Limit: q.Limit}
	if q.Rule != "" {
		r, ok := household.RuleByCode(strings.ToUpper(strings.TrimSpace(q.Rule)))
		if !ok {
			codes := make([]string, len(household.Rules))
			for i, r := range household.Rules {
				codes[i] = r.Code
			}
			return nil, Problems{{"rule", fmt.Sprintf("--rule %q tidak dikenal; aturan: %s", q.Rule, strings.Join(codes, ", "))}}
		}
		f.Rule = r.Code
	}
	if q.Desa != "" {
		code, err := geo.NormalizeCode(q.Desa)
		if err != nil {
			return nil, Problems{{"desa", fmt.Sprintf("--desa %q: %v", q.Desa, err)}}
		}
		f.Desa = code
	}
	snaps, err := s.Households.Snapshots(ctx)
	if err != nil {
		return nil, err
	}
	if len(snaps) == 0 {
		return nil, errors.New("belum ada daftar rumah tangga yang diimpor; impor dengan: pocketmap import households BERKAS.csv")
	}
	if f.Period != "" && !slices.ContainsFunc(snaps, func(s household.Snapshot) bool { return s.Period == f.Period }) {
		periods := make([]string, len(snaps))
		for i, s := range snaps {
			periods[i] = s.Period
		}
		return nil, Problems{{"period", fmt.Sprintf("--period %s: belum ada daftar rumah tangga periode itu; periode yang diimpor: %s", f.Period, strings.Join(periods, ", "))}}
	}
	return s.Households.Findings(ctx, f)
}

// WriteFindings writes findings as an XLSX workbook with one sheet per
// desa (NIK masked, no KK, no names), readable by the owner only. It
// returns the number of desa sheets.
func (s *Service) WriteFindings(ctx context.Context, path string, findings []household.Finding) (int, error) {
	areas, err := s.Areas.Areas(ctx)
	if err != nil {
		return 0, err
	}
	names := map[string]string{}
	for _, a := range areas {
		if a.Level.IsVillage() {
			names[a.Code] = a.Name
		}
	}
	if err := WritePrivateFile(path, func(w io.Writer) error { return report.WriteFindingsXLSX(w, findings, names) }); err != nil {
		return 0, err
	}
	desa := map[string]bool{}
	for _, f := range findings {
		desa[f.DesaCode] = true
	}
	return max(1, len(desa)), nil
}

// MaskFinding returns a finding fit to leave the database in a list for
// operators: the NIK masked to its last four digits and any 16-digit run
// in the field and message masked too.
func MaskFinding(f household.Finding) household.Finding {
	f.Field, f.Message, f.NIK = report.ScrubDigits(f.Field), report.ScrubDigits(f.Message), report.MaskNIK(f.NIK)
	return f
}

// Maintenance is what the window's backup and restore menu needs from the
// database; cmd/pocketmap gives it the SQLite store's.
type Maintenance interface {
	// Backup writes a consistent copy of the database to dest.
	Backup(ctx context.Context, dest string, progress func(float64)) error
	// Preview says what the backup at path holds, or why it cannot be
	// restored.
	Preview(path string) (string, error)
	// Restore replaces the database's contents with the backup at src
	// (the contents before are backed up first).
	Restore(ctx context.Context, src string, progress func(float64)) error
}
