package ui

import (
	"image"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/paulmach/orb"
)

// MapView is the map widget: it draws a render.Scene with render.Style,
// pans by drag, zooms by scroll wheel toward the cursor, reports the area
// under the mouse and selects an area on tap. Frames are drawn on a
// background goroutine and shown through fyne.Do, so a slow frame never
// blocks the interface.
type MapView struct {
	widget.BaseWidget

	// OnHover is called with the index of the area under the mouse, or -1.
	OnHover func(i int)
	// OnSelect is called with the index of the tapped area, or -1.
	OnSelect func(i int)
	// OnChoose is called with the chosen areas after a click, a
	// shift-click (adds or removes one) or a shift-drag box (adds those
	// whose label point lies inside).
	OnChoose func(chosen []int)
	// Sync draws frames on the calling goroutine; set from SyncFrames.
	Sync bool

	mu      sync.Mutex
	scene   *render.Scene
	style   render.Style
	view    render.View
	viewSet bool
	moved   bool       // the user has panned or zoomed: resizing keeps the view
	fit     *orb.Bound // the box last asked for by ZoomToBound: resizing fits it again
	fitPad  float64
	hover   int
	pointer fyne.Position // last seen over the map
	// Quiet turns the hover outline and read-out off (a presentation
	// has no pointer artefacts).
	Quiet  bool
	pxW    int
	pxH    int
	dirty  chan struct{}
	img    *canvas.Image
	frames int
	bufs   [2]*image.RGBA // drawn into in turn: one is shown while the other is drawn

	shift    bool // shift held at the last mouse press
	boxing   bool
	boxStart fyne.Position
	box      *canvas.Rectangle
}

// SyncFrames makes new map widgets draw every frame on the goroutine that
// asks for it instead of a background one, so that headless tests see each
// frame at once.
var SyncFrames = false

// NewMapView returns a map widget showing scene.
func NewMapView(scene *render.Scene, style render.Style) *MapView {
	m := &MapView{scene: scene, style: style, hover: -1, dirty: make(chan struct{}, 1), Sync: SyncFrames}
	m.img = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	m.img.FillMode = canvas.ImageFillStretch
	m.img.ScaleMode = canvas.ImageScaleFastest
	m.box = canvas.NewRectangle(color.RGBA{0x08, 0x51, 0x9c, 0x30})
	m.box.StrokeColor = color.RGBA{0x08, 0x51, 0x9c, 0xff}
	m.box.StrokeWidth = 1.5
	m.box.Hide()
	m.ExtendBaseWidget(m)
	if !m.Sync {
		go m.loop()
	}
	return m
}

// CreateRenderer implements fyne.Widget.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.RGBA{0xf4, 0xf6, 0xf8, 0xff})
	return &mapRenderer{m: m, bg: bg}
}

type mapRenderer struct {
	m  *MapView
	bg *canvas.Rectangle
}

func (r *mapRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.m.img.Resize(s)
	r.m.resized(s)
}
func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 150) }
func (r *mapRenderer) Refresh()           { r.m.requestFrame() }
func (r *mapRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.m.img, r.m.box}
}
func (r *mapRenderer) Destroy() {}

func (m *MapView) scale() float32 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		return c.Scale()
	}
	return 1
}

func (m *MapView) resized(s fyne.Size) {
	sc := m.scale()
	w, h := int(math.Round(float64(s.Width*sc))), int(math.Round(float64(s.Height*sc)))
	m.mu.Lock()
	changed := w != m.pxW || h != m.pxH
	m.pxW, m.pxH = w, h
	switch {
	case w <= 0 || h <= 0 || m.scene == nil:
	case m.fit != nil:
		m.view = m.scene.Fit(*m.fit, w, h, m.fitPad*math.Min(float64(w), float64(h)))
		m.viewSet = true
	case !m.viewSet || !m.moved:
		m.view = m.scene.Fit(m.scene.Bound(), w, h, 12)
		m.viewSet = true
	}
	m.mu.Unlock()
	if changed {
		m.requestFrame()
	}
}

// SetScene replaces the areas shown and fits the view to them.
func (m *MapView) SetScene(s *render.Scene, style render.Style) {
	m.mu.Lock()
	m.scene, m.style, m.hover = s, style, -1
	m.style.Chosen = nil
	m.viewSet, m.moved, m.fit = false, false, nil
	if m.pxW > 0 && m.pxH > 0 {
		m.view = s.Fit(s.Bound(), m.pxW, m.pxH, 12)
		m.viewSet = true
	}
	m.mu.Unlock()
	m.requestFrame()
}

// SetStyle changes how the areas are drawn, keeping the view.
func (m *MapView) SetStyle(style render.Style) {
	m.mu.Lock()
	style.Hover = m.hover
	m.style = style
	m.mu.Unlock()
	m.requestFrame()
}

// Style returns the current style.
func (m *MapView) Style() render.Style {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.style
}

// View returns the current view.
func (m *MapView) View() render.View {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.view
}

// SetView shows v.
func (m *MapView) SetView(v render.View) {
	m.mu.Lock()
	m.moved, m.fit = true, nil
	m.view, m.viewSet = v, true
	m.mu.Unlock()
	m.requestFrame()
}

// FitExtent shows every area.
func (m *MapView) FitExtent() {
	m.mu.Lock()
	m.moved, m.fit = false, nil
	if m.scene != nil && m.pxW > 0 {
		m.view = m.scene.Fit(m.scene.Bound(), m.pxW, m.pxH, 12)
		m.viewSet = true
	}
	m.mu.Unlock()
	m.requestFrame()
}

// ZoomTo shows area i filling most of the map.
func (m *MapView) ZoomTo(i int) {
	m.mu.Lock()
	ok := m.scene != nil && i >= 0 && i < len(m.scene.Areas)
	var b orb.Bound
	if ok {
		b = m.scene.Areas[i].Bound
	}
	m.mu.Unlock()
	if ok {
		m.ZoomToBound(b, 0.25)
	}
}

// Zoom zooms by factor f about the centre of the map.
func (m *MapView) Zoom(f float64) {
	m.mu.Lock()
	m.moved, m.fit = true, nil
	if m.scene != nil {
		m.view = m.scene.ZoomAt(m.view, m.pxW, m.pxH, float64(m.pxW)/2, float64(m.pxH)/2, f)
	}
	m.mu.Unlock()
	m.requestFrame()
}

// Dragged implements fyne.Draggable: the map follows the pointer, or, with
// shift held, a box is drawn to choose areas.
func (m *MapView) Dragged(e *fyne.DragEvent) {
	if m.shift {
		if !m.boxing {
			m.boxing = true
			m.boxStart = e.Position.Subtract(e.Dragged)
		}
		x0, y0 := min(m.boxStart.X, e.Position.X), min(m.boxStart.Y, e.Position.Y)
		x1, y1 := max(m.boxStart.X, e.Position.X), max(m.boxStart.Y, e.Position.Y)
		m.box.Move(fyne.NewPos(x0, y0))
		m.box.Resize(fyne.NewSize(x1-x0, y1-y0))
		m.box.Show()
		m.box.Refresh()
		return
	}
	sc := float64(m.scale())
	m.mu.Lock()
	m.moved, m.fit = true, nil
	if m.scene != nil {
		m.view = m.scene.Pan(m.view, float64(e.Dragged.DX)*sc, float64(e.Dragged.DY)*sc)
	}
	m.mu.Unlock()
	m.requestFrame()
}

// DragEnd implements fyne.Draggable: a shift-drag box chooses the areas
// whose label point lies inside it.
func (m *MapView) DragEnd() {
	if !m.boxing {
		return
	}
	m.boxing = false
	m.box.Hide()
	p, s := m.box.Position(), m.box.Size()
	m.ChooseIn(p, p.Add(fyne.NewPos(s.Width, s.Height)))
}

// ChooseIn adds to the chosen areas those whose label point is drawn
// between the widget positions a and b (the corners of a box).
func (m *MapView) ChooseIn(a, b fyne.Position) {
	sc := float64(m.scale())
	m.mu.Lock()
	if m.scene == nil {
		m.mu.Unlock()
		return
	}
	if m.style.Chosen == nil || len(m.style.Chosen) != len(m.scene.Areas) {
		m.style.Chosen = make([]bool, len(m.scene.Areas))
	}
	for i, ar := range m.scene.Areas {
		x, y := m.scene.ToPixel(m.view, m.pxW, m.pxH, ar.Label)
		if x >= float64(a.X)*sc && x <= float64(b.X)*sc && y >= float64(a.Y)*sc && y <= float64(b.Y)*sc {
			m.style.Chosen[i] = true
		}
	}
	chosen := m.chosenLocked()
	m.mu.Unlock()
	m.requestFrame()
	if m.OnChoose != nil {
		m.OnChoose(chosen)
	}
}

func (m *MapView) chosenLocked() []int {
	var out []int
	for i, c := range m.style.Chosen {
		if c {
			out = append(out, i)
		}
	}
	return out
}

// Chosen returns the chosen areas.
func (m *MapView) Chosen() []int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.chosenLocked()
}

// SetChosen replaces the chosen areas.
func (m *MapView) SetChosen(idx []int) {
	m.mu.Lock()
	if m.scene != nil {
		m.style.Chosen = make([]bool, len(m.scene.Areas))
		for _, i := range idx {
			if i >= 0 && i < len(m.style.Chosen) {
				m.style.Chosen[i] = true
			}
		}
	}
	m.mu.Unlock()
	m.requestFrame()
}

// MouseDown implements desktop.Mouseable: it notes whether shift is held,
// which turns a click into adding to the choice and a drag into a box.
func (m *MapView) MouseDown(e *desktop.MouseEvent) { m.shift = e.Modifier&fyne.KeyModifierShift != 0 }

// MouseUp implements desktop.Mouseable.
func (m *MapView) MouseUp(*desktop.MouseEvent) {}

// Scrolled implements fyne.Scrollable: the wheel zooms toward the cursor.
func (m *MapView) Scrolled(e *fyne.ScrollEvent) {
	sc := float64(m.scale())
	steps := float64(e.Scrolled.DY) / 25 // one wheel notch on Linux and Windows
	if steps == 0 {
		return
	}
	f := math.Pow(1.25, steps)
	m.mu.Lock()
	m.moved, m.fit = true, nil
	if m.scene != nil {
		m.view = m.scene.ZoomAt(m.view, m.pxW, m.pxH, float64(e.Position.X)*sc, float64(e.Position.Y)*sc, f)
	}
	m.mu.Unlock()
	m.requestFrame()
}

// AreaAt returns the index of the area at a position in the widget, or -1.
func (m *MapView) AreaAt(pos fyne.Position) int {
	sc := float64(m.scale())
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.scene == nil || m.pxW == 0 {
		return -1
	}
	return m.scene.AreaAt(m.view, m.pxW, m.pxH, float64(pos.X)*sc, float64(pos.Y)*sc)
}

// Tapped implements fyne.Tappable: select the area under the pointer and
// choose it alone, or, with shift held, add it to (or remove it from) the
// chosen areas.
func (m *MapView) Tapped(e *fyne.PointEvent) {
	i := m.AreaAt(e.Position)
	m.mu.Lock()
	if m.scene != nil && (m.style.Chosen == nil || len(m.style.Chosen) != len(m.scene.Areas)) {
		m.style.Chosen = make([]bool, len(m.scene.Areas))
	}
	if !m.shift {
		clear(m.style.Chosen)
	}
	if i >= 0 && i < len(m.style.Chosen) {
		m.style.Chosen[i] = !m.shift || !m.style.Chosen[i]
	}
	chosen := m.chosenLocked()
	m.mu.Unlock()
	m.Select(i)
	if m.OnSelect != nil {
		m.OnSelect(i)
	}
	if m.OnChoose != nil {
		m.OnChoose(chosen)
	}
}

// Select outlines area i (or nothing for -1).
func (m *MapView) Select(i int) {
	m.mu.Lock()
	m.style.Selected = i
	m.mu.Unlock()
	m.requestFrame()
}

// MouseIn implements desktop.Hoverable.
func (m *MapView) MouseIn(e *desktop.MouseEvent) { m.MouseMoved(e) }

// MouseMoved implements desktop.Hoverable: report and outline the area
// under the pointer.
func (m *MapView) MouseMoved(e *desktop.MouseEvent) {
	m.mu.Lock()
	m.pointer = e.Position
	m.mu.Unlock()
	if m.Quiet {
		m.setHover(-1)
		return
	}
	m.setHover(m.AreaAt(e.Position))
}

// Pointer returns where the pointer was last seen over the map.
func (m *MapView) Pointer() fyne.Position {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.pointer
}

// MouseOut implements desktop.Hoverable.
func (m *MapView) MouseOut() { m.setHover(-1) }

func (m *MapView) setHover(i int) {
	m.mu.Lock()
	changed := i != m.hover
	m.hover, m.style.Hover = i, i
	m.mu.Unlock()
	if !changed {
		return
	}
	if m.OnHover != nil {
		m.OnHover(i)
	}
	m.requestFrame()
}

// requestFrame asks for a new frame; requests made while one is being
// drawn collapse into one.
func (m *MapView) requestFrame() {
	if m.Sync {
		m.drawFrame()
		return
	}
	select {
	case m.dirty <- struct{}{}:
	default:
	}
}

func (m *MapView) loop() {
	for range m.dirty {
		m.drawFrame()
	}
}

func (m *MapView) drawFrame() {
	m.mu.Lock()
	s, v, st, w, h := m.scene, m.view, m.style, m.pxW, m.pxH
	m.mu.Unlock()
	if s == nil || w <= 0 || h <= 0 {
		return
	}
	// Only the frame goroutine (or, with Sync, the caller) touches bufs.
	img := m.bufs[m.frames%2]
	if img == nil || img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		img = image.NewRGBA(image.Rect(0, 0, w, h))
		m.bufs[m.frames%2] = img
	}
	s.Draw(img, v, &st)
	show := func() {
		m.img.Image = img
		m.img.Refresh()
	}
	if m.Sync {
		show()
	} else {
		// Wait until the frame is shown, so that the next frame is drawn
		// into the buffer no longer on screen.
		fyne.DoAndWait(show)
	}
	m.frames++
}

// Image returns the last frame shown (for tests).
func (m *MapView) Image() image.Image { return m.img.Image }

// PositionOf returns where a lon/lat point is drawn in the widget.
func (m *MapView) PositionOf(pt orb.Point) fyne.Position {
	sc := m.scale()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.scene == nil {
		return fyne.Position{}
	}
	x, y := m.scene.ToPixel(m.view, m.pxW, m.pxH, pt)
	return fyne.NewPos(float32(x)/sc, float32(y)/sc)
}

// Scene returns the scene shown.
func (m *MapView) Scene() *render.Scene {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.scene
}

// SetSceneKeepView replaces the areas shown, keeping the view (as when
// switching between desa and kecamatan of the same region).
func (m *MapView) SetSceneKeepView(s *render.Scene) {
	m.mu.Lock()
	m.scene, m.hover = s, -1
	m.style.Selected, m.style.Hover, m.style.Chosen = -1, -1, nil
	m.mu.Unlock()
	m.requestFrame()
}

// ZoomToBound shows the lon/lat box b with a margin of the given share of
// the smaller image side.
func (m *MapView) ZoomToBound(b orb.Bound, margin float64) {
	m.mu.Lock()
	m.moved, m.fit, m.fitPad = true, &b, margin
	if m.scene != nil && m.pxW > 0 {
		m.view = m.scene.Fit(b, m.pxW, m.pxH, margin*math.Min(float64(m.pxW), float64(m.pxH)))
	}
	m.mu.Unlock()
	m.requestFrame()
}
