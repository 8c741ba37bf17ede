// Package pgstore keeps pocketmap's data on a PostgreSQL server with
// PostGIS, for an office whose workstations share one database: the same
// repositories as package store (the SQLite file), passing the same
// contract (internal/storetest), with the boundaries as PostGIS geometry.
// Migrations are versioned and applied in one transaction under an
// advisory lock, so that two workstations starting at once do not race.
package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key held while migrating.
const migrationLock = 0x706f636b6574 // "pocket"

// DB is the server store.
type DB struct {
	pool *pgxpool.Pool
	dsn  string
	// User is the name recorded in the change log; the operating-system
	// user when empty. The workstation's host name is recorded beside it.
	User string
}

// ErrUnknownIndicator is returned, wrapped, for an indicator key that has
// no definition.
var ErrUnknownIndicator = errors.New("indikator tidak dikenal")

// Open connects to the server named by dsn (a postgres:// URL or
// key=value string; passwords come from ~/.pgpass, never from pocketmap's
// preferences) and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("alamat server basis data tidak sah: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("menyambung ke server basis data: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("menyambung ke server basis data %s: %w", cfg.ConnConfig.Host, err)
	}
	db := &DB{pool: pool, dsn: dsn}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Describe names a server database for messages and the status line,
// without its password: "postgres://planner@kantor/pocketmap".
func Describe(dsn string) string {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return "server basis data"
	}
	return fmt.Sprintf("postgres://%s@%s/%s", cfg.User, cfg.Host, cfg.Database)
}

// Close closes the connections.
func (db *DB) Close() { db.pool.Close() }

// migrate applies the migrations not yet applied, all in one transaction.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// Up to date: nothing to lock or create (a viewer may not create).
	var applied int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&applied); err == nil && applied == len(names) {
		return nil
	}
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return err
		}
		for _, name := range names {
			v, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, "migrations/"), "_", 2)[0])
			if err != nil {
				return fmt.Errorf("migrasi %s: nomor versi tidak terbaca", name)
			}
			var done bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM schema_migrations WHERE version = $1)`, v).Scan(&done); err != nil {
				return err
			}
			if done {
				continue
			}
			sqlText, err := migrations.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, string(sqlText)); err != nil {
				return fmt.Errorf("migrasi %s: %w", name, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version) VALUES($1)`, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// inTx runs fn in a transaction, committed when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, fn)
}

// Meta returns a value of the meta table, "" when unset.
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := db.pool.QueryRow(ctx, `SELECT coalesce((SELECT value FROM meta WHERE key = $1), '')`, key).Scan(&v)
	if err != nil {
		return "", fmt.Errorf("membaca %s: %w", key, err)
	}
	return v, nil
}

// SetMeta sets a value of the meta table.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO meta(key, value) VALUES($1, $2)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("menyimpan %s: %w", key, err)
	}
	return nil
}

// IsEmpty reports whether the database has no areas yet.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM areas LIMIT 1) a`).Scan(&n); err != nil {
		return false, fmt.Errorf("memeriksa basis data: %w", err)
	}
	return n == 0, nil
}

// logImport records an import in the log.
func logImport(ctx context.Context, tx pgx.Tx, kind, file, summary string) error {
	_, err := tx.Exec(ctx, `INSERT INTO imports(kind, file, summary) VALUES($1, $2, $3)`, kind, file, summary)
	return err
}

// The server store implements every repository the application uses.
var (
	_ geo.AreaRepository      = (*DB)(nil)
	_ geo.IndicatorRepository = (*DB)(nil)
	_ aid.Repository          = (*DB)(nil)
	_ household.Repository    = (*DB)(nil)
)

// Watch calls changed, on its own goroutine, with what another (or this)
// workstation saved ("intervention", or the kind of an import: "batas",
// "indikator", "rumah tangga"), as the server announces it, until ctx
// ends; it holds one connection of the pool meanwhile, so end ctx and let
// Watch return before Close. A lost connection is retried every few
// seconds.
func (db *DB) Watch(ctx context.Context, changed func(what string)) {
	for ctx.Err() == nil {
		conn, err := db.pool.Acquire(ctx)
		if err == nil {
			if _, err = conn.Exec(ctx, `LISTEN pocketmap`); err == nil {
				for {
					n, werr := conn.Conn().WaitForNotification(ctx)
					if werr != nil {
						break
					}
					changed(n.Payload)
				}
			}
			conn.Release()
		}
		select {
		case <-ctx.Done():
		case <-time.After(3 * time.Second):
		}
	}
}
