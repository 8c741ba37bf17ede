-- The categories of a categorical indicator (such as the IDM status), one
-- per line, a value v standing for the v-th (from 0); '' for a numeric
-- indicator. ordered = 1 when they are ranked, most deprived first.
ALTER TABLE indicators ADD COLUMN categories TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN ordered INTEGER NOT NULL DEFAULT 0;
