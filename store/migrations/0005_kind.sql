-- What sort of number a non-derived indicator is: 'count' (summed per
-- kecamatan), 'value' (an index or score, averaged per kecamatan), or ''
-- (guessed from the unit).
ALTER TABLE indicators ADD COLUMN kind TEXT NOT NULL DEFAULT ''
	CHECK (kind IN ('', 'count', 'value'));
