// Package store keeps pocketmap's local SQLite database (modernc.org/sqlite,
// pure Go): administrative areas with their boundaries, indicator
// definitions and values per area and period, settings, a log of imports,
// and the interventions (aid programmes per area) with a change log that
// can be undone. Every import and every save is applied in one transaction,
// so a failed one leaves the database as it was.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// pragmas are applied by the driver to every pooled connection. Write
// transactions begin IMMEDIATE so that concurrent writers wait for the busy
// timeout instead of failing on lock upgrade.
const pragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(FULL)&_txlock=immediate"

// DB is an open pocketmap database; it is safe for concurrent use.
type DB struct {
	db   *sql.DB
	path string

	// User is the name recorded in the change log for every save. Open
	// sets it to the operating-system user name, else $USER or $USERNAME,
	// else "tidak diketahui"; change it only before sharing the DB between
	// goroutines.
	User string
}

// Open opens the database at path, creating it and its directory with
// owner-only permissions when missing, and applies pending migrations.
func Open(path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("membuka basis data %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("membuat folder basis data: %w", err)
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		f.Close()
	case !errors.Is(err, fs.ErrExist):
		return nil, fmt.Errorf("membuat berkas basis data: %w", err)
	}
	sdb, err := openSQL(abs)
	if err != nil {
		return nil, err
	}
	if err := migrate(context.Background(), sdb, migrations); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("memperbarui skema %s: %w", abs, err)
	}
	return &DB{db: sdb, path: abs, User: osUser()}, nil
}

// openSQL opens the file with the pragmas and checks the connection.
func openSQL(abs string) (*sql.DB, error) {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letter: file:///C:/...
	}
	dsn := (&url.URL{Scheme: "file", Path: p, RawQuery: pragmas}).String()
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("membuka basis data %s: %w", abs, err)
	}
	if err := sdb.Ping(); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("membuka basis data %s: %w", abs, err)
	}
	return sdb, nil
}

// Close closes the database.
func (db *DB) Close() error {
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("menutup basis data: %w", err)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Check runs SQLite's integrity check over the whole database and returns
// an error naming the first problem it reports.
func (db *DB) Check(ctx context.Context) error {
	var res string
	if err := db.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("memeriksa keutuhan basis data %s: %w", db.path, err)
	}
	if res != "ok" {
		return fmt.Errorf("basis data %s rusak: %s", db.path, res)
	}
	return nil
}

var (
	_ geo.AreaRepository      = (*DB)(nil)
	_ geo.IndicatorRepository = (*DB)(nil)
	_ aid.Repository          = (*DB)(nil)
	_ household.Repository    = (*DB)(nil)
)

// now is the timestamp format of applied_at and imports.at.
func now() string { return time.Now().UTC().Format(time.RFC3339) }

// inTx runs fn in a transaction, committed when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("memulai transaksi: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("menyimpan transaksi: %w", err)
	}
	return nil
}

// migrate applies the migrations/NNNN_name.sql files of fsys not yet listed
// in schema_migrations, in version order, each in its own transaction.
func migrate(ctx context.Context, sdb *sql.DB, fsys fs.FS) error {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("mencari berkas migrasi: %w", err)
	}
	type migration struct {
		version int
		name    string
	}
	var ms []migration
	for _, n := range names {
		v, err := strconv.Atoi(strings.SplitN(path.Base(n), "_", 2)[0])
		if err != nil || v <= 0 {
			return fmt.Errorf("nama migrasi %s tidak diawali nomor versi", n)
		}
		ms = append(ms, migration{v, n})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return fmt.Errorf("migrasi %s dan %s bernomor sama", ms[i-1].name, ms[i].name)
		}
	}
	if _, err := sdb.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("membuat schema_migrations: %w", err)
	}
	var newest int
	if err := sdb.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return fmt.Errorf("membaca schema_migrations: %w", err)
	}
	if len(ms) > 0 && newest > ms[len(ms)-1].version {
		return fmt.Errorf("basis data memakai skema versi %d, lebih baru dari versi %d yang dikenal aplikasi ini; perbarui pocketmap",
			newest, ms[len(ms)-1].version)
	}
	for _, m := range ms {
		body, err := fs.ReadFile(fsys, m.name)
		if err != nil {
			return fmt.Errorf("membaca migrasi: %w", err)
		}
		tx, err := sdb.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrasi %s: %w", m.name, err)
		}
		var done bool
		err = tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM schema_migrations WHERE version = ?)`, m.version).Scan(&done)
		if err == nil && !done {
			if _, err = tx.ExecContext(ctx, string(body)); err == nil {
				_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES(?, ?)`, m.version, now())
			}
		}
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
		if err != nil {
			return fmt.Errorf("migrasi %s: %w", m.name, err)
		}
	}
	return nil
}

// Meta returns the setting stored under key, or "" when there is none.
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("membaca pengaturan %s: %w", key, err)
	}
	return v, nil
}

// SetMeta stores value under key, replacing any previous value.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("menyimpan pengaturan %s: %w", key, err)
	}
	return nil
}

// IsEmpty reports whether the database holds no areas yet.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var has bool
	if err := db.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM areas)`).Scan(&has); err != nil {
		return false, fmt.Errorf("memeriksa wilayah: %w", err)
	}
	return !has, nil
}

// logImport records an import in the imports table.
func logImport(ctx context.Context, tx *sql.Tx, kind, file, summary string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO imports(kind, file, at, summary) VALUES(?, ?, ?, ?)`, kind, file, now(), summary)
	if err != nil {
		return fmt.Errorf("mencatat impor: %w", err)
	}
	return nil
}
