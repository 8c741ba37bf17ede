package main

import (
	"context"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/store"
	"github.com/dinsos-tuban/pocketmap/ui"
)

// AppID is the application identifier, as in FyneApp.toml.
const AppID = "id.go.tubankab.dinsos.pocketmap"

// openWindow opens the window over the service and runs it until it is
// closed.
func openWindow(svc *app.Service, db *store.DB) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	describe := "Basis data: " + db.Path()
	if src, _ := db.Meta(context.Background(), app.MetaSource); src != "" {
		describe += " · Indikator: " + src
	}
	w, err := ui.NewWindow(a, svc, ui.Options{Describe: describe, Explain: explain})
	if err != nil {
		return err
	}
	db.SetWaiting(w.Waiting)
	w.Win.ShowAndRun()
	return nil
}
