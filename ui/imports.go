package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/ingest"
)

func showCustom(title, dismiss string, content fyne.CanvasObject, parent fyne.Window) {
	dialog.NewCustom(title, dismiss, content, parent).Show()
}

func (w *Window) showError(err error) {
	explain := w.opts.Explain
	if explain == nil {
		explain = app.Explain
	}
	w.showText(lang.L("Terjadi kesalahan"), explain(err))
}

// showText shows a long text, such as a report, in a scrolling dialog.
func (w *Window) showText(title, text string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(msg)
	scroll.SetMinSize(fyne.NewSize(620, 280))
	showCustom(title, lang.L("Tutup"), scroll, w.Win)
}

// Task is long work run off the interface goroutine: it gets a context
// that the Batal button cancels and a progress function, and returns a
// function to run on the interface goroutine when it succeeds.
type Task func(ctx context.Context, progress func(float64)) (done func(), err error)

// RunTask shows a progress dialog with a cancel button while task runs on
// its own goroutine; results and errors come back through fyne.Do.
func (w *Window) RunTask(title string, task Task) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	label := widget.NewLabel(title)
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(label, bar), w.Win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Batal"), func() {
		cancel()
		label.SetText(lang.L("Membatalkan…"))
	})})
	d.Show()
	progress := func(f float64) { fyne.Do(func() { bar.SetValue(f) }) }
	go func() {
		defer cancel()
		done, err := task(ctx, progress)
		fyne.Do(func() {
			d.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				dialog.ShowInformation(title, lang.L("Dibatalkan. Tidak ada yang disimpan."), w.Win)
			case err != nil:
				w.showError(err)
			case done != nil:
				done()
			}
		})
	}()
}

func (w *Window) openFile(title string, exts []string, then func(path string)) {
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		then(path)
	}, w.Win)
	fd.SetFilter(storage.NewExtensionFileFilter(exts))
	fd.SetTitleText(title)
	fd.Resize(fyne.NewSize(900, 600))
	fd.Show()
}

// What a file opened by its path holds.
const (
	pathBoundaries = "Batas wilayah"
	pathIndicators = "Indikator"
	pathHouseholds = "Daftar rumah tangga"
)

// OpenPath asks for a file's path, typed or pasted (Fyne's file dialog
// has no place for one), and what the file holds (guessed from its
// extension), then imports it as the menu's entries do.
func (w *Window) OpenPath() *dialog.FormDialog {
	path := widget.NewEntry()
	path.SetPlaceHolder(lang.L("mis. /home/dinsos/data/idm2024.xlsx atau C:\\Data\\peta_desa.gpkg"))
	kinds := []string{lang.L(pathBoundaries), lang.L(pathIndicators), lang.L(pathHouseholds)}
	kind := widget.NewRadioGroup(kinds, nil)
	kind.SetSelected(kinds[1])
	path.OnChanged = func(p string) {
		switch strings.ToLower(filepath.Ext(strings.Trim(strings.TrimSpace(p), `"'`))) {
		case ".geojson", ".json", ".gz", ".gpkg", ".shp", ".zip":
			kind.SetSelected(kinds[0])
		case ".csv", ".xlsx", ".txt":
			if kind.Selected == kinds[0] {
				kind.SetSelected(kinds[1])
			}
		}
	}
	d := dialog.NewForm(lang.L("Buka berkas dari jalurnya"), lang.L("Buka"), lang.L("Batal"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Jalur berkas"), path),
		widget.NewFormItem(lang.L("Isi berkas"), kind),
	}, func(ok bool) {
		p := strings.Trim(strings.TrimSpace(path.Text), `"'`)
		if !ok || p == "" {
			return
		}
		if _, err := os.Stat(p); err != nil {
			w.showError(fmt.Errorf(lang.L("berkas %s tidak dapat dibuka: %w"), p, err))
			return
		}
		switch kind.Selected {
		case kinds[0]:
			w.ImportBoundaries(p, geo.ReadOptions{})
		case kinds[2]:
			w.importHouseholds(p)
		default:
			w.ImportIndicators(p)
		}
	}, w.Win)
	d.Resize(fyne.NewSize(640, 260))
	d.Show()
	w.Win.Canvas().Focus(path)
	return d
}

func (w *Window) importBoundariesDialog() {
	if !w.allowed("admin") {
		return
	}
	w.openFile(lang.L("Impor batas wilayah"), []string{".geojson", ".json", ".gz", ".gpkg", ".shp", ".zip"}, func(path string) {
		w.ImportBoundaries(path, geo.ReadOptions{})
	})
}

// ImportBoundaries imports a boundary file in the background; when the
// code or name property is unclear it asks the user to pick them.
func (w *Window) ImportBoundaries(path string, opt geo.ReadOptions) {
	w.RunTask(lang.L("Mengimpor batas wilayah"), func(ctx context.Context, progress func(float64)) (func(), error) {
		report, err := w.svc.ImportBoundaries(ctx, path, opt, progress)
		var fe *geo.FieldsError
		if errors.As(err, &fe) {
			return func() { w.pickFields(path, opt, fe) }, nil
		}
		var le *geo.LayerError
		if errors.As(err, &le) && le.Want == "" {
			return func() { w.pickLayer(path, opt, le) }, nil
		}
		var ie geo.InputErrors
		if errors.As(err, &ie) && ie.OnlyMissingGeometry() && !opt.SkipEmpty {
			// Leave out the features without geometry only if the user
			// agrees.
			return func() {
				msg := fmt.Sprintf(lang.L("%s\n\nLewati %d fitur tanpa geometri dan impor sisanya?"), err.Error(), len(ie))
				dialog.ShowConfirm(lang.L("Fitur tanpa geometri"), msg, func(ok bool) {
					if ok {
						opt.SkipEmpty = true
						w.ImportBoundaries(path, opt)
					}
				}, w.Win)
			}, nil
		}
		var be *app.BPSReviewError
		if errors.As(err, &be) && be.Unmatched == 0 && be.Fuzzy > 0 && !opt.AcceptFuzzy {
			// A BPS-coded map whose names differ a little: the user
			// reads the matches and agrees, or not.
			return func() {
				text := widget.NewLabel(be.Report)
				text.Wrapping = fyne.TextWrapWord
				scroll := container.NewVScroll(text)
				scroll.SetMinSize(fyne.NewSize(640, 360))
				msg := fmt.Sprintf(lang.L("%s adalah peta berkode BPS. Kodenya dicocokkan ke kode Kemendagri menurut nama kecamatan dan desa; %d nama mirip perlu disetujui."), be.File, be.Fuzzy)
				dialog.ShowCustomConfirm(lang.L("Cocokkan kode BPS"), lang.L("Setujui dan impor"), lang.L("Batal"),
					container.NewBorder(wrapLabel(msg), nil, nil, nil, scroll), func(ok bool) {
						if ok {
							opt.AcceptFuzzy = true
							w.ImportBoundaries(path, opt)
						}
					}, w.Win)
			}, nil
		}
		if err != nil {
			return nil, err
		}
		return func() {
			w.Reload()
			w.showText(lang.L("Batas wilayah diimpor"), report)
		}, nil
	})
}

// pickLayer asks which layer of a GeoPackage holds the boundaries.
func (w *Window) pickLayer(path string, opt geo.ReadOptions, le *geo.LayerError) {
	layer := widget.NewSelect(le.Layers, nil)
	layer.SetSelected(le.Layers[0])
	// Desa boundaries are what is usually imported: offer them first.
	for _, n := range le.Layers {
		if strings.Contains(strings.ToLower(n), "desa") {
			layer.SetSelected(n)
			break
		}
	}
	msg := fmt.Sprintf(lang.L("%s memuat beberapa lapisan. Pilih lapisan batas wilayah:"), le.File)
	dialog.ShowForm(msg, lang.L("Impor"), lang.L("Batal"), []*widget.FormItem{widget.NewFormItem(lang.L("Lapisan"), layer)}, func(ok bool) {
		if ok && layer.Selected != "" {
			opt.Layer = layer.Selected
			w.ImportBoundaries(path, opt)
		}
	}, w.Win)
}

func (w *Window) pickFields(path string, opt geo.ReadOptions, fe *geo.FieldsError) {
	code := widget.NewSelect(fe.Fields, nil)
	name := widget.NewSelect(fe.Fields, nil)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Kolom kode wilayah"), code),
		widget.NewFormItem(lang.L("Kolom nama wilayah"), name),
	}
	msg := fmt.Sprintf(lang.L("pocketmap tidak dapat menentukan kolom %s di %s. Pilih kolomnya:"), tr(fe.Missing), fe.File)
	dialog.ShowForm(msg, lang.L("Impor"), lang.L("Batal"), items, func(ok bool) {
		if ok && code.Selected != "" && name.Selected != "" {
			opt.CodeField, opt.NameField = code.Selected, name.Selected
			w.ImportBoundaries(path, opt)
		}
	}, w.Win)
}

func (w *Window) importIndicatorsDialog() {
	if !w.allowed("data") {
		return
	}
	w.openFile(lang.L("Impor indikator"), []string{".csv", ".txt", ".xlsx"}, w.ImportIndicators)
}

// ImportIndicators reads an indicator file (CSV or workbook) in the
// background and shows its preview: what each column will be used as and
// which way each indicator points, before anything is read into the
// database.
func (w *Window) ImportIndicators(path string) { w.openIndicators(path, "") }

func (w *Window) openIndicators(path, sheet string) {
	w.RunTask(lang.L("Membaca berkas indikator"), func(ctx context.Context, progress func(float64)) (func(), error) {
		f, err := w.svc.OpenIndicators(ctx, path, sheet, progress)
		if err != nil {
			return nil, err
		}
		return func() { w.previewIndicators(f) }, nil
	})
}

// checkIndicators reads the rows by the plan the user confirmed and shows
// the join-health report.
func (w *Window) checkIndicators(f *app.IndicatorFile, c app.IndicatorChoices) {
	w.RunTask(lang.L("Memeriksa berkas indikator"), func(ctx context.Context, progress func(float64)) (func(), error) {
		t, h, err := w.svc.CheckIndicators(ctx, f, c)
		if err != nil {
			return nil, err
		}
		return func() { w.reviewIndicators(t, h) }, nil
	})
}

func (w *Window) reviewIndicators(t *ingest.Table, h *ingest.Health) {
	report := widget.NewLabel(h.Report())
	report.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(report)
	var checks []*widget.Check
	if len(h.Fuzzy) > 0 {
		content.Add(widget.NewLabelWithStyle(lang.L("Kecocokan nama yang perlu disetujui:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, m := range h.Fuzzy {
			c := widget.NewCheck(fmt.Sprintf(lang.L("baris %d: %q → %s %s"), m.Line, m.Name, m.Code, m.AreaName), nil)
			checks = append(checks, c)
			content.Add(c)
		}
	}
	scroll := container.NewVScroll(content)
	scroll.SetMinSize(fyne.NewSize(640, 380))
	dialog.ShowCustomConfirm(fmt.Sprintf(lang.L("Laporan kecocokan data — %s"), t.File), lang.L("Simpan"), lang.L("Batal"), scroll, func(ok bool) {
		if !ok {
			return
		}
		var lines []int
		for i, c := range checks {
			if c.Checked {
				lines = append(lines, h.Fuzzy[i].Line)
			}
		}
		if len(lines) > 0 {
			h.Accept(t, lines...)
		}
		w.RunTask(lang.L("Menyimpan indikator"), func(ctx context.Context, progress func(float64)) (func(), error) {
			n, err := w.svc.SaveIndicators(ctx, t, h)
			if err != nil {
				return nil, err
			}
			return func() {
				show := ""
				if len(t.Indicators) > 0 {
					show = t.Indicators[0].Key
				}
				w.Reload(show)
				dialog.ShowInformation(lang.L("Indikator disimpan"), fmt.Sprintf(lang.N("%d nilai disimpan dari %s.", n), n, t.File), w.Win)
			}, nil
		})
	}, w.Win)
}

// connectDialog asks for the office server's address and tests it.
func (w *Window) connectDialog() {
	if w.opts.Connect == nil {
		dialog.ShowInformation(lang.L("Server kantor"), lang.L("Sambungan ke server kantor tidak tersedia di sini."), w.Win)
		return
	}
	url := widget.NewEntry()
	url.SetPlaceHolder(lang.L("postgres://PENGGUNA@SERVER/pocketmap"))
	dialog.ShowForm(lang.L("Sambungkan ke server kantor"), lang.L("Sambungkan"), lang.L("Batal"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Alamat server"), url),
	}, func(ok bool) {
		if !ok || strings.TrimSpace(url.Text) == "" {
			return
		}
		u := strings.TrimSpace(url.Text)
		background(w, func(context.Context) (string, error) { return w.opts.Connect(u) }, func(msg string) {
			dialog.ShowInformation(lang.L("Server kantor"), msg, w.Win)
		})
	}, w.Win)
}
