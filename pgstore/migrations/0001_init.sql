-- The office server's schema: the same tables as the SQLite store, with the
-- boundaries as PostGIS geometry so that QGIS reads them directly.
CREATE TABLE areas (
	code      text PRIMARY KEY,
	name      text NOT NULL,
	level     text NOT NULL,
	parent    text NOT NULL DEFAULT '',
	geom      geometry(MultiPolygon, 4326),
	min_lon   double precision,
	min_lat   double precision,
	max_lon   double precision,
	max_lat   double precision,
	label_lon double precision,
	label_lat double precision,
	area_km2  double precision
);
CREATE INDEX areas_parent ON areas(parent);
CREATE INDEX areas_geom ON areas USING gist(geom);

CREATE TABLE indicators (
	key         text PRIMARY KEY,
	label       text NOT NULL DEFAULT '',
	unit        text NOT NULL DEFAULT '',
	poorer      text NOT NULL DEFAULT 'neither' CHECK (poorer IN ('higher', 'lower', 'neither')),
	source      text NOT NULL DEFAULT '',
	period      text NOT NULL DEFAULT '',
	synthetic   boolean NOT NULL DEFAULT false,
	numerator   text NOT NULL DEFAULT '',
	denominator text NOT NULL DEFAULT '',
	scale       double precision NOT NULL DEFAULT 0,
	kind        text NOT NULL DEFAULT '' CHECK (kind IN ('', 'count', 'value')),
	categories  text NOT NULL DEFAULT '',
	ordered     boolean NOT NULL DEFAULT false,
	sort        integer NOT NULL DEFAULT 0
);

-- No foreign key to areas: values survive a boundary import that drops a
-- code, as in the SQLite store.
CREATE TABLE indicator_values (
	code      text NOT NULL,
	indicator text NOT NULL REFERENCES indicators(key) ON DELETE CASCADE,
	period    text NOT NULL,
	value     double precision NOT NULL,
	PRIMARY KEY (code, indicator, period)
);
CREATE INDEX indicator_values_by_indicator ON indicator_values(indicator, period, code);

CREATE TABLE meta (
	key   text PRIMARY KEY,
	value text NOT NULL
);

CREATE TABLE imports (
	id       bigserial PRIMARY KEY,
	kind     text NOT NULL,
	file     text NOT NULL,
	at       timestamptz NOT NULL DEFAULT now(),
	username text NOT NULL DEFAULT current_user,
	summary  text NOT NULL
);

CREATE TABLE bps_crosswalk (
	bps  text PRIMARY KEY CHECK (length(bps) = 10),
	code text NOT NULL,
	name text NOT NULL DEFAULT '',
	file text NOT NULL DEFAULT '',
	at   timestamptz NOT NULL DEFAULT now()
);
