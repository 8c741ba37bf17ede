package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// header returns a pe.File with only the headers that check looks at.
func header(machine uint16, chars uint16, oh any) *pe.File {
	return &pe.File{
		FileHeader:     pe.FileHeader{Machine: machine, Characteristics: chars},
		OptionalHeader: oh,
	}
}

func TestCheckHeaders(t *testing.T) {
	const exe = pe.IMAGE_FILE_EXECUTABLE_IMAGE | pe.IMAGE_FILE_LARGE_ADDRESS_AWARE
	gui := &pe.OptionalHeader64{Magic: 0x20b, Subsystem: pe.IMAGE_SUBSYSTEM_WINDOWS_GUI}
	tests := []struct {
		name string
		f    *pe.File
		want string // part of the error; "" when check must pass
	}{
		{"amd64 gui", header(pe.IMAGE_FILE_MACHINE_AMD64, exe, gui), ""},
		{"console", header(pe.IMAGE_FILE_MACHINE_AMD64, exe,
			&pe.OptionalHeader64{Magic: 0x20b, Subsystem: pe.IMAGE_SUBSYSTEM_WINDOWS_CUI}), "WINDOWS_CUI"},
		{"pe32", header(pe.IMAGE_FILE_MACHINE_I386, exe,
			&pe.OptionalHeader32{Magic: 0x10b, Subsystem: pe.IMAGE_SUBSYSTEM_WINDOWS_GUI}), "PE32 (magic 0x10b"},
		{"bad magic", header(pe.IMAGE_FILE_MACHINE_AMD64, exe,
			&pe.OptionalHeader64{Magic: 0x107, Subsystem: pe.IMAGE_SUBSYSTEM_WINDOWS_GUI}), "magic is 0x107"},
		{"arm64", header(pe.IMAGE_FILE_MACHINE_ARM64, exe, gui), "machine is ARM64"},
		{"i386 in pe32+", header(pe.IMAGE_FILE_MACHINE_I386, exe, gui), "machine is i386"},
		{"object file", header(pe.IMAGE_FILE_MACHINE_AMD64, 0, nil), "no optional header"},
		{"not executable", header(pe.IMAGE_FILE_MACHINE_AMD64, pe.IMAGE_FILE_LARGE_ADDRESS_AWARE, gui), "not marked as an executable"},
		{"dll", header(pe.IMAGE_FILE_MACHINE_AMD64, exe|pe.IMAGE_FILE_DLL, gui), "DLL"},
		{"efi", header(pe.IMAGE_FILE_MACHINE_AMD64, exe,
			&pe.OptionalHeader64{Magic: 0x20b, Subsystem: pe.IMAGE_SUBSYSTEM_EFI_APPLICATION}), "EFI_APPLICATION"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := check(tt.f)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("check: %v, want nil", err)
			case tt.want != "" && err == nil:
				t.Fatalf("check passed, want an error with %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("check: %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestRunUnreadable(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("MZ but not really a PE file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if got := run([]string{text}, &out, &errOut); got != 1 {
		t.Errorf("run(text file) = %d, want 1; stderr %q", got, errOut.String())
	}
	if out.Len() != 0 {
		t.Errorf("run(text file) printed %q, want nothing on stdout", out.String())
	}
	errOut.Reset()
	if got := run([]string{filepath.Join(dir, "missing.exe")}, &out, &errOut); got != 2 {
		t.Errorf("run(missing) = %d, want 2; stderr %q", got, errOut.String())
	}
	if got := run(nil, &out, &errOut); got != 2 {
		t.Errorf("run() = %d, want 2", got)
	}
}

// TestRunBuiltBinary cross-compiles a pure-Go hello world for windows/amd64
// (no cgo, so no MinGW needed: a few seconds once Go's build cache has the
// windows/amd64 runtime) and checks it, then patches its headers to a console
// subsystem and to another machine and expects pecheck to refuse them.
func TestRunBuiltBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Windows binary with the go command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":  "module hello\n\ngo 1.22\n",
		"main.go": "package main\n\nfunc main() { println(\"hello\") }\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	exe := filepath.Join(dir, "hello.exe")
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags=-s -w -H=windowsgui", "-o", exe, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build for windows/amd64: %v\n%s", err, out)
	}

	var out, errOut bytes.Buffer
	if got := run([]string{exe}, &out, &errOut); got != 0 {
		t.Fatalf("run(hello.exe) = %d, want 0; stderr %q", got, errOut.String())
	}
	if want := exe + ": " + Description + "\n"; out.String() != want {
		t.Errorf("run(hello.exe) printed %q, want %q", out.String(), want)
	}

	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	// The PE header ("PE\0\0", then the 20-byte file header whose first
	// field is Machine) starts at the offset stored at 0x3c; Subsystem is at
	// offset 68 of the optional header that follows the file header.
	peOff := int(binary.LittleEndian.Uint32(data[0x3c:]))
	if string(data[peOff:peOff+4]) != "PE\x00\x00" {
		t.Fatalf("no PE signature at %#x", peOff)
	}
	machineOff := peOff + 4
	subsystemOff := peOff + 4 + 20 + 68
	patched := []struct {
		name string
		off  int
		val  uint16
		want string
	}{
		{"console.exe", subsystemOff, pe.IMAGE_SUBSYSTEM_WINDOWS_CUI, "WINDOWS_CUI"},
		{"arm64.exe", machineOff, pe.IMAGE_FILE_MACHINE_ARM64, "machine is ARM64"},
	}
	for _, p := range patched {
		b := bytes.Clone(data)
		binary.LittleEndian.PutUint16(b[p.off:], p.val)
		name := filepath.Join(dir, p.name)
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		errOut.Reset()
		if got := run([]string{name}, &out, &errOut); got != 1 {
			t.Errorf("run(%s) = %d, want 1; stdout %q", p.name, got, out.String())
		}
		if !strings.Contains(errOut.String(), p.want) {
			t.Errorf("run(%s) said %q, want %q in it", p.name, errOut.String(), p.want)
		}
	}
}
