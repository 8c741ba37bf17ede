package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/render"
)

// comparison shows how an indicator changed between two periods: a change
// map on a diverging ramp (blue better, red worse) and the list of desa
// that moved to another class.
type comparison struct {
	w        *Window
	on       *widget.Check
	from, to *widget.Select
	changed  *widget.Label
	box      *fyne.Container
	moved    []string // "name: class → class" lines, for tests and the panel
}

func (c *comparison) init(w *Window) {
	c.w = w
	c.from = widget.NewSelect(nil, func(string) { w.redraw() })
	c.to = widget.NewSelect(nil, func(string) { w.redraw() })
	c.from.PlaceHolder, c.to.PlaceHolder = lang.L("(periode awal)"), lang.L("(periode akhir)")
	c.changed = widget.NewLabel("")
	c.changed.Wrapping = fyne.TextWrapWord
	c.box = container.NewVBox(container.NewGridWithColumns(2, c.from, c.to), c.changed)
	c.box.Hide()
	c.on = widget.NewCheck(lang.L("Bandingkan dua periode"), func(on bool) {
		if on {
			c.box.Show()
		} else {
			c.box.Hide()
		}
		w.redraw()
	})
}

func (c *comparison) content() fyne.CanvasObject { return container.NewVBox(c.on, c.box) }

// periods refreshes the period choices for the indicator shown; the check
// box is offered only when there are at least two.
func (c *comparison) periods() {
	w := c.w
	key := w.res.Indicator.Key
	background(w, func(ctx context.Context) ([]string, error) { return w.svc.Indicators.Periods(ctx, key) }, func(ps []string) {
		if len(ps) < 2 {
			c.on.SetChecked(false)
			c.on.Disable()
			c.on.Text = lang.L("Bandingkan dua periode (indikator ini hanya punya satu periode)")
			c.on.Refresh()
			return
		}
		c.on.Text = lang.L("Bandingkan dua periode")
		c.on.Enable()
		c.on.Refresh()
		c.from.Options, c.to.Options = ps, ps
		if !slices.Contains(ps, c.from.Selected) {
			c.from.Selected = ps[len(ps)-2]
		}
		if !slices.Contains(ps, c.to.Selected) {
			c.to.Selected = ps[len(ps)-1]
		}
		c.from.Refresh()
		c.to.Refresh()
	})
}

// active reports whether the change map is to be shown.
func (c *comparison) active() bool {
	return c.on.Checked && c.from.Selected != "" && c.to.Selected != "" && c.from.Selected != c.to.Selected
}

// legend computes the change map between the two periods and lists the
// desa that changed class.
func (c *comparison) legend() (render.Legend, error) {
	w := c.w
	r := w.res
	cmp, err := w.svc.Compare(context.Background(), r, c.from.Selected, c.to.Selected)
	if err != nil {
		return render.Legend{}, err
	}
	l := cmp.Legend
	l.Indicator.Label = fmt.Sprintf(lang.L("Perubahan %s, %s → %s"), r.Indicator.Label, c.from.Selected, c.to.Selected)
	if r.Indicator.Unit == "%" {
		l.Indicator.Unit = lang.L("poin persen")
	}
	l.Note = fmt.Sprintf(lang.L("Biru: turun, merah: naik (kelas simetris di sekitar nol). %s"), lang.L(classify.RuleText))
	c.moved = c.moved[:0]
	if r.Indicator.Categorical() {
		l.Note = lang.L("Perubahan kategori antara dua periode: naik, tetap atau turun.")
		for _, m := range cmp.Moved {
			v := r.Villages[m.Village]
			c.moved = append(c.moved, fmt.Sprintf(lang.L("%s (Kec. %s): %s → %s"), v.Name, w.kecName(v),
				formatValue(r.Indicator, m.FromV), formatValue(r.Indicator, m.ToV)))
		}
		c.list(fmt.Sprintf(lang.N("%d desa berpindah kategori:", len(c.moved)), len(c.moved)))
		return l, nil
	}
	for _, m := range cmp.Moved {
		v := r.Villages[m.Village]
		c.moved = append(c.moved, fmt.Sprintf(lang.L("%s (Kec. %s): kelas %d → %d (%s → %s)"), v.Name, w.kecName(v), m.FromClass, m.ToClass,
			formatValue(r.Indicator, m.FromV), formatValue(r.Indicator, m.ToV)))
	}
	c.list(fmt.Sprintf(lang.N("%d desa berpindah kelas (kelas menurut %s, %s):", len(c.moved)), len(c.moved), c.from.Selected, strings.ToLower(lang.L(cmp.Base.Method.Label()))))
	return l, nil
}

// list shows the desa that moved under a heading, the first forty.
func (c *comparison) list(text string) {
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
	c.changed.SetText(text)
}
