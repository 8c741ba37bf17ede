package app

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/spatial"
)

// Level is the level the map and the summary lead with.
type Level string

// The two levels.
const (
	LevelDesa      Level = "desa"
	LevelKecamatan Level = "kecamatan"
)

// View is what the map shows of the analysis.
type View string

// The map views: the classified values (with pocket outlines), the LISA
// clusters, intervention coverage by the chosen measure, and the gap
// between pockets and active interventions.
const (
	ViewValues   View = "values"
	ViewClusters View = "clusters"
	ViewCoverage View = "coverage"
	ViewGap      View = "gap"
)

// Views lists the views in the order the window offers them.
var Views = []View{ViewValues, ViewClusters, ViewCoverage, ViewGap}

// Measure is how the coverage view measures interventions.
type Measure string

// The coverage measures: active interventions per desa, budget of the
// active interventions per poor household, and target households per DTKS
// household (as a percentage).
const (
	MeasureCount     Measure = "count"
	MeasureBudget    Measure = "budget"
	MeasureTargeting Measure = "targeting"
)

// Measures lists the coverage measures in the order the window offers them.
var Measures = []Measure{MeasureCount, MeasureBudget, MeasureTargeting}

// Roles says which indicators hold the households coverage is measured
// against. Each is a list of count indicators summed per desa; an empty
// list means the first of the defaults whose indicators all exist.
type Roles struct {
	// Poor households share budgets among desa and are the base of
	// "budget per poor household": by default hh_desil1_2 (a household
	// list import), else rt_desil1 + rt_desil2 (the sample).
	Poor []string
	// DTKS households are the base of "targets per DTKS household": by
	// default hh_desil1 … hh_desil4, else rt_desil1_4.
	DTKS []string
}

// DefaultPoorRoles and DefaultDTKSRoles are the role defaults, tried in
// order: the keys a household-list import writes first, then those of the
// embedded sample.
var (
	DefaultPoorRoles = [][]string{{"hh_desil1_2"}, {"rt_desil1", "rt_desil2"}}
	DefaultDTKSRoles = [][]string{{"hh_desil1", "hh_desil2", "hh_desil3", "hh_desil4"}, {"rt_desil1_4"}}
)

// Limits of the settings, the same in the window and the CLI.
const (
	MinPermutations = 99
	MaxPermutations = 99999
	MaxTolerance    = 1000 // metres
	MaxSuppress     = 1000
)

// Settings is everything a result depends on. The window keeps one, the
// CLI builds one from its flags, and the exports receive the window's: the
// same Settings give the same Result.
type Settings struct {
	Indicator string // indicator key; "" for the first in the list
	Period    string // data period; "" for the indicator's default period
	Smooth    bool   // Empirical Bayes smoothing of a rate

	Weights spatial.ContiguityOptions // neighbour rule and snapping tolerance
	// Pockets holds the LISA settings and the threshold; its Poorer is
	// ignored: the direction always comes from the indicator.
	Pockets spatial.PocketOptions

	Method  classify.Method
	Classes int
	Breaks  []float64 // upper limits for classify.MethodManual

	Level    Level
	View     View
	Coverage Measure
	Roles    Roles

	// Suppress writes counts below it as "<N" in exports; 0 turns it off.
	Suppress int
	// MinBase is the base (households) below which a rate is flagged as
	// resting on too few households.
	MinBase float64
	// Day decides which interventions are active (planned or running);
	// zero means today.
	Day time.Time
}

// DefaultSettings are the settings of a new window and of the CLI without
// flags: queen contiguity at 25 m, 999 permutations, seed 1, α = 0.05,
// quantiles in 5 classes, desa level, values view, coverage by count,
// suppression below 5.
func DefaultSettings() Settings {
	return Settings{
		Weights:  spatial.ContiguityOptions{Rule: spatial.Queen, Tolerance: spatial.DefaultTolerance},
		Pockets:  spatial.DefaultPocketOptions(),
		Method:   classify.MethodQuantile,
		Classes:  5,
		Level:    LevelDesa,
		View:     ViewValues,
		Coverage: MeasureCount,
		Suppress: 5,
		MinBase:  classify.DefaultMinBase,
	}
}

// ParseLevel reads "desa" or "kecamatan".
func ParseLevel(s string) (Level, error) {
	switch l := Level(strings.ToLower(strings.TrimSpace(s))); l {
	case LevelDesa, LevelKecamatan:
		return l, nil
	}
	return "", fmt.Errorf("tingkat %q tidak dikenal: pilih desa atau kecamatan", s)
}

// ParseView reads a view: values (or ""), clusters (or pockets), coverage
// or gap.
func ParseView(s string) (View, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "", "values", "nilai":
		return ViewValues, nil
	case "clusters", "pockets", "klaster":
		return ViewClusters, nil
	case "coverage", "cakupan":
		return ViewCoverage, nil
	case "gap", "celah":
		return ViewGap, nil
	}
	return "", fmt.Errorf("tampilan %q tidak dikenal: pilih values, clusters (pockets), coverage atau gap", s)
}

// ParseMeasure reads a coverage measure: count, budget or targeting.
func ParseMeasure(s string) (Measure, error) {
	switch m := Measure(strings.ToLower(strings.TrimSpace(s))); m {
	case MeasureCount, MeasureBudget, MeasureTargeting:
		return m, nil
	case "":
		return MeasureCount, nil
	}
	return "", fmt.Errorf("ukuran cakupan %q tidak dikenal: pilih count, budget atau targeting", s)
}

// Problem is one bad setting: the field (as the CLI flag names it) and
// what is wrong, in Indonesian.
type Problem struct {
	Field, Message string
}

// Problems is every bad setting found by Validate.
type Problems []Problem

func (p Problems) Error() string {
	msgs := make([]string, len(p))
	for i, x := range p {
		msgs[i] = x.Message
	}
	return strings.Join(msgs, "; ")
}

// Has reports whether the field has a problem.
func (p Problems) Has(field string) bool {
	for _, x := range p {
		if x.Field == field {
			return true
		}
	}
	return false
}

// Validate checks the settings against the limits that the window and the
// CLI share, and returns every problem (as Problems) or nil.
func (s Settings) Validate() error {
	var ps Problems
	add := func(field, format string, a ...any) { ps = append(ps, Problem{field, fmt.Sprintf(format, a...)}) }
	if t := s.Weights.Tolerance; math.IsNaN(t) || t < 0 || t > MaxTolerance {
		add("tolerance", "toleransi celah %v m: isi angka meter antara 0 dan %d", t, MaxTolerance)
	}
	if s.Weights.Rule != spatial.Queen && s.Weights.Rule != spatial.Rook {
		add("rule", "aturan ketetanggaan tidak dikenal: pilih queen atau rook")
	}
	if p := s.Pockets.Permutations; p < MinPermutations || p > MaxPermutations {
		add("permutations", "permutasi %d: pilih %d sampai %d", p, MinPermutations, MaxPermutations)
	}
	if a := s.Pockets.Alpha; !(a > 0 && a < 1) {
		add("alpha", "α %v: harus di antara 0 dan 1", a)
	}
	if s.Pockets.UseThreshold && (math.IsNaN(s.Pockets.Threshold) || math.IsInf(s.Pockets.Threshold, 0)) {
		add("threshold", "ambang bukan angka")
	}
	if s.Method == classify.MethodManual {
		if len(s.Breaks) == 0 {
			add("breaks", "klasifikasi manual memerlukan batas atas kelas, mis. 5; 10; 15")
		}
	} else if s.Classes < classify.MinClasses || s.Classes > classify.MaxClasses {
		add("classes", "jumlah kelas %d: pilih %d sampai %d", s.Classes, classify.MinClasses, classify.MaxClasses)
	}
	if _, err := classify.ParseMethod(s.Method.String()); err != nil {
		add("method", "%v", err)
	}
	if _, err := ParseLevel(string(s.Level)); err != nil {
		add("level", "%v", err)
	}
	if _, err := ParseView(string(s.View)); err != nil {
		add("view", "%v", err)
	}
	if _, err := ParseMeasure(string(s.Coverage)); err != nil {
		add("coverage", "%v", err)
	}
	if s.Suppress < 0 || s.Suppress > MaxSuppress {
		add("suppress", "ambang penyembunyian %d: isi bilangan bulat 0 sampai %d (0 mematikan)", s.Suppress, MaxSuppress)
	}
	if s.MinBase < 0 || math.IsNaN(s.MinBase) {
		add("min-base", "basis minimum %v tidak boleh negatif", s.MinBase)
	}
	if len(ps) > 0 {
		return ps
	}
	return nil
}

// ErrNoData is returned, wrapped, when the database has no desa or no
// indicator to analyse.
var ErrNoData = errors.New("belum ada data")

// SettingNames lists the settings Set understands, in the order the help
// text gives them. The CLI makes one flag of each.
var SettingNames = []string{"indicator", "period", "smooth", "rule", "tolerance", "permutations", "seed", "alpha", "fdr",
	"threshold", "method", "classes", "breaks", "level", "view", "coverage", "poor", "dtks", "suppress", "day"}

// BoolSettings are the settings that are switched on by their name alone.
var BoolSettings = map[string]bool{"smooth": true, "fdr": true}

// Set parses one setting from text, as typed on the command line: numbers
// with a decimal point, breaks and role keys separated by commas, dates
// TTTT-BB-HH. An unknown name or a bad value is an error saying which and
// why; limits are checked by Validate.
func (s *Settings) Set(name, value string) error {
	v := strings.TrimSpace(value)
	num := func() (float64, error) {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, fmt.Errorf("%q bukan angka", value)
		}
		return f, nil
	}
	integer := func() (int, error) {
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, fmt.Errorf("%q bukan bilangan bulat", value)
		}
		return n, nil
	}
	boolean := func() (bool, error) {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return false, fmt.Errorf("%q bukan true atau false", value)
		}
		return b, nil
	}
	list := func() []string {
		var out []string
		for _, f := range strings.Split(v, ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
		return out
	}
	var err error
	switch name {
	case "indicator":
		s.Indicator = v
	case "period":
		s.Period = v
	case "smooth":
		s.Smooth, err = boolean()
	case "rule":
		s.Weights.Rule, err = spatial.ParseRule(v)
	case "tolerance":
		s.Weights.Tolerance, err = num()
	case "permutations":
		s.Pockets.Permutations, err = integer()
	case "seed":
		s.Pockets.Seed, err = strconv.ParseUint(v, 10, 64)
		if err != nil {
			err = fmt.Errorf("%q bukan bilangan bulat tidak negatif", value)
		}
	case "alpha":
		s.Pockets.Alpha, err = num()
	case "fdr":
		s.Pockets.FDR, err = boolean()
	case "threshold":
		s.Pockets.UseThreshold = v != ""
		if s.Pockets.UseThreshold {
			s.Pockets.Threshold, err = num()
		}
	case "method":
		s.Method, err = classify.ParseMethod(v)
	case "classes":
		s.Classes, err = integer()
	case "breaks":
		s.Breaks = nil
		for i, f := range list() {
			b, perr := strconv.ParseFloat(f, 64)
			if perr != nil {
				return fmt.Errorf("batas ke-%d %q bukan angka", i+1, f)
			}
			s.Breaks = append(s.Breaks, b)
		}
	case "level":
		s.Level, err = ParseLevel(v)
	case "view":
		s.View, err = ParseView(v)
	case "coverage":
		s.Coverage, err = ParseMeasure(v)
	case "poor":
		s.Roles.Poor = list()
	case "dtks":
		s.Roles.DTKS = list()
	case "suppress":
		s.Suppress, err = integer()
	case "day":
		s.Day = time.Time{}
		if v != "" {
			if s.Day, err = time.Parse("2006-01-02", v); err != nil {
				err = fmt.Errorf("%q bukan tanggal TTTT-BB-HH", value)
			}
		}
	default:
		return fmt.Errorf("pengaturan %q tidak dikenal", name)
	}
	return err
}

// SettingsHelp describes the settings for the command line's usage text,
// with the defaults and limits of DefaultSettings and Validate.
func SettingsHelp() string {
	d := DefaultSettings()
	return fmt.Sprintf(`  --indicator KUNCI  --period P  --smooth (Empirical Bayes untuk rasio)
  --rule queen|rook (%s)  --tolerance METER (%v, 0–%d)
  --permutations N (%d, %d–%d)  --seed N (%d)  --alpha A (%v)  --fdr  --threshold X
  --method quantile|equal|jenks|stddev|manual (%s)  --classes N (%d, %d–%d)  --breaks a,b,c
  --level desa|kecamatan (%s)  --view values|clusters|coverage|gap (%s)
  --coverage count|budget|targeting (%s)  --poor KUNCI[,KUNCI]  --dtks KUNCI[,KUNCI]
  --suppress N (%d, 0–%d; 0 mematikan)  --day TTTT-BB-HH (hari ini)
`, d.Weights.Rule, d.Weights.Tolerance, MaxTolerance, d.Pockets.Permutations, MinPermutations, MaxPermutations,
		d.Pockets.Seed, d.Pockets.Alpha, d.Method, d.Classes, classify.MinClasses, classify.MaxClasses,
		d.Level, d.View, d.Coverage, d.Suppress, MaxSuppress)
}
