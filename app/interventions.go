package app

import (
	"context"
	"fmt"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/idfmt"
)

// SaveIntervention adds an intervention (ID 0) or updates it, in one
// transaction with its change-log row, and returns its ID. Problems of the
// form come back as aid.FieldErrors.
func (s *Service) SaveIntervention(ctx context.Context, iv *aid.Intervention) (int64, error) {
	if iv.ID == 0 {
		return s.Interventions.AddIntervention(ctx, iv)
	}
	return iv.ID, s.Interventions.UpdateIntervention(ctx, iv)
}

// DeleteIntervention deletes an intervention; Undo brings it back.
func (s *Service) DeleteIntervention(ctx context.Context, id int64) error {
	return s.Interventions.DeleteIntervention(ctx, id)
}

// ListInterventions returns the interventions that pass f.
func (s *Service) ListInterventions(ctx context.Context, f aid.Filter) ([]aid.Intervention, error) {
	return s.Interventions.Interventions(ctx, f)
}

// Undo reverts the newest change not yet undone and says in Indonesian
// what it did; "" when there was nothing to undo.
func (s *Service) Undo(ctx context.Context) (string, error) {
	c, err := s.Interventions.UndoLast(ctx)
	if err != nil || c == nil {
		return "", err
	}
	return DescribeUndo(c), nil
}

// Redo makes again the change the newest undo reverted and says in
// Indonesian what it did; "" when there was nothing to redo (nothing was
// undone, or something was changed since).
func (s *Service) Redo(ctx context.Context) (string, error) {
	c, err := s.Interventions.RedoLast(ctx)
	if err != nil || c == nil {
		return "", err
	}
	return DescribeRedo(c), nil
}

// DescribeRedo says in Indonesian what the redo c did.
func DescribeRedo(c *aid.Change) string {
	return describeChange(c, "diulangi: intervensi ada lagi.", "diulangi: intervensi dihapus lagi.", "diulangi: nilai barunya dipakai lagi.")
}

// DescribeUndo says in Indonesian what undoing the change c did.
func DescribeUndo(c *aid.Change) string {
	return describeChange(c, "diurungkan: intervensi dihapus.", "diurungkan: intervensi dikembalikan.", "diurungkan: nilai sebelumnya dikembalikan.")
}

// describeChange names the change c (its intervention's programme and
// budget) and says what happened to it: created, deleted or updated.
func describeChange(c *aid.Change, created, deleted, updated string) string {
	iv := c.After
	if iv == nil {
		iv = c.Before
	}
	name := ""
	if iv != nil {
		name = fmt.Sprintf(" %s (%s)", iv.Programme, idfmt.Rupiah(iv.Budget))
	}
	switch c.Action {
	case "create":
		return "Penambahan intervensi" + name + " " + created
	case "delete":
		return "Penghapusan intervensi" + name + " " + deleted
	}
	return "Perubahan intervensi" + name + " " + updated
}
