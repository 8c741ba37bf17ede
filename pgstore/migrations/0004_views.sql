-- Views for QGIS (Layer → Add Layer → PostgreSQL): the office's current
-- figures on the map without pocketmap. Geometry is the desa or kecamatan
-- boundary in EPSG:4326; the keys are the Kemendagri codes.

-- Every indicator value of every desa, with its boundary (filter on
-- indicator and period in QGIS).
CREATE VIEW v_desa_indicator AS
	SELECT a.code || '/' || v.indicator || '/' || v.period AS fid,
		a.code, a.name, k.name AS kecamatan, v.indicator, i.label, i.unit, v.period, v.value,
		i.synthetic, i.source, a.geom
	FROM areas a
	JOIN indicator_values v ON v.code = a.code
	JOIN indicators i ON i.key = v.indicator
	LEFT JOIN areas k ON k.code = a.parent
	WHERE a.level IN ('desa', 'kelurahan') AND a.geom IS NOT NULL;

-- Interventions reaching each desa (named on the desa or its kecamatan):
-- how many, how many active today, and their budget.
CREATE VIEW v_interventions_by_desa AS
	SELECT a.code, a.name, k.name AS kecamatan,
		count(DISTINCT i.id) AS interventions,
		count(DISTINCT i.id) FILTER (WHERE i.status <> 'selesai' AND i.start_date <= current_date AND i.end_date >= current_date) AS active_today,
		coalesce(sum(i.budget) FILTER (WHERE ia.code = a.code), 0) AS budget_named_here,
		string_agg(DISTINCT i.programme, '; ') AS programmes,
		a.geom
	FROM areas a
	LEFT JOIN areas k ON k.code = a.parent
	LEFT JOIN intervention_areas ia ON ia.code = a.code OR ia.code = a.parent
	LEFT JOIN interventions i ON i.id = ia.intervention_id
	WHERE a.level IN ('desa', 'kelurahan') AND a.geom IS NOT NULL
	GROUP BY a.code, a.name, k.name, a.geom;

-- Each kecamatan: its desa, interventions reaching it and their budget.
CREATE VIEW v_kecamatan_summary AS
	SELECT k.code, k.name,
		(SELECT count(*) FROM areas d WHERE d.parent = k.code AND d.level IN ('desa', 'kelurahan')) AS desa,
		(SELECT count(DISTINCT ia.intervention_id) FROM intervention_areas ia
			WHERE ia.code = k.code OR ia.code LIKE k.code || '.%') AS interventions,
		(SELECT coalesce(sum(i.budget), 0) FROM interventions i WHERE i.id IN (SELECT ia.intervention_id FROM intervention_areas ia
			WHERE ia.code = k.code OR ia.code LIKE k.code || '.%')) AS budget,
		k.geom
	FROM areas k
	WHERE k.level = 'kecamatan' AND k.geom IS NOT NULL;

-- The poverty pockets of the analysis last published to the server
-- (pocketmap publish pockets): one row per desa of that analysis.
CREATE TABLE pocket_results (
	code      text PRIMARY KEY,
	indicator text NOT NULL,
	period    text NOT NULL,
	value     double precision,
	cluster   text NOT NULL,
	p_value   double precision,
	pocket    boolean NOT NULL,
	method    text NOT NULL,
	published timestamptz NOT NULL DEFAULT now()
);
CREATE VIEW v_pockets AS
	SELECT r.code, a.name, k.name AS kecamatan, r.indicator, r.period, r.value, r.cluster, r.p_value,
		r.method, r.published, a.geom
	FROM pocket_results r
	JOIN areas a ON a.code = r.code
	LEFT JOIN areas k ON k.code = a.parent
	WHERE r.pocket AND a.geom IS NOT NULL;
