package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/assets"
	"github.com/dinsos-tuban/pocketmap/geo"
	"github.com/dinsos-tuban/pocketmap/household"
	"github.com/dinsos-tuban/pocketmap/idfmt"
	"github.com/dinsos-tuban/pocketmap/ingest"
)

// MetaHouseholdMapping is the meta key under which ImportHouseholds
// remembers the column mapping of the last household list, as JSON.
const MetaHouseholdMapping = "household_mapping"

// The indicators ImportHouseholds adds to household.Indicators: households
// with a valid point, counted per desa by the desa they declare and by the
// desa their point lies in (household.CountPoints). Where the two differ,
// points or desa codes are wrong.
const (
	IndicatorGeocodedDeclared = "hh_geocoded_declared"
	IndicatorGeocodedSpatial  = "hh_geocoded_spatial"
)

// ErrPeriodImported is returned, wrapped, when a household list is imported
// for a period that already has one.
var ErrPeriodImported = errors.New("periode sudah diimpor")

// ErrNoSnapshot is returned, wrapped, when a period asked for has no
// household list.
var ErrNoSnapshot = errors.New("daftar rumah tangga periode itu belum diimpor")

// periodPattern is YYYY or YYYY-MM.
var periodPattern = regexp.MustCompile(`^(19|20|21)\d\d(-(0[1-9]|1[0-2]))?$`)

// CheckPeriod checks that p is a period a household list can be imported
// for: a year and month YYYY-MM (2025-06) or a year YYYY.
func CheckPeriod(p string) error {
	if !periodPattern.MatchString(p) {
		return fmt.Errorf("periode %q tidak sah; tulis tahun dan bulan TTTT-BB (mis. 2025-06) atau tahun TTTT", p)
	}
	return nil
}

// regionCodes parses assets.RegionCodes once into the set the validator
// wants: province and kabupaten/kota codes.
var regionCodes = sync.OnceValue(func() map[string]bool {
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

const (
	insertHousehold = `INSERT INTO households(snapshot_id, row, kk, nik, name, address, desa, desil,
		members, disabled, elderly, programmes, lon, lat) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertFinding = `INSERT INTO household_findings(snapshot_id, rule, severity, row, field, desa, nik, message)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?)`

	// upsertHouseholdIndicator writes a definition like SaveIndicators,
	// except that the default period only moves forward: importing an older
	// list later does not make it the default.
	upsertHouseholdIndicator = `INSERT INTO indicators(` + indicatorCols + `, sort)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET label = excluded.label, unit = excluded.unit,
		higher_is_poorer = excluded.higher_is_poorer, source = excluded.source,
		period = max(period, excluded.period), synthetic = excluded.synthetic,
		numerator = excluded.numerator, denominator = excluded.denominator,
		scale = excluded.scale, sort = excluded.sort`
)

// nullText is s, or NULL when empty.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullCount is n, or NULL when below zero (missing).
func nullCount(n int) any {
	if n < 0 {
		return nil
	}
	return n
}

// ImportHouseholds validates and stores the household list at path (CSV or
// XLSX, read with ingest.ReadHouseholds and mapping m; nil m means the
// mapping ingest.HouseholdColumns guesses) as the snapshot of period, in one
// transaction:
//
//   - the snapshot is created; a period that already has a list is refused
//     (ErrPeriodImported, naming the file imported for it): a new list never
//     overwrites an older one;
//   - every record is checked by a household.Validator (the desa and
//     kecamatan of the database, the embedded assets.RegionCodes and cfg),
//     stored with its resolved desa code and its findings, and counted by a
//     household.Aggregator; then the cross-record findings of Finish
//     (NIK-GANDA, KK-GANDA) are stored and counted;
//   - the indicator definitions of the aggregator plus hh_geocoded_declared
//     and hh_geocoded_spatial are written the way SaveIndicators writes
//     them (first in display order; the default period only moves forward),
//     and their values for period;
//   - the mapping is stored in the snapshot and remembered for the next
//     list (HouseholdMapping); the import is logged.
//
// Records are not held: memory is the validator's NIK and KK maps and one
// point per geocoded household. A file that cannot be read as a household
// list, any row problem (ingest.RowErrors), a database without desa, or any
// other error rolls everything back; the error is returned and nothing is
// written. progress, when not nil, gets the fraction done (reading the
// file up to 0.95, then 1 once committed). The write lock is held for the
// whole import (about 5 s for 200,000 households).
func (db *DB) ImportHouseholds(ctx context.Context, path string, m ingest.Mapping, period string, cfg household.Config, progress func(float64)) (*HouseholdImport, error) {
	file := filepath.Base(path)
	fail := func(err error) (*HouseholdImport, error) {
		return nil, fmt.Errorf("impor daftar rumah tangga %s ditolak, tidak ada yang disimpan: %w", file, err)
	}
	if err := CheckPeriod(period); err != nil {
		return fail(err)
	}
	if m == nil {
		h, err := ingest.HouseholdColumns(path)
		if err != nil {
			return fail(err)
		}
		m = h.Guess
	}
	clean := ingest.Mapping{}
	for k, v := range m {
		if v = strings.TrimSpace(v); v != "" {
			clean[k] = v
		}
	}
	mapJSON, err := json.Marshal(clean)
	if err != nil {
		return fail(err)
	}
	areas, err := db.Areas(ctx)
	if err != nil {
		return fail(err)
	}
	var villages []*geo.Area
	for _, a := range areas {
		if a.Level.IsVillage() && len(a.Geom) > 0 {
			villages = append(villages, a)
		}
	}
	if len(villages) == 0 {
		return fail(fmt.Errorf("basis data belum memiliki batas desa; impor batas wilayah dahulu"))
	}
	res := &HouseholdImport{Period: period, File: file, ByRule: map[string]int{}}
	for _, r := range household.Rules {
		res.ByRule[r.Code] = 0
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var prevFile, prevAt string
		err := tx.QueryRowContext(ctx, `SELECT file, imported_at FROM household_snapshots WHERE period = ?`, period).Scan(&prevFile, &prevAt)
		switch {
		case err == nil:
			return fmt.Errorf("%w: periode %s sudah diimpor dari %s pada %s; daftar baru tidak menimpa daftar lama, pilih periode lain",
				ErrPeriodImported, period, prevFile, prevAt)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO household_snapshots(period, file, imported_at, households, findings, mapping)
			VALUES(?, ?, ?, 0, 0, ?)`, period, file, now(), string(mapJSON))
		if err != nil {
			return err
		}
		if res.SnapshotID, err = r.LastInsertId(); err != nil {
			return err
		}
		if err := db.storeHouseholds(ctx, tx, path, clean, period, cfg, areas, villages, res, progress); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE household_snapshots SET households = ?, findings = ? WHERE id = ?`,
			res.Households, res.Errors+res.Warnings, res.SnapshotID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, MetaHouseholdMapping, string(mapJSON)); err != nil {
			return err
		}
		summary, _, _ := strings.Cut(res.String(), "\n")
		return logImport(ctx, tx, "rumah tangga", file, fmt.Sprintf("%s %d temuan (%d kesalahan, %d peringatan)",
			summary, res.Errors+res.Warnings, res.Errors, res.Warnings))
	})
	if err != nil {
		return fail(err)
	}
	if progress != nil {
		progress(1)
	}
	return res, nil
}

// storeHouseholds streams the list into the snapshot res.SnapshotID and
// writes its indicators, filling in res.
func (db *DB) storeHouseholds(ctx context.Context, tx *sql.Tx, path string, m ingest.Mapping, period string, cfg household.Config,
	areas, villages []*geo.Area, res *HouseholdImport, progress func(float64)) error {
	hst, err := tx.PrepareContext(ctx, insertHousehold)
	if err != nil {
		return err
	}
	defer hst.Close()
	fst, err := tx.PrepareContext(ctx, insertFinding)
	if err != nil {
		return err
	}
	defer fst.Close()
	sid := res.SnapshotID
	addFindings := func(fs []household.Finding) error {
		for _, f := range fs {
			if _, err := fst.ExecContext(ctx, sid, f.Rule, f.Severity.String(), f.Row, nullText(f.Field),
				nullText(f.DesaCode), nullText(f.NIK), f.Message); err != nil {
				return fmt.Errorf("baris %d: menyimpan temuan %s: %w", f.Row, f.Rule, err)
			}
			res.ByRule[f.Rule]++
			if f.Severity == household.Error {
				res.Errors++
			} else {
				res.Warnings++
			}
		}
		return nil
	}

	v := household.NewValidator(areas, regionCodes(), cfg)
	agg := household.NewAggregator(cfg)
	var points []orb.Point
	declared := map[string]int{}
	each := func(r *household.Record) error {
		fs := v.Check(r)
		desa := v.Desa(r)
		var lon, lat any
		if r.HasPoint {
			lon, lat = r.Point[0], r.Point[1]
			if x, y := r.Point[0], r.Point[1]; x >= -180 && x <= 180 && y >= -90 && y <= 90 {
				points = append(points, r.Point)
				if desa != "" {
					declared[desa]++
				}
			}
		}
		desil := any(nil)
		if r.Desil != 0 {
			desil = r.Desil
		}
		if _, err := hst.ExecContext(ctx, sid, r.Row, nullText(r.KK), nullText(r.NIK), nullText(r.Name), nullText(r.Address),
			nullText(desa), desil, nullCount(r.Members), nullCount(r.Disabled), nullCount(r.Elderly),
			nullText(strings.Join(r.Programmes, "; ")), lon, lat); err != nil {
			return fmt.Errorf("baris %d: menyimpan rumah tangga: %w", r.Row, err)
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
	if _, err := ingest.ReadHouseholds(ctx, path, m, each, prog); err != nil {
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

	defs := append(agg.Indicators(period), geocodedIndicators(period)...)
	if _, err := tx.ExecContext(ctx, `UPDATE indicators SET sort = sort + ?`, len(defs)); err != nil {
		return err
	}
	for i, ind := range defs {
		if _, err := tx.ExecContext(ctx, upsertHouseholdIndicator, append(indicatorArgs(ind), i)...); err != nil {
			return fmt.Errorf("indikator %s: %w", ind.Key, err)
		}
	}
	vst, err := tx.PrepareContext(ctx, upsertValue)
	if err != nil {
		return err
	}
	defer vst.Close()
	for _, val := range vals {
		if _, err := vst.ExecContext(ctx, val.Code, val.Indicator, val.Period, val.Value); err != nil {
			return fmt.Errorf("nilai %s %s: %w", val.Indicator, val.Code, err)
		}
	}
	return nil
}

// HouseholdMapping returns the column mapping of the last household list
// imported, or nil when none has been.
func (db *DB) HouseholdMapping(ctx context.Context) (ingest.Mapping, error) {
	s, err := db.Meta(ctx, MetaHouseholdMapping)
	if err != nil || s == "" {
		return nil, err
	}
	var m ingest.Mapping
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("membaca pemetaan kolom tersimpan: %w", err)
	}
	return m, nil
}

// HouseholdColumns reads the header of a household list with
// ingest.HouseholdColumns and proposes the mapping to use: the remembered
// one (HouseholdMapping) when every column it names is in the file
// (compared as ingest.ReadHouseholds compares them: as written, else
// ignoring case), else the guess from the header names. The proposal is in
// Guess, with Missing listing the required fields it lacks; remembered
// says which it is.
func (db *DB) HouseholdColumns(ctx context.Context, path string) (h *ingest.HouseholdHeader, remembered bool, err error) {
	h, err = ingest.HouseholdColumns(path)
	if err != nil {
		return nil, false, err
	}
	rem, err := db.HouseholdMapping(ctx)
	if err != nil || len(rem) == 0 {
		return h, false, err
	}
	for _, col := range rem {
		col = strings.TrimSpace(col)
		if col != "" && !slices.ContainsFunc(h.Columns, func(c string) bool { return c == col || strings.EqualFold(c, col) }) {
			return h, false, nil
		}
	}
	h.Guess, h.Missing = rem, MissingFields(rem)
	return h, true, nil
}

// MissingFields lists the required fields m does not map, in the order
// of ingest.HouseholdHeader.Missing: kk, nik, desil, jumlah_art, and both
// kode_desa and nama_desa when neither is mapped (one of them suffices).
func MissingFields(m ingest.Mapping) []string {
	var out []string
	for _, f := range []string{ingest.FieldKK, ingest.FieldNIK, ingest.FieldDesaCode, ingest.FieldDesaName, ingest.FieldDesil, ingest.FieldMembers} {
		if strings.TrimSpace(m[f]) != "" {
			continue
		}
		if (f == ingest.FieldDesaCode || f == ingest.FieldDesaName) &&
			(strings.TrimSpace(m[ingest.FieldDesaCode]) != "" || strings.TrimSpace(m[ingest.FieldDesaName]) != "") {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Snapshot is one imported household list.
type Snapshot struct {
	ID         int64
	Period     string
	File       string // base name of the file imported
	ImportedAt time.Time
	Households int
	Findings   int
	Mapping    ingest.Mapping
}

// Snapshots returns the imported household lists by period, oldest first.
func (db *DB) Snapshots(ctx context.Context) ([]Snapshot, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, period, file, imported_at, households, findings, mapping
		FROM household_snapshots ORDER BY period`)
	if err != nil {
		return nil, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		var (
			s       Snapshot
			at, mjs string
		)
		if err := rows.Scan(&s.ID, &s.Period, &s.File, &at, &s.Households, &s.Findings, &mjs); err != nil {
			return nil, fmt.Errorf("membaca daftar rumah tangga: %w", err)
		}
		s.ImportedAt, _ = time.Parse(time.RFC3339, at)
		if err := json.Unmarshal([]byte(mjs), &s.Mapping); err != nil {
			return nil, fmt.Errorf("daftar rumah tangga %s: pemetaan kolom rusak: %w", s.Period, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	return out, nil
}

// snapshotID returns the snapshot of period, or of the latest period when
// period is "". ok is false when there is no snapshot at all (period "");
// a period without a snapshot is an error wrapping ErrNoSnapshot.
func (db *DB) snapshotID(ctx context.Context, period string) (id int64, ok bool, err error) {
	if period == "" {
		err = db.db.QueryRowContext(ctx, `SELECT id FROM household_snapshots ORDER BY period DESC LIMIT 1`).Scan(&id)
	} else {
		err = db.db.QueryRowContext(ctx, `SELECT id FROM household_snapshots WHERE period = ?`, period).Scan(&id)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows) && period == "":
		return 0, false, nil
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, fmt.Errorf("%w: %s", ErrNoSnapshot, period)
	case err != nil:
		return 0, false, fmt.Errorf("membaca daftar rumah tangga: %w", err)
	}
	return id, true, nil
}

// FindingFilter selects findings of one household list.
type FindingFilter struct {
	Period string // the list's period; "" means the latest period
	Rule   string // a rule code, "" for all
	Desa   string // a resolved desa code, "" for all
	Limit  int    // at most this many, 0 for all
}

// parseSeverity reads a stored severity.
func parseSeverity(s string) household.Severity {
	if s == household.Error.String() {
		return household.Error
	}
	return household.Warning
}

// Findings returns the findings of one household list, by row and then in
// the order they were found. With period "" and no list imported it
// returns nothing. NIK is returned as stored, unmasked: callers mask it
// (household.Mask) before showing it.
func (db *DB) Findings(ctx context.Context, f FindingFilter) ([]household.Finding, error) {
	id, ok, err := db.snapshotID(ctx, f.Period)
	if err != nil || !ok {
		return nil, err
	}
	q := `SELECT rule, severity, row, coalesce(field, ''), coalesce(desa, ''), coalesce(nik, ''), message
		FROM household_findings WHERE snapshot_id = ?`
	args := []any{id}
	if f.Rule != "" {
		q += ` AND rule = ?`
		args = append(args, f.Rule)
	}
	if f.Desa != "" {
		q += ` AND desa = ?`
		args = append(args, f.Desa)
	}
	q += ` ORDER BY row, rowid`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("membaca temuan: %w", err)
	}
	defer rows.Close()
	var out []household.Finding
	for rows.Next() {
		var (
			fd  household.Finding
			sev string
		)
		if err := rows.Scan(&fd.Rule, &sev, &fd.Row, &fd.Field, &fd.DesaCode, &fd.NIK, &fd.Message); err != nil {
			return nil, fmt.Errorf("membaca temuan: %w", err)
		}
		fd.Severity = parseSeverity(sev)
		out = append(out, fd)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("membaca temuan: %w", err)
	}
	return out, nil
}

// RuleCount is the number of findings of one rule in one desa.
type RuleCount struct {
	Rule     string
	Severity household.Severity
	Desa     string // resolved desa code, "" for households without a desa
	Count    int
}

// FindingCounts returns the findings of one household list (period "" =
// the latest; nothing when none is imported) counted per desa and rule,
// sorted by desa code and then in the order of household.Rules.
func (db *DB) FindingCounts(ctx context.Context, period string) ([]RuleCount, error) {
	id, ok, err := db.snapshotID(ctx, period)
	if err != nil || !ok {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT coalesce(desa, ''), rule, severity, count(*)
		FROM household_findings WHERE snapshot_id = ? GROUP BY desa, rule, severity`, id)
	if err != nil {
		return nil, fmt.Errorf("menghitung temuan: %w", err)
	}
	defer rows.Close()
	var out []RuleCount
	for rows.Next() {
		var (
			c   RuleCount
			sev string
		)
		if err := rows.Scan(&c.Desa, &c.Rule, &sev, &c.Count); err != nil {
			return nil, fmt.Errorf("menghitung temuan: %w", err)
		}
		c.Severity = parseSeverity(sev)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("menghitung temuan: %w", err)
	}
	order := func(rule string) int {
		for i, r := range household.Rules {
			if r.Code == rule {
				return i
			}
		}
		return len(household.Rules)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Desa != b.Desa {
			return a.Desa < b.Desa
		}
		if oa, ob := order(a.Rule), order(b.Rule); oa != ob {
			return oa < ob
		}
		return a.Rule < b.Rule
	})
	return out, nil
}
