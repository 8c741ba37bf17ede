// Package gpkg writes and reads OGC GeoPackage files (SQLite, with the pure-Go
// driver modernc.org/sqlite): the exported map layers that QGIS and GDAL
// open directly, several layers in one file. It writes what it is given;
// the layers (aggregates only) come from package report.
package gpkg

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/dinsos-tuban/pocketmap/report"
)

// applicationID is "GPKG" and userVersion GeoPackage 1.3.0, as the
// standard asks.
const (
	applicationID = 0x47504B47
	userVersion   = 10300
)

// schema is the GeoPackage core: spatial reference systems (the three the
// standard requires, WGS 84 among them), contents and geometry columns.
const schema = `
CREATE TABLE gpkg_spatial_ref_sys (
	srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
	organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
	('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
	('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
	('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (
	table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
	last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
	srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
	table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
	srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
	CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
	CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
	CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
`

// identifier is a table or column name we write unquoted-safe.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Write writes the layers as a new GeoPackage at path (replacing a file
// there), each a table of MultiPolygons in WGS 84 with its attributes. The
// file is written next to path and renamed into place.
func Write(path string, layers []report.Layer) error {
	tmp := path + ".sedang-ditulis"
	os.Remove(tmp)
	if err := write(tmp, layers); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("menulis GeoPackage %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("menulis GeoPackage %s: %w", filepath.Base(path), err)
	}
	return nil
}

func write(path string, layers []report.Layer) error {
	db, err := openDB(path, "_pragma=journal_mode(DELETE)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d;", applicationID, userVersion)); err != nil {
		return err
	}
	if _, err := tx.Exec(schema); err != nil {
		return err
	}
	for _, l := range layers {
		if err := writeLayer(tx, l); err != nil {
			return fmt.Errorf("lapisan %s: %w", l.Name, err)
		}
	}
	return tx.Commit()
}

func writeLayer(tx *sql.Tx, l report.Layer) error {
	if !identifier.MatchString(l.Name) {
		return fmt.Errorf("nama lapisan %q tidak sah", l.Name)
	}
	cols := []string{"fid INTEGER PRIMARY KEY AUTOINCREMENT", "geom MULTIPOLYGON"}
	names := []string{"geom"}
	for _, c := range l.Columns {
		if !identifier.MatchString(c.Name) {
			return fmt.Errorf("nama kolom %q tidak sah", c.Name)
		}
		typ := map[string]string{report.ColText: "TEXT", report.ColReal: "REAL", report.ColInt: "INTEGER"}[c.Type]
		if typ == "" {
			return fmt.Errorf("kolom %s: jenis %q tidak dikenal", c.Name, c.Type)
		}
		cols = append(cols, fmt.Sprintf(`"%s" %s`, c.Name, typ))
		names = append(names, `"`+c.Name+`"`)
	}
	if _, err := tx.Exec(fmt.Sprintf(`CREATE TABLE "%s" (%s)`, l.Name, strings.Join(cols, ", "))); err != nil {
		return err
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ")
	st, err := tx.Prepare(fmt.Sprintf(`INSERT INTO "%s" (%s) VALUES (%s)`, l.Name, strings.Join(names, ", "), marks))
	if err != nil {
		return err
	}
	defer st.Close()
	ext := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for i, f := range l.Features {
		if len(f.Values) != len(l.Columns) {
			return fmt.Errorf("fitur %d: %d nilai untuk %d kolom", i+1, len(f.Values), len(l.Columns))
		}
		var g any
		if len(f.Geom) > 0 {
			b := f.Geom.Bound()
			ext = ext.Union(b)
			if g, err = geometryBlob(f.Geom, b); err != nil {
				return fmt.Errorf("fitur %d: %w", i+1, err)
			}
		}
		args := append([]any{g}, f.Values...)
		for k, v := range args {
			if x, ok := v.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
				args[k] = nil
			}
		}
		if _, err := st.Exec(args...); err != nil {
			return fmt.Errorf("fitur %d: %w", i+1, err)
		}
	}
	var minX, minY, maxX, maxY any
	if ext.Min[0] <= ext.Max[0] {
		minX, minY, maxX, maxY = ext.Min[0], ext.Min[1], ext.Max[0], ext.Max[1]
	}
	if _, err := tx.Exec(`INSERT INTO gpkg_contents(table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
		VALUES(?, 'features', ?, ?, ?, ?, ?, ?, 4326)`, l.Name, l.Name, l.Description, minX, minY, maxX, maxY); err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO gpkg_geometry_columns VALUES(?, 'geom', 'MULTIPOLYGON', 4326, 0, 0)`, l.Name)
	return err
}

// geometryBlob is a GeoPackage geometry: the "GP" header (version 0,
// little-endian, an XY envelope, WGS 84) and the WKB.
func geometryBlob(mp orb.MultiPolygon, b orb.Bound) ([]byte, error) {
	body, err := wkb.Marshal(mp, binary.LittleEndian)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Write([]byte{'G', 'P', 0, 0x03}) // flags: envelope [minx, maxx, miny, maxy], little endian
	binary.Write(&buf, binary.LittleEndian, int32(4326))
	for _, v := range []float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
		binary.Write(&buf, binary.LittleEndian, v)
	}
	buf.Write(body)
	return buf.Bytes(), nil
}
