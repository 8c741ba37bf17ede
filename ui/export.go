package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/dinsos-tuban/pocketmap/app"
	"github.com/dinsos-tuban/pocketmap/idfmt"
)

// Export choices: the keys of the export dialog's choice, which shows them
// translated.
const (
	ExportXLSX    = "Ringkasan wilayah (XLSX)"
	ExportCSV     = "Ringkasan wilayah (CSV dalam ZIP)"
	ExportPDF     = "Laporan PDF"
	ExportAtlas   = "Laporan PDF + atlas per kecamatan"
	ExportMap     = "Peta (PNG)"
	ExportGeoJSON = "Lapisan peta (GeoJSON untuk QGIS)"
	ExportGPKG    = "Lapisan desa dan kecamatan (GeoPackage untuk QGIS)"
)

var exportKinds = []string{ExportXLSX, ExportCSV, ExportPDF, ExportAtlas, ExportMap, ExportGeoJSON, ExportGPKG}

// Map sizes offered for images, by key.
var mapSizes = map[string][2]int{
	"Layar 1920×1080":     {1920, 1080},
	"A4 mendatar 150 dpi": {1754, 1240},
	"A4 mendatar 300 dpi": {3508, 2480},
	"Proyektor 1280×720":  {1280, 720},
}

// exportRequest builds the export for a choice; the window's settings go
// with it unchanged, so the file holds what the window shows.
func (w *Window) exportRequest(choice, path, size string) (app.Export, error) {
	x := app.Export{Kind: app.ExportSummary, Path: path}
	switch choice {
	case ExportXLSX:
		x.Format = "xlsx"
	case ExportCSV:
		x.Format = "csv"
	case ExportPDF, ExportAtlas:
		x.Format, x.Atlas = "pdf", choice == ExportAtlas
	case ExportMap:
		x.Kind = app.ExportMap
		wh, ok := mapSizes[size]
		if !ok {
			return x, errors.New(lang.L("pilih ukuran peta"))
		}
		x.Width, x.Height = wh[0], wh[1]
	case ExportGeoJSON:
		x.Kind = app.ExportGeoJSON
	case ExportGPKG:
		x.Kind = app.ExportGeoPackage
	default:
		return x, errors.New(lang.L("pilih jenis ekspor"))
	}
	return x, nil
}

func exportExt(choice string) string {
	switch choice {
	case ExportXLSX:
		return ".xlsx"
	case ExportCSV:
		return ".zip"
	case ExportPDF, ExportAtlas:
		return ".pdf"
	case ExportMap:
		return ".png"
	case ExportGPKG:
		return ".gpkg"
	}
	return ".geojson"
}

// exportDialog asks what to export, then where, and writes it off the
// interface goroutine.
func (w *Window) exportDialog() {
	kind := widget.NewRadioGroup(trAll(exportKinds...), nil)
	kind.SetSelected(lang.L(ExportXLSX))
	sizes := slices.Sorted(maps.Keys(mapSizes))
	size := widget.NewSelect(trAll(sizes...), nil)
	size.SetSelected(lang.L("A4 mendatar 300 dpi"))
	suppress := widget.NewEntry()
	suppress.SetText(strconv.Itoa(w.model.Settings().Suppress))
	note := widget.NewLabel(lang.L("Ekspor hanya memuat angka agregat: tanpa NIK, KK atau nama. Indikator, tampilan peta dan pengaturan analisis yang sedang dipakai ikut diekspor."))
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Jenis"), kind),
		widget.NewFormItem(lang.L("Ukuran peta"), size),
		widget.NewFormItem(lang.L("Sembunyikan jumlah di bawah"), suppress),
	}
	form := widget.NewForm(items...)
	d := dialog.NewCustomConfirm(lang.L("Ekspor"), lang.L("Lanjut…"), lang.L("Batal"), container.NewVBox(note, form), func(ok bool) {
		if !ok {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(suppress.Text))
		if err != nil || n < 0 || n > app.MaxSuppress {
			w.showError(fmt.Errorf(lang.L("ambang penyembunyian %q: isi bilangan bulat ≥ 0 (0 mematikan)"), suppress.Text))
			return
		}
		w.update(func(s *app.Settings) { s.Suppress = n })
		choice, sizeKey := keyOf(kind.Selected, exportKinds...), keyOf(size.Selected, sizes...)
		save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil || wc == nil {
				return
			}
			path := wc.URI().Path()
			wc.Close()
			x, err := w.exportRequest(choice, path, sizeKey)
			if err != nil {
				w.showError(err)
				return
			}
			set := w.model.Settings()
			w.RunTask(lang.L("Mengekspor"), func(ctx context.Context, progress func(float64)) (func(), error) {
				size, err := w.svc.Export(ctx, set, x)
				if err != nil {
					return nil, err
				}
				msg := fmt.Sprintf(lang.L("%s ditulis (%s bita). Hanya angka agregat; jumlah di bawah %d ditulis <%d."), path, idfmt.Number(float64(size), 0), set.Suppress, set.Suppress)
				return func() { dialog.ShowInformation(lang.L("Ekspor selesai"), msg, w.Win) }, nil
			})
		}, w.Win)
		save.SetFileName("pocketmap-" + w.model.Settings().Indicator + exportExt(choice))
		save.SetFilter(storage.NewExtensionFileFilter([]string{exportExt(choice)}))
		save.Resize(fyne.NewSize(900, 600))
		save.Show()
	}, w.Win)
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
}
