package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/dinsos-tuban/pocketmap/dbcopy"
)

// Dump streams every table of the file in dbcopy's canonical form, from
// one read transaction.
func (db *DB) Dump(ctx context.Context, row func(table string, values []any) error) error {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range dbcopy.Tables {
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = `"` + c + `"`
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+t.Name+` ORDER BY `+strings.Join(cols[:t.Key], ", "))
		if err != nil {
			return fmt.Errorf("membaca %s: %w", t.Name, err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return fmt.Errorf("membaca %s: %w", t.Name, err)
			}
			r, err := t.Row(vals)
			if err == nil {
				err = row(t.Name, r)
			}
			if err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("membaca %s: %w", t.Name, err)
		}
	}
	return nil
}

// Load empties the file's tables and fills them from put's rows, in one
// transaction after an automatic backup: all or nothing.
func (db *DB) Load(ctx context.Context, fill func(put func(table string, values []any) error) error) error {
	if _, err := db.AutoBackup(ctx, "salin"); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for i := len(dbcopy.Tables) - 1; i >= 0; i-- {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+dbcopy.Tables[i].Name); err != nil {
				return fmt.Errorf("mengosongkan %s: %w", dbcopy.Tables[i].Name, err)
			}
		}
		stmts := map[string]*sql.Stmt{}
		defer func() {
			for _, st := range stmts {
				st.Close()
			}
		}()
		return fill(func(table string, values []any) error {
			t, ok := dbcopy.Lookup(table)
			if !ok {
				return fmt.Errorf("tabel %q tidak dikenal", table)
			}
			st, ok := stmts[table]
			if !ok {
				cols := make([]string, len(t.Columns))
				for i, c := range t.Columns {
					cols[i] = `"` + c + `"`
				}
				var err error
				if st, err = tx.PrepareContext(ctx, `INSERT INTO `+table+`(`+strings.Join(cols, ", ")+`) VALUES(`+
					strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+`)`); err != nil {
					return fmt.Errorf("menyalin %s: %w", table, err)
				}
				stmts[table] = st
			}
			args := make([]any, len(values))
			for i, v := range values {
				if b, ok := v.(bool); ok { // SQLite keeps booleans as 0/1
					v = 0
					if b {
						v = 1
					}
				}
				args[i] = v
			}
			if _, err := st.ExecContext(ctx, args...); err != nil {
				return fmt.Errorf("menyalin %s: %w", table, err)
			}
			return nil
		})
	})
}
