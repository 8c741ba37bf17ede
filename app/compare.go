package app

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

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
	if ind.Categorical() {
		return compareCategories(r, from, to, a, b), nil
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

// ChangeNames are the classes of a comparison of ordered categories, and
// ChangeNamesUnordered those of categories without an order.
var (
	ChangeNames          = []string{"Turun", "Tetap", "Naik"}
	ChangeNamesUnordered = []string{"Berubah", "Tetap"}
)

// compareCategories is the comparison of a categorical indicator: which
// desa moved up the scale (Berkembang → Maju), stayed, or moved down; for
// categories without an order, which changed. Moved lists every desa whose
// category changed, its classes being the categories' places.
func compareCategories(r *Result, from, to string, a, b []float64) *Comparison {
	ind := r.Indicator
	names := slices.Clone(ChangeNames)
	colors := []color.RGBA{{0xd7, 0x30, 0x27, 255}, {0xe0, 0xe0, 0xe0, 255}, {0x45, 0x75, 0xb4, 255}}
	note := fmt.Sprintf("Perubahan kategori, urutan %s.", strings.Join(ind.Categories, " < "))
	if !ind.Ordered {
		names, colors = slices.Clone(ChangeNamesUnordered), []color.RGBA{{0x7b, 0x32, 0x94, 255}, {0xe0, 0xe0, 0xe0, 255}}
		note = "Perubahan kategori (tanpa urutan)."
	}
	cats := make([]int, len(a))
	diff := make([]float64, len(a))
	c := &Comparison{From: from, To: to}
	for i := range a {
		_, okA := ind.Category(a[i])
		_, okB := ind.Category(b[i])
		cats[i], diff[i] = -1, math.NaN()
		if !okA || !okB {
			continue
		}
		diff[i] = b[i] - a[i]
		switch {
		case a[i] == b[i]:
			cats[i] = 1 // Tetap
		case !ind.Ordered:
			cats[i] = 0
		case b[i] > a[i]:
			cats[i] = 2
		default:
			cats[i] = 0
		}
		if a[i] != b[i] {
			c.Moved = append(c.Moved, Move{Village: i, FromClass: int(a[i]) + 1, ToClass: int(b[i]) + 1, FromV: a[i], ToV: b[i]})
		}
	}
	ci := geo.Indicator{Key: ind.Key + "_perubahan", Label: fmt.Sprintf("Perubahan %s, %s → %s", ind.Label, from, to)}
	c.Legend = render.CategoryLegend(ci, diff, cats, names, colors, note)
	c.Base = render.CategoricalLegend(ind, a)
	return c
}
