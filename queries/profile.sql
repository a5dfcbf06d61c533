-- profile: a region's indicators in their latest period, beside the Netherlands
-- One row per indicator (and source category such as an age group) that has a
-- value for the region: spearhead, life stage, value, the published 95%
-- interval when the source has one, the national value for the same period,
-- unit and CBS table. Missing values show their status instead of a number.
-- param region: region code, e.g. GM0363 (gemeente), WK036305 (wijk)
WITH latest AS (
	SELECT o.indicator, max(o.period) AS period
	FROM observation o
	WHERE o.region = :region
	GROUP BY o.indicator
)
SELECT coalesce(i.spearhead, '') AS spearhead,
	i.code AS indicator,
	i.title,
	i.dims AS category,
	coalesce(i.life_stage, '') AS life_stage,
	l.period,
	o.value,
	o.status,
	o.ci_low,
	o.ci_high,
	(SELECT n.value FROM observation n
	 WHERE n.indicator = i.id AND n.period = l.period
	   AND n.region IN ('NL01', 'NL00')) AS nl_value,
	i.unit,
	d.table_id AS "table"
FROM latest l
JOIN indicator i ON i.id = l.indicator
JOIN observation o
	ON o.indicator = l.indicator AND o.region = :region
	AND o.period = l.period
JOIN dataset d ON d.id = i.dataset
ORDER BY spearhead, i.code, i.dims;
