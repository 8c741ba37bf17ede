package main

import (
	"context"
	"errors"

	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/ingest"
)

var errHouseholdsPending = errors.New("impor daftar rumah tangga belum tersedia")

func (s *source) HouseholdColumns(path string) (*ingest.HouseholdHeader, error) {
	return nil, errHouseholdsPending
}

func (s *source) ImportHouseholds(ctx context.Context, path string, m ingest.Mapping, period string, progress func(float64)) (string, error) {
	return "", errHouseholdsPending
}

func (s *source) Findings(desa, rule string, limit int) ([]household.Finding, error) {
	return nil, nil
}

func (s *source) ExportFindings(path string) error { return errHouseholdsPending }
