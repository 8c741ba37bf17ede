package store

import (
	"errors"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteFaults says in Indonesian, for the SQLite result codes a user can
// meet, what happened and what to do.
var sqliteFaults = map[int]string{
	sqlite3.SQLITE_BUSY:     "basis data sedang dikunci proses lain (impor di jendela lain atau perintah lain); tunggu sampai selesai lalu ulangi",
	sqlite3.SQLITE_LOCKED:   "basis data sedang dikunci proses lain; tunggu sampai selesai lalu ulangi",
	sqlite3.SQLITE_READONLY: "basis data hanya dapat dibaca (berkas atau foldernya tidak boleh ditulis, atau ada di media hanya-baca); salin ke folder Anda sendiri atau minta izin tulis",
	sqlite3.SQLITE_FULL:     "disk penuh: tidak ada ruang untuk menulis basis data; kosongkan ruang disk lalu ulangi (tidak ada yang diubah)",
	sqlite3.SQLITE_CORRUPT:  "berkas basis data rusak; pulihkan dari cadangan terakhir dengan: pocketmap restore BERKAS-CADANGAN",
	sqlite3.SQLITE_NOTADB:   "berkas ini bukan basis data atau sudah rusak; pulihkan dari cadangan terakhir dengan: pocketmap restore BERKAS-CADANGAN",
	sqlite3.SQLITE_CANTOPEN: "berkas basis data tidak dapat dibuka (folder tidak ada, bukan folder, atau tidak ada izin); periksa lokasi berkas",
	sqlite3.SQLITE_PERM:     "tidak ada izin untuk mengakses berkas basis data",
	sqlite3.SQLITE_IOERR:    "gagal membaca atau menulis disk (disk penuh, dilepas, atau rusak); periksa disk lalu ulangi",
}

// Explain returns err's message with an SQLite error in it (English, from
// the driver) replaced by what happened and what to do, in Indonesian;
// other errors are returned as they are.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return msg
	}
	why, ok := sqliteFaults[se.Code()]
	if !ok {
		why, ok = sqliteFaults[se.Code()&0xff]
	}
	if !ok {
		return msg
	}
	if inner := se.Error(); inner != "" && strings.Contains(msg, inner) {
		return strings.Replace(msg, inner, why, 1)
	}
	return msg + ": " + why
}
