package pgstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dinsos-tuban/pocketmap/dbcopy"
)

// column is how the server names a canonical column, and how a value is
// read and written in SQL.
func column(table, col string, kind byte) (name, read, write string) {
	name = col
	if table == "change_log" && col == "user" {
		name = "username"
	}
	read, write = name, "$%d"
	switch kind {
	case 'g':
		read, write = "ST_AsBinary("+name+")", "ST_Multi(ST_GeomFromWKB($%d, 4326))"
	case 'd':
		write = "$%d::date"
	case 's':
		write = "$%d::timestamptz"
	case 'j':
		read, write = name+"::text", "$%d::jsonb"
	}
	return name, read, write
}

// Dump streams every table in dbcopy's canonical form from one snapshot
// (a repeatable-read, read-only transaction).
func (db *DB) Dump(ctx context.Context, row func(table string, values []any) error) error {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	for _, t := range dbcopy.Tables {
		reads := make([]string, len(t.Columns))
		keys := make([]string, t.Key)
		for i, c := range t.Columns {
			name, read, _ := column(t.Name, c, t.Kinds[i])
			reads[i] = read
			if i < t.Key {
				keys[i] = name + ` COLLATE "C"`
				if k := t.Kinds[i]; k != 't' {
					keys[i] = name
				}
			}
		}
		rows, err := tx.Query(ctx, `SELECT `+strings.Join(reads, ", ")+` FROM `+t.Name+` ORDER BY `+strings.Join(keys, ", "))
		if err != nil {
			return fmt.Errorf("membaca %s: %w", t.Name, err)
		}
		for rows.Next() {
			vals, err := rows.Values()
			if err == nil {
				vals, err = t.Row(vals)
			}
			if err == nil {
				err = row(t.Name, vals)
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

// Load empties the tables and fills them from put's rows in one
// transaction, then moves the id sequences past the ids copied.
func (db *DB) Load(ctx context.Context, fill func(put func(table string, values []any) error) error) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		names := make([]string, len(dbcopy.Tables))
		for i, t := range dbcopy.Tables {
			names[i] = t.Name
		}
		if _, err := tx.Exec(ctx, `TRUNCATE `+strings.Join(names, ", ")+` CASCADE`); err != nil {
			return fmt.Errorf("mengosongkan tabel: %w", err)
		}
		inserts := map[string]string{}
		batch := &pgx.Batch{}
		send := func() error {
			if batch.Len() == 0 {
				return nil
			}
			err := tx.SendBatch(ctx, batch).Close()
			batch = &pgx.Batch{}
			return err
		}
		err := fill(func(table string, values []any) error {
			t, ok := dbcopy.Lookup(table)
			if !ok {
				return fmt.Errorf("tabel %q tidak dikenal", table)
			}
			q, ok := inserts[table]
			if !ok {
				cols := make([]string, len(t.Columns))
				marks := make([]string, len(t.Columns))
				for i, c := range t.Columns {
					name, _, write := column(t.Name, c, t.Kinds[i])
					cols[i], marks[i] = name, fmt.Sprintf(write, i+1)
				}
				q = `INSERT INTO ` + table + `(` + strings.Join(cols, ", ") + `) VALUES(` + strings.Join(marks, ", ") + `)`
				inserts[table] = q
			}
			batch.Queue(q, values...)
			if batch.Len() >= 2000 {
				return send()
			}
			return nil
		})
		if err == nil {
			err = send()
		}
		if err != nil {
			return fmt.Errorf("menyalin: %w", err)
		}
		for _, t := range []string{"interventions", "change_log", "household_snapshots"} {
			if _, err := tx.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%[1]s', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM %[1]s`, t)); err != nil {
				return err
			}
		}
		return nil
	})
}
