package geo

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readTestdata reads a file from testdata with ReadGeoJSONFile.
func readTestdata(t *testing.T, name string, opt ReadOptions) (*Layer, error) {
	t.Helper()
	return ReadGeoJSONFile(filepath.Join("testdata", name), opt)
}

func TestBadBoundaryFiles(t *testing.T) {
	cases := []struct {
		file    string
		rule    string
		n       int      // number of InputErrors expected, all breaking rule
		feature int      // 1-based feature number in the message; 0 for the whole file
		code    string   // code named in the message, "" for none
		phrases []string // further text the message must contain
	}{
		{file: "not-json.geojson", rule: RuleNotJSON, n: 1,
			phrases: []string{"bukan JSON yang sah"}},
		{file: "not-gzip.geojson.gz", rule: RuleNotJSON, n: 1,
			phrases: []string{"berkas .gz tidak dapat dibuka"}},
		{file: "array.geojson", rule: RuleNotCollection, n: 1,
			phrases: []string{"bukan objek GeoJSON FeatureCollection"}},
		{file: "feature.geojson", rule: RuleNotCollection, n: 1,
			phrases: []string{`jenis GeoJSON "Feature"`, "hanya FeatureCollection"}},
		{file: "no-type.geojson", rule: RuleNotCollection, n: 1,
			phrases: []string{`anggota "type" tidak ada`}},
		{file: "features-object.geojson", rule: RuleNotCollection, n: 1,
			phrases: []string{`anggota "features" harus berupa larik`}},
		{file: "empty-features.geojson", rule: RuleNoFeatures, n: 1,
			phrases: []string{"tidak memuat satu fitur pun"}},
		// A JSON syntax error inside a feature names the feature in the
		// message, though it concerns the whole file.
		{file: "truncated.geojson", rule: RuleNotJSON, n: 1,
			phrases: []string{"fitur #2 bukan JSON yang sah"}},
		{file: "linestring.geojson", rule: RuleGeometryType, n: 1, feature: 2, code: "35.23.01.2002",
			phrases: []string{"geometri berjenis LineString", "harus Polygon atau MultiPolygon"}},
		{file: "point.geojson", rule: RuleGeometryType, n: 1, feature: 3, code: "35.23.01.2003",
			phrases: []string{"geometri berjenis Point", "harus Polygon atau MultiPolygon"}},
		{file: "ring-unclosed.geojson", rule: RuleRingUnclosed, n: 1, feature: 2, code: "35.23.01.2002",
			phrases: []string{"cincin 1 poligon 1 tidak tertutup", "titik awal"}},
		{file: "ring-short.geojson", rule: RuleRingTooShort, n: 1, feature: 1, code: "35.23.01.2001",
			phrases: []string{"hanya memiliki 3 posisi", "minimal 4"}},
		{file: "coord-range.geojson", rule: RuleCoordinateRange, n: 1, feature: 2, code: "35.23.01.2002",
			phrases: []string{"(111.62, 95)", "di luar rentang bujur", "lintang"}},
		{file: "coord-syntax.geojson", rule: RuleNotJSON, n: 1, feature: 1, code: "35.23.01.2001",
			phrases: []string{"koordinat Polygon tidak terbaca", "angka diharapkan"}},
		// Both features are projected; the advice is given once per file.
		{file: "utm49s.geojson", rule: RuleProjected, n: 1, feature: 1, code: "35.23.01.2001",
			phrases: []string{"(620000.0, 9235000.0)", "UTM", "EPSG:32749", "bukan bujur/lintang", "EPSG:4326", "QGIS"}},
		// The file states UTM 49S but holds lon/lat.
		{file: "crs-32749.geojson", rule: RuleProjected, n: 1, feature: 1, code: "35.23.01.2001",
			phrases: []string{"WGS 84 / UTM zone 49S (EPSG:32749)", "(111.6, -6.9) tampak bujur/lintang", "anggota \"crs\""}},
		{file: "crs-3857.geojson", rule: RuleProjected, n: 1,
			phrases: []string{"EPSG::3857", "bukan bujur/lintang WGS84", "EPSG:3857 tidak dikenal", "EPSG:4326"}},
		// Feature #3 writes the code of feature #1 without dots.
		{file: "duplicate-code.geojson", rule: RuleDuplicateCode, n: 1, feature: 3, code: "35.23.01.2001",
			phrases: []string{"sudah dipakai fitur #1", "berkode unik"}},
		{file: "missing-code.geojson", rule: RuleMissingCode, n: 1, feature: 2,
			phrases: []string{`properti "kode"`, "kosong atau tidak ada"}},
		{file: "missing-name.geojson", rule: RuleMissingName, n: 1, feature: 2, code: "35.23.01.2002",
			phrases: []string{`properti "nama"`, "kosong atau tidak ada"}},
		{file: "bad-code.geojson", rule: RuleBadCode, n: 1, feature: 2, code: "35.23.1.2001x",
			phrases: []string{"memuat karakter 'x'", "hanya berisi angka dan titik"}},
		{file: "short-code.geojson", rule: RuleBadCode, n: 1, feature: 1, code: "35.23.1.2001",
			phrases: []string{"berisi 9 angka", "2, 4, 6 atau 10 angka"}},
		{file: "null-geometry.geojson", rule: RuleMissingGeometry, n: 1, feature: 2, code: "35.23.01.2002",
			phrases: []string{"tidak memiliki geometri"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			l, err := readTestdata(t, tc.file, ReadOptions{})
			if err == nil {
				t.Fatalf("no error; read %d areas", len(l.Areas))
			}
			if l != nil {
				t.Errorf("a rejected file returned a layer")
			}
			var errs InputErrors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T %q, want InputErrors", err, err)
			}
			if !errs.Has(tc.rule) {
				t.Fatalf("rule %s not reported: %v", tc.rule, err)
			}
			if len(errs) != tc.n {
				t.Errorf("%d errors, want %d:\n%v", len(errs), tc.n, err)
			}
			for _, e := range errs {
				if e.Rule != tc.rule {
					t.Errorf("unexpected rule %s: %v", e.Rule, e)
				}
			}
			e := errs[0]
			if e.File != tc.file {
				t.Errorf("File %q, want %q", e.File, tc.file)
			}
			if e.Feature != tc.feature-1 {
				t.Errorf("Feature %d, want %d", e.Feature, tc.feature-1)
			}
			if e.Code != tc.code {
				t.Errorf("Code %q, want %q", e.Code, tc.code)
			}
			msg := err.Error()
			want := append([]string{tc.file + ": "}, tc.phrases...)
			if tc.feature > 0 {
				want = append(want, fmt.Sprintf(": fitur #%d", tc.feature))
			}
			if tc.code != "" {
				want = append(want, "(kode "+tc.code+")")
			}
			for _, w := range want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			if !strings.HasPrefix(msg, tc.file+": ") {
				t.Errorf("message does not start with the file name:\n%s", msg)
			}
		})
	}
}

func TestUnknownFields(t *testing.T) {
	cases := []struct {
		file    string
		missing string
		fields  []string
	}{
		{"unknown-fields.geojson", "kode", []string{"bar", "foo"}},
		{"unknown-name-field.geojson", "nama", []string{"foo", "kode", "luas"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			l, err := readTestdata(t, tc.file, ReadOptions{})
			var fe *FieldsError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v, want *FieldsError", err, err)
			}
			if l != nil {
				t.Errorf("layer returned with FieldsError")
			}
			if fe.File != tc.file || fe.Missing != tc.missing || !slices.Equal(fe.Fields, tc.fields) {
				t.Errorf("got %+v, want file %s missing %s fields %v", *fe, tc.file, tc.missing, tc.fields)
			}
			msg := fe.Error()
			for _, w := range []string{tc.file + ": ", "kolom " + tc.missing + " tidak dapat ditentukan",
				"pilih salah satu kolom: " + strings.Join(tc.fields, ", ")} {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q: %s", w, msg)
				}
			}
		})
	}

	t.Run("chosen", func(t *testing.T) {
		l, err := readTestdata(t, "unknown-fields.geojson", ReadOptions{CodeField: "foo", NameField: "bar"})
		if err != nil {
			t.Fatal(err)
		}
		if l.CodeField != "foo" || l.NameField != "bar" {
			t.Errorf("fields %q %q, want foo bar", l.CodeField, l.NameField)
		}
		got := areaSummaries(l)
		want := []string{"35.23.01.2001 Jlodro desa 35.23.01", "35.23.01.2002 Sokogunung desa 35.23.01"}
		if !slices.Equal(got, want) {
			t.Errorf("areas %q, want %q", got, want)
		}
	})

	t.Run("only name chosen", func(t *testing.T) {
		l, err := readTestdata(t, "unknown-name-field.geojson", ReadOptions{NameField: "foo"})
		if err != nil {
			t.Fatal(err)
		}
		if l.CodeField != "kode" || l.NameField != "foo" {
			t.Errorf("fields %q %q, want kode foo", l.CodeField, l.NameField)
		}
		if got := areaSummaries(l); !slices.Equal(got, []string{"35.23.01.2001 Jlodro desa 35.23.01"}) {
			t.Errorf("areas %q", got)
		}
	})

	t.Run("wrong field chosen", func(t *testing.T) {
		// Choosing the name column as the code column must not pass.
		_, err := readTestdata(t, "unknown-fields.geojson", ReadOptions{CodeField: "bar", NameField: "foo"})
		var errs InputErrors
		if !errors.As(err, &errs) || !errs.Has(RuleBadCode) || len(errs) != 2 {
			t.Errorf("got %v, want two %s errors", err, RuleBadCode)
		}
	})
}

// areaSummaries describes each area of l as "code name level parent".
func areaSummaries(l *Layer) []string {
	var out []string
	for _, a := range l.Areas {
		out = append(out, fmt.Sprintf("%s %s %s %s", a.Code, a.Name, a.Level, a.Parent))
	}
	return out
}

func TestInputErrorsFormat(t *testing.T) {
	var es InputErrors
	for i := range 12 {
		es = append(es, &InputError{File: "desa.geojson", Feature: i, Code: fmt.Sprintf("35.23.01.20%02d", i+1), Rule: RuleBadCode, Msg: "salah"})
	}
	msg := es.Error()
	lines := strings.Split(msg, "\n")
	if len(lines) != 11 {
		t.Fatalf("%d lines, want 10 errors and a summary:\n%s", len(lines), msg)
	}
	if lines[0] != "desa.geojson: fitur #1 (kode 35.23.01.2001): salah" {
		t.Errorf("first line %q", lines[0])
	}
	if lines[10] != "… dan 2 masalah lain" {
		t.Errorf("last line %q", lines[10])
	}
	if es.Has(RuleMissingCode) || !es.Has(RuleBadCode) {
		t.Errorf("Has is wrong")
	}
	whole := &InputError{File: "desa.geojson", Feature: -1, Code: "35.23", Rule: RuleNoFeatures, Msg: "kosong"}
	if got := whole.Error(); got != "desa.geojson: kode 35.23: kosong" {
		t.Errorf("whole-file error %q", got)
	}
}

// TestTooManyFeaturesRefused streams a collection of 150,000 tiny
// features: it is refused at the limit with a one-line message instead of
// being read whole.
func TestTooManyFeaturesRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 25 MB")
	}
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriter(pw)
		bw.WriteString(`{"type":"FeatureCollection","features":[`)
		for i := range 150_000 {
			if i > 0 {
				bw.WriteByte(',')
			}
			fmt.Fprintf(bw, `{"type":"Feature","properties":{"kode":"35.23.01.%04d","nama":"D"},"geometry":{"type":"Polygon","coordinates":[[[111,-7],[111.001,-7],[111.001,-6.999],[111,-7]]]}}`, 2000+i%7000)
		}
		bw.WriteString(`]}`)
		bw.Flush()
		pw.Close()
	}()
	_, err := ReadGeoJSON(pr, "sejuta.geojson", ReadOptions{})
	pr.Close()
	var es InputErrors
	if !errors.As(err, &es) || !es.Has(RuleTooLarge) || len(err.Error()) > 400 {
		t.Fatalf("error %v", err)
	}
}

// TestBPSCodedFileIsNotReadAsKemendagri: a BPS desa map (fields iddesa,
// nmdesa, kdkec, nmkec) is recognised without asking, and its codes are
// kept as BPS codes, never read as Kemendagri codes: its areas wait for a
// Kemendagri code (matched by name, see app.ImportBoundaries). A bad BPS
// code is refused naming it.
func TestBPSCodedFileIsNotReadAsKemendagri(t *testing.T) {
	const bps = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"iddesa":"3523010001","nmdesa":"Jlodro","kdkec":"010","nmkec":"Kenduruan"},
 "geometry":{"type":"Polygon","coordinates":[[[111.9,-6.9],[112.0,-6.9],[112.0,-6.8],[111.9,-6.9]]]}}]}`
	for _, opt := range []ReadOptions{{}, {CodeField: "iddesa", NameField: "nmdesa"}} {
		l, err := ReadGeoJSON(strings.NewReader(bps), "bps.geojson", opt)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.BPS) != 1 || l.CodeField != "iddesa" || l.NameField != "nmdesa" {
			t.Fatalf("%+v: fields %s, %s, BPS %+v", opt, l.CodeField, l.NameField, l.BPS)
		}
		if f := l.BPS[0]; f.BPS != "3523010001" || f.Kec != "Kenduruan" || f.Area.Code != "" || f.Area.Name != "Jlodro" || f.Area.AreaKm2 <= 0 {
			t.Errorf("feature %+v, area %+v", f, f.Area)
		}
	}
	_, err := ReadGeoJSON(strings.NewReader(strings.Replace(bps, "3523010001", "35230100011", 1)), "bps.geojson", ReadOptions{})
	var errs InputErrors
	if !errors.As(err, &errs) || !errs.Has(RuleBadCode) || !strings.Contains(err.Error(), "kode BPS") {
		t.Fatalf("bad BPS code: %v", err)
	}
}

// TestRingsWithoutArea: a boundary whose outer rings have no area is
// refused, and a hole larger than its outer ring never makes an area
// negative (found by FuzzReadGeoJSON: such a polygon had a negative area).
func TestRingsWithoutArea(t *testing.T) {
	read := func(coords string) (*Layer, error) {
		src := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":"35.23.01.2001","nama":"Jlodro"},"geometry":{"type":"Polygon","coordinates":` + coords + `}}]}`
		return ReadGeoJSON(strings.NewReader(src), "luas.geojson", ReadOptions{})
	}
	_, err := read(`[[[111.6,-6.9],[111.7,-6.9],[111.8,-6.9],[111.6,-6.9]]]`)
	var errs InputErrors
	if !errors.As(err, &errs) || !errs.Has(RuleRingNoArea) || !strings.Contains(err.Error(), "tidak memiliki luas") {
		t.Errorf("collinear outer ring: %v", err)
	}
	l, err := read(`[[[111.6,-6.9],[111.7,-6.9],[111.7,-6.8],[111.6,-6.9]],[[111.5,-7.0],[111.9,-7.0],[111.9,-6.5],[111.5,-7.0]]]`)
	if err != nil || l.Areas[0].AreaKm2 != 0 {
		t.Errorf("hole larger than its outer ring: %v, area %v", err, l)
	}
}
