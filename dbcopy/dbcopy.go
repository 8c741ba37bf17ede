// Package dbcopy copies a whole pocketmap database between stores (the
// SQLite file and the office server, either way) and proves the copy: the
// tables are streamed in one canonical form (the same values whatever the
// store: dates as YYYY-MM-DD, times as RFC 3339 UTC, JSON with sorted keys,
// booleans as booleans, boundaries as WKB), loaded in one transaction, and
// both sides' row counts and SHA-256 checksums compared.
package dbcopy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/dinsos-tuban/pocketmap/internal/wkbgeom"
)

// Table is a table both stores have, with its columns in canonical order
// and their kinds (see Canon); the first Key columns order its rows.
type Table struct {
	Name    string
	Columns []string
	Key     int
	Kinds   string // one letter per column: t text, i integer, f float, b boolean, g WKB, j JSON, d date, s timestamp
}

// Tables are the tables copied, parents before children.
var Tables = []Table{
	{"areas", []string{"code", "name", "level", "parent", "geom", "min_lon", "min_lat", "max_lon", "max_lat", "label_lon", "label_lat", "area_km2"}, 1, "ttttgfffffff"},
	{"indicators", []string{"key", "label", "unit", "poorer", "source", "period", "synthetic", "numerator", "denominator", "scale", "kind", "categories", "ordered", "sort"}, 1, "ttttttbttfttbi"},
	{"indicator_values", []string{"code", "indicator", "period", "value"}, 3, "tttf"},
	{"meta", []string{"key", "value"}, 1, "tt"},
	{"bps_crosswalk", []string{"bps", "code", "name", "file"}, 1, "tttt"},
	{"programmes", []string{"name", "sort", "active"}, 1, "tib"},
	{"interventions", []string{"id", "programme", "priority", "agency", "funding", "budget", "households", "persons",
		"start_date", "end_date", "status", "notes", "row_version"}, 1, "ittttiiiddtti"},
	{"intervention_areas", []string{"intervention_id", "code"}, 2, "it"},
	{"change_log", []string{"id", "at", "user", "entity", "entity_id", "action", "before", "after", "areas", "undoes", "redoes"}, 1, "isttitjjtii"},
	{"household_snapshots", []string{"id", "period", "file", "imported_at", "households", "findings", "mapping"}, 1, "ittsiij"},
	{"households", []string{"snapshot_id", "row", "kk", "nik", "name", "address", "desa", "desil", "members", "disabled",
		"elderly", "programmes", "lon", "lat"}, 2, "iitttttiiiitff"},
	{"household_findings", []string{"snapshot_id", "row", "rule", "severity", "field", "desa", "nik", "message"}, 8, "iitttttt"},
}

// Dumper streams a store's tables in canonical form, each table's rows in
// key order, from one consistent snapshot.
type Dumper interface {
	Dump(ctx context.Context, row func(table string, values []any) error) error
}

// Loader empties a store's tables and fills them, all in one transaction.
type Loader interface {
	Load(ctx context.Context, fill func(put func(table string, values []any) error) error) error
}

// Sum is a table's row count and checksum.
type Sum struct {
	Rows int
	SHA  string
}

// Report is what a copy read, wrote and found on both sides.
type Report struct {
	From, To map[string]Sum
}

// Equal reports whether both sides have the same rows.
func (r *Report) Equal() bool {
	for _, t := range Tables {
		if r.From[t.Name] != r.To[t.Name] {
			return false
		}
	}
	return true
}

// String is the report as a table: each table's rows and checksum on both
// sides.
func (r *Report) String() string {
	s := fmt.Sprintf("%-20s %10s %10s  %s\n", "tabel", "sumber", "tujuan", "checksum (SHA-256, 16 awal)")
	for _, t := range Tables {
		f, g := r.From[t.Name], r.To[t.Name]
		mark := "sama"
		if f != g {
			mark = "BERBEDA"
		}
		s += fmt.Sprintf("%-20s %10d %10d  %.16s %s\n", t.Name, f.Rows, g.Rows, f.SHA, mark)
	}
	return s
}

// Copy copies everything from one store to the other in one transaction
// on the target, then checksums both sides; a difference is an error.
func Copy(ctx context.Context, from Dumper, to Loader, toDump Dumper) (*Report, error) {
	fromSums := newSums()
	err := to.Load(ctx, func(put func(string, []any) error) error {
		return from.Dump(ctx, func(table string, values []any) error {
			fromSums.add(table, values)
			return put(table, values)
		})
	})
	if err != nil {
		return nil, fmt.Errorf("menyalin basis data: %w", err)
	}
	rep := &Report{From: fromSums.done()}
	if rep.To, err = Checksums(ctx, toDump); err != nil {
		return rep, err
	}
	if !rep.Equal() {
		return rep, fmt.Errorf("salinan berbeda dari sumbernya:\n%s", rep)
	}
	return rep, nil
}

// Checksums reads a store and sums its tables.
func Checksums(ctx context.Context, d Dumper) (map[string]Sum, error) {
	s := newSums()
	if err := d.Dump(ctx, func(table string, values []any) error { s.add(table, values); return nil }); err != nil {
		return nil, err
	}
	return s.done(), nil
}

type sums struct {
	n map[string]int
	h map[string]hashWriter
}

type hashWriter interface {
	Write([]byte) (int, error)
	Sum([]byte) []byte
}

func newSums() *sums { return &sums{n: map[string]int{}, h: map[string]hashWriter{}} }

func (s *sums) add(table string, values []any) {
	h, ok := s.h[table]
	if !ok {
		h = sha256.New()
		s.h[table] = h
	}
	b, _ := json.Marshal(values)
	h.Write(b)
	h.Write([]byte{'\n'})
	s.n[table]++
}

func (s *sums) done() map[string]Sum {
	out := map[string]Sum{}
	for _, t := range Tables {
		sum := Sum{Rows: s.n[t.Name], SHA: hex.EncodeToString(sha256.New().Sum(nil))}
		if h, ok := s.h[t.Name]; ok {
			sum.SHA = hex.EncodeToString(h.Sum(nil))
		}
		out[t.Name] = sum
	}
	return out
}

// CanonJSON rewrites a JSON document with sorted keys and no spaces, nil
// for none, so that the file's text and the server's jsonb compare equal.
func CanonJSON(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(*s), &v); err != nil {
		return *s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// CanonFloat keeps a float exactly in JSON (and NaN, Inf as text).
func CanonFloat(f *float64) any {
	if f == nil {
		return nil
	}
	if math.IsNaN(*f) || math.IsInf(*f, 0) {
		return strconv.FormatFloat(*f, 'g', -1, 64)
	}
	return *f
}

// Canon turns a value as a driver returned it into the canonical form of
// its kind (see Table.Kinds): the same for the SQLite file and the server.
func Canon(kind byte, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case 't':
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		}
	case 'i':
		switch x := v.(type) {
		case int64:
			return x, nil
		case int32:
			return int64(x), nil
		case int:
			return int64(x), nil
		}
	case 'f':
		switch x := v.(type) {
		case float64:
			return CanonFloat(&x), nil
		case float32:
			f := float64(x)
			return CanonFloat(&f), nil
		case int64:
			f := float64(x)
			return CanonFloat(&f), nil
		}
	case 'b':
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		}
	case 'g':
		if b, ok := v.([]byte); ok {
			g, err := wkbgeom.Decode(b)
			if err != nil {
				return nil, err
			}
			return wkbgeom.Encode(g)
		}
	case 'j':
		switch x := v.(type) {
		case string:
			return CanonJSON(&x), nil
		case []byte:
			s := string(x)
			return CanonJSON(&s), nil
		default:
			b, err := json.Marshal(x)
			if err != nil {
				return nil, err
			}
			s := string(b)
			return CanonJSON(&s), nil
		}
	case 'd':
		switch x := v.(type) {
		case time.Time:
			return x.Format("2006-01-02"), nil
		case string:
			return x[:min(10, len(x))], nil
		}
	case 's':
		switch x := v.(type) {
		case time.Time:
			return x.UTC().Truncate(time.Second).Format(time.RFC3339), nil
		case string:
			t, err := time.Parse(time.RFC3339, x)
			if err != nil {
				return x, nil
			}
			return t.UTC().Format(time.RFC3339), nil
		}
	}
	return nil, fmt.Errorf("nilai %v (%T) untuk jenis kolom %q tidak dikenal", v, v, kind)
}

// Row canonicalizes a table's row as scanned.
func (t Table) Row(values []any) ([]any, error) {
	out := make([]any, len(values))
	for i, v := range values {
		c, err := Canon(t.Kinds[i], v)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name, t.Columns[i], err)
		}
		out[i] = c
	}
	return out, nil
}

// Lookup returns the table named name.
func Lookup(name string) (Table, bool) {
	for _, t := range Tables {
		if t.Name == name {
			return t, true
		}
	}
	return Table{}, false
}
