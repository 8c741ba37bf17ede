-- A change made again by redo names the undo it reverses; a new change
-- (redoes NULL) after an undo ends what can be redone.
ALTER TABLE change_log ADD COLUMN redoes INTEGER REFERENCES change_log(id);
