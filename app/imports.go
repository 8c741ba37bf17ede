package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	bpsNote := ""
	if l.BPS != nil {
		if bpsNote, err = s.resolveBPS(ctx, l, opt.AcceptFuzzy); err != nil {
			return "", err
		}
	}
	rep, err := s.Areas.ImportBoundaries(ctx, l)
	if err != nil {
		return "", fmt.Errorf("menyimpan batas wilayah dari %s: %w", filepath.Base(path), err)
	}
	text := fmt.Sprintf("%s: %d wilayah dibaca (kolom kode %q, nama %q).\n%s", l.File, len(l.Areas), l.CodeField, l.NameField, rep.String())
	if l.Converted != "" {
		text += fmt.Sprintf("\nKoordinat diubah dari %s ke WGS 84 bujur/lintang.", l.Converted)
	}
	if bpsNote != "" {
		text += "\n" + bpsNote
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

// BPSReviewError is a BPS-coded map whose features are not all matched
// to the known areas: near name matches wait for the user's agreement
// (CLI --accept-fuzzy, the window asks), or names match nothing. Nothing
// was stored.
type BPSReviewError struct {
	File      string
	Report    string // the join-health report, "baris" being the feature's number
	Fuzzy     int    // near matches to accept
	Unmatched int    // features that match no area, or several
}

func (e *BPSReviewError) Error() string {
	s := fmt.Sprintf("%s: peta berkode BPS (kode desa PPKKCCCDDD); kodenya dicocokkan ke kode Kemendagri menurut nama kecamatan dan desa, dan belum semua fitur cocok, jadi tidak ada yang disimpan.\n", e.File)
	switch {
	case e.Unmatched > 0:
		s += fmt.Sprintf("%d fitur tidak cocok dengan wilayah mana pun (atau cocok dengan beberapa): perbaiki namanya di berkas, lalu impor lagi.\n", e.Unmatched)
	case e.Fuzzy > 0:
		s += fmt.Sprintf("%d nama mirip perlu disetujui: periksa daftarnya, lalu ulangi dengan --accept-fuzzy.\n", e.Fuzzy)
	}
	return s + "(\"baris\" di bawah = nomor fitur)\n" + e.Report
}

// resolveBPS gives the areas of a BPS-coded map their Kemendagri codes:
// from the stored crosswalk, else by kecamatan and desa name among the
// known areas of the code's kabupaten (near names only when acceptFuzzy).
// Every feature must match exactly one area, whose Kemendagri name it
// keeps; the pairs found by name are stored with the boundaries. It
// returns a line for the report.
func (s *Service) resolveBPS(ctx context.Context, l *geo.Layer, acceptFuzzy bool) (string, error) {
	areas, err := s.Areas.Areas(ctx)
	if err != nil {
		return "", err
	}
	cw, err := s.Areas.Crosswalk(ctx)
	if err != nil {
		return "", err
	}
	t := &ingest.Table{File: l.File}
	for i, f := range l.BPS {
		t.Rows = append(t.Rows, ingest.Row{Line: i + 1, BPS: f.BPS, Name: f.Area.Name, Kec: f.Kec})
	}
	h := ingest.MatchWith(t, areas, cw)
	if acceptFuzzy {
		h.Accept(t)
	}
	used := map[string]int{}
	for i, r := range t.Rows {
		if r.Code == "" {
			continue
		}
		if j, ok := used[r.Code]; ok {
			h.Ambiguous = append(h.Ambiguous, ingest.Unmatched{Line: r.Line, Key: r.Name,
				Reason: fmt.Sprintf("fitur %d dan %d sama-sama cocok dengan %s", j+1, i+1, r.Code)})
		}
		used[r.Code] = i
	}
	unmatched := len(h.UnknownCodes) + len(h.UnknownNames) + len(h.Ambiguous)
	if unmatched > 0 || len(h.Fuzzy) > 0 {
		return "", &BPSReviewError{File: l.File, Report: h.Report(), Fuzzy: len(h.Fuzzy), Unmatched: unmatched}
	}
	official := make(map[string]string, len(areas))
	for _, a := range areas {
		official[a.Code] = a.Name
	}
	for i, r := range t.Rows {
		// The map brings the boundary; the name stays the Kemendagri one.
		a := l.BPS[i].Area
		a.Code, a.Name, a.Level, a.Parent = r.Code, official[r.Code], geo.CodeLevel(r.Code), geo.ParentCode(r.Code)
	}
	l.Crosswalk = t.Crosswalk()
	return fmt.Sprintf("Peta berkode BPS: %d fitur diberi kode Kemendagri (%d menurut padanan tersimpan, %d menurut nama, %d nama mirip disetujui); %d padanan baru disimpan.",
		len(t.Rows), h.ByCrosswalk, h.ByName, h.ByFuzzy, len(l.Crosswalk)), nil
}

// IndicatorFile is an indicator file read and laid out, waiting for the
// user's choices: the cells of one sheet and the plan of how they will be
// read (which row is the header, what each column is used as, which way
// each indicator points). The preview dialog and the CLI's flags change
// Plan; CheckIndicators follows it.
type IndicatorFile struct {
	Path  string
	Sheet *ingest.Sheet
	Plan  *ingest.Plan
}

// IndicatorChoices are the choices the user makes about an indicator file
// without the preview: in the CLI, by flags.
type IndicatorChoices struct {
	Period  string   // the period of values whose column and row name none; default the current year
	Columns []string // "Header=use" (use as ingest.Plan.Set reads it), in order
	Poorer  []string // "key=direction" (higher, lower, neither)
	Source  string   // where the figures come from, for the indicator definitions
}

// OpenIndicators reads an indicator file (CSV, or sheet of a workbook,
// "" for the first with cells) and detects its layout, writing nothing.
func (s *Service) OpenIndicators(ctx context.Context, path, sheet string, progress func(float64)) (*IndicatorFile, error) {
	if progress != nil {
		progress(0.05)
	}
	sh, err := ingest.ReadSheet(path, sheet, ingest.FileOptions{})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &IndicatorFile{Path: path, Sheet: sh, Plan: ingest.Detect(sh)}, nil
}

// Apply makes the choices of c in the file's plan; a column or direction
// that cannot be applied is a Problem naming the flag.
func (f *IndicatorFile) Apply(c IndicatorChoices) error {
	var probs Problems
	for _, col := range c.Columns {
		h, use, ok := strings.Cut(col, "=")
		if !ok {
			probs = append(probs, Problem{"column", fmt.Sprintf("%q: tulis JUDUL=kegunaan, misalnya \"status_idm_2024=lewati\"", col)})
			continue
		}
		if err := f.Plan.Set(strings.TrimSpace(h), strings.TrimSpace(use)); err != nil {
			probs = append(probs, Problem{"column", err.Error()})
		}
	}
	keys := f.Plan.Indicators()
	for _, pd := range c.Poorer {
		k, d, ok := strings.Cut(pd, "=")
		if !ok {
			probs = append(probs, Problem{"poorer", fmt.Sprintf("%q: tulis indikator=arah, misalnya \"ike=lower\"", pd)})
			continue
		}
		dir, err := geo.ParseDirection(d)
		if err != nil {
			probs = append(probs, Problem{"poorer", err.Error()})
			continue
		}
		if k = strings.TrimSpace(k); !slices.Contains(keys, k) {
			probs = append(probs, Problem{"poorer", fmt.Sprintf("indikator %q tidak ada di berkas; indikatornya: %s", k, strings.Join(keys, ", "))})
			continue
		}
		f.Plan.Direction(k, dir)
	}
	if len(probs) > 0 {
		return probs
	}
	return nil
}

// CheckIndicators reads the rows of an opened file by its plan and
// matches them to the areas, writing nothing: the caller shows the
// join-health report, lets the user accept near name matches
// (Health.Accept), then calls SaveIndicators.
func (s *Service) CheckIndicators(ctx context.Context, f *IndicatorFile, c IndicatorChoices) (*ingest.Table, *ingest.Health, error) {
	t, err := ingest.Build(f.Sheet, f.Plan, ingest.Options{Period: c.Period, Source: c.Source})
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
	cw, err := s.Areas.Crosswalk(ctx)
	if err != nil {
		return nil, nil, err
	}
	return t, ingest.MatchWith(t, areas, cw), nil
}

// ReadIndicators opens an indicator file, makes the choices and checks
// it: OpenIndicators, Apply and CheckIndicators in one call.
func (s *Service) ReadIndicators(ctx context.Context, path, sheet string, c IndicatorChoices, progress func(float64)) (*ingest.Table, *ingest.Health, error) {
	f, err := s.OpenIndicators(ctx, path, sheet, progress)
	if err != nil {
		return nil, nil, err
	}
	if err := f.Apply(c); err != nil {
		return nil, nil, err
	}
	return s.CheckIndicators(ctx, f, c)
}

// SaveIndicators stores the matched rows of a checked table in one
// transaction and returns the number of values written. A table whose
// rows give two values for the same area is refused whole.
func (s *Service) SaveIndicators(ctx context.Context, t *ingest.Table, h *ingest.Health) (int, error) {
	if h != nil && len(h.Duplicates) > 0 {
		return 0, fmt.Errorf("%s: %d baris memberi nilai ganda untuk wilayah yang sama; tidak ada yang disimpan", t.File, len(h.Duplicates))
	}
	imp := t.Import()
	if err := s.mergeCategories(ctx, &imp); err != nil {
		return 0, err
	}
	return s.Indicators.ImportIndicators(ctx, imp)
}

// mergeCategories keeps the categories of an indicator stored before: a
// file that adds a period of a categorical indicator gets the stored list
// with its new categories appended, and its values renumbered to it. A
// numeric indicator stored before cannot become categorical, nor the
// other way round.
func (s *Service) mergeCategories(ctx context.Context, imp *geo.IndicatorImport) error {
	stored, err := s.Indicators.Indicators(ctx)
	if err != nil {
		return err
	}
	remaps := map[string][]int{}
	for i := range imp.Indicators {
		ind := &imp.Indicators[i]
		j := slices.IndexFunc(stored, func(d geo.Indicator) bool { return d.Key == ind.Key })
		if j < 0 {
			continue
		}
		old := stored[j]
		switch {
		case old.Derived():
			return fmt.Errorf("%s: indikator %s adalah rasio yang dihitung; nilainya tidak dapat diimpor", imp.File, ind.Key)
		case old.Categorical() != ind.Categorical():
			kind := map[bool]string{true: "kategori (teks)", false: "angka"}
			return fmt.Errorf("%s: indikator %s tersimpan sebagai %s, tetapi berkas ini memberi %s; beri nama lain dengan --column atau di pratinjau",
				imp.File, ind.Key, kind[old.Categorical()], kind[ind.Categorical()])
		case old.Categorical():
			ind.Categories, remaps[ind.Key] = geo.MergeCategories(old.Categories, ind.Categories)
			ind.Ordered = old.Ordered
		}
	}
	if len(remaps) == 0 {
		return nil
	}
	for i, v := range imp.Values {
		if m, ok := remaps[v.Indicator]; ok {
			imp.Values[i].Value = float64(m[int(v.Value)])
		}
	}
	return nil
}

// DescribePlan says how an opened indicator file will be read: where its
// header is and what each column is used as, one line per column, for
// the CLI (the preview dialog shows the same as a table).
func DescribePlan(f *IndicatorFile) string {
	var b strings.Builder
	pl, sh := f.Plan, f.Sheet
	fmt.Fprintf(&b, "Berkas %s", sh.File)
	if sh.Sheet != "" {
		fmt.Fprintf(&b, ", lembar %q", sh.Sheet)
	}
	if len(sh.Lines) > pl.Header {
		fmt.Fprintf(&b, ": judul kolom di baris %d", sh.Lines[pl.Header])
		if pl.SubHeader {
			b.WriteString(" dan di bawahnya")
		}
	}
	if n := len(pl.Titles); n > 0 {
		fmt.Fprintf(&b, " (%d baris judul tabel di atasnya dilewati)", n)
	}
	b.WriteString(".\nKolom:\n")
	for _, c := range pl.Columns {
		fmt.Fprintf(&b, "  %-20s → %s\n", c.Header, ColumnRole(pl, c))
	}
	return b.String()
}

// ColumnRole says what a column is used as, in Indonesian: "kode",
// "indikator idm, periode 2024 (nilai lebih rendah = lebih miskin)",
// "dilewati (kode kabupaten)".
func ColumnRole(pl *ingest.Plan, c ingest.PlanColumn) string {
	switch c.Use {
	case ingest.UseSkip:
		if c.Note != "" {
			return "dilewati (" + c.Note + ")"
		}
		return "dilewati"
	case ingest.UseIndicator:
		s := "indikator " + c.Key
		if c.Period != "" {
			s += ", periode " + c.Period
		}
		kind := "angka"
		if c.Text {
			kind = "kategori"
		}
		return fmt.Sprintf("%s (%s; %s)", s, kind, pl.Poorer[c.Key].Label())
	}
	return c.Use.String()
}

// DescribeTable says what a checked indicator file brings: its numeric and
// categorical indicators with their periods, the columns left out and the
// summary rows skipped.
func DescribeTable(t *ingest.Table) string {
	var num, cat []string
	for _, ind := range t.Indicators {
		if ind.Categorical() {
			sep := ", "
			if ind.Ordered {
				sep = " < "
			}
			cat = append(cat, fmt.Sprintf("%s: %s", ind.Key, strings.Join(ind.Categories, sep)))
			continue
		}
		num = append(num, ind.Key)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Indikator: %d angka", len(num))
	if len(num) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(num, ", "))
	}
	fmt.Fprintf(&b, ", %d kategori", len(cat))
	if len(cat) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(cat, "; "))
	}
	b.WriteString(".")
	if len(t.Skipped) > 0 {
		sk := make([]string, len(t.Skipped))
		for i, s := range t.Skipped {
			sk[i] = s.String()
		}
		fmt.Fprintf(&b, "\nKolom dilewati: %s.", strings.Join(sk, ", "))
	}
	if n := len(t.Totals); n > 0 {
		fmt.Fprintf(&b, "\n%d baris jumlah/total dilewati.", n)
	}
	return b.String()
}
