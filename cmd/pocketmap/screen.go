//go:build !ci

package main

import "github.com/go-gl/glfw/v3.3/glfw"

// screenSize returns the size in pixels of the primary screen, as GLFW
// (Fyne's desktop driver) reads it; it must run on the main thread, after
// the driver started.
func screenSize() (width, height int, ok bool) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	v := m.GetVideoMode()
	if v == nil || v.Width <= 0 || v.Height <= 0 {
		return 0, 0, false
	}
	return v.Width, v.Height, true
}
