package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tooltip is the hover read-out drawn by the pointer over the map: the
// desa, its kecamatan and its value, where the eyes already are. It takes
// no events: the map under it keeps them.
type tooltip struct {
	layer *fyne.Container // no layout: the box is placed by the pointer
	box   *fyne.Container
	text  *widget.Label
}

func (t *tooltip) init() {
	t.text = widget.NewLabel("")
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	t.box = container.NewStack(bg, t.text)
	t.box.Hide()
	t.layer = container.NewWithoutLayout(t.box)
}

// show puts text by the pointer at p (in the map's coordinates), inside
// the map, or hides the box.
func (t *tooltip) show(text string, on bool, p fyne.Position) {
	if !on || text == "" {
		t.box.Hide()
		return
	}
	t.text.SetText(text)
	size := t.box.MinSize()
	area := t.layer.Size()
	x, y := p.X+16, p.Y+16
	if x+size.Width > area.Width {
		x = p.X - size.Width - 8
	}
	if y+size.Height > area.Height {
		y = p.Y - size.Height - 8
	}
	t.box.Resize(size)
	t.box.Move(fyne.NewPos(max(0, x), max(0, y)))
	t.box.Show()
}
