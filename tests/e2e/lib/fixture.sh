# A small CBS v3 table in the real API shapes, served as a recording:
# TEST01 and TEST02 (same shape), 4 regions x 2 periods = 8 rows in three
# TypedDataSet pages linked by odata.nextLink. Sourced by the e2e scripts.

H=https://opendata.cbs.nl
SEL='$format=json&$select=Identifier,Title,ShortTitle,Modified,MetaDataModified,ReasonDelivery,Frequency,OutputStatus,Catalog'

fixture_table() { # <dir> <table> <value offset>
	d=$1 t=$2 off=$3
	cat >"$d/$t-infos.json" <<JSON
{"odata.metadata":"$H/ODataFeed/odata/$t/\$metadata#Cbs.OData.WebAPI.TableInfos","value":[{"ID":0,"Identifier":"$t","Title":"Testtabel $t","ShortTitle":"Test","Modified":"2024-03-01T02:00:00","ReasonDelivery":"Actualisering","Frequency":"Perjaar","OutputStatus":"Regulier"}]}
JSON
	cat >"$d/$t-props.json" <<JSON
{"odata.metadata":"$H/ODataFeed/odata/$t/\$metadata#Cbs.OData.WebAPI.DataProperties","value":[
{"ID":0,"Position":0,"ParentID":null,"Type":"GeoDimension","Key":"RegioS","Title":"Regio's","Description":null,"odata.type":"Cbs.OData.GeoDimension"},
{"ID":1,"Position":1,"ParentID":null,"Type":"TimeDimension","Key":"Perioden","Title":"Perioden","Description":null,"odata.type":"Cbs.OData.TimeDimension"},
{"ID":2,"Position":null,"ParentID":null,"Type":"TopicGroup","Key":"","Title":"Groep","Description":null,"odata.type":"Cbs.OData.TopicGroup"},
{"ID":3,"Position":2,"ParentID":2,"Type":"Topic","Key":"Alpha_1","Title":"Alpha  percentage","Unit":"%","Decimals":1,"Datatype":"Double","Default":"Zero","Description":null,"odata.type":"Cbs.OData.Topic"},
{"ID":4,"Position":3,"ParentID":2,"Type":"Topic","Key":"Beta_2","Title":"Beta","Unit":"aantal","Decimals":0,"Datatype":"Long","Default":"Zero","Description":null,"odata.type":"Cbs.OData.Topic"}]}
JSON
	cat >"$d/$t-RegioS.json" <<JSON
{"odata.metadata":"$H/ODataFeed/odata/$t/\$metadata#Cbs.OData.WebAPI.RegioS","value":[
{"Key":"NL01    ","Title":"Nederland","Description":null,"CategoryGroupID":null},
{"Key":"GM0001  ","Title":"Eerstedorp","Description":null,"CategoryGroupID":null},
{"Key":"GM0002  ","Title":"Fryslân-stad","Description":null,"CategoryGroupID":null},
{"Key":"WK000101","Title":"Centrum","Description":null,"CategoryGroupID":null}]}
JSON
	cat >"$d/$t-Perioden.json" <<JSON
{"odata.metadata":"$H/ODataFeed/odata/$t/\$metadata#Cbs.OData.WebAPI.Perioden","value":[
{"Key":"2023JJ00","Title":"2023","Description":null,"Status":"Definitief"},
{"Key":"2024JJ00","Title":"2024*","Description":null,"Status":"Voorlopig"}]}
JSON
	row() { # id region period alpha beta
		printf '{"ID":%s,"RegioS":"%s","Perioden":"%s","Alpha_1":%s,"Beta_2":%s}' "$@"
	}
	u="$H/ODataFeed/odata/$t/TypedDataSet?\$format=json"
	{
		printf '{"odata.metadata":"x","value":['
		row 0 "NL01    " 2023JJ00 $((10 + off)).5 1000; printf ,
		row 1 "NL01    " 2024JJ00 $((11 + off)).5 1100; printf ,
		row 2 "GM0001  " 2023JJ00 $((20 + off)).0 null
		printf '],"odata.nextLink":"%s&$skip=3"}\n' "$u"
	} >"$d/$t-p1.json"
	{
		printf '{"odata.metadata":"x","value":['
		row 3 "GM0001  " 2024JJ00 $((21 + off)).25 210; printf ,
		row 4 "GM0002  " 2023JJ00 null 300; printf ,
		row 5 "GM0002  " 2024JJ00 $((31 + off)).0 310
		printf '],"odata.nextLink":"%s&$skip=6"}\n' "$u"
	} >"$d/$t-p2.json"
	{
		printf '{"odata.metadata":"x","value":['
		row 6 "WK000101" 2023JJ00 $((40 + off)).0 40; printf ,
		row 7 "WK000101" 2024JJ00 $((41 + off)).0 41
		printf ']}\n'
	} >"$d/$t-p3.json"
	b="$H/ODataFeed/odata/$t"
	printf '200\tapplication/json\t%s\t%s\n' \
		"$t-infos.json" "$b/TableInfos?\$format=json" \
		"$t-props.json" "$b/DataProperties?\$format=json" \
		"$t-RegioS.json" "$b/RegioS?\$format=json" \
		"$t-Perioden.json" "$b/Perioden?\$format=json" \
		"$t-p1.json" "$u" \
		"$t-p2.json" "$u&\$skip=3" \
		"$t-p3.json" "$u&\$skip=6" >>"$d/manifest.tsv"
}

# make_fixture <dir> [value offset]: recording + catalog dir <dir>/catalog.
make_fixture() {
	d=$1
	off=${2:-0}
	mkdir -p "$d/catalog"
	echo "# inzicht recording 1" >"$d/manifest.tsv"
	cat >"$d/tables.json" <<JSON
{"odata.metadata":"$H/ODataCatalog/\$metadata#Tables","value":[
{"Identifier":"TEST01","Title":"Testtabel 2024","ShortTitle":"T","Modified":"2024-03-0$((1 + off))T02:00:00","MetaDataModified":"x","ReasonDelivery":"Actualisering","Frequency":"Perjaar","OutputStatus":"Regulier","Catalog":"CBS"},
{"Identifier":"TEST09","Title":"Testtabel 2025","ShortTitle":"T","Modified":"2025-03-01T02:00:00","MetaDataModified":"x","ReasonDelivery":"Nieuw","Frequency":"Perjaar","OutputStatus":"Regulier","Catalog":"CBS"},
{"Identifier":"TEST02","Title":"Andere tabel","ShortTitle":"T","Modified":"2024-03-0$((1 + off))T02:00:00","MetaDataModified":"x","ReasonDelivery":"Stopgezet","Frequency":"Stopgezet","OutputStatus":"Gediscontinueerd","Catalog":"CBS"}]}
JSON
	printf '200\tapplication/json\ttables.json\t%s/ODataCatalog/Tables?%s\n' "$H" "$SEL" >>"$d/manifest.tsv"
	fixture_table "$d" TEST01 "$off"
	fixture_table "$d" TEST02 "$off"
	cat >"$d/catalog/t1.json" <<'JSON'
{"id": "t1", "source": "cbs-v3", "table": "TEST01",
 "measures": {
  "Alpha_1": {"indicator": "alpha", "title": "alpha percentage", "unit": "%",
              "spearhead": "gezondheid", "polarity": "lower_is_better"},
  "Beta_2": {"indicator": "beta", "title": "Beta", "unit": "aantal",
             "spearhead": "context", "polarity": "neutral"}}}
JSON
	echo '{"id": "t2", "source": "cbs-v3", "table": "TEST02"}' >"$d/catalog/t2.json"
}
