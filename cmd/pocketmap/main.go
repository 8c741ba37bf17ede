// Command pocketmap is the desktop GIS of Dinas Sosial Kabupaten Tuban for
// finding poverty pockets desa by desa. Without a command it opens the
// window on the local database (created on first run with the embedded
// Tuban sample); with one it runs headless. See usage below.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, openWindow))
}
