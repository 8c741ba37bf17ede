-- Which way an indicator points towards poverty: 'higher' (a higher value
-- is poorer, e.g. the share of desil-1 households), 'lower' (a lower value
-- is poorer, e.g. the village development index IDM) or 'neither' (counts
-- of people or households). It replaces the yes/no higher_is_poorer.
ALTER TABLE indicators ADD COLUMN poorer TEXT NOT NULL DEFAULT 'neither'
	CHECK (poorer IN ('higher', 'lower', 'neither'));
UPDATE indicators SET poorer = 'higher' WHERE higher_is_poorer <> 0;
ALTER TABLE indicators DROP COLUMN higher_is_poorer;
