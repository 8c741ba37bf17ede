package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
)

// DefaultKeepBackups is how many automatic backups are kept unless the
// database's setting MetaKeepBackups says otherwise.
const DefaultKeepBackups = 10

// MetaKeepBackups is the meta key of how many automatic backups to keep.
const MetaKeepBackups = "cadangan_simpan"

// backupDirName is the folder of automatic backups, beside the database.
const backupDirName = "cadangan"

// BackupDir returns the folder where automatic backups of the database at
// path are kept: "cadangan" beside it.
func BackupDir(path string) string { return filepath.Join(filepath.Dir(path), backupDirName) }

// backuper is the driver connection's online-backup API.
type backuper interface {
	NewBackup(dstURI string) (*sqlite.Backup, error)
	NewRestore(srcURI string) (*sqlite.Backup, error)
}

// copyPages runs an online backup step by step, reporting progress.
func copyPages(ctx context.Context, b *sqlite.Backup, progress func(float64)) error {
	for {
		more, err := b.Step(256)
		if err != nil {
			b.Finish()
			return err
		}
		if progress != nil && b.PageCount() > 0 {
			progress(float64(b.PageCount()-b.Remaining()) / float64(b.PageCount()))
		}
		if !more {
			return b.Finish()
		}
		if err := ctx.Err(); err != nil {
			b.Finish()
			return err
		}
	}
}

// Backup writes a consistent copy of the database to dest with SQLite's
// online backup (the window and other commands may go on using it),
// readable by the owner only. The copy is written next to dest and renamed
// into place, so dest is never half written.
func (db *DB) Backup(ctx context.Context, dest string, progress func(float64)) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("mencadangkan ke %s: %w", dest, err)
	}
	if abs == db.path {
		return fmt.Errorf("mencadangkan ke %s: berkas cadangan tidak boleh basis data itu sendiri", dest)
	}
	tmp := abs + ".sedang-ditulis"
	os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("mencadangkan ke %s: %w", dest, err)
	}
	f.Close()
	fail := func(err error) error {
		os.Remove(tmp)
		return fmt.Errorf("mencadangkan ke %s: %w", dest, err)
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		b, err := dc.(backuper).NewBackup(dsn(tmp, ""))
		if err != nil {
			return err
		}
		return copyPages(ctx, b, progress)
	})
	if err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return fail(err)
	}
	return nil
}

// AutoBackup writes a backup into BackupDir before a change that cannot be
// undone (reason says which: "migrasi", "batas", "rumah-tangga") and keeps
// only the newest KeepBackups. A database without areas is not backed up.
// It returns the backup's path ("" when none was made).
func (db *DB) AutoBackup(ctx context.Context, reason string) (string, error) {
	if empty, err := db.IsEmpty(ctx); err != nil || empty {
		return "", err
	}
	dir := BackupDir(db.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("membuat folder cadangan %s: %w", dir, err)
	}
	base := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	name := fmt.Sprintf("%s-%s-%s.db", base, time.Now().Format("20060102-150405.000"), reason)
	path := filepath.Join(dir, name)
	if err := db.Backup(ctx, path, nil); err != nil {
		return "", err
	}
	keep := db.KeepBackups
	if keep <= 0 {
		keep = DefaultKeepBackups
		if v, err := db.Meta(ctx, MetaKeepBackups); err == nil && v != "" {
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				keep = n
			}
		}
	}
	old := Backups(db.path)
	for _, b := range old[min(keep, len(old)):] {
		os.Remove(b)
	}
	return path, nil
}

// Backups lists the automatic backups of the database at path, newest
// first.
func Backups(path string) []string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	list, _ := filepath.Glob(filepath.Join(BackupDir(path), base+"-*.db"))
	sort.Sort(sort.Reverse(sort.StringSlice(list))) // the time is in the name
	return list
}

// BackupInfo is what a backup holds, for the preview before a restore.
type BackupInfo struct {
	Path     string
	Modified time.Time
	Schema   int              // its migration version
	Rows     map[string]int64 // rows of the main tables
	Problem  string           // "" when SQLite's integrity check passes
}

// mainTables are the tables a preview counts.
var mainTables = []string{"areas", "indicators", "indicator_values", "interventions", "change_log", "household_snapshots", "households"}

// String describes the backup in Indonesian.
func (b *BackupInfo) String() string {
	var parts []string
	names := map[string]string{"areas": "wilayah", "indicators": "indikator", "indicator_values": "nilai indikator",
		"interventions": "intervensi", "change_log": "catatan perubahan", "household_snapshots": "daftar rumah tangga",
		"households": "rumah tangga"}
	for _, t := range mainTables {
		if n, ok := b.Rows[t]; ok {
			parts = append(parts, fmt.Sprintf("%d %s", n, names[t]))
		}
	}
	s := fmt.Sprintf("%s (diubah %s, skema versi %d): %s", b.Path, b.Modified.Local().Format("2006-01-02 15.04"), b.Schema, strings.Join(parts, ", "))
	if b.Problem != "" {
		s += "; RUSAK: " + b.Problem
	}
	return s
}

// InspectBackup opens a backup read-only and says what it holds, after
// checking that it is a pocketmap database and running SQLite's integrity
// check on it (Problem).
func InspectBackup(path string) (*BackupInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("membuka cadangan %s: %w", path, err)
	}
	if st.Size() == 0 {
		return nil, fmt.Errorf("cadangan %s kosong", path)
	}
	if err := checkOwn(abs); err != nil {
		return nil, err
	}
	sdb, err := sql.Open("sqlite", dsn(abs, "mode=ro"))
	if err != nil {
		return nil, fmt.Errorf("membuka cadangan %s: %w", path, err)
	}
	defer sdb.Close()
	info := &BackupInfo{Path: abs, Modified: st.ModTime(), Rows: map[string]int64{}}
	var res string
	if err := sdb.QueryRow(`PRAGMA integrity_check(1)`).Scan(&res); err != nil {
		info.Problem = err.Error()
		return info, nil
	}
	if res != "ok" {
		info.Problem = res
		return info, nil
	}
	if err := sdb.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&info.Schema); err != nil {
		info.Problem = "tidak ada tabel schema_migrations"
		return info, nil
	}
	for _, t := range mainTables {
		var n int64
		if err := sdb.QueryRow(`SELECT count(*) FROM ` + t).Scan(&n); err == nil {
			info.Rows[t] = n
		}
	}
	return info, nil
}

// newestGoodBackup returns the newest automatic backup of path that passes
// the integrity check, or nil.
func newestGoodBackup(path string) *BackupInfo {
	for _, b := range Backups(path) {
		if info, err := InspectBackup(b); err == nil && info.Problem == "" {
			return info
		}
	}
	return nil
}

// ErrDamaged is returned, wrapped, when a database fails SQLite's integrity
// check.
var ErrDamaged = errors.New("basis data rusak")

// damaged is the error for a damaged database: what was found and the
// newest good backup to restore.
func damaged(path, problem string) error {
	msg := fmt.Sprintf("%s: %v (%s)", path, ErrDamaged, problem)
	if b := newestGoodBackup(path); b != nil {
		msg += fmt.Sprintf("; cadangan terakhir yang utuh: %s (%s). Pulihkan dengan: pocketmap --db %s restore %s --yes",
			b.Path, b.Modified.Local().Format("2006-01-02 15.04"), path, b.Path)
	} else {
		msg += "; tidak ada cadangan otomatis yang utuh di " + BackupDir(path)
	}
	return fmt.Errorf("%w", errors.Join(ErrDamaged, errors.New(msg)))
}

// Restore replaces the database's contents with the backup at src (a
// pocketmap database that passes the integrity check, of a schema this
// program knows), online: it is one write, and other connections see the
// restored data afterwards. The database as it was is first backed up
// (reason "sebelum-pulih").
func (db *DB) Restore(ctx context.Context, src string, progress func(float64)) (*BackupInfo, error) {
	info, err := InspectBackup(src)
	if err != nil {
		return nil, err
	}
	if info.Problem != "" {
		return info, fmt.Errorf("cadangan %s rusak (%s); pilih cadangan lain", src, info.Problem)
	}
	if info.Path == db.path {
		return info, fmt.Errorf("cadangan %s adalah basis data itu sendiri", src)
	}
	if _, err := db.AutoBackup(ctx, "sebelum-pulih"); err != nil {
		return info, err
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return info, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		b, err := dc.(backuper).NewRestore(dsn(info.Path, "mode=ro"))
		if err != nil {
			return err
		}
		return copyPages(ctx, b, progress)
	})
	if err != nil {
		return info, fmt.Errorf("memulihkan dari %s: %w", src, err)
	}
	return info, nil
}

// RestoreFile puts the backup at src in place of the database file at dst
// when the database cannot be opened at all (its header is damaged): the
// damaged file is kept beside it as "….rusak-WAKTU", never deleted.
func RestoreFile(src, dst string) (*BackupInfo, error) {
	info, err := InspectBackup(src)
	if err != nil {
		return nil, err
	}
	if info.Problem != "" {
		return info, fmt.Errorf("cadangan %s rusak (%s); pilih cadangan lain", src, info.Problem)
	}
	abs, err := filepath.Abs(dst)
	if err != nil {
		return info, err
	}
	in, err := os.Open(info.Path)
	if err != nil {
		return info, err
	}
	defer in.Close()
	tmp := abs + ".sedang-dipulihkan"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return info, err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(tmp)
		return info, err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(tmp)
		return info, err
	}
	out.Close()
	if _, err := os.Stat(abs); err == nil {
		if err := os.Rename(abs, abs+".rusak-"+time.Now().Format("20060102-150405")); err != nil {
			os.Remove(tmp)
			return info, err
		}
	}
	for _, x := range []string{"-wal", "-shm"} {
		os.Remove(abs + x)
	}
	return info, os.Rename(tmp, abs)
}

// Checksums returns, for every table, its row count and a SHA-256 over its
// rows in the order of all their columns: equal checksums mean equal contents (backups,
// restores and copies are verified with them).
func (db *DB) Checksums(ctx context.Context) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]string{}
	for _, t := range tables {
		probe, err := db.db.QueryContext(ctx, `SELECT * FROM "`+t+`" LIMIT 0`)
		if err != nil {
			return nil, err
		}
		cols, _ := probe.Columns()
		probe.Close()
		order := make([]string, len(cols))
		for i := range order {
			order[i] = strconv.Itoa(i + 1)
		}
		// Every column in turn: the same rows in any table (with or without
		// rowid) come in the same order.
		r, err := db.db.QueryContext(ctx, `SELECT * FROM "`+t+`" ORDER BY `+strings.Join(order, ", "))
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		n := 0
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				r.Close()
				return nil, err
			}
			for _, v := range vals {
				fmt.Fprintf(h, "%T:%v\x1f", v, v)
			}
			h.Write([]byte{'\n'})
			n++
		}
		r.Close()
		if err := r.Err(); err != nil {
			return nil, err
		}
		out[t] = fmt.Sprintf("%d:%s", n, hex.EncodeToString(h.Sum(nil)))
	}
	return out, nil
}
