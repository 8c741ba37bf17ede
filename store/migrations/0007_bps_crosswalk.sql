-- The BPS desa codes (PPKKCCCDDD) a user matched to Kemendagri areas by
-- name in a join-health review, reused for later BPS-keyed files.
CREATE TABLE bps_crosswalk (
	bps TEXT PRIMARY KEY CHECK (length(bps) = 10),
	code TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	file TEXT NOT NULL DEFAULT '',
	at TEXT NOT NULL
);
