package app

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/ingest"
)

// The indicators ImportHouseholds adds to household.Indicators: households
// with a valid point, counted per desa by the desa they declare and by the
// desa their point lies in (household.CountPoints). Where the two differ,
// points or desa codes are wrong.
const (
	IndicatorGeocodedDeclared = "hh_geocoded_declared"
	IndicatorGeocodedSpatial  = "hh_geocoded_spatial"
)

// RegionCodes parses assets.RegionCodes once into the set the validator
// wants: province and kabupaten/kota codes.
var RegionCodes = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(assets.RegionCodes, "\n") {
		if code, _, _ := strings.Cut(l, "\t"); code != "" {
			m[strings.TrimSpace(code)] = true
		}
	}
	return m
})

// PointCount compares, for one desa, the households whose point is valid
// and who declare the desa (Declared) with the points that lie in it
// (Spatial, by household.CountPoints over the desa boundaries).
type PointCount struct {
	Code              string
	Declared, Spatial int
}

// HouseholdImport says what ImportHouseholds stored.
type HouseholdImport struct {
	SnapshotID int64
	Period     string
	File       string // base name of the file
	Households int    // records stored
	Unplaced   int    // households whose desa is unknown: in no desa indicator
	// ByRule counts the findings per rule code; every code of
	// household.Rules is present, possibly 0.
	ByRule           map[string]int
	Errors, Warnings int // findings by severity
	// Geocoded is the number of households with a valid point (in range);
	// Outside of them lie in no desa loaded.
	Geocoded, Outside int
	// PointCheck lists, by code, every desa with households or points, with
	// the counts also stored as the indicators hh_geocoded_declared and
	// hh_geocoded_spatial of the period.
	PointCheck []PointCount
}

// Mismatched returns the PointCheck entries whose counts differ.
func (h *HouseholdImport) Mismatched() []PointCount {
	var out []PointCount
	for _, p := range h.PointCheck {
		if p.Declared != p.Spatial {
			out = append(out, p)
		}
	}
	return out
}

// String summarises the import in Indonesian: households stored and
// unplaced, findings by rule (code, severity, count and the rule's
// description from household.Rules; rules without findings are left out)
// and the point check (the ten desa whose counts differ most).
func (h *HouseholdImport) String() string {
	n := func(v int) string { return idfmt.Number(float64(v), 0) }
	var b strings.Builder
	fmt.Fprintf(&b, "%s, periode %s: %s rumah tangga disimpan.\n", h.File, h.Period, n(h.Households))
	if h.Unplaced > 0 {
		fmt.Fprintf(&b, "%s rumah tangga tidak dapat dipetakan ke desa dan tidak masuk indikator desa.\n", n(h.Unplaced))
	}
	if h.Errors+h.Warnings == 0 {
		b.WriteString("Temuan validasi: tidak ada.\n")
	} else {
		fmt.Fprintf(&b, "Temuan validasi: %s (%s kesalahan, %s peringatan)\n", n(h.Errors+h.Warnings), n(h.Errors), n(h.Warnings))
		w := 0
		for _, r := range household.Rules {
			w = max(w, len(r.Code))
		}
		for _, r := range household.Rules {
			if c := h.ByRule[r.Code]; c > 0 {
				fmt.Fprintf(&b, "  %-*s %-10s %7s  %s\n", w, r.Code, r.Severity, n(c), r.Description)
			}
		}
	}
	mis := h.Mismatched()
	if h.Geocoded == 0 {
		b.WriteString("Titik koordinat: tidak ada rumah tangga dengan titik koordinat yang sah.")
		return b.String()
	}
	fmt.Fprintf(&b, "Titik koordinat: %s rumah tangga bertitik sah", n(h.Geocoded))
	if h.Outside > 0 {
		fmt.Fprintf(&b, ", %s di luar semua desa", n(h.Outside))
	}
	if len(mis) == 0 {
		b.WriteString("; jumlah titik per desa sama dengan jumlah menurut desa tercatat.")
	} else {
		fmt.Fprintf(&b, "; %d desa dengan jumlah titik berbeda dari desa tercatat (indikator %s dan %s):",
			len(mis), IndicatorGeocodedDeclared, IndicatorGeocodedSpatial)
		// Largest differences first.
		sort.SliceStable(mis, func(i, j int) bool {
			return abs(mis[i].Declared-mis[i].Spatial) > abs(mis[j].Declared-mis[j].Spatial)
		})
		const most = 10
		for _, p := range mis[:min(most, len(mis))] {
			fmt.Fprintf(&b, "\n  %s tercatat %s, titik di dalamnya %s", p.Code, n(p.Declared), n(p.Spatial))
		}
		if len(mis) > most {
			fmt.Fprintf(&b, "\n  … dan %d desa lainnya", len(mis)-most)
		}
	}
	return b.String()
}

func abs(x int) int { return max(x, -x) }

// geocodedIndicators returns the definitions of the two point-check
// indicators for period.
func geocodedIndicators(period string) []geo.Indicator {
	return []geo.Indicator{
		{Key: IndicatorGeocodedDeclared, Label: "RT bertitik koordinat menurut desa tercatat", Unit: "rumah tangga",
			Source: household.Source, Period: period},
		{Key: IndicatorGeocodedSpatial, Label: "RT bertitik koordinat menurut letak titik", Unit: "rumah tangga",
			Source: household.Source, Period: period},
	}
}

// ImportHouseholds validates and stores the household list at path (CSV or
// XLSX, read with ingest.ReadHouseholds and mapping m; nil m means the
// mapping ingest.HouseholdColumns guesses) as the snapshot of period, in one
// transaction (household.Repository.ImportSnapshot):
//
//   - a period that already has a list is refused
//     (household.ErrPeriodImported): a new list never overwrites an older
//     one;
//   - every record is checked by a household.Validator (the desa and
//     kecamatan of the database, the embedded assets.RegionCodes and cfg),
//     stored with its resolved desa code and its findings, and counted by a
//     household.Aggregator; then the cross-record findings of Finish
//     (NIK-GANDA, KK-GANDA) are stored and counted;
//   - the indicator definitions of the aggregator plus hh_geocoded_declared
//     and hh_geocoded_spatial are written, and their values for period;
//   - the mapping is remembered for the next list.
//
// Records are not held: memory is the validator's NIK and KK maps and one
// point per geocoded household. A file that cannot be read as a household
// list, any row problem (ingest.RowErrors), a database without desa, or any
// other error rolls everything back; the error is returned and nothing is
// written. progress, when not nil, gets the fraction done (reading the
// file up to 0.95, then 1 once committed).
func (s *Service) ImportHouseholds(ctx context.Context, path string, m ingest.Mapping, period string, cfg household.Config, progress func(float64)) (*HouseholdImport, error) {
	return s.importHouseholds(ctx, path, m, period, cfg, progress, false)
}

// ReplaceHouseholds is ImportHouseholds that replaces the list of period,
// when there is one, in the same transaction: its households, findings and
// desa indicators of the period give way to the new list's. The user asks
// for it (--replace, or a confirmation in the window).
func (s *Service) ReplaceHouseholds(ctx context.Context, path string, m ingest.Mapping, period string, cfg household.Config, progress func(float64)) (*HouseholdImport, error) {
	return s.importHouseholds(ctx, path, m, period, cfg, progress, true)
}

// DeleteHouseholds deletes the household list of a period with its
// findings and desa indicators of the period.
func (s *Service) DeleteHouseholds(ctx context.Context, period string) error {
	return s.Households.DeleteSnapshot(ctx, period)
}

func (s *Service) importHouseholds(ctx context.Context, path string, m ingest.Mapping, period string, cfg household.Config, progress func(float64), replace bool) (*HouseholdImport, error) {
	file := filepath.Base(path)
	fail := func(err error) (*HouseholdImport, error) {
		return nil, fmt.Errorf("impor daftar rumah tangga %s ditolak, tidak ada yang disimpan: %w", file, err)
	}
	if err := household.CheckPeriod(period); err != nil {
		return fail(err)
	}
	opt, err := s.fileOptions()
	if err != nil {
		return fail(err)
	}
	defer s.CleanTemp()
	if m == nil {
		h, err := ingest.HouseholdColumns(path, opt)
		if err != nil {
			return fail(err)
		}
		m = h.Guess
	}
	areas, err := s.Areas.Areas(ctx)
	if err != nil {
		return fail(err)
	}
	villages, _ := geo.Split(areas)
	if len(villages) == 0 {
		return fail(fmt.Errorf("%w: basis data belum memiliki batas desa; impor batas wilayah dahulu", ErrNoData))
	}
	res := &HouseholdImport{Period: period, File: file, ByRule: map[string]int{}}
	for _, r := range household.Rules {
		res.ByRule[r.Code] = 0
	}
	info := household.SnapshotInfo{Period: period, File: file, Mapping: m, Replace: replace}
	id, err := s.Households.ImportSnapshot(ctx, info, func(w household.SnapshotWriter) (string, error) {
		if err := readHouseholds(ctx, w, path, m, period, cfg, areas, villages, res, progress, opt); err != nil {
			return "", err
		}
		summary, _, _ := strings.Cut(res.String(), "\n")
		return fmt.Sprintf("%s %d temuan (%d kesalahan, %d peringatan)", summary, res.Errors+res.Warnings, res.Errors, res.Warnings), nil
	})
	if err != nil {
		return fail(err)
	}
	res.SnapshotID = id
	if progress != nil {
		progress(1)
	}
	return res, nil
}

// readHouseholds streams the list through the validator and aggregator
// into w, filling in res.
func readHouseholds(ctx context.Context, w household.SnapshotWriter, path string, m ingest.Mapping, period string, cfg household.Config,
	areas, villages []*geo.Area, res *HouseholdImport, progress func(float64), opt ingest.FileOptions) error {
	addFindings := func(fs []household.Finding) error {
		if err := w.AddFindings(ctx, fs); err != nil {
			return err
		}
		for _, f := range fs {
			res.ByRule[f.Rule]++
			if f.Severity == household.Error {
				res.Errors++
			} else {
				res.Warnings++
			}
		}
		return nil
	}
	v := household.NewValidator(areas, RegionCodes(), cfg)
	agg := household.NewAggregator(cfg)
	var points []orb.Point
	declared := map[string]int{}
	each := func(r *household.Record) error {
		fs := v.Check(r)
		desa := v.Desa(r)
		if r.HasPoint {
			if x, y := r.Point[0], r.Point[1]; x >= -180 && x <= 180 && y >= -90 && y <= 90 {
				points = append(points, r.Point)
				if desa != "" {
					declared[desa]++
				}
			}
		}
		if err := w.AddHousehold(ctx, r, desa); err != nil {
			return err
		}
		if err := addFindings(fs); err != nil {
			return err
		}
		agg.Add(desa, r, fs)
		res.Households++
		return nil
	}
	prog := progress
	if prog != nil {
		prog = func(f float64) { progress(f * 0.95) }
	}
	if _, err := ingest.ReadHouseholds(ctx, path, m, each, prog, opt); err != nil {
		return err
	}
	fin := v.Finish()
	if err := addFindings(fin); err != nil {
		return err
	}
	agg.AddFindings(fin)
	res.Unplaced = agg.Unplaced()

	// Point check: declared desa against the desa the point lies in.
	counts, outside := household.CountPoints(points, villages)
	res.Geocoded, res.Outside = len(points), outside
	spatial := make(map[string]int, len(villages))
	for i, c := range counts {
		if c > 0 {
			spatial[villages[i].Code] = c
		}
	}
	vals := agg.Values(period)
	codes := map[string]bool{}
	for _, val := range vals {
		codes[val.Code] = true
	}
	for c := range spatial {
		codes[c] = true
	}
	for c := range declared {
		codes[c] = true
	}
	for _, c := range slices.Sorted(maps.Keys(codes)) {
		res.PointCheck = append(res.PointCheck, PointCount{Code: c, Declared: declared[c], Spatial: spatial[c]})
		vals = append(vals,
			geo.Value{Code: c, Indicator: IndicatorGeocodedDeclared, Period: period, Value: float64(declared[c])},
			geo.Value{Code: c, Indicator: IndicatorGeocodedSpatial, Period: period, Value: float64(spatial[c])})
	}
	return w.SetIndicators(ctx, append(agg.Indicators(period), geocodedIndicators(period)...), vals)
}

// HouseholdColumns reads the header of a household list with
// ingest.HouseholdColumns and proposes the mapping to use: the remembered
// one (the repository's HouseholdMapping) when every column it names is in
// the file (compared as ingest.ReadHouseholds compares them: as written,
// else ignoring case), else the guess from the header names. The proposal
// is in Guess, with Missing listing the required fields it lacks;
// remembered says which it is.
func (s *Service) HouseholdColumns(ctx context.Context, path string) (h *ingest.HouseholdHeader, remembered bool, err error) {
	opt, err := s.fileOptions()
	if err != nil {
		return nil, false, err
	}
	defer s.CleanTemp()
	h, err = ingest.HouseholdColumns(path, opt)
	if err != nil {
		return nil, false, err
	}
	rem, err := s.Households.HouseholdMapping(ctx)
	if err != nil || len(rem) == 0 {
		return h, false, err
	}
	for _, col := range rem {
		col = strings.TrimSpace(col)
		if col != "" && !hasColumn(h.Columns, col) {
			return h, false, nil
		}
	}
	h.Guess, h.Missing = rem, ingest.MissingFields(rem)
	return h, true, nil
}

// hasColumn reports whether the header has the column name, as written or
// ignoring case (the way ingest.ReadHouseholds finds it).
func hasColumn(cols []string, name string) bool {
	name = strings.TrimSpace(name)
	return slices.ContainsFunc(cols, func(c string) bool { return c == name || strings.EqualFold(c, name) })
}

// quoteList quotes the names and joins them with ", ".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// MappingSource says where a proposed mapping came from.
func MappingSource(remembered bool) string {
	if remembered {
		return "pemetaan tersimpan dari impor sebelumnya"
	}
	return "ditebak dari judul kolom"
}

// ApplyMapping applies overrides ("field=Column", comma-separated, an
// empty column to unmap a field) to the proposed mapping of a header and
// checks that the required fields are mapped; problems name the flag
// --map, the field and the columns of the file.
func ApplyMapping(hdr *ingest.HouseholdHeader, overrides []string) (ingest.Mapping, error) {
	m := maps.Clone(hdr.Guess)
	if m == nil {
		m = ingest.Mapping{}
	}
	fields := ingest.HouseholdFields()
	set := map[string]string{}
	for _, o := range overrides {
		for _, pair := range strings.Split(o, ",") {
			if strings.TrimSpace(pair) == "" {
				continue
			}
			f, col, ok := strings.Cut(pair, "=")
			f, col = strings.ToLower(strings.TrimSpace(f)), strings.TrimSpace(col)
			switch {
			case !ok:
				return nil, Problems{{"map", fmt.Sprintf("--map %q: tulis isian=Kolom, mis. --map nik=NIK_KRT,desil=Desil", pair)}}
			case !slices.Contains(fields, f):
				return nil, Problems{{"map", fmt.Sprintf("--map: isian %q tidak dikenal; isian: %s", f, strings.Join(fields, ", "))}}
			case col != "" && !hasColumn(hdr.Columns, col):
				return nil, Problems{{"map", fmt.Sprintf("--map %s: kolom %q tidak ada di %s; kolom dalam berkas: %s",
					f, col, filepath.Base(hdr.File), quoteList(hdr.Columns))}}
			}
			set[f] = col
		}
	}
	for f, col := range set {
		// A column given to a field is taken from any other field that
		// was not given explicitly.
		for g, c := range m {
			if _, explicit := set[g]; !explicit && col != "" && strings.EqualFold(c, col) {
				delete(m, g)
			}
		}
		if col == "" {
			delete(m, f)
		} else {
			m[f] = col
		}
	}
	missing := ingest.MissingFields(m)
	if i := slices.Index(missing, ingest.FieldDesaCode); i >= 0 && slices.Contains(missing, ingest.FieldDesaName) {
		missing = slices.Delete(missing, i, i+2) // kode_desa, nama_desa
		missing = append(missing, ingest.FieldDesaCode+" atau "+ingest.FieldDesaName)
	}
	if len(missing) > 0 {
		desc := make([]string, len(missing))
		ex := make([]string, len(missing))
		for i, f := range missing {
			first, _, _ := strings.Cut(f, " ")
			desc[i] = fmt.Sprintf("%s (%s)", f, ingest.FieldLabel(first))
			ex[i] = first + "=KOLOM"
		}
		return nil, Problems{{"map", fmt.Sprintf("%s: kolom wajib belum dipetakan: %s. Kolom dalam berkas: %s. Tentukan dengan --map %s",
			filepath.Base(hdr.File), strings.Join(desc, ", "), quoteList(hdr.Columns), strings.Join(ex, ","))}}
	}
	return m, nil
}

// FormatMapping writes a mapping as "kk=no_kk, nik=nik_kepala, ..." in
// field order.
func FormatMapping(m ingest.Mapping) string {
	var parts []string
	for _, f := range ingest.HouseholdFields() {
		if m[f] != "" {
			parts = append(parts, f+"="+m[f])
		}
	}
	return strings.Join(parts, ", ")
}

// fileOptions makes the private temp folder and returns the readers'
// options.
func (s *Service) fileOptions() (ingest.FileOptions, error) {
	if s.TempDir == "" {
		return ingest.FileOptions{}, nil
	}
	if err := os.MkdirAll(s.TempDir, 0o700); err != nil {
		return ingest.FileOptions{}, fmt.Errorf("membuat folder sementara %s: %w", s.TempDir, err)
	}
	if err := os.Chmod(s.TempDir, 0o700); err != nil {
		return ingest.FileOptions{}, err
	}
	return ingest.FileOptions{TempDir: s.TempDir}, nil
}

// CleanTemp empties the private temp folder: what a reader spilled there
// (personal data of a household list) never outlives an import or, after
// a crash, the next start.
func (s *Service) CleanTemp() {
	if s.TempDir == "" {
		return
	}
	entries, err := os.ReadDir(s.TempDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		os.RemoveAll(filepath.Join(s.TempDir, e.Name()))
	}
}
