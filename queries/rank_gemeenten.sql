-- rank_gemeenten: all gemeenten ranked on one indicator, worst first
-- Uses the indicator's latest period in the store and its polarity
-- (lower_is_better or higher_is_better) to put the gemeenten where the
-- figure is worst at the top; the national value is shown beside each.
-- Only the main series of the indicator (no extra source category).
-- param indicator: indicator id from the catalog, e.g. huishoudens_laag_inkomen
WITH ind AS (
	SELECT i.id, i.polarity, i.unit,
		(SELECT max(period) FROM observation WHERE indicator = i.id) AS period
	FROM indicator i
	WHERE i.code = :indicator
	ORDER BY i.dims
	LIMIT 1
)
SELECT rank() OVER (ORDER BY CASE ind.polarity
		WHEN 'higher_is_better' THEN o.value ELSE -o.value END) AS rank,
	o.region,
	r.name,
	o.period,
	o.value,
	(SELECT n.value FROM observation n
	 WHERE n.indicator = ind.id AND n.period = ind.period
	   AND n.region IN ('NL01', 'NL00')) AS nl_value,
	ind.unit,
	coalesce(ind.polarity, 'neutral') AS polarity
FROM ind
JOIN observation o ON o.indicator = ind.id AND o.period = ind.period
LEFT JOIN region r ON r.code = o.region
WHERE o.region LIKE 'GM%' AND o.value IS NOT NULL
ORDER BY rank, o.region;
