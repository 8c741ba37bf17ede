-- Every change a workstation saves is announced on the channel
-- 'pocketmap' (the payload names what changed: intervention, indicator,
-- boundaries, households), so that the others redraw within a moment
-- without polling the database.
CREATE FUNCTION pocketmap_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_TABLE_NAME = 'change_log' THEN
		PERFORM pg_notify('pocketmap', NEW.entity);
	ELSE
		PERFORM pg_notify('pocketmap', NEW.kind);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER change_log_notify AFTER INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION pocketmap_notify();
CREATE TRIGGER imports_notify AFTER INSERT ON imports FOR EACH ROW EXECUTE FUNCTION pocketmap_notify();
