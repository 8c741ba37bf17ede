package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
)

// backupDialog asks where to write a backup of the database and writes it
// off the interface goroutine; the window goes on working meanwhile.
func (w *Window) backupDialog() {
	m := w.opts.Maintenance
	if m == nil {
		return
	}
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		w.RunTask(lang.L("Mencadangkan basis data"), func(ctx context.Context, progress func(float64)) (func(), error) {
			if err := m.Backup(ctx, path, progress); err != nil {
				return nil, err
			}
			preview, err := m.Preview(path)
			if err != nil {
				return nil, err
			}
			return func() { w.showText(lang.L("Cadangan ditulis"), preview) }, nil
		})
	}, w.Win)
	save.SetFileName(fmt.Sprintf(lang.L("pocketmap-cadangan-%s.db"), time.Now().Format("2006-01-02")))
	save.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	save.Resize(fyne.NewSize(900, 600))
	save.Show()
}

// restoreDialog asks for a backup, shows what it holds, and on
// confirmation replaces the database's contents with it (the contents
// before are backed up first).
func (w *Window) restoreDialog() {
	m := w.opts.Maintenance
	if m == nil {
		return
	}
	w.openFile(lang.L("Pulihkan dari cadangan"), []string{".db"}, func(path string) {
		preview, err := m.Preview(path)
		if err != nil {
			w.showError(err)
			return
		}
		msg := fmt.Sprintf(lang.L("Ganti seluruh isi basis data dengan cadangan ini?\n\n%s\n\nIsi sekarang dicadangkan dahulu ke folder cadangan."), preview)
		dialog.ShowConfirm(lang.L("Pulihkan dari cadangan"), msg, func(ok bool) {
			if !ok {
				return
			}
			w.RunTask(lang.L("Memulihkan basis data"), func(ctx context.Context, progress func(float64)) (func(), error) {
				if err := m.Restore(ctx, path, progress); err != nil {
					return nil, err
				}
				return func() {
					w.Reload()
					dialog.ShowInformation(lang.L("Pulihkan dari cadangan"), lang.L("Basis data dipulihkan dari cadangan."), w.Win)
				}, nil
			})
		}, w.Win)
	})
}
