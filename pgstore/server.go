package pgstore

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"regexp"

	"github.com/jackc/pgx/v5"
)

//go:embed server/roles.sql
var rolesSQL string

// Roles are the office roles, least to most, by the name people use.
var Roles = map[string]string{
	"viewer":  "pocketmap_viewer",  // maps and aggregates
	"planner": "pocketmap_planner", // + interventions
	"data":    "pocketmap_data",    // + household lists with NIK, indicators
	"admin":   "pocketmap_admin",   // + boundaries, everything
}

// RoleNames lists the role names in order.
var RoleNames = []string{"viewer", "planner", "data", "admin"}

// InitServer creates the office roles and their grants on the schema
// (again without harm): run once by the database owner after the first
// Open.
func (db *DB) InitServer(ctx context.Context) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, rolesSQL); err != nil {
			return fmt.Errorf("menyiapkan peran server: %w", err)
		}
		return nil
	})
}

// userName is what a login name may be: lower-case letters, digits and _,
// so that it needs no quoting.
var userName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// AddUser creates a login role for a person, member of the office role
// role ("viewer", "planner", "data", "admin"). It has no password: the
// administrator sets one with psql's \password, or the server trusts the
// office network, as its pg_hba.conf says.
func (db *DB) AddUser(ctx context.Context, name, role string) error {
	group, ok := Roles[role]
	if !ok {
		return fmt.Errorf("peran %q tidak dikenal; pilih salah satu: %v", role, RoleNames)
	}
	if !userName.MatchString(name) {
		return fmt.Errorf("nama pengguna %q tidak sah: huruf kecil, angka dan _ saja, diawali huruf", name)
	}
	_, err := db.pool.Exec(ctx, fmt.Sprintf(`CREATE ROLE %s LOGIN IN ROLE %s`, name, group))
	if err != nil {
		return fmt.Errorf("menambah pengguna %s: %w", name, err)
	}
	return nil
}

// Role returns the office role of the connected user ("" when none), the
// highest one it is a member of.
func (db *DB) Role(ctx context.Context) (string, error) {
	best := ""
	for _, r := range RoleNames {
		var member bool
		if err := db.pool.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER')`,
			Roles[r]).Scan(&member); err != nil {
			return "", err
		}
		if member {
			best = r
		}
	}
	return best, nil
}

// PocketRow is one desa of a published analysis.
type PocketRow struct {
	Code, Indicator, Period, Cluster string
	Value, PValue                    float64 // NaN for none
	Pocket                           bool
}

// PublishPockets replaces the published analysis (table pocket_results,
// view v_pockets for QGIS) with rows, in one transaction.
func (db *DB) PublishPockets(ctx context.Context, method string, rows []PocketRow) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM pocket_results`); err != nil {
			return err
		}
		batch := &pgx.Batch{}
		for _, r := range rows {
			batch.Queue(`INSERT INTO pocket_results(code, indicator, period, value, cluster, p_value, pocket, method)
				VALUES($1, $2, $3, $4, $5, $6, $7, $8)`, r.Code, r.Indicator, r.Period, nanNull(r.Value), r.Cluster, nanNull(r.PValue), r.Pocket, method)
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("menerbitkan kantong: %w", err)
		}
		return nil
	})
}

// nanNull is v, or NULL for NaN.
func nanNull(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}
