-- Household lists (DTKS/DTSEN). Each import is a snapshot of one period;
-- a period is imported once and a new list never overwrites an older one.
-- mapping is the JSON of the column mapping used (field key → column).
-- NIK, KK and names are personal data: they stay in this file (0600), and
-- what leaves it is aggregated or masked.
CREATE TABLE household_snapshots (
	id          INTEGER PRIMARY KEY,
	period      TEXT NOT NULL UNIQUE,
	file        TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	households  INTEGER NOT NULL,
	findings    INTEGER NOT NULL,
	mapping     TEXT NOT NULL
);

-- One row per household as read (row = line or sheet row, header = 1).
-- desa is the code the validator resolved (NULL when unknown); missing
-- counts, desil and points are NULL; programmes are joined by "; ".
CREATE TABLE households (
	snapshot_id INTEGER NOT NULL REFERENCES household_snapshots(id) ON DELETE CASCADE,
	row         INTEGER NOT NULL,
	kk          TEXT,
	nik         TEXT,
	name        TEXT,
	address     TEXT,
	desa        TEXT,
	desil       INTEGER,
	members     INTEGER,
	disabled    INTEGER,
	elderly     INTEGER,
	programmes  TEXT,
	lon         REAL,
	lat         REAL,
	PRIMARY KEY (snapshot_id, row)
) WITHOUT ROWID;

-- Validation findings (household.Finding), in the order found. nik is as
-- written: callers mask it before showing it.
CREATE TABLE household_findings (
	snapshot_id INTEGER NOT NULL REFERENCES household_snapshots(id) ON DELETE CASCADE,
	rule        TEXT NOT NULL,
	severity    TEXT NOT NULL,
	row         INTEGER NOT NULL,
	field       TEXT,
	desa        TEXT,
	nik         TEXT,
	message     TEXT NOT NULL
);
CREATE INDEX household_findings_by_rule ON household_findings(snapshot_id, rule);
CREATE INDEX household_findings_by_desa ON household_findings(snapshot_id, desa);
