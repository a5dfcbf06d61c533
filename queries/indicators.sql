-- indicators: every indicator in the store with its spearhead and coverage
-- One row per indicator id and source category: dataset, CBS table, title,
-- unit, spearhead, polarity, life stage (approximate when the source's age
-- band does not nest in it), number of regions and the periods covered.
SELECT i.code AS indicator,
	i.dataset,
	d.table_id AS "table",
	i.title,
	i.dims AS category,
	i.unit,
	coalesce(i.spearhead, '') AS spearhead,
	coalesce(i.polarity, '') AS polarity,
	coalesce(i.life_stage, '') || CASE WHEN i.approximate THEN ' (approx.)'
		ELSE '' END AS life_stage,
	count(DISTINCT o.region) AS regions,
	min(o.period) AS first_period,
	max(o.period) AS last_period
FROM indicator i
JOIN dataset d ON d.id = i.dataset
LEFT JOIN observation o ON o.indicator = i.id
GROUP BY i.id
ORDER BY i.spearhead, i.code, i.dims;
