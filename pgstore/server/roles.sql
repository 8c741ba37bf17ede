-- Roles of the office server, created once by `pocketmap server init`
-- (run by the database owner with CREATEROLE). They are group roles
-- without login; people get login roles that are members of one
-- (`pocketmap server user add NAME --role …`). The server enforces what
-- each may read and change, whatever program connects.
DO $$
DECLARE r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['pocketmap_viewer', 'pocketmap_planner', 'pocketmap_data', 'pocketmap_admin'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', r);
		END IF;
	END LOOP;
END $$;

-- Each role has the rights of the one before it.
GRANT pocketmap_viewer TO pocketmap_planner;
GRANT pocketmap_planner TO pocketmap_data;
GRANT pocketmap_data TO pocketmap_admin;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO pocketmap_viewer;

-- Viewer: maps and aggregates. Not the households, not the findings (they
-- carry NIK): only their counts, through v_finding_counts.
GRANT SELECT ON areas, indicators, indicator_values, meta, imports, bps_crosswalk,
	programmes, interventions, intervention_areas, change_log, household_snapshots,
	schema_migrations, spatial_ref_sys TO pocketmap_viewer;
CREATE OR REPLACE VIEW v_finding_counts AS
	SELECT s.period, coalesce(f.desa, '') AS desa, f.rule, f.severity, count(*) AS findings
	FROM household_findings f JOIN household_snapshots s ON s.id = f.snapshot_id
	GROUP BY s.period, f.desa, f.rule, f.severity;
GRANT SELECT ON v_finding_counts TO pocketmap_viewer;

-- Planner: interventions and the programme list.
GRANT INSERT, UPDATE, DELETE ON programmes, interventions, intervention_areas, change_log TO pocketmap_planner;
GRANT USAGE ON SEQUENCE interventions_id_seq, change_log_id_seq TO pocketmap_planner;

-- Data officer: household lists (full NIK only here) and indicators.
GRANT SELECT, INSERT, UPDATE, DELETE ON households, household_findings, household_snapshots TO pocketmap_data;
GRANT INSERT, UPDATE, DELETE ON indicators, indicator_values, meta, imports, bps_crosswalk TO pocketmap_data;
GRANT USAGE ON SEQUENCE household_snapshots_id_seq, household_findings_id_seq, imports_id_seq TO pocketmap_data;

-- Admin: boundaries and everything else.
GRANT ALL ON ALL TABLES IN SCHEMA public TO pocketmap_admin;
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO pocketmap_admin;

-- The QGIS views and the published pockets are for every office role.
GRANT SELECT ON v_desa_indicator, v_interventions_by_desa, v_kecamatan_summary, v_pockets, pocket_results TO pocketmap_viewer;
GRANT INSERT, UPDATE, DELETE ON pocket_results TO pocketmap_planner;
