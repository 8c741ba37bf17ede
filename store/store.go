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
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// pragmas are applied by the driver to every pooled connection. Write
// transactions begin IMMEDIATE so that concurrent writers wait for the busy
// timeout instead of failing on lock upgrade; inTx waits longer than the
// timeout, telling the user (DB.Waiting).
const pragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(2000)&_pragma=synchronous(FULL)&_txlock=immediate"

// ApplicationID marks an SQLite file as pocketmap's (PRAGMA application_id,
// "PKMP"): Open refuses any other application's database.
const ApplicationID = 0x504B4D50

// LongWait is how long a write waits for another process (an import in
// another window or a batch job) before it gives up.
const LongWait = 3 * time.Minute

// ErrForeign is returned, wrapped, when a file is not a pocketmap
// database; the file is left as it was.
var ErrForeign = errors.New("bukan basis data pocketmap")

// DB is an open pocketmap database; it is safe for concurrent use.
type DB struct {
	db   *sql.DB
	path string

	// User is the name recorded in the change log for every save. Open
	// sets it to the operating-system user name, else $USER or $USERNAME,
	// else "tidak diketahui"; change it only before sharing the DB between
	// goroutines.
	User string
	// KeepBackups is how many automatic backups AutoBackup keeps; 0 means
	// the database's setting (MetaKeepBackups), else DefaultKeepBackups.
	KeepBackups int

	waiting atomic.Pointer[func()]
}

// SetWaiting sets the function called once when a write has to wait for
// another process to finish writing, so that the user sees "menunggu
// proses lain selesai…"; nil for none. It may be called at any time.
func (db *DB) SetWaiting(fn func()) {
	if fn == nil {
		db.waiting.Store(nil)
		return
	}
	db.waiting.Store(&fn)
}

// Open opens the database at path, creating it and its directory with
// owner-only permissions when missing, and applies pending migrations.
func Open(path string) (*DB, error) { return OpenWaiting(path, nil) }

// OpenWaiting is Open with the function SetWaiting sets already in place,
// so that a migration that waits for another writer says so too.
func OpenWaiting(path string, waiting func()) (*DB, error) {
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
	default:
		if err := checkOwn(abs); err != nil {
			return nil, err
		}
	}
	sdb, err := openSQL(abs)
	if err != nil {
		if isDamage(err) {
			return nil, damaged(abs, err.Error())
		}
		return nil, err
	}
	ctx := context.Background()
	db := &DB{db: sdb, path: abs, User: osUser()}
	db.SetWaiting(waiting)
	if pending, err := pendingMigrations(ctx, sdb, migrations); err == nil && pending {
		// Keep the database as it was before changing its schema.
		if _, err := db.AutoBackup(ctx, "migrasi"); err != nil && !isDamage(err) {
			sdb.Close()
			return nil, err
		}
	}
	if err := db.migrateWaiting(ctx); err != nil {
		sdb.Close()
		if isDamage(err) {
			return nil, damaged(abs, err.Error())
		}
		return nil, fmt.Errorf("memperbarui skema %s: %w", abs, err)
	}
	var check string
	if err := sdb.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&check); err != nil || check != "ok" {
		sdb.Close()
		if err != nil {
			check = err.Error()
		}
		return nil, damaged(abs, check)
	}
	var id int64
	if err := sdb.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&id); err == nil && id != ApplicationID {
		// A new database, or one made before the mark: mark it once.
		if _, err := sdb.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID)); err != nil {
			sdb.Close()
			return nil, fmt.Errorf("menandai basis data %s: %w", abs, err)
		}
	}
	return db, nil
}

// migrateWaiting applies pending migrations, waiting up to LongWait (and
// telling the user once, through Waiting) while another process writes.
func (db *DB) migrateWaiting(ctx context.Context) error {
	deadline := time.Now().Add(LongWait)
	told := false
	for {
		err := migrate(ctx, db.db, migrations)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		if fn := db.waiting.Load(); !told && fn != nil {
			(*fn)()
			told = true
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// isDamage reports whether err is SQLite's "the file is damaged" or "not
// a database".
func isDamage(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_CORRUPT || se.Code()&0xff == sqlite3.SQLITE_NOTADB)
}

// pendingMigrations reports whether the database has schema but misses
// migrations of fsys (a new database has none: nothing to back up).
func pendingMigrations(ctx context.Context, sdb *sql.DB, fsys fs.FS) (bool, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return false, err
	}
	var current int
	if err := sdb.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return false, nil // no table yet: a new database
	}
	last := 0
	for _, n := range names {
		if v, err := strconv.Atoi(strings.SplitN(path.Base(n), "_", 2)[0]); err == nil && v > last {
			last = v
		}
	}
	return current > 0 && current < last, nil
}

// checkOwn looks at an existing file read-only, before anything can change
// it, and refuses it unless it is empty, an SQLite database without tables,
// or pocketmap's: marked with ApplicationID, or (made before the mark) with
// pocketmap's schema_migrations and areas tables.
func checkOwn(abs string) error {
	st, err := os.Stat(abs)
	if err != nil {
		return fmt.Errorf("membuka basis data %s: %w", abs, err)
	}
	if st.Size() == 0 {
		return nil
	}
	var head [16]byte
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Errorf("membuka basis data %s: %w", abs, err)
	}
	_, err = io.ReadFull(f, head[:])
	f.Close()
	if err != nil || string(head[:]) != "SQLite format 3\x00" {
		return fmt.Errorf("%s: %w: berkas ini bukan basis data SQLite, dan tidak diubah; pilih berkas .db buatan pocketmap, atau nama berkas baru", abs, ErrForeign)
	}
	sdb, err := sql.Open("sqlite", dsn(abs, "mode=ro"))
	if err != nil {
		return fmt.Errorf("membuka basis data %s: %w", abs, err)
	}
	defer sdb.Close()
	var id int64
	if err := sdb.QueryRow(`PRAGMA application_id`).Scan(&id); err != nil {
		return fmt.Errorf("membuka basis data %s: %w", abs, err)
	}
	if id == ApplicationID {
		return nil
	}
	rows, err := sdb.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return fmt.Errorf("membuka basis data %s: %w", abs, err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return fmt.Errorf("membuka basis data %s: %w", abs, err)
		}
		tables = append(tables, n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("membuka basis data %s: %w", abs, err)
	}
	if len(tables) == 0 || id == 0 && slices.Contains(tables, "schema_migrations") && slices.Contains(tables, "areas") {
		return nil
	}
	shown := tables
	if len(shown) > 5 {
		shown = append(slices.Clone(shown[:5]), fmt.Sprintf("… dan %d lainnya", len(tables)-5))
	}
	return fmt.Errorf("%s: %w (basis data aplikasi lain, dengan tabel %s); berkas ini tidak diubah. Pilih basis data pocketmap, atau nama berkas baru untuk membuat yang baru",
		abs, ErrForeign, strings.Join(shown, ", "))
}

// dsn is the driver's name for the file with a query.
func dsn(abs, query string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letter: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p, RawQuery: query}).String()
}

// openSQL opens the file with the pragmas and checks the connection.
func openSQL(abs string) (*sql.DB, error) {
	sdb, err := sql.Open("sqlite", dsn(abs, pragmas))
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

// isBusy reports whether err is SQLite's "database is locked" (another
// connection holds the write lock).
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// begin starts a write transaction, waiting up to LongWait while another
// process writes; Waiting is told once.
func (db *DB) begin(ctx context.Context) (*sql.Tx, error) {
	deadline := time.Now().Add(LongWait)
	told := false
	for {
		tx, err := db.db.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) {
			return tx, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("basis data %s sedang ditulis proses lain (impor di jendela lain atau perintah lain) selama lebih dari %v; tidak ada yang diubah, coba lagi setelah proses itu selesai: %w",
				db.path, LongWait, err)
		}
		if fn := db.waiting.Load(); !told && fn != nil {
			(*fn)()
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// inTx runs fn in a transaction, committed when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.begin(ctx)
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
	// An up-to-date database is only read: opening it takes no write lock,
	// so a long import elsewhere never stops it from opening.
	var current int
	if err := sdb.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err == nil && len(ms) > 0 {
		switch last := ms[len(ms)-1].version; {
		case current == last:
			return nil
		case current > last:
			return fmt.Errorf("basis data memakai skema versi %d, lebih baru dari versi %d yang dikenal aplikasi ini; perbarui pocketmap", current, last)
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
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
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
