package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/crs"
)

// ReadOptions names the feature properties that hold the area code and name
// when automatic detection fails; empty fields are detected.
type ReadOptions struct {
	CodeField string
	NameField string
	// SkipEmpty leaves out features without geometry (null, or an empty
	// MultiPolygon) and lists them in Layer.Skipped, instead of refusing
	// the file: only when the user agreed.
	SkipEmpty bool
	// Layer is the layer to read from a file with several (a GeoPackage);
	// empty when the file holds one.
	Layer string
	// AcceptFuzzy applies the near name matches of a BPS-coded map (see
	// Layer.BPS) without asking: the user agreed (CLI --accept-fuzzy).
	AcceptFuzzy bool
}

// Skipped is a feature left out of a layer because it had no geometry.
type Skipped struct {
	Feature int // 0-based index in the file
	Code    string
}

// Layer is a boundary file read and checked: its areas in file order, the
// properties used, and the names of parent units found in the properties
// (such as nama_kec), by parent code.
type Layer struct {
	File        string
	Areas       []*Area
	CodeField   string
	NameField   string
	ParentNames map[string]string
	Skipped     []Skipped // features without geometry left out (ReadOptions.SkipEmpty)
	// Converted names the projected coordinate system the file was in
	// and was converted from to WGS 84 lon/lat; empty when it was in
	// lon/lat already.
	Converted string
	// BPS holds, for a map keyed by BPS desa codes (a BPS map with iddesa,
	// nmdesa, nmkec), every feature's BPS code and kecamatan name; its
	// areas have no Kemendagri code until they are matched by name (and
	// Crosswalk) against the known areas. Nil for a Kemendagri-coded map.
	BPS []BPSFeature
	// Crosswalk is what matching the BPS codes found, stored with the
	// boundaries.
	Crosswalk []CrosswalkPair
}

// BPSFeature is an area of a BPS-coded map before it has a Kemendagri
// code.
type BPSFeature struct {
	Area    *Area  // Code empty until matched
	Feature int    // 0-based index in the file
	BPS     string // ten digits
	Kec     string // the kecamatan name the map gives, "" when none
}

// bpsFields are the property names of BPS desa codes.
var bpsFields = []string{"iddesa", "kode_bps", "idbps", "kdbps", "kode_desa_bps"}

// Known property names, lower case, in order of preference.
var (
	codeFields = []string{"kode", "kode_desa", "kodedesa", "kd_desa", "kdepum", "adm4_pcode",
		"kode_kel", "kode_kec", "kdcpum", "adm3_pcode", "kode_wilayah", "kode_kab", "code",
		"iddesa", "kode_bps", "idbps", "kdbps", "kode_desa_bps"}
	nameFields = map[string][]string{
		"iddesa":     {"nmdesa", "desa", "nama"},
		"kdepum":     {"wadmkd", "namobj", "nama"},
		"adm4_pcode": {"adm4_en", "adm4_id"},
		"kdcpum":     {"wadmkc", "namobj", "nama"},
		"adm3_pcode": {"adm3_en", "adm3_id"},
		"kode_kec":   {"nama_kec", "kecamatan", "nama"},
	}
	genericNames  = []string{"nama", "nama_desa", "nmdesa", "nama_kel", "desa", "kelurahan", "desa_kel", "wadmkd", "namobj", "adm4_en", "nama_wilayah", "name"}
	parentCode    = []string{"kode_kec", "kdcpum", "adm3_pcode"}
	parentName    = []string{"nama_kec", "wadmkc", "adm3_en", "kecamatan", "nmkec"}
	grandCode     = []string{"kode_kab", "kdpkab", "adm2_pcode"}
	grandName     = []string{"nama_kab", "wadmkk", "adm2_en", "kabupaten"}
	projectedHint = "pocketmap memerlukan koordinat WGS84 bujur/lintang (EPSG:4326); ubah proyeksinya dulu, misalnya di QGIS: Ekspor → Simpan Fitur Sebagai… dengan CRS EPSG:4326"
)

// ReadGeoJSONFile reads a boundary file (plain or .gz) with ReadGeoJSON.
func ReadGeoJSONFile(path string, opt ReadOptions) (*Layer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("membuka berkas batas wilayah: %w", err)
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, InputErrors{{File: filepath.Base(path), Feature: -1, Rule: RuleNotJSON, Msg: "berkas .gz tidak dapat dibuka: " + err.Error()}}
		}
		defer gz.Close()
		r = gz
	}
	return ReadGeoJSON(r, filepath.Base(path), opt)
}

// Limits of a boundary file, so that a damaged or hostile file is refused
// before it fills the memory: more features than all the desa and
// kelurahan of Indonesia (about 84,000), and sixty times the vertices of
// the desa of Jawa Timur (830,632).
const (
	MaxFeatures = 100_000
	MaxVertices = 50_000_000
)

type rawGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

type rawFeature struct {
	Type       string                     `json:"type"`
	Properties map[string]json.RawMessage `json:"properties"`
	Geometry   *rawGeometry               `json:"geometry"`
	// decoded marks a feature read from another format (ReadFeatures):
	// its geometry is geom, nil for none.
	decoded bool
	geom    orb.Geometry
}

type parsed struct {
	idx     int
	area    *Area
	errs    InputErrors
	parents [][2]string // code, name of enclosing units named in the properties
	bps     string      // a BPS-coded map: the feature's BPS code
	kec     string      // and its kecamatan name
}

// ReadGeoJSON reads a FeatureCollection of Polygon and MultiPolygon
// features with Kemendagri codes and checks it. file names the input in
// error messages. Every problem found is returned as InputErrors (a
// *FieldsError when the code or name property cannot be found); a file
// with any problem yields no layer.
func ReadGeoJSON(r io.Reader, file string, opt ReadOptions) (*Layer, error) {
	// Windows tools write a UTF-8 byte-order mark before the JSON.
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	dec := json.NewDecoder(br)
	fileErr := func(rule, format string, a ...any) error {
		return InputErrors{{File: file, Feature: -1, Rule: rule, Msg: fmt.Sprintf(format, a...)}}
	}
	notJSON := func(err error) error {
		return fileErr(RuleNotJSON, "bukan JSON yang sah (%v)", err)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, notJSON(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fileErr(RuleNotCollection, "isi berkas bukan objek GeoJSON FeatureCollection")
	}

	var (
		typ      string
		crsRaw   json.RawMessage
		sys      *crs.System
		sawFeats bool
		raws     = make(chan parsedInput, 256)
		results  []parsed
		wg       sync.WaitGroup
		mu       sync.Mutex
		fields   fieldChoice
		fieldsOK bool
		count    int
	)
	// Workers parse coordinates and compute derived facts while the decoder
	// scans the rest of the file.
	workers := max(1, runtime.GOMAXPROCS(0))
	startWorkers := func() {
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var local []parsed
				for in := range raws {
					local = append(local, parseFeature(file, in.idx, in.f, fields))
				}
				mu.Lock()
				results = append(results, local...)
				mu.Unlock()
			}()
		}
	}
	stop := func() {
		if fieldsOK {
			close(raws)
			wg.Wait()
		}
	}

	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			stop()
			return nil, notJSON(err)
		}
		key, _ := tok.(string)
		switch key {
		case "type":
			if err := dec.Decode(&typ); err != nil {
				stop()
				return nil, notJSON(err)
			}
		case "crs":
			if err := dec.Decode(&crsRaw); err != nil {
				stop()
				return nil, notJSON(err)
			}
			if sys, err = fileSystem(file, crsRaw); err != nil {
				stop()
				return nil, err
			}
			if sys != nil && count > 0 {
				stop()
				return nil, fileErr(RuleProjected, "anggota \"crs\" (%s) ditulis sesudah fitur-fiturnya; pocketmap membutuhkannya sebelum \"features\", seperti yang ditulis QGIS dan GDAL", sys)
			}
		case "features":
			sawFeats = true
			tok, err := dec.Token()
			if err != nil {
				stop()
				return nil, notJSON(err)
			}
			if tok == nil {
				continue
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				stop()
				return nil, fileErr(RuleNotCollection, "anggota \"features\" harus berupa larik")
			}
			vertices := 0
			for dec.More() {
				if count >= MaxFeatures {
					stop()
					return nil, fileErr(RuleTooLarge, "berkas memuat lebih dari %d fitur, lebih banyak dari seluruh desa dan kelurahan Indonesia (sekitar 84.000; Jawa Timur 8.494), jadi berkas ini tidak dibaca", MaxFeatures)
				}
				f := new(rawFeature)
				if err := dec.Decode(f); err != nil {
					stop()
					return nil, fileErr(RuleNotJSON, "fitur #%d bukan JSON yang sah (%v)", count+1, err)
				}
				if f.Geometry != nil {
					// Every vertex opens a bracket: a cheap upper bound.
					vertices += bytes.Count(f.Geometry.Coordinates, []byte{'['})
					if vertices > MaxVertices {
						stop()
						return nil, fileErr(RuleTooLarge, "berkas memuat lebih dari %d titik sudut (sampai fitur #%d); batas wilayah Jawa Timur memuat 830.632, jadi berkas ini tidak dibaca", MaxVertices, count+1)
					}
				}
				if !fieldsOK {
					fields, err = chooseFields(file, f, opt)
					if err != nil {
						return nil, err
					}
					fields.sys = sys
					fieldsOK = true
					startWorkers()
				}
				raws <- parsedInput{count, f}
				count++
			}
			if _, err := dec.Token(); err != nil {
				stop()
				return nil, notJSON(err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				stop()
				return nil, notJSON(err)
			}
		}
	}
	stop()
	if _, err := dec.Token(); err != nil {
		return nil, notJSON(err)
	}
	if typ != "FeatureCollection" {
		if typ == "" {
			return nil, fileErr(RuleNotCollection, "anggota \"type\" tidak ada; yang diterima hanya GeoJSON FeatureCollection")
		}
		return nil, fileErr(RuleNotCollection, "jenis GeoJSON %q; yang diterima hanya FeatureCollection", typ)
	}
	if !sawFeats || count == 0 {
		return nil, fileErr(RuleNoFeatures, "FeatureCollection tidak memuat satu fitur pun")
	}
	sort.Slice(results, func(i, j int) bool { return results[i].idx < results[j].idx })
	return assemble(file, results, fields, opt)
}

type parsedInput struct {
	idx int
	f   *rawFeature
}

type fieldChoice struct {
	code, name, parentCode, parentName, grandCode, grandName string
	// bps says the codes are BPS desa codes (the code field is iddesa or
	// the like, or the first feature's code reads as one).
	bps bool
	// sys converts projected coordinates (the file's crs member) to
	// lon/lat; nil for lon/lat files.
	sys *crs.System
}

// propKeys returns the feature's property keys, sorted.
func propKeys(f *rawFeature) []string {
	keys := make([]string, 0, len(f.Properties))
	for k := range f.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// findKey returns the actual key in props matching one of the lower-case
// candidates, in the candidates' order.
func findKey(keys []string, candidates []string) string {
	for _, c := range candidates {
		for _, k := range keys {
			if strings.EqualFold(k, c) {
				return k
			}
		}
	}
	return ""
}

func chooseFields(file string, f *rawFeature, opt ReadOptions) (fieldChoice, error) {
	keys := propKeys(f)
	var fc fieldChoice
	fc.code = opt.CodeField
	if fc.code == "" {
		fc.code = findKey(keys, codeFields)
	}
	if fc.code == "" {
		return fc, &FieldsError{File: file, Fields: keys, Missing: "kode"}
	}
	fc.name = opt.NameField
	if fc.name == "" {
		if cands, ok := nameFields[strings.ToLower(fc.code)]; ok {
			fc.name = findKey(keys, cands)
		}
		if fc.name == "" {
			fc.name = findKey(keys, genericNames)
		}
	}
	if fc.name == "" {
		return fc, &FieldsError{File: file, Fields: keys, Missing: "nama"}
	}
	// Parent names are kept even without a parent code column: the
	// parent's code then comes from the area's own code.
	if pc := findKey(keys, parentCode); pc != fc.code {
		fc.parentCode = pc
	}
	if pn := findKey(keys, parentName); pn != fc.name {
		fc.parentName = pn
	}
	if gc := findKey(keys, grandCode); gc != fc.code {
		fc.grandCode = gc
	}
	if gn := findKey(keys, grandName); gn != fc.name {
		fc.grandName = gn
	}
	fc.bps = findKey([]string{fc.code}, bpsFields) != "" || LooksBPS(propString(f, fc.code))
	return fc, nil
}

// propString returns a property as text: strings as they are, numbers
// without exponent.
func propString(f *rawFeature, key string) string {
	if key == "" {
		return ""
	}
	raw, ok := f.Properties[key]
	if !ok || len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return strings.TrimSpace(s)
		}
	case 'n':
		return ""
	default:
		if v, err := strconv.ParseFloat(string(raw), 64); err == nil {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return strings.TrimSpace(string(raw))
}

// normalizeFileCode strips the "ID" prefix of HDX/BPS p-codes before
// NormalizeCode.
func normalizeFileCode(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) > 2 && (s[:2] == "ID" || s[:2] == "id") {
		s = s[2:]
	}
	return NormalizeCode(s)
}

func parseFeature(file string, idx int, f *rawFeature, fc fieldChoice) (out parsed) {
	out = parsed{idx: idx}
	bad := func(code, rule, format string, a ...any) {
		if len(out.errs) < 5 {
			out.errs = append(out.errs, &InputError{File: file, Feature: idx, Code: code, Rule: rule, Msg: fmt.Sprintf(format, a...)})
		}
	}
	rawCode := propString(f, fc.code)
	code, err := normalizeFileCode(rawCode)
	if fc.bps {
		// A BPS-coded map: the code is kept as the feature's BPS code
		// (and named in messages); the area gets its Kemendagri code
		// when matched by name (see Layer.BPS).
		code, err = NormalizeBPS(rawCode)
		defer func() {
			if out.area != nil {
				out.area.Code, out.area.Level, out.area.Parent = "", LevelDesa, ""
			}
			out.parents, out.bps, out.kec = nil, code, propString(f, fc.parentName)
		}()
	}
	if rawCode == "" {
		bad("", RuleMissingCode, "properti %q (kode wilayah) kosong atau tidak ada", fc.code)
	} else if err != nil {
		bad(rawCode, RuleBadCode, "%v", err)
	}
	name := propString(f, fc.name)
	if name == "" {
		bad(code, RuleMissingName, "properti %q (nama wilayah) kosong atau tidak ada", fc.name)
	}
	var mp orb.MultiPolygon
	if f.decoded {
		switch g := f.geom.(type) {
		case nil:
			bad(code, RuleMissingGeometry, "fitur tidak memiliki geometri")
			return out
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
			if len(g) == 0 {
				mp = nil
			}
		case orb.MultiPolygon:
			mp = g
		default:
			bad(code, RuleGeometryType, "geometri berjenis %s; batas wilayah harus Polygon atau MultiPolygon", g.GeoJSONType())
			return out
		}
		if len(mp) == 0 {
			bad(code, RuleMissingGeometry, "geometri %s tidak memuat poligon", f.geom.GeoJSONType())
		}
		finishFeature(&out, f, fc, code, name, mp, bad)
		return out
	}
	if f.Geometry == nil {
		bad(code, RuleMissingGeometry, "fitur tidak memiliki geometri")
		return out
	}
	p := &coordParser{b: f.Geometry.Coordinates}
	switch f.Geometry.Type {
	case "Polygon":
		poly, err := p.polygon()
		if err != nil {
			bad(code, RuleNotJSON, "koordinat Polygon tidak terbaca: %v", err)
			return out
		}
		mp = orb.MultiPolygon{poly}
	case "MultiPolygon":
		mp, err = p.multiPolygon()
		if err != nil {
			bad(code, RuleNotJSON, "koordinat MultiPolygon tidak terbaca: %v", err)
			return out
		}
	default:
		bad(code, RuleGeometryType, "geometri berjenis %s; batas wilayah harus Polygon atau MultiPolygon", f.Geometry.Type)
		return out
	}
	if len(mp) == 0 {
		bad(code, RuleMissingGeometry, "geometri %s tidak memuat poligon", f.Geometry.Type)
	}
	if fc.sys != nil {
		// Metres of a projected system are never both within ±180 and
		// ±90: such a file states a system its coordinates are not in.
		if pt, ok := firstPoint(mp); ok && math.Abs(pt[0]) <= 180 && math.Abs(pt[1]) <= 90 {
			bad(code, RuleProjected, "berkas menyatakan sistem koordinat %s, tetapi koordinat (%g, %g) tampak bujur/lintang; perbaiki atau hapus anggota \"crs\" berkas itu", fc.sys, pt[0], pt[1])
			return out
		}
		fc.sys.ToLonLat(mp)
	}
	finishFeature(&out, f, fc, code, name, mp, bad)
	return out
}

// firstPoint is the first vertex of mp.
func firstPoint(mp orb.MultiPolygon) (orb.Point, bool) {
	for _, p := range mp {
		for _, r := range p {
			if len(r) > 0 {
				return r[0], true
			}
		}
	}
	return orb.Point{}, false
}

// finishFeature checks the rings of a feature's polygons and makes its
// area: the part shared by every input format.
func finishFeature(out *parsed, f *rawFeature, fc fieldChoice, code, name string, mp orb.MultiPolygon, bad func(code, rule, format string, a ...any)) {
	for pi, poly := range mp {
		if len(poly) == 0 {
			bad(code, RuleRingTooShort, "poligon %d tidak memuat cincin", pi+1)
		}
		for ri, r := range poly {
			where := fmt.Sprintf("cincin %d poligon %d", ri+1, pi+1)
			if len(r) < 4 {
				bad(code, RuleRingTooShort, "%s hanya memiliki %d posisi; sebuah cincin perlu minimal 4 (titik awal diulang di akhir)", where, len(r))
				continue
			}
			if r[0] != r[len(r)-1] {
				bad(code, RuleRingUnclosed, "%s tidak tertutup: titik awal %v berbeda dari titik akhir %v", where, r[0], r[len(r)-1])
			}
			for _, pt := range r {
				if !(pt[0] >= -180 && pt[0] <= 180 && pt[1] >= -90 && pt[1] <= 90) {
					if looksProjected(pt) {
						bad(code, RuleProjected, "koordinat (%.1f, %.1f) berupa meter dalam proyeksi (mis. UTM zona 49S, EPSG:32749), bukan bujur/lintang; %s", pt[0], pt[1], projectedHint)
					} else {
						bad(code, RuleCoordinateRange, "koordinat (%g, %g) di luar rentang bujur −180…180 dan lintang −90…90", pt[0], pt[1])
					}
					break
				}
			}
		}
	}
	if len(out.errs) > 0 {
		return
	}
	// A boundary whose outer rings have no area (all points on one line)
	// is none. Slivers without area beside real parts occur in published
	// maps and are kept; PolygonAreaKm2 never lets holes make an area
	// negative.
	total := 0.0
	for _, poly := range mp {
		total += ringAreaM2(poly[0])
	}
	if total < 1 { // m²; a desa has tens of thousands
		bad(code, RuleRingNoArea, "batas wilayah ini tidak memiliki luas: cincin luarnya lebih kecil dari 1 m² (titik-titiknya segaris)")
	}
	if len(out.errs) > 0 {
		return
	}
	for i, pf := range [][2]string{{fc.parentCode, fc.parentName}, {fc.grandCode, fc.grandName}} {
		pc, err := normalizeFileCode(propString(f, pf[0]))
		if pf[0] == "" && err != nil {
			// No code column: the code's own prefix names the parent.
			pc, err = ParentCode(code), nil
			if i == 1 {
				pc = ParentCode(pc)
			}
		}
		if err == nil && pc != "" && pf[1] != "" {
			out.parents = append(out.parents, [2]string{pc, propString(f, pf[1])})
		}
	}
	a := &Area{Code: code, Name: name, Level: CodeLevel(code), Parent: ParentCode(code), Geom: mp}
	a.Fill()
	out.area = a
}

// looksProjected reports whether a position out of lon/lat range has the
// magnitude of projected metres (UTM, Web Mercator, TM-3).
func looksProjected(pt orb.Point) bool {
	x, y := math.Abs(pt[0]), math.Abs(pt[1])
	return (x > 1000 || y > 1000) && x < 4e7 && y < 2e7
}

// fileSystem is the coordinate system a GeoJSON crs member names (the
// 2008 GeoJSON form that QGIS and GDAL still write): nil for lon/lat or no
// member, a system of package crs to convert from, or an error naming a
// system that pocketmap cannot convert.
func fileSystem(file string, raw json.RawMessage) (*crs.System, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var c struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, nil
	}
	n := strings.ToUpper(strings.TrimSpace(c.Properties.Name))
	if n == "" {
		return nil, nil
	}
	for _, geographic := range []string{"CRS84", "EPSG::4326", "EPSG:4326", "EPSG::4979"} {
		if strings.Contains(n, geographic) {
			return nil, nil
		}
	}
	refuse := func(why string) error {
		return InputErrors{{File: file, Feature: -1, Rule: RuleProjected,
			Msg: fmt.Sprintf("berkas menyatakan sistem koordinat %s, bukan bujur/lintang WGS84, dan %s; %s", c.Properties.Name, why, projectedHint)}}
	}
	i := strings.LastIndex(n, "EPSG:")
	if i < 0 {
		return nil, refuse("sistem itu tidak dikenal")
	}
	code, err := strconv.Atoi(strings.TrimLeft(n[i+len("EPSG:"):], ":"))
	if err != nil {
		return nil, refuse("kodenya tidak terbaca")
	}
	s, err := crs.FromEPSG(code)
	if err != nil {
		return nil, refuse(err.Error())
	}
	if s.LonLat {
		return nil, nil
	}
	return &s, nil
}

// OnlyMissingGeometry reports whether every problem is a feature without
// geometry: the file can be read with ReadOptions.SkipEmpty when the user
// agrees to leave those features out.
func (es InputErrors) OnlyMissingGeometry() bool {
	if len(es) == 0 {
		return false
	}
	return onlyMissingGeometry(es)
}

// onlyMissingGeometry reports whether every error is a missing geometry.
func onlyMissingGeometry(es InputErrors) bool {
	for _, e := range es {
		if e.Rule != RuleMissingGeometry {
			return false
		}
	}
	return true
}

func assemble(file string, results []parsed, fc fieldChoice, opt ReadOptions) (*Layer, error) {
	var errs InputErrors
	projected := false
	seen := make(map[string]int, len(results))
	l := &Layer{File: file, CodeField: fc.code, NameField: fc.name, ParentNames: map[string]string{}}
	if fc.sys != nil {
		l.Converted = fc.sys.Converted()
	}
	for _, r := range results {
		if opt.SkipEmpty && len(r.errs) > 0 && onlyMissingGeometry(r.errs) {
			l.Skipped = append(l.Skipped, Skipped{Feature: r.idx, Code: r.errs[0].Code})
			continue
		}
		for _, e := range r.errs {
			if e.Rule == RuleProjected {
				if projected {
					continue
				}
				projected = true
			}
			errs = append(errs, e)
		}
		if r.area == nil {
			continue
		}
		if r.bps != "" {
			if first, dup := seen[r.bps]; dup {
				errs = append(errs, &InputError{File: file, Feature: r.idx, Code: r.bps, Rule: RuleDuplicateCode,
					Msg: fmt.Sprintf("kode BPS %s sudah dipakai fitur #%d; setiap wilayah harus berkode unik", r.bps, first+1)})
				continue
			}
			seen[r.bps] = r.idx
			l.BPS = append(l.BPS, BPSFeature{Area: r.area, Feature: r.idx, BPS: r.bps, Kec: r.kec})
			l.Areas = append(l.Areas, r.area)
			continue
		}
		if first, dup := seen[r.area.Code]; dup {
			errs = append(errs, &InputError{File: file, Feature: r.idx, Code: r.area.Code, Rule: RuleDuplicateCode,
				Msg: fmt.Sprintf("kode %s sudah dipakai fitur #%d; setiap wilayah harus berkode unik", r.area.Code, first+1)})
			continue
		}
		seen[r.area.Code] = r.idx
		for _, p := range r.parents {
			if p[1] != "" {
				l.ParentNames[p[0]] = p[1]
			}
		}
		l.Areas = append(l.Areas, r.area)
	}
	if len(errs) > 0 {
		if len(errs) > maxReportedFileErrors {
			errs = errs[:maxReportedFileErrors]
		}
		return nil, errs
	}
	return l, nil
}
