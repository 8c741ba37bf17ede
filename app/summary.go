package app

import (
	"context"
	"sort"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/report"
)

// Summary is the area summary for Bakorwil of the settings: the analysis
// and the dataset every export writes (aggregates only). The dataset is
// made from the Result, so its classes, pockets, roll-up and coverage are
// those the window shows with the same settings.
func (s *Service) Summary(ctx context.Context, set Settings) (*report.Dataset, *Result, error) {
	r, err := s.Analyse(ctx, set)
	if err != nil {
		return nil, nil, err
	}
	ds, err := s.dataset(ctx, r)
	return ds, r, err
}

// dataset assembles the summary of a result.
func (s *Service) dataset(ctx context.Context, r *Result) (*report.Dataset, error) {
	ind := r.Indicator
	ds := &report.Dataset{
		Title:         "Ringkasan Kantong Kemiskinan " + r.Region,
		Region:        r.Region,
		Made:          s.now(),
		Indicator:     ind,
		Period:        r.Period,
		Sources:       []string{ind.Source, assets.BoundarySource},
		Synthetic:     ind.Synthetic,
		Method:        r.Method,
		Classes:       r.DesaClasses.Note,
		Moran:         r.Moran,
		SuppressBelow: r.Settings.Suppress,
		Level:         string(r.Settings.Level),
		Coverage:      r.CoverageNote,
		Interventions: r.Interventions,
	}
	if r.Smoothed {
		ds.Classes += " Nilai: rasio yang dihaluskan Empirical Bayes."
	}
	if r.NoPockets != "" {
		ds.Method += " " + r.NoPockets + "."
	}
	kecName := map[string]string{}
	for i, row := range r.Rollup {
		kecName[row.Code] = row.Name
		var poor, dtks float64
		for j, k := range r.KecamatanOf {
			if k == i {
				poor += r.Poor[j]
				dtks += r.DTKS[j]
			}
		}
		sum := r.KecamatanReach[i]
		ds.Kecamatan = append(ds.Kecamatan, report.KecamatanRow{Code: row.Code, Name: row.Name, Desa: row.Desa,
			Value: row.Value, Numerator: row.Numerator, Denominator: row.Denominator,
			Class: r.class(r.KecamatanClasses, row.Value), PocketDesa: row.Pockets,
			Intervention: sum.Active, Budget: sum.Budget, Households: sum.Households, Poor: poor, DTKS: dtks, Geom: r.Kecamatan[i]})
	}
	for i, a := range r.Villages {
		kec := ""
		if k := r.KecamatanOf[i]; k >= 0 {
			kec = r.Kecamatan[k].Name
		}
		x := r.Reach[i]
		ds.Desa = append(ds.Desa, report.DesaRow{Code: a.Code, Name: a.Name, Kecamatan: kec, Level: a.Level.String(),
			Value: r.Values[i], Class: r.class(r.DesaClasses, r.Values[i]), Cluster: r.Pockets.Cluster[i].String(),
			PValue: r.Pockets.PValue[i], GiZ: r.Pockets.GiZ[i], Pocket: r.Pockets.Pocket[i],
			Interventions: x.Active, Budget: x.Budget, Households: x.Households, Poor: r.Poor[i], DTKS: r.DTKS[i], Geom: a})
	}
	if s.Households != nil {
		v, err := s.validationRows(ctx, r)
		if err != nil {
			return nil, err
		}
		ds.Validation = v
	}
	return ds, nil
}

// class is the 1-based class of v in legend l, 0 for no data: the
// category's place for a categorical indicator.
func (r *Result) class(l render.Legend, v float64) int {
	if r.Indicator.Categorical() {
		if _, ok := r.Indicator.Category(v); ok {
			return int(v) + 1
		}
		return 0
	}
	return l.Breaks.Class(v) + 1
}

// validationRows counts the household-list findings of the latest list per
// rule and kecamatan: counts only, never a NIK.
func (s *Service) validationRows(ctx context.Context, r *Result) ([]report.ValidationRow, error) {
	counts, err := s.Households.FindingCounts(ctx, "")
	if err != nil || len(counts) == 0 {
		return nil, err
	}
	kecOf := map[string]string{}
	for i, v := range r.Villages {
		if k := r.KecamatanOf[i]; k >= 0 {
			kecOf[v.Code] = r.Kecamatan[k].Name
		}
	}
	type key struct{ rule, kec string }
	sum := map[key]int{}
	sev := map[string]string{}
	for _, c := range counts {
		k := key{c.Rule, kecOf[c.Desa]}
		sum[k] += c.Count
		sev[c.Rule] = c.Severity.String()
	}
	rows := make([]report.ValidationRow, 0, len(sum))
	for k, n := range sum {
		desc := ""
		if rule, ok := household.RuleByCode(k.rule); ok {
			desc = rule.Description
		}
		rows = append(rows, report.ValidationRow{Rule: k.rule, Description: desc, Severity: sev[k.rule], Kecamatan: k.kec, Count: n})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Rule != rows[j].Rule {
			return rows[i].Rule < rows[j].Rule
		}
		return rows[i].Kecamatan < rows[j].Kecamatan
	})
	return rows, nil
}
