package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/dinsos-tuban/pocketmap/classify"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/spatial"
	"github.com/dinsos-tuban/pocketmap/store"
)

// num writes a number for machine-readable CSV: shortest exact form, empty
// for no value.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// indicatorData is one indicator over the desa of the database.
type indicatorData struct {
	villages, kecamatan []*geo.Area
	ind                 geo.Indicator
	byCode              map[string]float64
	values              []float64 // by village index, NaN when missing
}

func loadIndicator(ctx context.Context, db *store.DB, key string) (*indicatorData, error) {
	m, err := loadMap(ctx, db, key)
	if err != nil {
		return nil, err
	}
	vals, err := db.Values(ctx, m.legend.Indicator.Key, "")
	if err != nil {
		return nil, err
	}
	return &indicatorData{villages: m.villages, kecamatan: m.kecamatan, ind: m.legend.Indicator, byCode: vals, values: m.legend.Values}, nil
}

// weightFlags are the neighbour settings shared by several commands.
type weightFlags struct {
	rule      *string
	tolerance *float64
}

func addWeightFlags(fs *flag.FlagSet) weightFlags {
	return weightFlags{
		rule:      fs.String("rule", "queen", ""),
		tolerance: fs.Float64("tolerance", spatial.DefaultTolerance, ""),
	}
}

func (wf weightFlags) options() (spatial.ContiguityOptions, error) {
	r, err := spatial.ParseRule(*wf.rule)
	if err != nil {
		return spatial.ContiguityOptions{}, usageError{err.Error()}
	}
	if *wf.tolerance < 0 {
		return spatial.ContiguityOptions{}, usageError{fmt.Sprintf("--tolerance %v: toleransi tidak boleh negatif", *wf.tolerance)}
	}
	return spatial.ContiguityOptions{Rule: r, Tolerance: *wf.tolerance}, nil
}

func describeWeights(o spatial.ContiguityOptions) string {
	return fmt.Sprintf("%s, toleransi %s m", o.Rule, num(o.Tolerance))
}

func cmdClassify(ctx context.Context, db *store.DB, args []string, out, errw io.Writer) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	key := fs.String("indicator", "", "")
	method := fs.String("method", "quantile", "")
	k := fs.Int("classes", 5, "")
	breaks := fs.String("breaks", "", "")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	m, err := classify.ParseMethod(*method)
	if err != nil {
		return usageError{err.Error()}
	}
	var manual []float64
	if *breaks != "" {
		for i, s := range strings.Split(*breaks, ",") {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				return usageError{fmt.Sprintf("--breaks: batas ke-%d %q bukan angka", i+1, s)}
			}
			manual = append(manual, v)
		}
	}
	if m == classify.MethodManual && len(manual) == 0 {
		return usageError{"--method manual memerlukan --breaks a,b,c"}
	}
	d, err := loadIndicator(ctx, db, *key)
	if err != nil {
		return err
	}
	br, err := classify.Classify(d.values, m, *k, manual)
	if err != nil {
		return usageError{err.Error()}
	}
	uppers := make([]string, len(br.Uppers))
	for i, u := range br.Uppers {
		uppers[i] = num(u)
	}
	fmt.Fprintf(errw, "breaks indicator=%s method=%s classes=%d min=%s uppers=%s\n", d.ind.Key, m, br.Classes(), num(br.Min), strings.Join(uppers, ","))
	w := csv.NewWriter(out)
	w.Write([]string{"code", "value", "class"})
	for i, a := range d.villages {
		class := ""
		if c := br.Class(d.values[i]); c >= 0 {
			class = strconv.Itoa(c + 1)
		}
		w.Write([]string{a.Code, num(d.values[i]), class})
	}
	w.Flush()
	return w.Error()
}

func cmdNeighbours(ctx context.Context, db *store.DB, args []string, out, errw io.Writer) error {
	fs := flag.NewFlagSet("neighbours", flag.ContinueOnError)
	wf := addWeightFlags(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	opt, err := wf.options()
	if err != nil {
		return err
	}
	m, err := loadMap(ctx, db, "")
	if err != nil {
		return err
	}
	wts := spatial.Contiguity(m.villages, opt)
	w := csv.NewWriter(out)
	w.Write([]string{"code", "neighbours", "neighbour_codes"})
	for i, a := range m.villages {
		codes := make([]string, 0, wts.Cardinality(i))
		for _, j := range wts.Neighbors(i) {
			codes = append(codes, m.villages[j].Code)
		}
		w.Write([]string{a.Code, strconv.Itoa(len(codes)), strings.Join(codes, ";")})
	}
	w.Flush()
	if islands := wts.Islands(); len(islands) > 0 {
		codes := make([]string, len(islands))
		for i, j := range islands {
			codes[i] = m.villages[j].Code + " " + m.villages[j].Name
		}
		fmt.Fprintf(errw, "peringatan: %d desa tanpa tetangga (pulau) dengan aturan %s: %s\n", len(islands), describeWeights(opt), strings.Join(codes, ", "))
	}
	return w.Error()
}

// pocketFlags are the settings of the pocket analysis.
type pocketFlags struct {
	weightFlags
	key          *string
	permutations *int
	seed         *uint64
	alpha        *float64
	fdr          *bool
	threshold    *string
}

func addPocketFlags(fs *flag.FlagSet) pocketFlags {
	d := spatial.DefaultPocketOptions()
	return pocketFlags{
		weightFlags:  addWeightFlags(fs),
		key:          fs.String("indicator", "", ""),
		permutations: fs.Int("permutations", d.Permutations, ""),
		seed:         fs.Uint64("seed", d.Seed, ""),
		alpha:        fs.Float64("alpha", d.Alpha, ""),
		fdr:          fs.Bool("fdr", false, ""),
		threshold:    fs.String("threshold", "", ""),
	}
}

func (pf pocketFlags) options() (spatial.PocketOptions, error) {
	o := spatial.PocketOptions{Permutations: *pf.permutations, Seed: *pf.seed, Alpha: *pf.alpha, FDR: *pf.fdr}
	if o.Permutations < 99 || o.Permutations > 99999 {
		return o, usageError{fmt.Sprintf("--permutations %d: pilih 99 sampai 99999", o.Permutations)}
	}
	if !(o.Alpha > 0 && o.Alpha < 1) {
		return o, usageError{fmt.Sprintf("--alpha %v: harus di antara 0 dan 1", o.Alpha)}
	}
	if *pf.threshold != "" {
		v, err := strconv.ParseFloat(*pf.threshold, 64)
		if err != nil {
			return o, usageError{fmt.Sprintf("--threshold %q bukan angka", *pf.threshold)}
		}
		o.UseThreshold, o.Threshold = true, v
	}
	return o, nil
}

// analysePockets runs the pocket analysis with the flags' settings.
func analysePockets(ctx context.Context, db *store.DB, pf pocketFlags) (*indicatorData, *spatial.PocketResult, string, error) {
	wopt, err := pf.weightFlags.options()
	if err != nil {
		return nil, nil, "", err
	}
	popt, err := pf.options()
	if err != nil {
		return nil, nil, "", err
	}
	return analyse(ctx, db, *pf.key, wopt, popt)
}

// analyse runs the pocket analysis of an indicator ("" for the default).
func analyse(ctx context.Context, db *store.DB, key string, wopt spatial.ContiguityOptions, popt spatial.PocketOptions) (*indicatorData, *spatial.PocketResult, string, error) {
	d, err := loadIndicator(ctx, db, key)
	if err != nil {
		return nil, nil, "", err
	}
	wts := spatial.Contiguity(d.villages, wopt)
	res := spatial.FindPockets(d.values, wts, popt)
	return d, res, popt.Describe(describeWeights(wopt)), nil
}

func cmdPockets(ctx context.Context, db *store.DB, args []string, out, errw io.Writer) error {
	fs := flag.NewFlagSet("pockets", flag.ContinueOnError)
	pf := addPocketFlags(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	d, res, method, err := analysePockets(ctx, db, pf)
	if err != nil {
		return err
	}
	fmt.Fprintf(errw, "global moran_i=%.6f p_value=%s\n", res.Global.I, num(res.Global.PSim))
	fmt.Fprintf(errw, "metode: %s\n", method)
	w := csv.NewWriter(out)
	w.Write([]string{"code", "name", "value", "local_i", "p_value", "cluster", "gi_star_z", "pocket"})
	for i, a := range d.villages {
		w.Write([]string{a.Code, a.Name, num(d.values[i]), num(res.LocalI[i]), num(res.PValue[i]),
			res.Cluster[i].String(), num(res.GiZ[i]), strconv.FormatBool(res.Pocket[i])})
	}
	w.Flush()
	return w.Error()
}

func cmdRollup(ctx context.Context, db *store.DB, args []string, out, errw io.Writer) error {
	fs := flag.NewFlagSet("rollup", flag.ContinueOnError)
	pf := addPocketFlags(fs)
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	d, res, method, err := analysePockets(ctx, db, pf)
	if err != nil {
		return err
	}
	if len(d.kecamatan) == 0 {
		return fmt.Errorf("basis data %s belum memiliki batas kecamatan", db.Path())
	}
	var numv, denv map[string]float64
	if d.ind.Derived() {
		if numv, err = db.Values(ctx, d.ind.Numerator, ""); err != nil {
			return err
		}
		if denv, err = db.Values(ctx, d.ind.Denominator, ""); err != nil {
			return err
		}
	}
	rows := spatial.Rollup(d.villages, d.kecamatan, d.ind, d.byCode, numv, denv, res.Pocket)
	fmt.Fprintf(errw, "indikator %s; %s\n", d.ind.Key, method)
	w := csv.NewWriter(out)
	w.Write([]string{"code", "name", "desa", "desa_with_value", "value", "numerator", "denominator", "pocket_desa"})
	for _, r := range rows {
		n, dd := "", ""
		if d.ind.Derived() {
			n, dd = num(r.Numerator), num(r.Denominator)
		}
		w.Write([]string{r.Code, r.Name, strconv.Itoa(r.Desa), strconv.Itoa(r.WithValue), num(r.Value), n, dd, strconv.Itoa(r.Pockets)})
	}
	w.Flush()
	return w.Error()
}
