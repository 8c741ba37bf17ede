-- Areas: one row per administrative unit. geom is the WKB of the
-- orb.MultiPolygon (NULL when the boundary is unknown, e.g. a kecamatan
-- created from the names in a desa file); the bounding box, label point and
-- area are stored so that loading needs no recomputation.
CREATE TABLE areas (
	code      TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	level     TEXT NOT NULL,
	parent    TEXT NOT NULL DEFAULT '',
	geom      BLOB,
	min_lon   REAL,
	min_lat   REAL,
	max_lon   REAL,
	max_lat   REAL,
	label_lon REAL,
	label_lat REAL,
	area_km2  REAL
);
CREATE INDEX areas_parent ON areas(parent);

-- Indicators: definitions, in display order (sort). A derived indicator is
-- numerator/denominator × scale, computed from the stored counts.
CREATE TABLE indicators (
	key              TEXT PRIMARY KEY,
	label            TEXT NOT NULL DEFAULT '',
	unit             TEXT NOT NULL DEFAULT '',
	higher_is_poorer INTEGER NOT NULL DEFAULT 0,
	source           TEXT NOT NULL DEFAULT '',
	period           TEXT NOT NULL DEFAULT '',
	synthetic        INTEGER NOT NULL DEFAULT 0,
	numerator        TEXT NOT NULL DEFAULT '',
	denominator      TEXT NOT NULL DEFAULT '',
	scale            REAL NOT NULL DEFAULT 0,
	sort             INTEGER NOT NULL DEFAULT 0
);

-- Values per area, indicator and period. Deliberately no foreign key to
-- areas: values survive a boundary re-import that drops a code and show up
-- in the join-health report instead.
CREATE TABLE indicator_values (
	code      TEXT NOT NULL,
	indicator TEXT NOT NULL REFERENCES indicators(key) ON DELETE CASCADE,
	period    TEXT NOT NULL,
	value     REAL NOT NULL,
	PRIMARY KEY (code, indicator, period)
);
CREATE INDEX indicator_values_by_indicator ON indicator_values(indicator, period, code, value);

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- Log of imports, newest last.
CREATE TABLE imports (
	id      INTEGER PRIMARY KEY,
	kind    TEXT NOT NULL,
	file    TEXT NOT NULL,
	at      TEXT NOT NULL,
	summary TEXT NOT NULL
);
