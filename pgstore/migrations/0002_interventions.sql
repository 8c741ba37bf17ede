-- Programmes, interventions, their areas and the change log, as in the
-- SQLite store. Budgets are whole rupiah (bigint); dates are dates. The
-- change log keeps who and from which workstation.
CREATE TABLE programmes (
	name   text PRIMARY KEY,
	sort   integer,
	active boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX programmes_name_ci ON programmes(lower(name));
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

CREATE TABLE interventions (
	id          bigserial PRIMARY KEY,
	programme   text NOT NULL REFERENCES programmes(name) ON UPDATE CASCADE,
	priority    text NOT NULL CHECK (priority IN ('validasi-data', 'peningkatan-pendapatan', 'pengurangan-beban')),
	agency      text NOT NULL,
	funding     text NOT NULL,
	budget      bigint NOT NULL CHECK (budget >= 0),
	households  integer NOT NULL DEFAULT 0 CHECK (households >= 0),
	persons     integer NOT NULL DEFAULT 0 CHECK (persons >= 0),
	start_date  date NOT NULL,
	end_date    date NOT NULL,
	status      text NOT NULL CHECK (status IN ('rencana', 'berjalan', 'selesai')),
	notes       text NOT NULL DEFAULT '',
	created_at  timestamptz NOT NULL DEFAULT now(),
	updated_at  timestamptz NOT NULL DEFAULT now(),
	row_version integer NOT NULL DEFAULT 1,
	CHECK (end_date >= start_date)
);
CREATE INDEX interventions_by_start ON interventions(start_date, id);

CREATE TABLE intervention_areas (
	intervention_id bigint NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
	code            text NOT NULL,
	PRIMARY KEY (intervention_id, code)
);
CREATE INDEX intervention_areas_by_code ON intervention_areas(code text_pattern_ops);

CREATE TABLE change_log (
	id          bigserial PRIMARY KEY,
	at          timestamptz NOT NULL DEFAULT now(),
	username    text NOT NULL,
	workstation text NOT NULL DEFAULT '',
	entity      text NOT NULL,
	entity_id   bigint NOT NULL,
	action      text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'undo')),
	before      jsonb,
	after       jsonb,
	areas       text NOT NULL,
	undoes      bigint UNIQUE REFERENCES change_log(id),
	redoes      bigint REFERENCES change_log(id),
	CHECK ((action = 'undo') = (undoes IS NOT NULL))
);
CREATE INDEX change_log_by_entity ON change_log(entity, entity_id);
