// Command pocketmap is the desktop GIS of Dinas Sosial Kabupaten Tuban for
// finding poverty pockets desa by desa. Without a command it opens the
// window on the local database (created on first run with the embedded
// Tuban sample); with one it runs headless. See usage below.
package main

import (
	"os"

	// First, so that a headless run's standard error holds only
	// pocketmap's own messages.
	_ "github.com/dinsos-tuban/pocketmap/internal/clilog"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, openWindow))
}
