// Command pecheck tells whether a file is a 64-bit Windows GUI executable,
// the kind that `make windows` and `make package` cross-compile.
//
// It reads the file with the standard library's debug/pe and requires
//
//   - an optional header in the PE32+ format (magic 0x20b),
//   - the machine type AMD64 (0x8664), and
//   - the subsystem WINDOWS_GUI (2), so that Windows opens no console
//     window next to the app (the binary was linked with -H=windowsgui).
//
// Usage:
//
//	pecheck FILE...
//
// For each good file it prints "FILE: PE32+ executable (GUI) x86-64 for MS
// Windows". It exits 0 when every file passes, 1 when one is not such an
// executable, and 2 when a file cannot be read or on a usage error.
package main

import (
	"debug/pe"
	"errors"
	"fmt"
	"io"
	"os"
)

// Description is what pecheck prints for a file that passes.
const Description = "PE32+ executable (GUI) x86-64 for MS Windows"

// magicPE32Plus is the optional header magic of PE32+ (64-bit) images;
// PE32 (32-bit) images have 0x10b.
const magicPE32Plus = 0x20b

// errNotPE marks a file that debug/pe cannot read as a PE image.
var errNotPE = errors.New("not a PE image")

// check returns nil when f is a PE32+ AMD64 Windows GUI image and otherwise
// says what is wrong.
func check(f *pe.File) error {
	var magic, subsystem uint16
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		magic, subsystem = oh.Magic, oh.Subsystem
	case *pe.OptionalHeader32:
		return fmt.Errorf("optional header is PE32 (magic %#x, 32-bit), want PE32+ (magic %#x)", oh.Magic, magicPE32Plus)
	case nil:
		return errors.New("no optional header: an object file, not an executable")
	default:
		return fmt.Errorf("unknown optional header %T", oh)
	}
	if magic != magicPE32Plus {
		return fmt.Errorf("optional header magic is %#x, want %#x (PE32+)", magic, magicPE32Plus)
	}
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		return fmt.Errorf("machine is %s (%#x), want AMD64 (%#x)",
			machineName(f.Machine), f.Machine, pe.IMAGE_FILE_MACHINE_AMD64)
	}
	if f.Characteristics&pe.IMAGE_FILE_EXECUTABLE_IMAGE == 0 {
		return errors.New("not marked as an executable image")
	}
	if f.Characteristics&pe.IMAGE_FILE_DLL != 0 {
		return errors.New("a DLL, not an executable")
	}
	if subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return fmt.Errorf("subsystem is %s (%d), want WINDOWS_GUI (%d): link with -ldflags -H=windowsgui",
			subsystemName(subsystem), subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	return nil
}

// checkFile opens name and checks it. A *os.PathError means the file could
// not be read; an error wrapping errNotPE, that it is not a PE image.
func checkFile(name string) error {
	f, err := pe.Open(name)
	if err != nil {
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			return err
		}
		return fmt.Errorf("%w: %v", errNotPE, err)
	}
	defer f.Close()
	return check(f)
}

func machineName(m uint16) string {
	switch m {
	case pe.IMAGE_FILE_MACHINE_I386:
		return "i386"
	case pe.IMAGE_FILE_MACHINE_AMD64:
		return "AMD64"
	case pe.IMAGE_FILE_MACHINE_ARM:
		return "ARM"
	case pe.IMAGE_FILE_MACHINE_ARMNT:
		return "ARMv7"
	case pe.IMAGE_FILE_MACHINE_ARM64:
		return "ARM64"
	}
	return "unknown"
}

func subsystemName(s uint16) string {
	switch s {
	case pe.IMAGE_SUBSYSTEM_NATIVE:
		return "NATIVE"
	case pe.IMAGE_SUBSYSTEM_WINDOWS_GUI:
		return "WINDOWS_GUI"
	case pe.IMAGE_SUBSYSTEM_WINDOWS_CUI:
		return "WINDOWS_CUI (console)"
	case pe.IMAGE_SUBSYSTEM_EFI_APPLICATION:
		return "EFI_APPLICATION"
	}
	return "unknown"
}

// run checks every file in args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: pecheck FILE...")
		return 2
	}
	status := 0
	for _, name := range args {
		err := checkFile(name)
		var pathErr *os.PathError
		switch {
		case err == nil:
			fmt.Fprintf(stdout, "%s: %s\n", name, Description)
		case errors.As(err, &pathErr):
			fmt.Fprintf(stderr, "pecheck: %v\n", err)
			status = 2
		default:
			fmt.Fprintf(stderr, "pecheck: %s: %v\n", name, err)
			status = max(status, 1)
		}
	}
	return status
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
