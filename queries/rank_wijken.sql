-- rank_wijken: the wijken of one gemeente ranked on one indicator, worst first
-- Latest period of the indicator in the store; the gemeente's own value and
-- the national value are shown beside each wijk, with the difference from
-- the gemeente. Wijken without a value (e.g. secret small numbers) are listed
-- last with their status.
-- param gemeente: gemeente code, e.g. GM0363
-- param indicator: indicator id from the catalog
WITH ind AS (
	SELECT i.id, i.polarity, i.unit,
		(SELECT max(period) FROM observation WHERE indicator = i.id) AS period
	FROM indicator i
	WHERE i.code = :indicator
	ORDER BY i.dims
	LIMIT 1
),
gm AS (
	SELECT o.value FROM observation o, ind
	WHERE o.indicator = ind.id AND o.period = ind.period
	  AND o.region = :gemeente
)
SELECT CASE WHEN o.value IS NULL THEN NULL ELSE rank() OVER (ORDER BY
		o.value IS NULL, CASE ind.polarity
		WHEN 'higher_is_better' THEN o.value ELSE -o.value END) END AS rank,
	o.region AS wijk,
	r.name,
	o.period,
	o.value,
	o.status,
	(SELECT value FROM gm) AS gemeente_value,
	round(o.value - (SELECT value FROM gm), 10) AS difference,
	(SELECT n.value FROM observation n
	 WHERE n.indicator = ind.id AND n.period = ind.period
	   AND n.region IN ('NL01', 'NL00')) AS nl_value,
	ind.unit
FROM ind
JOIN observation o ON o.indicator = ind.id AND o.period = ind.period
JOIN region r ON r.code = o.region
WHERE r.level = 'wijk' AND r.parent = :gemeente
ORDER BY o.value IS NULL, rank, o.region;
