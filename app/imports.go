package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/shp"
)

// maxBoundaryFile is the largest boundary file read: about eighty times the
// GeoJSON of all the desa of Jawa Timur.
const maxBoundaryFile = 2 << 30

// progressReader reports how much of a file has been read.
type progressReader struct {
	r        io.Reader
	n, total int64
	report   func(float64)
	last     float64
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if p.report != nil && p.total > 0 {
		if f := float64(p.n) / float64(p.total); f-p.last >= 0.02 || f >= 1 {
			p.last = f
			p.report(f * 0.9)
		}
	}
	return n, err
}

// openProgress opens a file whose reading reports progress (up to 90 %).
func openProgress(path string, progress func(float64)) (*os.File, io.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("membuka %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("membuka %s: %w", path, err)
	}
	return f, &progressReader{r: f, total: st.Size(), report: progress}, nil
}

// ImportBoundaries reads a boundary file (GeoJSON, GeoJSON.gz, a
// GeoPackage layer or a Shapefile, loose or zipped: opt.Layer picks one
// of several) and stores its areas in one transaction. It returns the report for the user:
// what was read, what changed, and desa lying outside their kecamatan.
// When the code or name property cannot be told it returns a
// *geo.FieldsError; the caller asks and calls again with opt set.
func (s *Service) ImportBoundaries(ctx context.Context, path string, opt geo.ReadOptions, progress func(float64)) (string, error) {
	var l *geo.Layer
	var err error
	if st, serr := os.Stat(path); serr == nil && st.Size() > maxBoundaryFile {
		return "", fmt.Errorf("%s: berkas %d bita, lebih dari batas %d bita untuk batas wilayah; tidak dibaca", filepath.Base(path), st.Size(), int64(maxBoundaryFile))
	}
	switch lower := strings.ToLower(path); {
	case strings.HasSuffix(lower, ".gpkg"):
		if s.ReadGeoPackage == nil {
			return "", fmt.Errorf("%s: GeoPackage tidak dapat dibaca di sini", filepath.Base(path))
		}
		l, err = s.ReadGeoPackage(path, opt)
	case strings.HasSuffix(lower, ".shp"), strings.HasSuffix(lower, ".zip"):
		l, err = shp.ReadBoundaries(path, opt)
	case strings.HasSuffix(lower, ".gz"):
		l, err = geo.ReadGeoJSONFile(path, opt)
	default:
		f, r, oerr := openProgress(path, progress)
		if oerr != nil {
			return "", oerr
		}
		l, err = geo.ReadGeoJSON(r, filepath.Base(path), opt)
		f.Close()
	}
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	rep, err := s.Areas.ImportBoundaries(ctx, l)
	if err != nil {
		return "", fmt.Errorf("menyimpan batas wilayah dari %s: %w", filepath.Base(path), err)
	}
	text := fmt.Sprintf("%s: %d wilayah dibaca (kolom kode %q, nama %q).\n%s", l.File, len(l.Areas), l.CodeField, l.NameField, rep.String())
	if l.Converted != "" {
		text += fmt.Sprintf("\nKoordinat diubah dari %s ke WGS 84 bujur/lintang.", l.Converted)
	}
	if n := len(l.Skipped); n > 0 {
		codes := make([]string, 0, min(n, 10))
		for _, sk := range l.Skipped[:min(n, 10)] {
			codes = append(codes, fmt.Sprintf("#%d %s", sk.Feature+1, sk.Code))
		}
		more := ""
		if n > 10 {
			more = fmt.Sprintf(" … dan %d lainnya", n-10)
		}
		text += fmt.Sprintf("\n%d fitur tanpa geometri dilewati: %s%s.", n, strings.Join(codes, ", "), more)
	}
	areas, err := s.Areas.Areas(ctx)
	if err != nil {
		return "", err
	}
	if mm := geo.CheckHierarchy(areas); len(mm) > 0 {
		text += "\n" + geo.MismatchReport(mm)
	}
	return text, nil
}

// ReadIndicators reads and checks an indicator CSV and matches its rows to
// the areas, writing nothing: the caller shows the join-health report,
// lets the user accept near name matches (Health.Accept), then calls
// SaveIndicators.
func (s *Service) ReadIndicators(ctx context.Context, path, period string, progress func(float64)) (*ingest.Table, *ingest.Health, error) {
	f, r, err := openProgress(path, progress)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	t, err := ingest.ReadCSV(r, filepath.Base(path), ingest.Options{Period: period})
	if err != nil {
		return nil, nil, err
	}
	areas, err := s.Areas.Areas(ctx)
	if err != nil {
		return nil, nil, err
	}
	if len(areas) == 0 {
		return nil, nil, fmt.Errorf("%s: %w: basis data belum memiliki wilayah; impor batas wilayah dahulu", t.File, ErrNoData)
	}
	return t, ingest.Match(t, areas), nil
}

// SaveIndicators stores the matched rows of a checked table in one
// transaction and returns the number of values written. A table whose
// rows give two values for the same area is refused whole.
func (s *Service) SaveIndicators(ctx context.Context, t *ingest.Table, h *ingest.Health) (int, error) {
	if h != nil && len(h.Duplicates) > 0 {
		return 0, fmt.Errorf("%s: %d baris memberi nilai ganda untuk wilayah yang sama; tidak ada yang disimpan", t.File, len(h.Duplicates))
	}
	return s.Indicators.ImportIndicators(ctx, t.Import())
}
