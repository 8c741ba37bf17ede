package main

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/store"
	"github.com/dinsos-tuban/pocketmap/ui"
)

// AppID is the application identifier, as in FyneApp.toml.
const AppID = "id.go.tubankab.dinsos.pocketmap"

func openWindow(db *store.DB) error {
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w, err := ui.NewWindow(a, &source{db: db})
	if err != nil {
		return err
	}
	w.Win.ShowAndRun()
	return nil
}

// source adapts the store to the window's ui.Source.
type source struct{ db *store.DB }

func (s *source) Areas() ([]*geo.Area, error) { return s.db.Areas(context.Background()) }

func (s *source) Indicators() ([]geo.Indicator, error) {
	return s.db.Indicators(context.Background())
}

func (s *source) Values(key string) (map[string]float64, error) {
	return s.db.Values(context.Background(), key, "")
}

func (s *source) AreaValues(code string) ([]ui.AreaValue, error) {
	vals, err := s.db.AreaValues(context.Background(), code)
	if err != nil {
		return nil, err
	}
	out := make([]ui.AreaValue, len(vals))
	for i, v := range vals {
		out[i] = ui.AreaValue{Indicator: v.Indicator, Period: v.Period, Value: v.Value}
	}
	return out, nil
}

func (s *source) ImportBoundaries(ctx context.Context, path string, opt geo.ReadOptions, progress func(float64)) (string, error) {
	return importBoundaries(ctx, s.db, path, opt, progress)
}

func (s *source) ReadIndicators(ctx context.Context, path string, progress func(float64)) (*ingest.Table, *ingest.Health, error) {
	return readIndicators(ctx, s.db, path, "", progress)
}

func (s *source) SaveIndicators(ctx context.Context, t *ingest.Table) (int, error) {
	return s.db.ImportIndicators(ctx, t)
}

func (s *source) Describe() string {
	d := "Basis data: " + s.db.Path()
	if src, _ := s.db.Meta(context.Background(), "sumber_indikator"); src != "" {
		d += " · Indikator: " + src
	}
	return d
}

func (s *source) Programmes() ([]string, error) { return s.db.Programmes(context.Background()) }

func (s *source) AddIntervention(iv *aid.Intervention) (int64, error) {
	return s.db.AddIntervention(context.Background(), iv)
}

func (s *source) UpdateIntervention(iv *aid.Intervention) error {
	return s.db.UpdateIntervention(context.Background(), iv)
}

func (s *source) DeleteIntervention(id int64) error {
	return s.db.DeleteIntervention(context.Background(), id)
}

func (s *source) ListInterventions(area string, f ui.InterventionFilter) ([]aid.Intervention, error) {
	return s.db.Interventions(context.Background(), store.InterventionFilter{Area: area, Programme: f.Programme,
		Priority: f.Priority, Agency: f.Agency, Status: f.Status, ActiveOn: f.ActiveOn})
}

func (s *source) Changes(area string, limit int) ([]ui.Change, error) {
	cs, err := s.db.Changes(context.Background(), area, limit)
	if err != nil {
		return nil, err
	}
	out := make([]ui.Change, len(cs))
	for i, c := range cs {
		out[i] = ui.Change{At: c.At, User: c.User, Action: c.Action, Before: c.Before, After: c.After}
	}
	return out, nil
}

func (s *source) UndoLast() (string, error) {
	c, err := s.db.UndoLast(context.Background())
	if err != nil || c == nil {
		return "", err
	}
	return describeUndo(c), nil
}

// describeUndo says in Indonesian what an undo reverted.
func describeUndo(c *store.Change) string {
	iv := c.After
	if iv == nil {
		iv = c.Before
	}
	name := ""
	if iv != nil {
		name = fmt.Sprintf(" %s (%s)", iv.Programme, idfmt.Rupiah(iv.Budget))
	}
	switch {
	case c.Before == nil:
		return "Penghapusan intervensi" + name + " diurungkan: intervensi dikembalikan."
	case c.After == nil:
		return "Penambahan intervensi" + name + " diurungkan: intervensi dihapus."
	}
	return "Perubahan intervensi" + name + " diurungkan: nilai sebelumnya dikembalikan."
}

func (s *source) Export(ctx context.Context, req ui.ExportRequest) (string, error) {
	x, err := buildDataset(ctx, s.db, req.Indicator, req.Contiguity, req.Pocket, req.Suppress)
	if err != nil {
		return "", err
	}
	n, err := writeExport(x, exportRequest{kind: req.Kind, format: req.Format, path: req.Path, view: req.View,
		width: req.Width, height: req.Height, atlas: req.Atlas})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s ditulis (%s bita). Hanya angka agregat; jumlah di bawah %d ditulis <%d.", req.Path, idfmt.Number(float64(n), 0), req.Suppress, req.Suppress), nil
}

func (s *source) Periods(key string) ([]string, error) {
	return s.db.Periods(context.Background(), key)
}

func (s *source) ValuesFor(key, period string) (map[string]float64, error) {
	return s.db.Values(context.Background(), key, period)
}

func (s *source) AllProgrammes() ([]ui.ProgrammeEntry, error) {
	ps, err := s.db.AllProgrammes(context.Background())
	if err != nil {
		return nil, err
	}
	out := make([]ui.ProgrammeEntry, len(ps))
	for i, p := range ps {
		out[i] = ui.ProgrammeEntry{Name: p.Name, Active: p.Active}
	}
	return out, nil
}

func (s *source) AddProgramme(name string) error {
	return s.db.AddProgramme(context.Background(), name)
}

func (s *source) RenameProgramme(old, new string) error {
	return s.db.RenameProgramme(context.Background(), old, new)
}

func (s *source) SetProgrammeActive(name string, active bool) error {
	return s.db.SetProgrammeActive(context.Background(), name, active)
}

func (s *source) UpdateIndicator(ind geo.Indicator) error {
	return s.db.UpdateIndicator(context.Background(), ind)
}
