package main

import (
	"context"
	"io"

	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/store"
)

func (s *source) HouseholdColumns(path string) (*ingest.HouseholdHeader, error) {
	h, _, err := s.db.HouseholdColumns(context.Background(), path)
	return h, err
}

func (s *source) ImportHouseholds(ctx context.Context, path string, m ingest.Mapping, period string, progress func(float64)) (string, error) {
	imp, err := s.db.ImportHouseholds(ctx, path, m, period, household.DefaultConfig(), progress)
	if err != nil {
		return "", err
	}
	return imp.String(), nil
}

func (s *source) Findings(desa, rule string, limit int) ([]household.Finding, error) {
	return s.db.Findings(context.Background(), store.FindingFilter{Desa: desa, Rule: rule, Limit: limit})
}

func (s *source) ExportFindings(path string) error {
	ctx := context.Background()
	fs, err := s.db.Findings(ctx, store.FindingFilter{})
	if err != nil {
		return err
	}
	return writeFindingsFile(ctx, s.db, path, fs, io.Discard)
}
