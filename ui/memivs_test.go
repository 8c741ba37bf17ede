package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/ingest"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// memInterventions is an in-memory Interventions for the window tests.
type memInterventions struct {
	extra  []string
	ivs    []aid.Intervention
	nextID int64
	log    []Change
}

func (m *memInterventions) Programmes() ([]string, error) {
	return append(append([]string(nil), aid.DefaultProgrammes...), m.extra...), nil
}

func (m *memInterventions) AddIntervention(iv *aid.Intervention) (int64, error) {
	if err := iv.Validate(nil); err != nil {
		return 0, err
	}
	m.nextID++
	iv.ID = m.nextID
	m.ivs = append(m.ivs, *iv)
	m.log = append([]Change{{At: time.Now(), User: "uji", Action: "create", After: iv}}, m.log...)
	return iv.ID, nil
}

func (m *memInterventions) UpdateIntervention(iv *aid.Intervention) error {
	if err := iv.Validate(nil); err != nil {
		return err
	}
	for i := range m.ivs {
		if m.ivs[i].ID == iv.ID {
			before := m.ivs[i]
			m.ivs[i] = *iv
			m.log = append([]Change{{At: time.Now(), User: "uji", Action: "update", Before: &before, After: iv}}, m.log...)
		}
	}
	return nil
}

func (m *memInterventions) DeleteIntervention(id int64) error {
	m.ivs = slices.DeleteFunc(m.ivs, func(iv aid.Intervention) bool { return iv.ID == id })
	return nil
}

func (m *memInterventions) ListInterventions(area string, f InterventionFilter) ([]aid.Intervention, error) {
	var out []aid.Intervention
	for _, iv := range m.ivs {
		if area != "" && !slices.Contains(iv.Areas, area) && !slices.Contains(iv.Areas, area[:min(8, len(area))]) {
			continue
		}
		if f.Programme != "" && iv.Programme != f.Programme {
			continue
		}
		out = append(out, iv)
	}
	return out, nil
}

func (m *memInterventions) Changes(area string, limit int) ([]Change, error) { return m.log, nil }

func (m *memInterventions) UndoLast() (string, error) {
	if len(m.ivs) == 0 {
		return "", nil
	}
	last := m.ivs[len(m.ivs)-1]
	m.ivs = m.ivs[:len(m.ivs)-1]
	return "Penambahan " + last.Programme + " diurungkan.", nil
}

func day0() time.Time { return time.Now() }

// memHouseholds is an in-memory Households with fixed findings.
type memHouseholds struct{ findings []household.Finding }

func (m *memHouseholds) HouseholdColumns(path string) (*ingest.HouseholdHeader, error) {
	return &ingest.HouseholdHeader{File: path, Columns: []string{"no_kk", "nik"}, Guess: ingest.Mapping{"kk": "no_kk", "nik": "nik"}}, nil
}

func (m *memHouseholds) ImportHouseholds(ctx context.Context, path string, mp ingest.Mapping, period string, progress func(float64)) (string, error) {
	return "", nil
}

func (m *memHouseholds) Findings(desa, rule string, limit int) ([]household.Finding, error) {
	var out []household.Finding
	for _, f := range m.findings {
		if (desa == "" || f.DesaCode == desa) && (rule == "" || f.Rule == rule) {
			out = append(out, f)
		}
	}
	return out, nil
}

func (m *memHouseholds) ExportFindings(path string) error { return nil }

// memExporter records the last export request.
type memExporter struct{ last *ExportRequest }

func (m *memExporter) Export(ctx context.Context, req ExportRequest) (string, error) {
	m.last = &req
	return "ok", nil
}

// memPeriods gives every indicator a second, shifted period "2026".
type memPeriods struct{ base *memSource }

func (m *memPeriods) Periods(key string) ([]string, error) { return []string{"2025", "2026"}, nil }

func (m *memPeriods) ValuesFor(key, period string) (map[string]float64, error) {
	vals := m.base.vals[key]
	if period != "2026" {
		return vals, nil
	}
	out := map[string]float64{}
	for code, v := range vals {
		// Desa of kecamatan Tuban (35.23.16) get poorer, the rest better.
		if strings.HasPrefix(code, "35.23.16") {
			out[code] = v * 1.8
		} else {
			out[code] = v * 0.9
		}
	}
	return out, nil
}

func (m *memInterventions) AllProgrammes() ([]ProgrammeEntry, error) {
	var out []ProgrammeEntry
	for _, p := range aid.DefaultProgrammes {
		out = append(out, ProgrammeEntry{Name: p, Active: true})
	}
	for _, p := range m.extra {
		out = append(out, ProgrammeEntry{Name: p, Active: true})
	}
	return out, nil
}

func (m *memInterventions) AddProgramme(name string) error {
	m.extra = append(m.extra, name)
	return nil
}

func (m *memInterventions) RenameProgramme(old, new string) error { return nil }
func (m *memInterventions) SetProgrammeActive(string, bool) error { return nil }

func (s *memSource) UpdateIndicator(ind geo.Indicator) error {
	for i := range s.inds {
		if s.inds[i].Key == ind.Key {
			s.inds[i].Label, s.inds[i].Unit, s.inds[i].Source, s.inds[i].HigherIsPoorer = ind.Label, ind.Unit, ind.Source, ind.HigherIsPoorer
		}
	}
	return nil
}
