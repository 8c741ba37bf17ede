package app

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestExplainOSFaults(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "berkas.csv")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, notDir := os.Open(filepath.Join(file, "dalam.csv"))
	_, missing := os.Open(filepath.Join(dir, "tidak-ada.csv"))
	for _, tc := range []struct {
		err        error
		want, gone string
	}{
		{fmt.Errorf("membuka %s: %w", "x.csv", missing), "tidak ada; periksa nama", "no such file"},
		{fmt.Errorf("membuka: %w", notDir), "bukan folder", "not a directory"},
		{fmt.Errorf("menulis hasil.xlsx: %w", &fs.PathError{Op: "write", Path: "hasil.xlsx", Err: syscall.ENOSPC}), "disk penuh", "no space"},
		{fmt.Errorf("menulis: %w", &fs.PathError{Op: "open", Path: "/x", Err: syscall.EACCES}), "tidak ada izin", "permission denied"},
		{fmt.Errorf("data.csv baris 3: %w", bufio.ErrTooLong), "baris yang terlalu panjang", "token too long"},
	} {
		got := Explain(tc.err)
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.gone) {
			t.Errorf("Explain(%q) = %q", tc.err, got)
		}
	}
	plain := fmt.Errorf("kolom %q tidak ada", "nik")
	if Explain(plain) != plain.Error() || Explain(nil) != "" {
		t.Error("an error of ours was changed")
	}
}
