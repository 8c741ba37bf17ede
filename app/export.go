package app

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/report"
)

// Export kinds and summary formats.
const (
	ExportSummary = "summary" // area summary: Format xlsx, csv or pdf
	ExportMap     = "map"     // print map PNG of the settings' view
	ExportGeoJSON = "geojson" // the shaded layer with its attributes
	// ExportGeoPackage writes the desa and kecamatan layers with their
	// attributes into one GeoPackage (Service.GeoPackage).
	ExportGeoPackage = "geopackage"
)

// Image size limits, the same for the print map and the screen render.
const (
	MinImageWidth, MinImageHeight = 320, 240
	MaxImageSide                  = 8000
)

// Export says what to write where; everything else comes from the
// Settings passed with it.
type Export struct {
	Kind          string // ExportSummary, ExportMap or ExportGeoJSON
	Format        string // for a summary: xlsx, csv (a .zip file, or a folder) or pdf
	Path          string
	Width, Height int  // for a map
	Atlas         bool // for a PDF: one page per kecamatan
}

// Validate checks an export request; problems name the flag.
func (e Export) Validate() error {
	var ps Problems
	switch e.Kind {
	case ExportSummary:
		switch e.Format {
		case "xlsx", "csv", "pdf":
		default:
			ps = append(ps, Problem{"format", fmt.Sprintf("format %q: pilih xlsx, csv atau pdf", e.Format)})
		}
	case ExportMap:
		if err := CheckImageSize(e.Width, e.Height); err != nil {
			ps = append(ps, Problem{"size", err.Error()})
		}
	case ExportGeoJSON, ExportGeoPackage:
	default:
		ps = append(ps, Problem{"kind", fmt.Sprintf("ekspor %q tidak dikenal: pilih summary, map, geojson atau geopackage", e.Kind)})
	}
	if strings.TrimSpace(e.Path) == "" {
		ps = append(ps, Problem{"out", "ekspor memerlukan berkas tujuan"})
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// CheckImageSize checks an image size against the limits.
func CheckImageSize(w, h int) error {
	if w < MinImageWidth || h < MinImageHeight || w > MaxImageSide || h > MaxImageSide {
		return fmt.Errorf("ukuran %dx%d tidak sah; tulis LEBARxTINGGI dalam piksel, %d–%d × %d–%d, mis. 3508x2480 (A4 300 dpi)",
			w, h, MinImageWidth, MaxImageSide, MinImageHeight, MaxImageSide)
	}
	return nil
}

// ParseSize reads "1920x1080" and checks it.
func ParseSize(s string) (w, h int, err error) {
	if _, err := fmt.Sscanf(strings.ToLower(strings.TrimSpace(s)), "%dx%d", &w, &h); err != nil {
		return 0, 0, fmt.Errorf("ukuran %q tidak sah; tulis LEBARxTINGGI dalam piksel, mis. 1920x1080", s)
	}
	return w, h, CheckImageSize(w, h)
}

// Export writes one export of the settings' analysis and returns the bytes
// written (0 for a folder of CSV files). Aggregates only: the dataset
// never holds NIK, KK or names.
func (s *Service) Export(ctx context.Context, set Settings, e Export) (int, error) {
	if err := e.Validate(); err != nil {
		return 0, err
	}
	ds, r, err := s.Summary(ctx, set)
	if err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	switch e.Kind {
	case ExportSummary:
		switch e.Format {
		case "xlsx":
			return writeFile(e.Path, 0o644, func(w io.Writer) error { return report.WriteXLSX(w, ds) })
		case "csv":
			if strings.HasSuffix(strings.ToLower(e.Path), ".zip") {
				return writeFile(e.Path, 0o644, func(w io.Writer) error { return report.WriteCSVZip(w, ds) })
			}
			return 0, report.WriteCSVDir(e.Path, ds)
		case "pdf":
			return writeFile(e.Path, 0o644, func(w io.Writer) error { return writePDF(w, ds, r, e.Atlas) })
		}
	case ExportMap:
		img := PrintMap(ds, r, e.Width, e.Height)
		return writeFile(e.Path, 0o644, func(w io.Writer) error { return png.Encode(w, img) })
	case ExportGeoJSON:
		return writeFile(e.Path, 0o644, func(w io.Writer) error { return report.WriteGeoJSON(w, ds) })
	case ExportGeoPackage:
		if s.GeoPackage == nil {
			return 0, fmt.Errorf("ekspor GeoPackage tidak tersedia di sini")
		}
		if err := s.GeoPackage(e.Path, report.Layers(ds)); err != nil {
			return 0, err
		}
		st, err := os.Stat(e.Path)
		if err != nil {
			return 0, err
		}
		return int(st.Size()), nil
	}
	return 0, fmt.Errorf("ekspor %s/%s tidak dikenal", e.Kind, e.Format)
}

// writeFile writes a file through a buffer with the given mode; a failed
// write leaves no file behind. It returns the bytes written.
func writeFile(path string, mode os.FileMode, write func(io.Writer) error) (int, error) {
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return 0, fmt.Errorf("membuat %s: %w", path, err)
	}
	cw := &countWriter{w: bufio.NewWriter(fh)}
	err = write(cw)
	if err == nil {
		err = cw.w.(*bufio.Writer).Flush()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return 0, fmt.Errorf("menulis %s: %w", path, err)
	}
	return cw.n, nil
}

// WritePrivateFile writes a file readable by its owner only (it lists
// households), through a buffer; a failed write leaves no file behind.
func WritePrivateFile(path string, write func(io.Writer) error) error {
	_, err := writeFile(path, 0o600, write)
	return err
}

type countWriter struct {
	w io.Writer
	n int
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// MapScene returns the scene and style the map of a result draws: the
// kecamatan at kecamatan level, else the desa with kecamatan borders,
// filled with Map's colours and the pockets outlined.
func (r *Result) MapScene() (*render.Scene, render.Style) {
	st := render.DefaultStyle()
	st.Fills = r.Map.Fills
	st.Marked = r.Marked
	if r.KecamatanLevel() {
		return render.NewScene(r.Kecamatan, r.Kecamatan), st
	}
	return render.NewScene(r.Villages, r.Kecamatan), st
}

// Subtitle is the line under a map's title: the indicator, the period and
// the view.
func (r *Result) Subtitle() string {
	sub := fmt.Sprintf("%s, periode %s", r.Indicator.Label, r.Period)
	if r.KecamatanLevel() {
		return "Rekap per kecamatan: " + sub
	}
	switch r.Settings.View {
	case ViewClusters:
		return "Kantong kemiskinan (klaster LISA): " + sub
	case ViewCoverage:
		_, ind := r.CoverageValues(r.Settings.Coverage)
		return ind.Label + "; garis tebal: desa kantong kemiskinan"
	case ViewGap:
		return "Celah intervensi: " + sub
	}
	return sub
}

func mapOptions(ds *report.Dataset, scene *render.Scene, st render.Style, legend render.Legend, subtitle string, w, h int) report.MapOptions {
	return report.MapOptions{Scene: scene, Style: st, Legend: legend, Width: w, Height: h,
		Title: ds.Title, Subtitle: subtitle, Source: "Sumber: " + strings.Join(ds.Sources, " · "),
		Made: ds.Made, Synthetic: ds.Synthetic}
}

// PrintMap draws the print map of a result: the map the window shows for
// the same settings, with title, legend, scale bar, north arrow and source.
func PrintMap(ds *report.Dataset, r *Result, w, h int) image.Image {
	scene, st := r.MapScene()
	return report.MapImage(mapOptions(ds, scene, st, r.Map, r.Subtitle(), w, h))
}

// RenderMap draws the map of the settings as the window shows it (no
// title block), with its legend, at w×h pixels.
func (s *Service) RenderMap(ctx context.Context, set Settings, w, h int) (image.Image, *Result, error) {
	if err := CheckImageSize(w, h); err != nil {
		return nil, nil, Problems{{"size", err.Error()}}
	}
	r, err := s.Analyse(ctx, set)
	if err != nil {
		return nil, nil, err
	}
	scene, st := r.MapScene()
	scale := float64(min(w, h)) / 1080
	st.FontSize = 13 * max(1, scale)
	img := scene.Render(scene.Fit(scene.Bound(), w, h, 20*max(1, scale)), w, h, &st)
	render.DrawLegend(img, r.Map, max(0.8, scale))
	return img, r, nil
}

func pngBytes(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// writePDF writes the report with the map of the settings and, with atlas,
// one page per kecamatan showing its desa as the desa map does.
func writePDF(w io.Writer, ds *report.Dataset, r *Result, atlas bool) error {
	mapPNG, err := pngBytes(PrintMap(ds, r, 2400, 1600))
	if err != nil {
		return err
	}
	var pages []report.AtlasPage
	if atlas {
		desaFills := r.DesaClasses.Fills
		if !r.KecamatanLevel() {
			desaFills = r.Map.Fills
		}
		for k, kr := range ds.Kecamatan {
			var villages []*geo.Area
			var idx []int
			for i, kk := range r.KecamatanOf {
				if kk == k {
					villages = append(villages, r.Villages[i])
					idx = append(idx, i)
				}
			}
			if len(villages) == 0 {
				continue
			}
			scene := render.NewScene(villages, []*geo.Area{r.Kecamatan[k]})
			st := render.DefaultStyle()
			st.Fills = make([]color.RGBA, len(idx))
			st.Marked = make([]bool, len(idx))
			var rows []report.DesaRow
			for j, i := range idx {
				st.Fills[j] = desaFills[i]
				st.Marked[j] = r.Pockets.Pocket[i] && r.NoPockets == ""
				rows = append(rows, ds.Desa[i])
			}
			legend := r.DesaClasses
			if !r.KecamatanLevel() {
				legend = r.Map
			}
			page := report.MapImage(mapOptions(ds, scene, st, legend, "Kecamatan "+kr.Name, 1400, 1000))
			b, err := pngBytes(page)
			if err != nil {
				return err
			}
			pages = append(pages, report.AtlasPage{Kecamatan: kr, MapPNG: b, Desa: rows})
		}
	}
	return report.WritePDF(w, ds, mapPNG, pages)
}
