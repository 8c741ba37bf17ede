package app

import (
	"context"
	"sync"
)

// Runner runs work off the caller's goroutine and then apply on the
// goroutine that owns the interface. The window passes one that starts a
// goroutine and hands apply to fyne.Do; tests pass RunNow.
type Runner func(work func(), apply func())

// RunNow runs work and then apply on the calling goroutine.
func RunNow(work func(), apply func()) {
	work()
	apply()
}

// Model is what the window shows, without any widget: the settings, the
// result of analysing them, the selected area and the areas chosen for an
// intervention. Views observe it (Observe) and change it through its
// methods; every change of settings runs Service.Analyse through the
// Runner, and a newer change or a Cancel drops an older result. All
// methods are to be called from one goroutine (the interface's); the
// analysis itself runs where the Runner puts it.
type Model struct {
	svc *Service
	run Runner

	settings Settings
	result   *Result
	err      error
	busy     bool
	selected string   // code of the selected area, "" for none
	chosen   []string // codes of the areas chosen for an intervention

	gen       int
	cancel    context.CancelFunc
	observers []func(Event)
	mu        sync.Mutex // guards gen and cancel against Runner goroutines
}

// Event says what changed in the model.
type Event int

// The events a model sends to its observers.
const (
	// Started: an analysis began (Busy is true).
	Started Event = iota
	// Analysed: a new Result (or Err) is there.
	Analysed
	// Selected: the selected area changed.
	Selected
	// Chosen: the areas chosen for an intervention changed.
	Chosen
	// DataChanged: the data behind the model changed (an import, an
	// intervention saved); a new analysis follows.
	DataChanged
)

// NewModel returns a model over svc with settings s; nothing is analysed
// until Refresh or an update.
func NewModel(svc *Service, s Settings, run Runner) *Model {
	if run == nil {
		run = RunNow
	}
	return &Model{svc: svc, run: run, settings: s}
}

// Service returns the service the model analyses with.
func (m *Model) Service() *Service { return m.svc }

// Settings returns the current settings.
func (m *Model) Settings() Settings { return m.settings }

// Result returns the newest result, or nil before the first analysis or
// after one that failed.
func (m *Model) Result() *Result { return m.result }

// Err returns the error of the newest analysis, or nil.
func (m *Model) Err() error { return m.err }

// Busy reports whether an analysis is running.
func (m *Model) Busy() bool { return m.busy }

// Observe registers fn to be called, on the model's goroutine, after every
// change.
func (m *Model) Observe(fn func(Event)) { m.observers = append(m.observers, fn) }

func (m *Model) notify(e Event) {
	for _, fn := range m.observers {
		fn(e)
	}
}

// Update changes the settings with fn and analyses them again. Settings
// that do not validate are kept out: the error is returned and the model
// keeps its settings.
func (m *Model) Update(fn func(*Settings)) error {
	s := m.settings
	fn(&s)
	if err := s.Validate(); err != nil {
		return err
	}
	m.settings = s
	m.Refresh()
	return nil
}

// Refresh analyses the current settings again (after the data changed).
func (m *Model) Refresh() {
	m.mu.Lock()
	m.gen++
	gen := m.gen
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.mu.Unlock()
	m.busy = true
	m.notify(Started)
	set := m.settings
	var res *Result
	var err error
	m.run(func() {
		res, err = m.svc.Analyse(ctx, set)
	}, func() {
		cancel()
		m.mu.Lock()
		stale := gen != m.gen
		m.mu.Unlock()
		if stale {
			return // a newer analysis or a cancel came first
		}
		m.busy = false
		if err != nil {
			m.err = err
			if ctx.Err() == nil {
				m.result = nil
			}
		} else {
			m.result, m.err = res, nil
			// Keep the resolved indicator so that a later change keeps it.
			m.settings.Indicator = res.Settings.Indicator
		}
		m.notify(Analysed)
	})
}

// Cancel stops the running analysis; the last result stays.
func (m *Model) Cancel() {
	m.mu.Lock()
	m.gen++
	if m.cancel != nil {
		m.cancel()
	}
	m.mu.Unlock()
	if m.busy {
		m.busy = false
		m.err = context.Canceled
		m.notify(Analysed)
	}
}

// DataChanged tells the model that the data changed and analyses again.
func (m *Model) DataChanged() {
	m.notify(DataChanged)
	m.Refresh()
}

// Select selects the area with code ("" for none).
func (m *Model) Select(code string) {
	m.selected = code
	m.notify(Selected)
}

// Selected returns the code of the selected area, "" for none.
func (m *Model) Selected() string { return m.selected }

// Choose sets the areas chosen for an intervention.
func (m *Model) Choose(codes []string) {
	m.chosen = codes
	m.notify(Chosen)
}

// Chosen returns the codes of the areas chosen for an intervention.
func (m *Model) Chosen() []string { return m.chosen }
