package aid

import (
	"context"
	"fmt"
	"time"
)

// Repository keeps the programme list, the interventions and their change
// log. Every save is one transaction with its log row; validation problems
// come back as FieldErrors.
type Repository interface {
	// Programmes returns the names of the active programmes in display
	// order; AllProgrammes every programme with whether it is offered.
	Programmes(ctx context.Context) ([]string, error)
	AllProgrammes(ctx context.Context) ([]Programme, error)
	AddProgramme(ctx context.Context, name string) error
	// RenameProgramme renames a programme and the interventions using it.
	RenameProgramme(ctx context.Context, old, new string) error
	SetProgrammeActive(ctx context.Context, name string, active bool) error

	// Interventions returns the interventions that pass f, by start date.
	Interventions(ctx context.Context, f Filter) ([]Intervention, error)
	// AddIntervention validates and saves a new intervention and returns
	// its ID; UpdateIntervention and DeleteIntervention change one.
	AddIntervention(ctx context.Context, iv *Intervention) (int64, error)
	UpdateIntervention(ctx context.Context, iv *Intervention) error
	DeleteIntervention(ctx context.Context, id int64) error
	// Changes returns the change log touching area ("" for all), newest
	// first, at most limit entries (0 for all).
	Changes(ctx context.Context, area string, limit int) ([]Change, error)
	// UndoLast reverts the newest change not yet undone and returns it,
	// or nil when there is nothing to undo.
	UndoLast(ctx context.Context) (*Change, error)
	// RedoLast makes again what the newest undo reverted, while nothing
	// else changed since, and returns the new change, or nil when there
	// is nothing to redo.
	RedoLast(ctx context.Context) (*Change, error)
}

// Programme is an entry of the programme list. An inactive programme is
// no longer offered for new interventions but keeps its interventions.
type Programme struct {
	Name   string
	Active bool
}

// Filter selects interventions; zero fields select all.
type Filter struct {
	// Area is a desa/kelurahan or kecamatan code. A desa selects the
	// interventions on that desa or on its kecamatan; a kecamatan those on
	// the kecamatan or on any of its desa.
	Area      string
	Programme string
	Priority  Priority // PriorityNone: any
	Agency    string
	Funding   string
	Status    *Status   // nil: any
	ActiveOn  time.Time // zero: any; else planned or running on that day
}

// Change is an entry of the change log.
type Change struct {
	ID       int64
	At       time.Time // UTC, to the second
	User     string
	Entity   string // "intervention"
	EntityID int64
	Action   string // create, update, delete or undo
	// Before and After are the intervention before and after the change,
	// nil when absent (Before of a create, After of a delete).
	Before, After *Intervention
	Undoes        int64 // for an undo: the change it reverted
	UndoneBy      int64 // the undo that reverted this change, 0 if none
	Redoes        int64 // for a change made again by redo: the undo it reversed
}

// ConflictError is a save refused because someone else changed the
// intervention after it was read (office server, several workstations),
// or an undo that would revert another person's later change.
type ConflictError struct {
	ID     int64
	By     string    // who made the later change
	At     time.Time // when
	Undo   bool      // the undo was refused
	Action string    // what the later change was: create, update, delete
	Err    error     // the store's own error beneath, such as "not found"
}

// Unwrap returns the store's error beneath the conflict.
func (e *ConflictError) Unwrap() error { return e.Err }

func (e *ConflictError) Error() string {
	when := e.At.Local().Format("2006-01-02 15.04")
	if e.Undo {
		return fmt.Sprintf("intervensi %d sudah diubah lagi oleh %s pada %s; perubahan itu tidak diurungkan diam-diam: muat ulang dan periksa dahulu", e.ID, e.By, when)
	}
	if e.Action == "delete" {
		return fmt.Sprintf("intervensi %d sudah dihapus oleh %s pada %s; muat ulang daftar", e.ID, e.By, when)
	}
	return fmt.Sprintf("intervensi %d sudah diubah oleh %s pada %s sejak dibuka; muat ulang untuk melihat perubahannya, lalu simpan lagi", e.ID, e.By, when)
}
