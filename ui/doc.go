// Package ui is pocketmap's Fyne user interface: the main window with the
// map, legend, indicator picker and area panel, in Bahasa Indonesia, or in
// English when the system language is English (see i18n.go). It
// reaches the data only through the small interfaces it declares (Source),
// which cmd/pocketmap implements with the SQLite store.
package ui
