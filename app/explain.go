package app

import (
	"bufio"
	"errors"
	"io/fs"
	"strings"
	"syscall"
)

// osFaults say in Indonesian what an operating-system error means and what
// to do.
var osFaults = []struct {
	err error
	why string
}{
	{syscall.ENOSPC, "disk penuh; kosongkan ruang disk lalu ulangi (tidak ada yang diubah)"},
	{syscall.EROFS, "disk atau folder hanya dapat dibaca; pilih folder lain"},
	{syscall.ENOTDIR, "bagian dari lokasi itu bukan folder; periksa lokasinya"},
	{syscall.EISDIR, "lokasi itu folder, bukan berkas; pilih sebuah berkas"},
	{fs.ErrPermission, "tidak ada izin untuk membuka atau menulis berkas itu; pilih folder Anda sendiri atau minta izin"},
	{fs.ErrNotExist, "berkas atau folder tidak ada; periksa nama dan lokasinya"},
	{bufio.ErrTooLong, "ada baris yang terlalu panjang untuk dibaca; periksa apakah ini benar berkas teks (CSV) yang dimaksud"},
}

// Explain returns err's message with an operating-system error in it
// (English, from Go) replaced by what happened and what to do, in
// Indonesian; other errors are returned as they are. The window and the
// CLI show every error through it (the CLI adds store.Explain for the
// database's own faults).
func Explain(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	for _, f := range osFaults {
		if !errors.Is(err, f.err) {
			continue
		}
		inner := innermost(err)
		if s := inner.Error(); s != "" && strings.HasSuffix(msg, s) {
			return strings.TrimSuffix(msg, s) + f.why
		}
		return msg + ": " + f.why
	}
	return msg
}

// innermost unwraps err to the error at the end of its chain (the first
// of a joined list).
func innermost(err error) error {
	for {
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			next := u.Unwrap()
			if next == nil {
				return err
			}
			err = next
		case interface{ Unwrap() []error }:
			list := u.Unwrap()
			if len(list) == 0 {
				return err
			}
			err = list[0]
		default:
			return err
		}
	}
}
