-- Household lists (DTKS/DTSEN), as in the SQLite store. NIK, KK and names
-- are personal data: the roles that may read them are set by server init.
CREATE TABLE household_snapshots (
	id          bigserial PRIMARY KEY,
	period      text NOT NULL UNIQUE,
	file        text NOT NULL,
	imported_at timestamptz NOT NULL DEFAULT now(),
	households  integer NOT NULL,
	findings    integer NOT NULL,
	mapping     jsonb NOT NULL
);

CREATE TABLE households (
	snapshot_id bigint NOT NULL REFERENCES household_snapshots(id) ON DELETE CASCADE,
	row         integer NOT NULL,
	kk          text,
	nik         text,
	name        text,
	address     text,
	desa        text,
	desil       integer,
	members     integer,
	disabled    integer,
	elderly     integer,
	programmes  text,
	lon         double precision,
	lat         double precision,
	PRIMARY KEY (snapshot_id, row)
);

CREATE TABLE household_findings (
	id          bigserial PRIMARY KEY,
	snapshot_id bigint NOT NULL REFERENCES household_snapshots(id) ON DELETE CASCADE,
	rule        text NOT NULL,
	severity    text NOT NULL,
	row         integer NOT NULL,
	field       text,
	desa        text,
	nik         text,
	message     text NOT NULL
);
CREATE INDEX household_findings_by_rule ON household_findings(snapshot_id, rule);
CREATE INDEX household_findings_by_desa ON household_findings(snapshot_id, desa);
