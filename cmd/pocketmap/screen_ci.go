//go:build ci

package main

// screenSize has no screen to read under the test driver.
func screenSize() (width, height int, ok bool) { return 0, 0, false }
