-- The version of an intervention's row, one more at each save: a save
-- based on an older copy is refused as a conflict (the same rule as on
-- the office server, where several workstations write).
ALTER TABLE interventions ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
