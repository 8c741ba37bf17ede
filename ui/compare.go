package ui

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/render"
)

// comparison shows how an indicator changed between two periods: a change
// map on a diverging ramp (blue better, red worse) and the list of desa
// that moved to another class.
type comparison struct {
	w       *Window
	On      *widget.Check
	A, B    *widget.Select
	Changed *widget.Label
	box     *fyne.Container
	moved   []string // "name: class → class" lines, for tests and the panel
}

func (c *comparison) init(w *Window) {
	c.w = w
	c.A = widget.NewSelect(nil, func(string) { w.refresh() })
	c.B = widget.NewSelect(nil, func(string) { w.refresh() })
	c.A.PlaceHolder, c.B.PlaceHolder = lang.L("(periode awal)"), lang.L("(periode akhir)")
	c.Changed = widget.NewLabel("")
	c.Changed.Wrapping = fyne.TextWrapWord
	c.box = container.NewVBox(container.NewGridWithColumns(2, c.A, c.B), c.Changed)
	c.box.Hide()
	c.On = widget.NewCheck(lang.L("Bandingkan dua periode"), func(on bool) {
		if on {
			c.box.Show()
		} else {
			c.box.Hide()
		}
		w.refresh()
	})
}

func (c *comparison) content() fyne.CanvasObject { return container.NewVBox(c.On, c.box) }

// periods refreshes the period choices for the indicator shown; the check
// box is offered only when there are at least two.
func (c *comparison) periods() {
	ps, err := c.w.src.Periods(c.w.ind.Key)
	if err != nil || len(ps) < 2 {
		c.On.SetChecked(false)
		c.On.Disable()
		c.On.Text = lang.L("Bandingkan dua periode (indikator ini hanya punya satu periode)")
		c.On.Refresh()
		return
	}
	c.On.Text = lang.L("Bandingkan dua periode")
	c.On.Enable()
	c.On.Refresh()
	c.A.Options, c.B.Options = ps, ps
	if !slices.Contains(ps, c.A.Selected) {
		c.A.Selected = ps[len(ps)-2]
	}
	if !slices.Contains(ps, c.B.Selected) {
		c.B.Selected = ps[len(ps)-1]
	}
	c.A.Refresh()
	c.B.Refresh()
}

// active reports whether the change map is to be shown.
func (c *comparison) active() bool {
	return c.On.Checked && c.A.Selected != "" && c.B.Selected != "" && c.A.Selected != c.B.Selected
}

// legend computes the change map between the two periods and the desa
// that changed class (classes of the first period's classification).
func (c *comparison) legend() (render.Legend, error) {
	w := c.w
	read := func(p string) ([]float64, error) {
		vals, err := w.src.ValuesFor(w.ind.Key, p)
		if err != nil {
			return nil, err
		}
		return render.ValuesOf(w.villages, vals), nil
	}
	a, err := read(c.A.Selected)
	if err != nil {
		return render.Legend{}, err
	}
	b, err := read(c.B.Selected)
	if err != nil {
		return render.Legend{}, err
	}
	diff := make([]float64, len(a))
	m := 0.0
	for i := range a {
		diff[i] = b[i] - a[i]
		if !math.IsNaN(diff[i]) {
			m = math.Max(m, math.Abs(diff[i]))
		}
	}
	unit := w.ind.Unit
	if unit == "%" {
		unit = lang.L("poin persen")
	}
	ind := geo.Indicator{Key: w.ind.Key + "_perubahan", Unit: unit, HigherIsPoorer: w.ind.HigherIsPoorer,
		Label: fmt.Sprintf(lang.L("Perubahan %s, %s → %s"), w.ind.Label, c.A.Selected, c.B.Selected)}
	if m == 0 {
		m = 1
	}
	// Five classes symmetric about zero, so "no change" is the pale middle.
	l, err := render.ClassLegend(ind, diff, classify.MethodManual, 5, []float64{-0.6 * m, -0.2 * m, 0.2 * m, 0.6 * m})
	if err != nil {
		return l, err
	}
	l.Breaks.Min = -m
	l.Breaks.Uppers[len(l.Breaks.Uppers)-1] = m
	l.Colors = classify.BuRd.Palette(len(l.Breaks.Uppers))
	for i, v := range diff {
		if k := l.Breaks.Class(v); k >= 0 {
			l.Fills[i] = l.Colors[k]
		}
	}
	l.Note = fmt.Sprintf(lang.L("Biru: turun, merah: naik (kelas simetris di sekitar nol). %s"), lang.L(classify.RuleText))
	c.movedList(a, b)
	return l, nil
}

// movedList lists the desa whose class (by the first period's breaks)
// changed.
func (c *comparison) movedList(a, b []float64) {
	w := c.w
	c.moved = c.moved[:0]
	base, err := render.ClassLegend(w.ind, a, w.method, w.classes, nil)
	if err != nil {
		c.Changed.SetText("")
		return
	}
	for i, v := range w.villages {
		ka, kb := base.Breaks.Class(a[i]), base.Breaks.Class(b[i])
		if ka < 0 || kb < 0 || ka == kb {
			continue
		}
		c.moved = append(c.moved, fmt.Sprintf(lang.L("%s (Kec. %s): kelas %d → %d (%s → %s)"), v.Name, w.kecName(v), ka+1, kb+1,
			formatValue(w.ind, a[i]), formatValue(w.ind, b[i])))
	}
	text := fmt.Sprintf(lang.N("%d desa berpindah kelas (kelas menurut %s, %s):", len(c.moved)), len(c.moved), c.A.Selected, strings.ToLower(lang.L(base.Method.Label())))
	shown := c.moved
	if len(shown) > 40 {
		shown = shown[:40]
	}
	for _, s := range shown {
		text += "\n• " + s
	}
	if len(c.moved) > 40 {
		text += "\n" + fmt.Sprintf(lang.L("… dan %d lainnya"), len(c.moved)-40)
	}
	c.Changed.SetText(text)
}
