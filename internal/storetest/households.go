package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
)

// HouseholdStore is a store with indicators and household lists.
type HouseholdStore interface {
	geo.IndicatorRepository
	household.Repository
}

// RunHouseholds runs the household-list part of the contract.
func RunHouseholds(t *testing.T, open func(t *testing.T) HouseholdStore) {
	t.Run("households", func(t *testing.T) { households(t, open(t)) })
}

// fillList writes n households of desa 35.23.01.2001 with a finding on
// every third, and the list's indicator hh for the period.
func fillList(n int, period string) func(household.SnapshotWriter) (string, error) {
	return func(w household.SnapshotWriter) (string, error) {
		ctx := context.Background()
		var fs []household.Finding
		for i := range n {
			r := &household.Record{Row: i + 2, KK: fmt.Sprintf("35230101%08d", i), NIK: fmt.Sprintf("35230141%08d", i),
				Name: fmt.Sprintf("Kepala %d", i), Desil: 1 + i%10, Members: 4, Disabled: 0, Elderly: -1, Programmes: []string{"PKH", "BPNT"}}
			if i%2 == 0 {
				r.HasPoint, r.Point = true, [2]float64{111.7, -6.9}
			}
			if err := w.AddHousehold(ctx, r, "35.23.01.2001"); err != nil {
				return "", err
			}
			if i%3 == 0 {
				fs = append(fs, household.Finding{Rule: household.Rules[0].Code, Severity: household.Error, Row: i + 2,
					Field: "nik", DesaCode: "35.23.01.2001", NIK: r.NIK, Message: "uji"})
			}
		}
		fs = append(fs, household.Finding{Rule: household.Rules[1].Code, Severity: household.Warning, Row: 2, Message: "tanpa desa"})
		if err := w.AddFindings(ctx, fs); err != nil {
			return "", err
		}
		def := geo.Indicator{Key: "hh_total", Label: "Jumlah RT (daftar)", Unit: "rumah tangga", Period: period}
		return fmt.Sprintf("%d rumah tangga", n), w.SetIndicators(ctx, []geo.Indicator{def},
			[]geo.Value{{Code: "35.23.01.2001", Indicator: "hh_total", Period: period, Value: float64(n)}})
	}
}

func households(t *testing.T, s HouseholdStore) {
	ctx := context.Background()
	if snaps, err := s.Snapshots(ctx); err != nil || len(snaps) != 0 {
		t.Fatalf("a new store has lists: %v %v", snaps, err)
	}
	if fs, err := s.Findings(ctx, household.FindingFilter{}); err != nil || fs != nil {
		t.Errorf("findings with no list: %v %v", fs, err)
	}
	info := household.SnapshotInfo{Period: "2025-06", File: "juni.csv", Mapping: map[string]string{"nik": "NIK", "kk": " ", "desil": "Desil"}}
	id, err := s.ImportSnapshot(ctx, info, fillList(30, "2025-06"))
	if err != nil || id == 0 {
		t.Fatalf("import: %d %v", id, err)
	}
	// The same period again is refused, naming the first file; nothing
	// written.
	if _, err := s.ImportSnapshot(ctx, info, fillList(5, "2025-06")); !errors.Is(err, household.ErrPeriodImported) {
		t.Errorf("second list for a period: %v", err)
	}
	// A failing fill writes nothing.
	boom := errors.New("rusak")
	if _, err := s.ImportSnapshot(ctx, household.SnapshotInfo{Period: "2025-07", File: "juli.csv"},
		func(w household.SnapshotWriter) (string, error) {
			fillList(3, "2025-07")(w)
			return "", boom
		}); !errors.Is(err, boom) {
		t.Errorf("failing fill: %v", err)
	}
	snaps, err := s.Snapshots(ctx)
	if err != nil || len(snaps) != 1 || snaps[0].Period != "2025-06" || snaps[0].Households != 30 || snaps[0].Findings != 11 ||
		snaps[0].File != "juni.csv" || snaps[0].Mapping["nik"] != "NIK" || snaps[0].ImportedAt.IsZero() {
		t.Fatalf("snapshots %+v %v", snaps, err)
	}
	if m, err := s.HouseholdMapping(ctx); err != nil || len(m) != 2 || m["desil"] != "Desil" {
		t.Errorf("mapping %v %v", m, err)
	}
	fs, err := s.Findings(ctx, household.FindingFilter{Rule: household.Rules[0].Code, Limit: 4})
	if err != nil || len(fs) != 4 || fs[0].Row != 2 || fs[1].Row != 5 || fs[0].NIK == "" || fs[0].Severity != household.Error {
		t.Errorf("findings %+v %v", fs, err)
	}
	if fs, _ = s.Findings(ctx, household.FindingFilter{Desa: "35.23.01.2001"}); len(fs) != 10 {
		t.Errorf("%d findings in the desa", len(fs))
	}
	counts, err := s.FindingCounts(ctx, "")
	if err != nil || len(counts) != 2 || counts[0].Desa != "" || counts[1].Count != 10 || counts[1].Rule != household.Rules[0].Code {
		t.Errorf("counts %+v %v", counts, err)
	}
	if v, err := s.Values(ctx, "hh_total", "2025-06"); err != nil || v["35.23.01.2001"] != 30 {
		t.Errorf("list indicator %v %v", v, err)
	}
	// Replacing the period's list.
	info.Replace, info.File = true, "juni-perbaikan.csv"
	if _, err := s.ImportSnapshot(ctx, info, fillList(12, "2025-06")); err != nil {
		t.Fatal(err)
	}
	if snaps, _ = s.Snapshots(ctx); len(snaps) != 1 || snaps[0].Households != 12 || snaps[0].File != "juni-perbaikan.csv" {
		t.Errorf("after the replacement %+v", snaps)
	}
	if v, _ := s.Values(ctx, "hh_total", "2025-06"); v["35.23.01.2001"] != 12 {
		t.Errorf("list indicator after the replacement %v", v)
	}
	if err := s.DeleteSnapshot(ctx, "2025-06"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Values(ctx, "hh_total", "2025-06"); len(v) != 0 {
		t.Errorf("values of the deleted list remain: %v", v)
	}
	if err := s.DeleteSnapshot(ctx, "2025-06"); !errors.Is(err, household.ErrNoSnapshot) {
		t.Errorf("deleting a deleted list: %v", err)
	}
	if _, err := s.Findings(ctx, household.FindingFilter{Period: "2025-06"}); !errors.Is(err, household.ErrNoSnapshot) {
		t.Errorf("findings of a deleted period: %v", err)
	}
}
