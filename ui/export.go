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
)

var exportKinds = []string{ExportXLSX, ExportCSV, ExportPDF, ExportAtlas, ExportMap, ExportGeoJSON}

// Map sizes offered for images, by key.
var mapSizes = map[string][2]int{
	"Layar 1920×1080":     {1920, 1080},
	"A4 mendatar 150 dpi": {1754, 1240},
	"A4 mendatar 300 dpi": {3508, 2480},
	"Proyektor 1280×720":  {1280, 720},
}

// exportRequest builds the request for a choice with the window's current
// indicator, view and analysis settings.
func (w *Window) exportRequest(choice, path, size string, suppress int) (ExportRequest, error) {
	req := ExportRequest{Kind: "summary", Path: path, Indicator: w.ind.Key, Suppress: suppress}
	copt, popt, err := w.an.options()
	if err != nil {
		return req, err
	}
	req.Contiguity, req.Pocket = copt, popt
	switch choice {
	case ExportXLSX:
		req.Format = "xlsx"
	case ExportCSV:
		req.Format = "csv"
	case ExportPDF, ExportAtlas:
		req.Format, req.Atlas = "pdf", choice == ExportAtlas
	case ExportMap:
		req.Kind = "map"
		wh, ok := mapSizes[size]
		if !ok {
			return req, errors.New(lang.L("pilih ukuran peta"))
		}
		req.Width, req.Height = wh[0], wh[1]
		switch w.view() {
		case ViewClusters:
			req.View = "pockets"
		case ViewCoverage:
			req.View = "coverage"
		case ViewGap:
			req.View = "gap"
		}
	case ExportGeoJSON:
		req.Kind = "geojson"
	default:
		return req, errors.New(lang.L("pilih jenis ekspor"))
	}
	return req, nil
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
	suppress.SetText("5")
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
		if err != nil || n < 0 {
			w.showError(fmt.Errorf(lang.L("ambang penyembunyian %q: isi bilangan bulat ≥ 0 (0 mematikan)"), suppress.Text))
			return
		}
		choice, sizeKey := keyOf(kind.Selected, exportKinds...), keyOf(size.Selected, sizes...)
		save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil || wc == nil {
				return
			}
			path := wc.URI().Path()
			wc.Close()
			req, err := w.exportRequest(choice, path, sizeKey, n)
			if err != nil {
				w.showError(err)
				return
			}
			w.RunTask(lang.L("Mengekspor"), func(ctx context.Context, progress func(float64)) (func(), error) {
				msg, err := w.src.Export(ctx, req)
				if err != nil {
					return nil, err
				}
				return func() { dialog.ShowInformation(lang.L("Ekspor selesai"), msg, w.Win) }, nil
			})
		}, w.Win)
		save.SetFileName("pocketmap-" + w.ind.Key + exportExt(choice))
		save.SetFilter(storage.NewExtensionFileFilter([]string{exportExt(choice)}))
		save.Resize(fyne.NewSize(900, 600))
		save.Show()
	}, w.Win)
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
}
