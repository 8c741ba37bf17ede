-- Programmes: the user-editable list offered when recording an
-- intervention, in display order (sort). A programme is never deleted, only
-- deactivated, so that old interventions keep their name; renaming one
-- renames it in its interventions (ON UPDATE CASCADE).
CREATE TABLE programmes (
	name   TEXT PRIMARY KEY,
	sort   INTEGER,
	active INTEGER NOT NULL DEFAULT 1
);
-- Seeded with aid.DefaultProgrammes (TestDefaultProgrammesSeeded keeps the
-- two lists equal).
INSERT INTO programmes(name, sort) VALUES
	('BLT Dana Desa', 0),
	('BLT DBHCHT', 1),
	('BPNT/Sembako', 2),
	('PKH', 3),
	('PBI-JK', 4),
	('Bantuan disabilitas (ATENSI)', 5),
	('Rehabilitasi rumah (RTLH)', 6),
	('Pelatihan kerja', 7),
	('Modal usaha/UMKM', 8),
	('Padat karya', 9);

-- Interventions: one programme's action in one or more areas. budget is
-- whole rupiah (INTEGER, never REAL); dates are YYYY-MM-DD so that text
-- order is date order.
CREATE TABLE interventions (
	id         INTEGER PRIMARY KEY,
	programme  TEXT NOT NULL REFERENCES programmes(name) ON UPDATE CASCADE,
	priority   TEXT NOT NULL CHECK (priority IN ('validasi-data', 'peningkatan-pendapatan', 'pengurangan-beban')),
	agency     TEXT NOT NULL,
	funding    TEXT NOT NULL,
	budget     INTEGER NOT NULL CHECK (typeof(budget) = 'integer' AND budget >= 0),
	households INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
	persons    INTEGER NOT NULL DEFAULT 0 CHECK (persons >= 0),
	start_date TEXT NOT NULL,
	end_date   TEXT NOT NULL,
	status     TEXT NOT NULL CHECK (status IN ('rencana', 'berjalan', 'selesai')),
	notes      TEXT NOT NULL DEFAULT '',
	created_at TEXT,
	updated_at TEXT,
	CHECK (end_date >= start_date)
);
CREATE INDEX interventions_by_start ON interventions(start_date, id);
CREATE INDEX interventions_by_programme ON interventions(programme);

-- The desa and kecamatan codes an intervention reaches. Deliberately no
-- foreign key to areas, like indicator_values: an intervention survives a
-- boundary re-import that drops a code.
CREATE TABLE intervention_areas (
	intervention_id INTEGER NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
	code            TEXT NOT NULL,
	PRIMARY KEY (intervention_id, code)
);
CREATE INDEX intervention_areas_by_code ON intervention_areas(code);

-- Change log of interventions, append-only, newest last. before and after
-- are the JSON of the intervention with its areas (NULL when absent: before
-- of a create, after of a delete); areas is the ';'-joined codes of both,
-- for the per-area history. An 'undo' row reverts the change whose id is in
-- undoes; a change is undone when an undo row points at it.
CREATE TABLE change_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	user      TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id INTEGER NOT NULL,
	action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'undo')),
	before    TEXT,
	after     TEXT,
	areas     TEXT NOT NULL,
	undoes    INTEGER UNIQUE REFERENCES change_log(id),
	CHECK ((action = 'undo') = (undoes IS NOT NULL))
);
CREATE INDEX change_log_by_entity ON change_log(entity, entity_id);
