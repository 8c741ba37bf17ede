package app

import (
	"context"
	"fmt"
	"math"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/render"
)

// Comparison is how an indicator changed between two periods: a change map
// on a diverging ramp (blue down, red up, five classes symmetric about
// zero) and the desa that moved to another class under the first period's
// classification with the result's settings.
type Comparison struct {
	From, To string
	Legend   render.Legend
	Base     render.Legend // the first period classified
	Moved    []Move
}

// Move is a village whose class changed between the periods.
type Move struct {
	Village    int // index in Result.Villages
	FromClass  int // 1-based
	ToClass    int
	FromV, ToV float64
}

// Compare computes the change of r's indicator from period from to period
// to over r's villages.
func (s *Service) Compare(ctx context.Context, r *Result, from, to string) (*Comparison, error) {
	ind := r.Indicator
	a, err := s.valuesOf(ctx, r.Villages, ind.Key, from)
	if err != nil {
		return nil, err
	}
	b, err := s.valuesOf(ctx, r.Villages, ind.Key, to)
	if err != nil {
		return nil, err
	}
	diff := make([]float64, len(a))
	m := 0.0
	for i := range a {
		diff[i] = b[i] - a[i]
		if !math.IsNaN(diff[i]) {
			m = math.Max(m, math.Abs(diff[i]))
		}
	}
	unit := ind.Unit
	if unit == "%" {
		unit = "poin persen"
	}
	ci := geo.Indicator{Key: ind.Key + "_perubahan", Unit: unit, Poorer: ind.Poorer,
		Label: fmt.Sprintf("Perubahan %s, %s → %s", ind.Label, from, to)}
	if m == 0 {
		m = 1
	}
	l, err := render.ClassLegend(ci, diff, classify.MethodManual, 5, []float64{-0.6 * m, -0.2 * m, 0.2 * m, 0.6 * m})
	if err != nil {
		return nil, err
	}
	l.Breaks.Min = -m
	l.Breaks.Uppers[len(l.Breaks.Uppers)-1] = m
	l.Colors = classify.BuRd.Palette(len(l.Breaks.Uppers))
	for i, v := range diff {
		if k := l.Breaks.Class(v); k >= 0 {
			l.Fills[i] = l.Colors[k]
		}
	}
	l.Note = "Biru: turun, merah: naik (kelas simetris di sekitar nol). " + classify.RuleText
	c := &Comparison{From: from, To: to, Legend: l}
	if c.Base, err = classLegend(ind, a, r.Settings); err != nil {
		return c, nil // the change map stands without the class moves
	}
	for i := range r.Villages {
		ka, kb := c.Base.Breaks.Class(a[i]), c.Base.Breaks.Class(b[i])
		if ka < 0 || kb < 0 || ka == kb {
			continue
		}
		c.Moved = append(c.Moved, Move{Village: i, FromClass: ka + 1, ToClass: kb + 1, FromV: a[i], ToV: b[i]})
	}
	return c, nil
}
