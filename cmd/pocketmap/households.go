package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/ingest"
	"github.com/dinsos-tuban/pocketmap/report"
	"github.com/dinsos-tuban/pocketmap/store"
)

// mapFlag collects --map field=Column,... (the flag may be repeated).
type mapFlag []string

func (m *mapFlag) String() string { return strings.Join(*m, ",") }

func (m *mapFlag) Set(s string) error {
	*m = append(*m, s)
	return nil
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

// householdMapping applies the --map overrides to the proposed mapping
// of store.HouseholdColumns (remembered, else guessed) and checks that the
// required fields are mapped. It reports where the mapping came from.
func householdMapping(hdr *ingest.HouseholdHeader, remembered bool, overrides []string) (ingest.Mapping, string, error) {
	m, source := maps.Clone(hdr.Guess), "ditebak dari judul kolom"
	if remembered {
		source = "pemetaan tersimpan dari impor sebelumnya"
	}
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
				return nil, "", usageError{fmt.Sprintf("--map %q: tulis isian=Kolom, mis. --map nik=NIK_KRT,desil=Desil", pair)}
			case !slices.Contains(fields, f):
				return nil, "", usageError{fmt.Sprintf("--map: isian %q tidak dikenal; isian: %s", f, strings.Join(fields, ", "))}
			case col != "" && !hasColumn(hdr.Columns, col):
				return nil, "", usageError{fmt.Sprintf("--map %s: kolom %q tidak ada di %s; kolom dalam berkas: %s",
					f, col, filepath.Base(hdr.File), quoteList(hdr.Columns))}
			}
			set[f] = col
		}
	}
	if len(set) > 0 {
		source += ", diubah dengan --map"
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
	missing := store.MissingFields(m)
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
		return nil, "", usageError{fmt.Sprintf("%s: kolom wajib belum dipetakan: %s. Kolom dalam berkas: %s. Tentukan dengan --map %s",
			filepath.Base(hdr.File), strings.Join(desc, ", "), quoteList(hdr.Columns), strings.Join(ex, ","))}
	}
	return m, source, nil
}

// formatMapping writes a mapping as "kk=no_kk, nik=nik_kepala, ..." in
// field order.
func formatMapping(m ingest.Mapping) string {
	var parts []string
	for _, f := range ingest.HouseholdFields() {
		if m[f] != "" {
			parts = append(parts, f+"="+m[f])
		}
	}
	return strings.Join(parts, ", ")
}

// cmdImportHouseholds is `import households FILE [--period P] [--map ...]`.
func cmdImportHouseholds(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import households", flag.ContinueOnError)
	period := fs.String("period", time.Now().Format("2006-01"), "")
	var overrides mapFlag
	fs.Var(&overrides, "map", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"import households memerlukan tepat satu berkas (.csv atau .xlsx)"}
	}
	if err := store.CheckPeriod(*period); err != nil {
		return usageError{"--period: " + err.Error()}
	}
	path := pos[0]
	hdr, remembered, err := db.HouseholdColumns(ctx, path)
	if err != nil {
		return fmt.Errorf("impor daftar rumah tangga ditolak, tidak ada yang disimpan: %w", err)
	}
	m, source, err := householdMapping(hdr, remembered, overrides)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Pemetaan kolom (%s): %s\n", source, formatMapping(m))
	res, err := db.ImportHouseholds(ctx, path, m, *period, household.DefaultConfig(), nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, res)
	return nil
}

// cmdFindings is `findings [--rule CODE] [--desa CODE] [--period P]
// [--xlsx OUT.xlsx]`: the findings of a household list as CSV on stdout,
// or as a workbook with one sheet per desa. NIKs are masked.
func cmdFindings(ctx context.Context, db *store.DB, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("findings", flag.ContinueOnError)
	rule := fs.String("rule", "", "")
	desa := fs.String("desa", "", "")
	period := fs.String("period", "", "")
	xlsx := fs.String("xlsx", "", "")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("findings tidak menerima argumen %q", pos[0])}
	}
	f := store.FindingFilter{Period: strings.TrimSpace(*period)}
	if *rule != "" {
		r, ok := household.RuleByCode(strings.ToUpper(strings.TrimSpace(*rule)))
		if !ok {
			codes := make([]string, len(household.Rules))
			for i, r := range household.Rules {
				codes[i] = r.Code
			}
			return usageError{fmt.Sprintf("--rule %q tidak dikenal; aturan: %s", *rule, strings.Join(codes, ", "))}
		}
		f.Rule = r.Code
	}
	if *desa != "" {
		code, err := geo.NormalizeCode(*desa)
		if err != nil {
			return usageError{fmt.Sprintf("--desa %q: %v", *desa, err)}
		}
		f.Desa = code
	}
	snaps, err := db.Snapshots(ctx)
	if err != nil {
		return err
	}
	if len(snaps) == 0 {
		return errors.New("belum ada daftar rumah tangga yang diimpor; impor dengan: pocketmap import households BERKAS.csv")
	}
	if f.Period != "" && !slices.ContainsFunc(snaps, func(s store.Snapshot) bool { return s.Period == f.Period }) {
		periods := make([]string, len(snaps))
		for i, s := range snaps {
			periods[i] = s.Period
		}
		return usageError{fmt.Sprintf("--period %s: belum ada daftar rumah tangga periode itu; periode yang diimpor: %s", f.Period, strings.Join(periods, ", "))}
	}
	findings, err := db.Findings(ctx, f)
	if err != nil {
		return err
	}
	if *xlsx != "" {
		return writeFindingsFile(ctx, db, *xlsx, findings, out)
	}
	w := csv.NewWriter(out)
	w.Write([]string{"rule", "severity", "desa", "row", "field", "message", "nik"})
	for _, fd := range findings {
		w.Write([]string{fd.Rule, fd.Severity.String(), fd.DesaCode, strconv.Itoa(fd.Row), report.ScrubDigits(fd.Field),
			report.ScrubDigits(fd.Message), report.MaskNIK(fd.NIK)})
	}
	w.Flush()
	return w.Error()
}

// writeFindingsFile writes the findings workbook to path, readable by the
// owner only (it lists households, with masked NIKs).
func writeFindingsFile(ctx context.Context, db *store.DB, path string, findings []household.Finding, out io.Writer) error {
	areas, err := db.Areas(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, a := range areas {
		if a.Level.IsVillage() {
			names[a.Code] = a.Name
		}
	}
	if err := writePrivateFile(path, func(w io.Writer) error { return report.WriteFindingsXLSX(w, findings, names) }); err != nil {
		return err
	}
	desa := map[string]bool{}
	for _, f := range findings {
		desa[f.DesaCode] = true
	}
	fmt.Fprintf(out, "%s: %d temuan dalam %d lembar (NIK disamarkan)\n", path, len(findings), max(1, len(desa)))
	return nil
}

// lonLatNames are header names of the two columns of count-points.
var (
	lonNames = map[string]bool{"lon": true, "lng": true, "long": true, "longitude": true, "bujur": true, "x": true}
	latNames = map[string]bool{"lat": true, "latitude": true, "lintang": true, "y": true}
)

// readPoints reads a count-points file: a longitude and a latitude per
// line, separated by ',' (decimal point) or ';' (decimal point or comma),
// with an optional header (lon,lat or lat,lon by name). Blank lines are
// skipped; any other bad line is an error naming it.
func readPoints(path string) ([]orb.Point, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("membuka %s: %w", path, err)
	}
	defer fh.Close()
	name := filepath.Base(path)
	sc := bufio.NewScanner(fh)
	var pts []orb.Point
	line, swap, first := 0, false, true
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if s == "" {
			continue
		}
		sep := ","
		if strings.Contains(s, ";") {
			sep = ";"
		}
		parts := strings.Split(s, sep)
		for i := range parts {
			parts[i] = strings.TrimSpace(strings.Trim(strings.TrimSpace(parts[i]), `"`))
		}
		if len(parts) != 2 {
			return nil, fmt.Errorf("%s baris %d: harus berisi bujur dan lintang (2 kolom dipisah koma atau titik koma), ditemukan %d kolom: %q", name, line, len(parts), s)
		}
		wasFirst := first
		first = false
		if wasFirst {
			a, b := strings.ToLower(parts[0]), strings.ToLower(parts[1])
			if (lonNames[a] || latNames[a]) && (lonNames[b] || latNames[b]) {
				swap = latNames[a]
				continue
			}
		}
		var xy [2]float64
		for i, p := range parts {
			if sep == ";" {
				p = strings.Replace(p, ",", ".", 1)
			}
			v, err := strconv.ParseFloat(p, 64)
			if err != nil || p == "" {
				what := [2]string{"bujur", "lintang"}[i]
				if swap {
					what = [2]string{"lintang", "bujur"}[i]
				}
				if wasFirst {
					return nil, fmt.Errorf("%s baris %d: %s %q bukan angka; baris judul hanya boleh berisi lon,lat atau lat,lon", name, line, what, parts[i])
				}
				return nil, fmt.Errorf("%s baris %d: %s %q bukan angka", name, line, what, parts[i])
			}
			xy[i] = v
		}
		if swap {
			xy[0], xy[1] = xy[1], xy[0]
		}
		if !(xy[0] >= -180 && xy[0] <= 180 && xy[1] >= -90 && xy[1] <= 90) {
			msg := fmt.Sprintf("%s baris %d: bujur %g, lintang %g di luar rentang (bujur −180..180, lintang −90..90)", name, line, xy[0], xy[1])
			if xy[1] >= 90 && xy[1] <= 180 && xy[0] >= -90 && xy[0] <= 90 {
				msg += "; bujur dan lintang tampaknya tertukar: urutannya lon,lat"
			}
			return nil, errors.New(msg)
		}
		pts = append(pts, orb.Point{xy[0], xy[1]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("membaca %s baris %d: %w", name, line+1, err)
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("%s tidak berisi titik", name)
	}
	return pts, nil
}

// cmdCountPoints is `count-points FILE.csv`: points per desa (CSV
// code,count for desa with points) on stdout, those in no desa on stderr.
func cmdCountPoints(ctx context.Context, db *store.DB, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("count-points", flag.ContinueOnError)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"count-points memerlukan tepat satu berkas titik (lon,lat per baris)"}
	}
	pts, err := readPoints(pos[0])
	if err != nil {
		return err
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return err
	}
	var villages []*geo.Area
	for _, a := range areas {
		if a.Level.IsVillage() && len(a.Geom) > 0 {
			villages = append(villages, a)
		}
	}
	if len(villages) == 0 {
		return fmt.Errorf("basis data %s belum memiliki batas desa", db.Path())
	}
	counts, outside := household.CountPoints(pts, villages)
	w := csv.NewWriter(out)
	w.Write([]string{"code", "count"})
	for i, c := range counts {
		if c > 0 {
			w.Write([]string{villages[i].Code, strconv.Itoa(c)})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	fmt.Fprintf(errOut, "%d titik, %d di luar semua desa\n", len(pts), outside)
	return nil
}

// writePrivateFile writes a file readable by its owner only (it describes
// households), through a buffer; a failed write leaves no file behind.
func writePrivateFile(path string, write func(io.Writer) error) error {
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("membuat %s: %w", path, err)
	}
	bw := bufio.NewWriter(fh)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("menulis %s: %w", path, err)
	}
	return nil
}
