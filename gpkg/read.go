package gpkg

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/dinsos-tuban/pocketmap/crs"
	"github.com/dinsos-tuban/pocketmap/geo"
)

// openDB opens the SQLite file at path (relative to the working folder)
// with the URI query given.
func openDB(path, query string) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return sql.Open("sqlite", (&url.URL{Scheme: "file", Path: p, RawQuery: query}).String())
}

// open opens a GeoPackage read-only and checks that it is one.
func open(path string) (*sql.DB, error) {
	db, err := openDB(path, "mode=ro")
	if err != nil {
		return nil, err
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys')`).Scan(&n); err != nil || n != 3 {
		db.Close()
		if err == nil {
			err = errors.New("tabel gpkg_contents, gpkg_geometry_columns atau gpkg_spatial_ref_sys tidak ada")
		}
		return nil, fmt.Errorf("%s bukan GeoPackage yang sah: %v", filepath.Base(path), err)
	}
	return db, nil
}

// LayerNames lists the feature layers of the GeoPackage at path, in the
// order of their names.
func LayerNames(path string) ([]string, error) {
	db, err := open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return layerNames(db, path)
}

func layerNames(db *sql.DB, path string) ([]string, error) {
	rows, err := db.Query(`SELECT c.table_name FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
		WHERE c.data_type = 'features' ORDER BY c.table_name`)
	if err != nil {
		return nil, fmt.Errorf("%s: daftar lapisan tidak terbaca: %w", filepath.Base(path), err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// ReadBoundaries reads the boundary layer of a GeoPackage and checks it
// with geo.ReadFeatures. opt.Layer names the layer; it may be empty when
// the file holds one feature layer, otherwise a *geo.LayerError lists them. A layer in a
// projected system that package crs knows (UTM, TM-3) is converted to
// WGS 84 lon/lat; another is refused, naming it.
func ReadBoundaries(path string, opt geo.ReadOptions) (*geo.Layer, error) {
	base, layer := filepath.Base(path), opt.Layer
	db, err := open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	names, err := layerNames(db, path)
	if err != nil {
		return nil, err
	}
	switch {
	case len(names) == 0:
		return nil, geo.InputErrors{{File: base, Feature: -1, Rule: geo.RuleNoFeatures, Msg: "GeoPackage tidak memuat lapisan fitur"}}
	case layer == "" && len(names) > 1:
		return nil, &geo.LayerError{File: base, Layers: names}
	case layer == "":
		layer = names[0]
	}
	found := false
	for _, n := range names {
		found = found || n == layer
	}
	if !found {
		return nil, &geo.LayerError{File: base, Want: layer, Layers: names}
	}
	file := base + ", lapisan " + layer
	fileErr := func(rule, format string, a ...any) error {
		return geo.InputErrors{{File: file, Feature: -1, Rule: rule, Msg: fmt.Sprintf(format, a...)}}
	}
	var geomCol, srsName, org, def string
	var orgID int
	err = db.QueryRow(`SELECT g.column_name, s.srs_name, s.organization, s.organization_coordsys_id, s.definition
		FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id WHERE g.table_name = ?`, layer).
		Scan(&geomCol, &srsName, &org, &orgID, &def)
	if err != nil {
		return nil, fmt.Errorf("%s: kolom geometri dan sistem koordinat tidak terbaca: %w", file, err)
	}
	sys, err := system(org, orgID, def)
	if err != nil {
		return nil, fileErr(geo.RuleProjected, "sistem koordinat lapisan ini %s (%s:%d) tidak dapat diubah ke WGS 84 bujur/lintang: %v; ubah proyeksinya dulu, misalnya di QGIS: Ekspor → Simpan Fitur Sebagai… dengan CRS EPSG:4326", srsName, org, orgID, err)
	}
	var count int
	if err := db.QueryRow(`SELECT count(*) FROM ` + quote(layer)).Scan(&count); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if count > geo.MaxFeatures {
		return nil, fileErr(geo.RuleTooLarge, "lapisan memuat %d fitur, lebih dari batas %d (seluruh desa dan kelurahan Indonesia sekitar 84.000), jadi tidak dibaca", count, geo.MaxFeatures)
	}
	rows, err := db.Query(`SELECT * FROM ` + quote(layer))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	feats := make([]geo.Feature, 0, count)
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var errs geo.InputErrors
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("%s, fitur #%d: %w", file, len(feats)+1, err)
		}
		f := geo.Feature{Props: make(map[string]string, len(cols))}
		for i, c := range cols {
			if strings.EqualFold(c, geomCol) {
				b, _ := vals[i].([]byte)
				g, err := decodeGeometry(b)
				if err != nil && len(errs) < 10 {
					errs = append(errs, &geo.InputError{File: file, Feature: len(feats), Rule: geo.RuleGeometryType, Msg: "geometri tidak terbaca: " + err.Error()})
				}
				sys.ToLonLat(g)
				f.Geom = g
				continue
			}
			if s, ok := text(vals[i]); ok {
				f.Props[c] = s
			}
		}
		feats = append(feats, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return geo.ReadFeatures(file, feats, sys.Converted(), opt)
}

// system is the coordinate system of a GeoPackage layer: by its EPSG code,
// else by its WKT definition.
func system(org string, code int, def string) (crs.System, error) {
	if strings.EqualFold(org, "EPSG") {
		return crs.FromEPSG(code)
	}
	if strings.EqualFold(org, "OGC") && code == 84 {
		return crs.FromEPSG(4326)
	}
	return crs.FromWKT(def)
}

// quote is an SQL identifier in double quotes.
func quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// text is an attribute value as text; false for NULL.
func text(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", false
	case string:
		return v, true
	case []byte:
		return string(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return fmt.Sprint(v), true
}

// envelopeBytes is the envelope size by the header's envelope indicator.
var envelopeBytes = [...]int{0, 32, 48, 48, 64}

// decodeGeometry reads a GeoPackage geometry blob: the "GP" header with
// its optional envelope, then WKB. An empty geometry, or NULL, is nil.
func decodeGeometry(b []byte) (orb.Geometry, error) {
	if b == nil {
		return nil, nil
	}
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, errors.New("bukan geometri GeoPackage (awalan \"GP\" tidak ada)")
	}
	flags := b[3]
	if flags&0x20 != 0 {
		return nil, errors.New("geometri GeoPackage berjenis perluasan tidak didukung")
	}
	env := int(flags>>1) & 7
	if env >= len(envelopeBytes) {
		return nil, fmt.Errorf("penanda amplop %d tidak sah", env)
	}
	start := 8 + envelopeBytes[env]
	if len(b) < start {
		return nil, errors.New("geometri terpotong")
	}
	if flags&0x10 != 0 {
		return nil, nil
	}
	r := &wkbReader{b: b[start:]}
	g, err := r.geometry()
	if err != nil {
		return nil, fmt.Errorf("WKB: %w", err)
	}
	return g, nil
}
