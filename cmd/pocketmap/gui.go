package main

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/pgstore"
	"github.com/dinsos-tuban/pocketmap/store"
	"github.com/dinsos-tuban/pocketmap/ui"
)

// AppID is the application identifier, as in FyneApp.toml.
const AppID = "id.go.tubankab.dinsos.pocketmap"

// openWindow opens the window over the service and runs it until it is
// closed; when the database could not be opened it shows why instead.
func openWindow(svc *app.Service, ws workspace, startErr error) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if startErr != nil {
		ui.ShowStartError(a, explain(startErr))
		return nil
	}
	// The status line adds where the shown indicator's figures come from.
	w, err := ui.NewWindow(a, svc, ui.Options{Describe: ws.describe(), Role: ws.role(), Explain: explain,
		Maintenance: ws.maintenance(), Connect: connectServer})
	if err != nil {
		return err
	}
	ws.setWaiting(w.Waiting)
	// Other workstations' saves redraw this window (office server).
	ctx, stop := context.WithCancel(context.Background())
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		ws.watch(ctx, func(what string) { fyne.Do(func() { w.RemoteChange(what) }) })
	}()
	defer func() {
		stop()
		<-watching
	}()
	a.Lifecycle().SetOnStarted(func() {
		// A size saved on a larger screen must not put the status line
		// off this one.
		if sw, sh, ok := screenSize(); ok {
			w.FitScreen(sw, sh)
		}
	})
	w.Win.ShowAndRun()
	return nil
}

// maintenance gives the window the store's backup and restore.
type maintenance struct{ db *store.DB }

func (m maintenance) Backup(ctx context.Context, dest string, progress func(float64)) error {
	return m.db.Backup(ctx, dest, progress)
}

func (m maintenance) Preview(path string) (string, error) {
	info, err := store.InspectBackup(path)
	if err != nil {
		return "", err
	}
	if info.Problem != "" {
		return "", fmt.Errorf("cadangan %s rusak (%s); pilih cadangan lain", path, info.Problem)
	}
	return info.String(), nil
}

func (m maintenance) Restore(ctx context.Context, src string, progress func(float64)) error {
	_, err := m.db.Restore(ctx, src, progress)
	return err
}

// connectServer tests the office server at url (the password comes from
// ~/.pgpass, never from pocketmap) and remembers it for the next start.
func connectServer(url string) (string, error) {
	if !isServer(url) {
		return "", fmt.Errorf("alamat server harus diawali postgres://, misalnya postgres://sari@192.168.1.10/pocketmap")
	}
	db, err := pgstore.Open(context.Background(), url)
	if err != nil {
		return "", err
	}
	defer db.Close()
	role, _ := db.Role(context.Background())
	rememberDatabase(url)
	return fmt.Sprintf("Tersambung ke %s sebagai peran %q. pocketmap memakai server ini mulai dibuka berikutnya; tutup dan buka lagi sekarang.", pgstore.Describe(url), role), nil
}
