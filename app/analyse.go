package app

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dinsos-tuban/pocketmap/aid"
	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/render"
	"github.com/dinsos-tuban/pocketmap/report"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

// Repositories are the stores the use cases read and write. Package store
// implements all four with one SQLite database.
type Repositories struct {
	Areas         geo.AreaRepository
	Indicators    geo.IndicatorRepository
	Interventions aid.Repository
	Households    household.Repository
}

// Service runs the use cases over the repositories. It is safe for use by
// several goroutines.
type Service struct {
	Repositories
	// Now is the clock ("today" for active interventions, the date of
	// exports); nil means time.Now.
	Now func() time.Time
	// GeoPackage writes layers into a new GeoPackage file (package gpkg
	// through cmd/pocketmap: app itself writes no SQL); nil means that
	// export is not offered.
	GeoPackage func(path string, layers []report.Layer) error
	// ReadGeoPackage reads a boundary layer of a GeoPackage (package gpkg
	// through cmd/pocketmap); nil means such files are not read.
	ReadGeoPackage func(path string, opt geo.ReadOptions) (*geo.Layer, error)
	// TempDir is a private folder (0700) where the workbook reader may
	// spill a large sheet of a household list (NIKs and names): it is
	// emptied after every household import and by CleanTemp when the
	// program starts. "" keeps sheets in memory. Never the system's temp
	// folder.
	TempDir string

	mu      sync.Mutex
	weights map[weightKey]*spatial.Weights
	areas   []*geo.Area // the areas last read, while AreasVersion says areasV
	areasV  int64
}

// New returns a Service over the repositories.
func New(r Repositories) *Service {
	return &Service{Repositories: r}
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// weightKey identifies contiguity weights: the options and the desa they
// were built over.
type weightKey struct {
	opt   spatial.ContiguityOptions
	n     int
	first *geo.Area
	last  *geo.Area
}

// contiguity returns the weights of villages, built once per set of
// areas and options (they take 50 ms for all of Jawa Timur).
func (s *Service) contiguity(villages []*geo.Area, opt spatial.ContiguityOptions) *spatial.Weights {
	if len(villages) == 0 {
		return spatial.Contiguity(villages, opt)
	}
	key := weightKey{opt, len(villages), villages[0], villages[len(villages)-1]}
	s.mu.Lock()
	w := s.weights[key]
	s.mu.Unlock()
	if w != nil {
		return w
	}
	w = spatial.Contiguity(villages, opt)
	s.mu.Lock()
	if s.weights == nil || len(s.weights) > 16 {
		s.weights = map[weightKey]*spatial.Weights{}
	}
	s.weights[key] = w
	s.mu.Unlock()
	return w
}

// Result is the analysis of one indicator with one Settings: everything
// the map, the side panel, the pocket list and the exports show. Slices
// indexed by village follow Villages; those by kecamatan follow Kecamatan.
type Result struct {
	Settings  Settings // as given, with Indicator and Period resolved
	Indicator geo.Indicator
	Period    string
	Region    string // "Kabupaten Tuban", from the areas

	Areas               []*geo.Area // every area, as the repository returned them
	Villages, Kecamatan []*geo.Area // with a boundary
	KecamatanOf         []int       // kecamatan index of each village, -1 for none

	Raw      []float64 // the indicator by village, NaN for no data
	Num, Den []float64 // for a rate: its counts by village; nil otherwise
	Values   []float64 // what is classified and analysed: Raw, or smoothed
	Smoothed bool      // Values are Empirical Bayes smoothed rates
	// SmallBase flags the villages whose rate rests on fewer than
	// Settings.MinBase households; nil for an indicator that is no rate.
	SmallBase []bool

	Weights *spatial.Weights
	Pockets *spatial.PocketResult // Pocket follows the indicator's direction
	// NoPockets says why nothing is called a pocket ("" when pockets can
	// exist): the indicator does not point towards poverty.
	NoPockets string
	Method    string // how the pockets were found, with every parameter
	Moran     string // the global Moran's I line
	Islands   []int  // villages without neighbours, left out of the LISA

	Rollup []spatial.RollupRow // by kecamatan

	// DesaClasses and KecamatanClasses classify Values and the roll-up with
	// the settings' method: the classes the map and the summary show.
	DesaClasses, KecamatanClasses render.Legend

	Interventions []aid.Intervention // all of them
	Day           time.Time          // the day "active" refers to
	// Reach is what the interventions active on Day bring to each
	// village; KecamatanReach adds it up per kecamatan.
	Reach          []aid.Reach
	KecamatanReach []aid.Summary
	// Poor and DTKS are the households of the coverage roles by village,
	// NaN where unknown; PoorKeys and DTKSKeys name the indicators used
	// (nil when none of the candidates exists: CoverageNote says so).
	Poor, DTKS         []float64
	PoorKeys, DTKSKeys []string
	// Coverage holds the three measures by village, NaN where the base is
	// unknown or zero.
	ActiveCount, BudgetPerPoor, TargetShare []float64
	CoverageNote                            string
	Gaps                                    []int // pocket villages without an active intervention, by index

	// Map is what the map shows at the settings' level and view, and
	// Marked the villages it outlines as pockets (nil for none).
	Map    render.Legend
	Marked []bool
	// MapNote explains a view that the level does not offer ("" when
	// none).
	MapNote string
}

// KecamatanLevel reports whether the map shows kecamatan.
func (r *Result) KecamatanLevel() bool {
	return r.Settings.Level == LevelKecamatan && len(r.Kecamatan) > 0
}

// MapAreas returns the areas the map shows: the kecamatan at kecamatan
// level, else the villages.
func (r *Result) MapAreas() []*geo.Area {
	if r.KecamatanLevel() {
		return r.Kecamatan
	}
	return r.Villages
}

// IndicatorByKey returns the indicator with key among inds; "" gives the
// first. An unknown key is an error listing the keys.
func IndicatorByKey(inds []geo.Indicator, key string) (geo.Indicator, error) {
	if len(inds) == 0 {
		return geo.Indicator{}, fmt.Errorf("%w: basis data belum memiliki indikator", ErrNoData)
	}
	if key == "" {
		return inds[0], nil
	}
	keys := make([]string, len(inds))
	for i, d := range inds {
		if d.Key == key {
			return d, nil
		}
		keys[i] = d.Key
	}
	return geo.Indicator{}, Problems{{"indicator", fmt.Sprintf("indikator %q tidak ada; pilih salah satu: %s", key, strings.Join(keys, ", "))}}
}

// loadAreas reads the areas (or keeps those read before while the
// repository's AreasVersion stays the same: the boundaries of all of Jawa
// Timur take a fifth of a second to read, and the contiguity cache is keyed
// by them) and splits them; no desa is an error.
func (s *Service) loadAreas(ctx context.Context) (areas, villages, kec []*geo.Area, err error) {
	v, err := s.Areas.AreasVersion(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	s.mu.Lock()
	if s.areas != nil && s.areasV == v {
		areas = s.areas
	}
	s.mu.Unlock()
	if areas == nil {
		if areas, err = s.Areas.Areas(ctx); err != nil {
			return nil, nil, nil, err
		}
		s.mu.Lock()
		s.areas, s.areasV = areas, v
		s.mu.Unlock()
	}
	villages, kec = geo.Split(areas)
	if len(villages) == 0 {
		return nil, nil, nil, fmt.Errorf("%w: basis data belum memiliki batas desa; impor batas wilayah dahulu", ErrNoData)
	}
	return areas, villages, kec, nil
}

// valuesOf reads an indicator's values for a period by village.
func (s *Service) valuesOf(ctx context.Context, villages []*geo.Area, key, period string) ([]float64, error) {
	vals, err := s.Indicators.Values(ctx, key, period)
	if err != nil {
		return nil, err
	}
	return render.ValuesOf(villages, vals), nil
}

// sumOf sums the indicators keys by village (NaN where any is missing);
// ok is false when one of them does not exist or has no value at all.
func (s *Service) sumOf(ctx context.Context, villages []*geo.Area, inds []geo.Indicator, keys []string) ([]float64, bool) {
	out := make([]float64, len(villages))
	for _, k := range keys {
		if !slices.ContainsFunc(inds, func(d geo.Indicator) bool { return d.Key == k }) {
			return nil, false
		}
		vals, err := s.Indicators.Values(ctx, k, "")
		if err != nil || len(vals) == 0 {
			return nil, false
		}
		for i, v := range render.ValuesOf(villages, vals) {
			out[i] += v
		}
	}
	return out, len(keys) > 0
}

// role resolves a coverage role: the keys given, or the first default
// whose indicators all exist with values.
func (s *Service) role(ctx context.Context, villages []*geo.Area, inds []geo.Indicator, given []string, defaults [][]string) ([]float64, []string) {
	if len(given) > 0 {
		v, ok := s.sumOf(ctx, villages, inds, given)
		if !ok {
			return nil, nil
		}
		return v, given
	}
	for _, keys := range defaults {
		if v, ok := s.sumOf(ctx, villages, inds, keys); ok {
			return v, keys
		}
	}
	return nil, nil
}

// Analyse computes the Result of the settings: it is the only
// implementation of the analysis, shared by the window, the CLI and the
// exports.
func (s *Service) Analyse(ctx context.Context, set Settings) (*Result, error) {
	if err := set.Validate(); err != nil {
		return nil, err
	}
	areas, villages, kec, err := s.loadAreas(ctx)
	if err != nil {
		return nil, err
	}
	inds, err := s.Indicators.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	ind, err := IndicatorByKey(inds, set.Indicator)
	if err != nil {
		return nil, err
	}
	set.Indicator = ind.Key
	period := set.Period
	if period == "" {
		period = ind.Period
	}
	r := &Result{Settings: set, Indicator: ind, Period: period, Areas: areas, Villages: villages, Kecamatan: kec,
		KecamatanOf: geo.KecamatanOf(villages, kec), Region: regionName(areas, kec)}
	if r.Raw, err = s.valuesOf(ctx, villages, ind.Key, set.Period); err != nil {
		return nil, err
	}
	r.Values = r.Raw
	if ind.Derived() {
		if r.Num, err = s.valuesOf(ctx, villages, ind.Numerator, set.Period); err != nil {
			return nil, err
		}
		if r.Den, err = s.valuesOf(ctx, villages, ind.Denominator, set.Period); err != nil {
			return nil, err
		}
		r.SmallBase = classify.SmallBase(r.Den, set.MinBase)
		if set.Smooth {
			r.Values, r.Smoothed = smooth(ind, r.Num, r.Den), true
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.analysePockets(r)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.Rollup = spatial.Rollup(villages, kec, ind, codeMap(villages, r.Raw), codeMap(villages, r.Num), codeMap(villages, r.Den), r.Pockets.Pocket)
	if ind.Categorical() {
		r.categoricalLegends()
	} else if r.DesaClasses, err = classLegend(ind, r.Values, set); err != nil {
		return nil, Problems{{"breaks", err.Error()}}
	}
	kv := make([]float64, len(r.Rollup))
	for i, row := range r.Rollup {
		kv[i] = row.Value
	}
	if len(kv) > 0 && !ind.Categorical() {
		// (A layer of desa without kecamatan has no roll-up to classify.)
		if r.KecamatanClasses, err = classLegend(ind, kv, set); err != nil {
			return nil, Problems{{"breaks", err.Error()}}
		}
		r.KecamatanClasses.Note = RollupNote(ind) + " " + r.KecamatanClasses.Note
	}
	if err := s.coverage(ctx, r, inds); err != nil {
		return nil, err
	}
	if err := r.mapLegend(); err != nil {
		return nil, err
	}
	return r, nil
}

// categoricalLegends sets the legends of a categorical indicator: its
// categories with their colours and counts, at both levels (a kecamatan
// takes its most frequent category). The classification settings do not
// apply to categories.
func (r *Result) categoricalLegends() {
	r.DesaClasses = render.CategoricalLegend(r.Indicator, r.Values)
	kv := make([]float64, len(r.Rollup))
	for i, row := range r.Rollup {
		kv[i] = row.Value
	}
	r.KecamatanClasses = render.CategoricalLegend(r.Indicator, kv)
	r.KecamatanClasses.Note = RollupNote(r.Indicator) + " " + r.KecamatanClasses.Note
}

// RollupNote says how the kecamatan figures of an indicator are made.
func RollupNote(ind geo.Indicator) string {
	if ind.Categorical() {
		return "Rekap per kecamatan: kategori yang paling banyak desanya (bila sama banyak, yang lebih tertinggal)."
	}
	if ind.Kind() == geo.KindValue {
		return "Rekap per kecamatan: rata-rata nilai desa yang berdata."
	}
	return "Rekap per kecamatan: jumlah dijumlahkan, rasio dihitung ulang dari jumlahnya."
}

// smooth returns the Empirical Bayes rates of a derived indicator, in its
// scale.
func smooth(ind geo.Indicator, num, den []float64) []float64 {
	eb := classify.EBGlobal(num, den)
	scale := ind.Scale
	if scale == 0 {
		scale = 1
	}
	out := make([]float64, len(eb))
	for i, v := range eb {
		out[i] = v * scale
	}
	return out
}

// analysePockets runs Moran's I, LISA and Gi* on the values and marks the
// pockets by the indicator's direction.
func (s *Service) analysePockets(r *Result) {
	set := r.Settings
	opt := set.Pockets
	opt.Poorer = r.Indicator.Poorer
	r.Weights = s.contiguity(r.Villages, set.Weights)
	if r.Indicator.Categorical() {
		// Categories are no numbers: Moran, LISA and Gi* are not
		// computed, and NoPockets says so.
		r.Pockets = spatial.FindPockets(nanSlice(len(r.Values)), r.Weights, opt)
		r.NoPockets = spatial.NoPocketsReason(r.Indicator)
		r.Method = r.NoPockets
		r.Moran = "Moran global I tidak dihitung: indikator kategori."
		r.Islands = r.Weights.Islands()
		return
	}
	r.Pockets = spatial.FindPockets(r.Values, r.Weights, opt)
	r.NoPockets = spatial.NoPocketsReason(r.Indicator)
	r.Method = opt.Describe(DescribeWeights(set.Weights))
	if r.Smoothed {
		r.Method += " Nilai yang dianalisis: rasio yang dihaluskan Empirical Bayes."
	}
	g := r.Pockets.Global
	r.Moran = fmt.Sprintf("Moran global I = %s (p semu = %s) atas %d desa", idfmt.Number(g.I, 3), idfmt.Number(g.PSim, 3), r.Pockets.Valid)
	r.Islands = r.Weights.Islands()
}

// DescribeWeights says the neighbour rule and tolerance: "queen, toleransi 25 m".
func DescribeWeights(o spatial.ContiguityOptions) string {
	return fmt.Sprintf("%s, toleransi %s m", o.Rule, strconv.FormatFloat(o.Tolerance, 'f', -1, 64))
}

// classLegend classifies values with the settings' method.
func classLegend(ind geo.Indicator, values []float64, set Settings) (render.Legend, error) {
	var manual []float64
	if set.Method == classify.MethodManual {
		manual = set.Breaks
	}
	return render.ClassLegend(ind, values, set.Method, set.Classes, manual)
}

// codeMap turns values by village into values by code, without NaNs; nil
// stays nil.
func codeMap(areas []*geo.Area, vals []float64) map[string]float64 {
	if vals == nil {
		return nil
	}
	m := make(map[string]float64, len(vals))
	for i, v := range vals {
		if !math.IsNaN(v) {
			m[areas[i].Code] = v
		}
	}
	return m
}

// regionName names the kabupaten the kecamatan belong to, "Kabupaten
// Tuban", or "wilayah" when the areas name none.
func regionName(areas, kec []*geo.Area) string {
	for _, a := range areas {
		if a.Level == geo.LevelKabupaten && (len(kec) == 0 || strings.HasPrefix(kec[0].Code, a.Code)) {
			if strings.HasPrefix(strings.ToLower(a.Name), "kab") || strings.HasPrefix(strings.ToLower(a.Name), "kota") {
				return a.Name
			}
			return "Kabupaten " + a.Name
		}
	}
	return "wilayah"
}

// coverage computes the reach of the active interventions and the three
// coverage measures.
func (s *Service) coverage(ctx context.Context, r *Result, inds []geo.Indicator) error {
	ivs, err := s.Interventions.Interventions(ctx, aid.Filter{})
	if err != nil {
		return err
	}
	r.Interventions = ivs
	r.Day = aid.Day(r.Settings.Day)
	if r.Settings.Day.IsZero() {
		r.Day = aid.Day(s.now())
	}
	var active []aid.Intervention
	for _, iv := range ivs {
		if iv.ActiveOn(r.Day) {
			active = append(active, iv)
		}
	}
	n := len(r.Villages)
	r.Poor, r.PoorKeys = s.role(ctx, r.Villages, inds, r.Settings.Roles.Poor, DefaultPoorRoles)
	r.DTKS, r.DTKSKeys = s.role(ctx, r.Villages, inds, r.Settings.Roles.DTKS, DefaultDTKSRoles)
	var notes []string
	if r.PoorKeys == nil {
		r.Poor = nanSlice(n)
		notes = append(notes, "tidak ada indikator rumah tangga miskin (hh_desil1_2 atau rt_desil1 + rt_desil2): anggaran dibagi rata antardesa dan anggaran per RT miskin tidak dapat dihitung")
	} else {
		notes = append(notes, "RT miskin = "+strings.Join(r.PoorKeys, " + "))
	}
	if r.DTKSKeys == nil {
		r.DTKS = nanSlice(n)
		notes = append(notes, "tidak ada indikator rumah tangga DTKS (hh_desil1 … hh_desil4 atau rt_desil1_4): sasaran per RT DTKS tidak dapat dihitung")
	} else {
		notes = append(notes, "RT DTKS = "+strings.Join(r.DTKSKeys, " + "))
	}
	r.CoverageNote = "Cakupan: intervensi aktif (direncanakan atau berjalan) pada " + idfmt.Date(r.Day) + "; " + strings.Join(notes, "; ") + "."
	r.Reach = aid.Coverage(active, r.Villages, r.Poor, r.Day)
	r.KecamatanReach = aid.SummarizeKecamatan(active, r.Villages, r.Kecamatan, r.Reach, r.Day)
	r.ActiveCount, r.BudgetPerPoor, r.TargetShare = make([]float64, n), make([]float64, n), make([]float64, n)
	for i, x := range r.Reach {
		r.ActiveCount[i] = float64(x.Active)
		r.BudgetPerPoor[i] = ratio(x.Budget, r.Poor[i], 1)
		r.TargetShare[i] = ratio(x.Households, r.DTKS[i], 100)
	}
	for i, p := range r.Pockets.Pocket {
		if p && r.Reach[i].Active == 0 {
			r.Gaps = append(r.Gaps, i)
		}
	}
	return nil
}

// ratio is a/b×scale, NaN unless b > 0.
func ratio(a, b, scale float64) float64 {
	if !(b > 0) {
		return math.NaN()
	}
	return a / b * scale
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// MeasureLabel names a coverage measure in Indonesian.
func MeasureLabel(m Measure) string {
	switch m {
	case MeasureBudget:
		return "Anggaran intervensi aktif per RT miskin"
	case MeasureTargeting:
		return "Sasaran intervensi aktif per RT DTKS"
	}
	return "Jumlah intervensi aktif"
}

// CoverageValues returns the villages' values of a coverage measure and
// the indicator describing it.
func (r *Result) CoverageValues(m Measure) ([]float64, geo.Indicator) {
	ind := geo.Indicator{Key: "cakupan_" + string(m), Label: MeasureLabel(m)}
	switch m {
	case MeasureBudget:
		ind.Unit = "rupiah"
		if r.PoorKeys != nil {
			ind.Label += " (" + strings.Join(r.PoorKeys, " + ") + ")"
		}
		return r.BudgetPerPoor, ind
	case MeasureTargeting:
		ind.Unit = "%"
		if r.DTKSKeys != nil {
			ind.Label += " (" + strings.Join(r.DTKSKeys, " + ") + ")"
		}
		return r.TargetShare, ind
	}
	ind.Unit = "intervensi"
	return r.ActiveCount, ind
}

// The LISA cluster and gap category legends' colours.
var gapColors = []color.RGBA{{0xd7, 0x19, 0x1c, 0xff}, {0xfd, 0xae, 0x61, 0xff}, {0xf0, 0xf0, 0xf0, 0xff}}

// KecamatanViewNote is Result.MapNote for a desa view asked for at
// kecamatan level.
const KecamatanViewNote = "Tampilan klaster, cakupan dan celah dihitung per desa; di tingkat kecamatan peta menampilkan rekap nilai. Pilih tingkat desa untuk melihatnya."

// GapNames are the categories of the gap view.
var GapNames = []string{"Kantong tanpa intervensi aktif", "Kantong dengan intervensi aktif", "Bukan kantong"}

// ClusterLegend is the LISA cluster map: GeoDa's colours and Indonesian
// names, in classify.LISAOrder; the cluster that holds the pockets (by the
// indicator's direction) is marked "(kantong)".
func (r *Result) ClusterLegend() render.Legend {
	names := make([]string, len(classify.LISAOrder))
	colors := make([]color.RGBA, len(classify.LISAOrder))
	index := map[string]int{}
	pocket := spatial.PocketCluster(r.Indicator.Poorer).String()
	for k, key := range classify.LISAOrder {
		names[k], colors[k], index[key] = classify.LISALabels[key], classify.LISAColors[key], k
		if key == pocket && key != spatial.ClusterNS.String() {
			names[k] += classify.PocketSuffix
		}
	}
	cats := make([]int, len(r.Villages))
	for i := range cats {
		cats[i] = -1
		if !math.IsNaN(r.Values[i]) {
			cats[i] = index[r.Pockets.Cluster[i].String()]
		}
	}
	return render.CategoryLegend(r.Indicator, r.Values, cats, names, colors, r.Method)
}

// GapLegend shows the pocket villages with and without an active
// intervention.
func (r *Result) GapLegend() render.Legend {
	cats := make([]int, len(r.Villages))
	for i := range cats {
		switch {
		case math.IsNaN(r.Values[i]):
			cats[i] = -1
		case !r.Pockets.Pocket[i]:
			cats[i] = 2
		case r.Reach[i].Active == 0:
			cats[i] = 0
		default:
			cats[i] = 1
		}
	}
	note := fmt.Sprintf("Celah: desa kantong kemiskinan (%s) yang belum dijangkau intervensi yang direncanakan atau berjalan pada %s.", r.Indicator.Label, idfmt.Date(r.Day))
	if r.NoPockets != "" {
		note += " " + r.NoPockets + "."
	}
	return render.CategoryLegend(r.Indicator, r.Values, cats, slices.Clone(GapNames), slices.Clone(gapColors), note)
}

// pocketFlags returns the pockets, or nil when the indicator has none.
func (r *Result) pocketFlags() []bool {
	if r.NoPockets != "" {
		return nil
	}
	return r.Pockets.Pocket
}

// mapLegend sets Map, Marked and MapNote for the settings' level and view.
func (r *Result) mapLegend() error {
	set := r.Settings
	if r.KecamatanLevel() {
		r.Map = r.KecamatanClasses
		if set.View != ViewValues {
			r.MapNote = KecamatanViewNote
		}
		return nil
	}
	switch set.View {
	case ViewClusters:
		r.Map = r.ClusterLegend()
		if set.Pockets.UseThreshold {
			// High-High already shows the cluster pockets; outline all.
			r.Marked = r.pocketFlags()
		}
	case ViewCoverage:
		vals, ind := r.CoverageValues(set.Coverage)
		m, k := set.Method, set.Classes
		if m == classify.MethodManual {
			m, k = classify.MethodQuantile, 5 // the typed breaks are the indicator's
		}
		l, err := render.ClassLegend(ind, vals, m, k, nil)
		if err == nil && !slices.ContainsFunc(vals, func(v float64) bool { return v > 0 }) {
			// Nothing reaches any desa: one plain class that says so,
			// not "0 – 0".
			cats := make([]int, len(vals))
			for i, v := range vals {
				if cats[i] = 0; math.IsNaN(v) {
					cats[i] = -1
				}
			}
			l = render.CategoryLegend(ind, vals, cats, []string{NoCoverageName}, []color.RGBA{{0xf7, 0xfb, 0xff, 0xff}}, "")
		}
		if err != nil {
			// No desa has a base for the measure: every desa is shown
			// without data and the note says why.
			cats := make([]int, len(vals))
			for i := range cats {
				cats[i] = -1
			}
			l = render.CategoryLegend(ind, vals, cats, nil, nil, "")
		}
		l.Note = strings.TrimSpace(l.Note + " " + r.CoverageNote)
		r.Map = l
		r.Marked = r.pocketFlags()
	case ViewGap:
		r.Map = r.GapLegend()
	default:
		r.Map = r.DesaClasses
		r.Marked = r.pocketFlags()
	}
	if r.Marked != nil {
		// The outline entry, the same on screen and in print.
		n := 0
		for _, m := range r.Marked {
			if m {
				n++
			}
		}
		r.Map.Outlined = render.OutlineEntry{Label: PocketOutlineLabel, Count: n}
	}
	return nil
}

// NoCoverageName is the one class of a coverage map when no active
// intervention reaches any desa.
const NoCoverageName = "Belum dijangkau intervensi aktif"

// PocketOutlineLabel is the legend entry of the pocket outlines.
const PocketOutlineLabel = "Kantong kemiskinan (garis tebal)"

// Neighbours returns the desa and their contiguity weights under opt.
func (s *Service) Neighbours(ctx context.Context, opt spatial.ContiguityOptions) ([]*geo.Area, *spatial.Weights, error) {
	_, villages, _, err := s.loadAreas(ctx)
	if err != nil {
		return nil, nil, err
	}
	return villages, s.contiguity(villages, opt), nil
}
