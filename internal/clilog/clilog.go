// Package clilog keeps the command line's standard error for its own
// messages. Fyne's lang package logs through the standard logger while it
// initialises (e.g. "Error parsing user locale C" under LANG=C.UTF-8),
// before main runs; importing this package first in the program silences
// the standard logger when the program is started with a command, so that
// headless runs print only pocketmap's own messages. The window (no
// command) keeps Fyne's log.
//
// Go initialises packages in import-path order among those whose imports
// are initialised; this package imports only the standard library and its
// path sorts before the modules Fyne's lang package depends on
// (github.com/jeandeaual/go-locale, github.com/nicksnyder/go-i18n,
// golang.org/x/text), so it always runs before lang's init.
package clilog

import (
	"io"
	"log"
	"os"
	"strings"
)

func init() {
	if HasCommand(os.Args[1:]) {
		log.SetOutput(io.Discard)
	}
}

// HasCommand reports whether the arguments name a command, after the
// global --db flag and its value.
func HasCommand(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
		default:
			return true
		}
	}
	return false
}
