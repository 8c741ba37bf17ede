// Package ui is pocketmap's Fyne user interface: the main window with the
// map, legend, indicator picker and area panel, in Bahasa Indonesia. It
// reaches the data only through the small interfaces it declares (Source),
// which cmd/pocketmap implements with the SQLite store.
package ui
