#!/usr/bin/env python3
"""Write datasets/sample/: a recording of `inzicht fetch` over the default
catalog (datasets/*.json), cut down to a handful of gemeenten and wijken.

    python3 tools/sample/make_sample.py            # regenerate and validate
    python3 tools/sample/make_sample.py --check    # validate only

Python 3 standard library only. The output is deterministic: running it twice
gives byte-identical files.

What comes from where
- The catalog files (datasets/*.json) are the source of truth for which
  tables, hosts, filters and measure keys are requested; this script reads
  them and builds the exact request URLs the fetcher sends.
- The table shapes (DataProperties, dimension items, TableInfos, catalog rows)
  are defined below, in the real CBS OData v3 JSON shapes (see
  shared CBS-SOURCES.md and the real payloads in shared/realdata/cbs/).
- The values are illustrative: a small deterministic model per region
  (population, age and household profile, a deprivation score `dep`) keeps
  them plausible and consistent across tables. A few national values are
  real published figures; they are marked REAL below and listed in
  datasets/sample/README.md together with every unverified key and code.
- The server side is simulated: a full (cut-down) cube is generated per table,
  the catalog entry's $filter is applied to it, and the result is paged.
"""

import hashlib
import json
import os
import shutil
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CATALOG_DIR = os.path.join(ROOT, "datasets")
OUT = os.path.join(ROOT, "datasets", "sample")

MAGIC = "# inzicht recording 1"
CTYPE = "application/json; charset=utf-8"
HOSTS = {"CBS": "https://opendata.cbs.nl", "other": "https://dataderden.cbs.nl"}
LEVEL_PREFIX = {"land": "NL", "landsdeel": "LD", "provincie": "PV", "corop": "CR",
                "ggd": "GG", "gemeente": "GM", "wijk": "WK", "buurt": "BU"}
CATALOG_SELECT = ("Identifier,Title,ShortTitle,Modified,MetaDataModified,"
                  "ReasonDelivery,Frequency,OutputStatus,Catalog")


def host(catalog):
    return HOSTS["CBS"] if catalog == "CBS" else HOSTS["other"]


def noise(*parts):
    """Deterministic pseudo-random number in [-1, 1)."""
    h = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(h[:8], "big") / 2.0 ** 63 - 1.0


def rnd(x, step):
    return int(round(x / step)) * step


def clip(x, lo=0.0, hi=100.0):
    return max(lo, min(hi, x))


def pad(s, width):
    return s if s is None else s.ljust(width)


# ---------------------------------------------------------------------------
# Regions. Population figures are approximations of 1 January 2025 (not
# verified); `dep` is an invented deprivation score driving the illustrative
# values; `ages` are shares 0-14, 15-24, 25-44, 45-64, 65+; `hh` is (average
# household size, share one-person households, share households with
# children). Wijk codes/names: see README for which are real.
# ---------------------------------------------------------------------------

NL = dict(code="NL", kwb="NL00", regios="NL01", name="Nederland", inw=18044027, dep=0.0,
          ages=(0.153, 0.122, 0.256, 0.257, 0.212), hh=(2.12, 0.395, 0.33))

GEMEENTEN = [
    dict(code="GM0363", name="Amsterdam", regios_name="Amsterdam", pv=("PV27", "Noord-Holland"),
         ggd=("GG3406", "GGD Amsterdam"), inw=933680, dep=0.55,
         ages=(0.142, 0.131, 0.369, 0.220, 0.138), hh=(1.85, 0.55, 0.22),
         wijken=[("WK0363AD", "Burgwallen-Nieuwe Zijde", 4200, -0.2),
                 ("WK0363MC", "Oosterparkbuurt", 11300, 0.3),
                 ("WK0363MD", "Transvaalbuurt", 10600, 0.9),
                 ("WK0363ME", "Dapperbuurt", 12400, 0.6),
                 ("WK0363MF", "Indische Buurt-West", 13700, 0.8),
                 ("WK0363MG", "Indische Buurt-Oost", 12100, 1.1)]),
    dict(code="GM0599", name="Rotterdam", regios_name="Rotterdam", pv=("PV28", "Zuid-Holland"),
         ggd=("GG4607", "GGD Rotterdam-Rijnmond"), inw=670610, dep=0.9,
         ages=(0.160, 0.130, 0.310, 0.240, 0.160), hh=(2.00, 0.50, 0.25),
         wijken=[("WK059901", "Stadscentrum", 37500, 0.4),
                 ("WK059903", "Delfshaven", 76000, 1.3),
                 ("WK059905", "Noord", 52900, 0.7),
                 ("WK059908", "Kralingen-Crooswijk", 54800, 0.6),
                 ("WK059910", "Feijenoord", 77600, 1.4),
                 ("WK059915", "Charlois", 70100, 1.5)]),
    dict(code="GM0014", name="Groningen", regios_name="Groningen (gemeente)", pv=("PV20", "Groningen"),
         ggd=("GG0111", "GGD Groningen"), inw=245200, dep=0.6,
         ages=(0.120, 0.220, 0.280, 0.210, 0.170), hh=(1.70, 0.55, 0.18),
         wijken=[("WK001400", "Wijk 00 Centrum", 23500, 0.4),
                 ("WK001401", "Wijk 01 Oude Wijken", 20300, 0.2),
                 ("WK001402", "Wijk 02 Oosterparkwijk", 14600, 1.0),
                 ("WK001403", "Wijk 03 Zuidwest", 18900, 0.5)]),
    dict(code="GM0153", name="Enschede", regios_name="Enschede", pv=("PV23", "Overijssel"),
         ggd=("GG1106", "GGD Twente"), inw=161950, dep=0.6,
         ages=(0.140, 0.160, 0.250, 0.250, 0.200), hh=(1.95, 0.47, 0.24),
         wijken=[("WK015300", "Wijk 00 Centrum", 22000, 0.9),
                 ("WK015301", "Wijk 01 Noord", 30500, 0.8),
                 ("WK015302", "Wijk 02 Oost", 26700, 1.0),
                 ("WK015304", "Wijk 04 Zuid", 28900, 0.1)]),
    dict(code="GM0200", name="Apeldoorn", regios_name="Apeldoorn", pv=("PV25", "Gelderland"),
         ggd=("GG1413", "GGD Noord- en Oost-Gelderland"), inw=167250, dep=0.05,
         ages=(0.150, 0.110, 0.230, 0.270, 0.240), hh=(2.10, 0.40, 0.27),
         wijken=[("WK020001", "Wijk 01 Centrum", 11800, 0.5),
                 ("WK020002", "Wijk 02 Apeldoorn-Noord", 24100, 0.0),
                 ("WK020005", "Wijk 05 Zevenhuizen", 16400, 0.7),
                 ("WK020010", "Wijk 10 Ugchelen", 6900, -0.6)]),
    dict(code="GM0080", name="Leeuwarden", regios_name="Leeuwarden", pv=("PV21", "Fryslân"),
         ggd=("GG7206", "GGD Fryslân"), inw=127500, dep=0.45,
         ages=(0.150, 0.140, 0.260, 0.250, 0.200), hh=(1.95, 0.46, 0.25),
         wijken=[("WK008000", "Wijk 00 Binnenstad", 11300, 0.3),
                 ("WK008021", "Wijk 21 Heechterp-Schieringen", 7900, 1.3),
                 ("WK008036", "Wijk 36 Camminghaburen", 10600, 0.3),
                 ("WK008050", "Wijk 50 Hempens/Teerns e.o.", 9800, -0.2)]),
    dict(code="GM0088", name="Schiermonnikoog", regios_name="Schiermonnikoog", pv=("PV21", "Fryslân"),
         ggd=("GG7206", "GGD Fryslân"), inw=960, dep=-0.3,
         ages=(0.090, 0.100, 0.210, 0.290, 0.310), hh=(1.75, 0.55, 0.15),
         wijken=[("WK008800", "Wijk 00 Schiermonnikoog", 960, -0.3)]),
    dict(code="GM0880", name="Wormerland", regios_name="Wormerland", pv=("PV27", "Noord-Holland"),
         ggd=("GG7306", "GGD Zaanstreek/Waterland"), inw=16880, dep=-0.6,
         ages=(0.160, 0.110, 0.210, 0.290, 0.230), hh=(2.30, 0.30, 0.32),
         wijken=[("WK088000", "Wijk 00 Wormer", 11300, -0.4),
                 ("WK088001", "Wijk 01 Wijdewormer", 1700, -0.8),
                 ("WK088002", "Wijk 02 Jisp", 850, -0.9),
                 ("WK088003", "Wijk 03 Oostknollendam en Spijkerboor", 3030, -0.7)]),
]
GEM = {g["code"]: g for g in GEMEENTEN}

# Buurten appear in the WijkenEnBuurten dimension lists only (the catalog
# filters keep land, gemeente and wijk): the filter must drop them.
BUURTEN = [("BU0363AD03", "Nieuwendijk-Noord", "WK0363AD", 2100),
           ("BU0363AD05", "Nieuwe Kerk e.o.", "WK0363AD", 825),
           ("BU05990325", "Middelland", "WK059903", 11900),
           ("BU00140000", "Binnenstad-Noord", "WK001400", 12100),
           ("BU00880000", "Schiermonnikoog", "WK008800", 885)]

GGD_DEP = {"GG3406": 0.5, "GG4607": 0.6, "GG0111": 0.35, "GG1106": 0.4, "GG1413": 0.0,
           "GG7206": 0.25, "GG7306": -0.1}


def regions(levels):
    """Region records: dict(level, code, name, inw, dep, gem, wijk)."""
    out = []
    if "land" in levels:
        out.append(dict(level="land", code="NL", name=NL["name"], inw=NL["inw"], dep=0.0, gem=None, wijk=None))
    if "ggd" in levels:
        seen = []
        for g in GEMEENTEN:
            if g["ggd"][0] not in seen:
                seen.append(g["ggd"][0])
                out.append(dict(level="ggd", code=g["ggd"][0], name=g["ggd"][1],
                                inw=sum(x["inw"] for x in GEMEENTEN if x["ggd"] == g["ggd"]) * 3,
                                dep=GGD_DEP[g["ggd"][0]], gem=None, wijk=None))
    for g in GEMEENTEN:
        if "gemeente" in levels:
            out.append(dict(level="gemeente", code=g["code"], name=g["name"], inw=g["inw"],
                            dep=g["dep"], gem=g, wijk=None))
        if "wijk" in levels:
            for code, name, inw, dep in g["wijken"]:
                out.append(dict(level="wijk", code=code, name=name, inw=inw, dep=dep, gem=g, wijk=code))
        if "buurt" in levels:
            for code, name, wk, inw in BUURTEN:
                if wk[2:6] == g["code"][2:]:
                    wdep = [w[3] for w in g["wijken"] if w[0] == wk][0]
                    out.append(dict(level="buurt", code=code, name=name, inw=inw, dep=wdep, gem=g, wijk=wk))
    return out


def profile(r):
    """(age shares, household tuple) of a region, wijken near their gemeente."""
    if r["level"] in ("land", "ggd"):
        return NL["ages"], NL["hh"]
    g = r["gem"]
    a = list(g["ages"])
    h = list(g["hh"])
    if r["level"] in ("wijk", "buurt"):
        d = r["dep"] - g["dep"]
        n = noise("age", r["code"])
        a[0] += 0.012 * d + 0.006 * n
        a[4] -= 0.010 * d - 0.008 * n
        h[0] *= 1 + 0.03 * d + 0.02 * n
        h[1] = clip(h[1] + 0.03 * d + 0.02 * n, 0.05, 0.9)
        h[2] = clip(h[2] + 0.01 * d - 0.015 * n, 0.05, 0.6)
    return a, h


# ---------------------------------------------------------------------------
# DataProperties builder. A spec is a list of
#   ("dim", kind, key, title)                kind: Dimension/GeoDimension/TimeDimension
#   ("group", title, [children], description)
#   ("topic", key, title, unit, decimals, datatype[, description])
# Topic Position = number of dimensions + n - 1 for key suffix _n (as in the
# real 80137ned fixture); groups have Key "" and Position null.
# ---------------------------------------------------------------------------

def data_properties(spec):
    ndims = sum(1 for s in spec if s[0] == "dim")
    rows = []
    state = {"id": 0, "pos": 0}

    def walk(items, parent):
        for s in items:
            i = state["id"]
            state["id"] += 1
            if s[0] == "dim":
                row = {"odata.type": "Cbs.OData." + s[1], "ID": i, "Position": state["pos"],
                       "ParentID": None, "Type": s[1], "Key": s[2], "Title": s[3], "Description": None}
                if s[1] == "TimeDimension":
                    row["ReleasePolicy"] = False
                state["pos"] += 1
                rows.append(row)
            elif s[0] == "group":
                rows.append({"odata.type": "Cbs.OData.TopicGroup", "ID": i, "Position": None,
                             "ParentID": parent, "Type": "TopicGroup", "Key": "", "Title": s[1],
                             "Description": s[3] if len(s) > 3 else None})
                walk(s[2], i)
            else:
                key, title, unit, dec, dtype = s[1:6]
                n = int(key.rsplit("_", 1)[1])
                rows.append({"odata.type": "Cbs.OData.Topic", "ID": i, "Position": ndims + n - 1,
                             "ParentID": parent, "Type": "Topic", "Key": key, "Title": title,
                             "Description": s[6] if len(s) > 6 else None, "Datatype": dtype,
                             "Unit": unit, "Decimals": dec,
                             "Default": "Zero" if dtype == "Long" else "Missing"})
    walk(spec, None)
    return rows


def topic_keys(dp):
    return [r["Key"] for r in dp if r["Type"] == "Topic"]


def dim_keys(dp):
    return [r["Key"] for r in dp if r["Type"] in ("Dimension", "GeoDimension", "TimeDimension")]


def dim_item(key, title, width, desc=None, **extra):
    d = {"Key": pad(key, width), "Title": title, "Description": desc, "CategoryGroupID": None}
    d.update(extra)
    return d


def period_item(key, title, status):
    return {"Key": key, "Title": title, "Description": None, "Status": status}


def geo_items(regs, width, kwb=False):
    items = []
    for r in regs:
        key = {"land": NL["kwb"] if kwb else NL["regios"]}.get(r["level"], r["code"])
        title = r["name"]
        if not kwb and r["level"] == "gemeente":
            title = r["gem"]["regios_name"]
        extra = {}
        if kwb:
            extra = {"DetailRegionCode": key,
                     "Municipality": r["gem"]["code"] if r["gem"] else None}
        items.append(dim_item(key, title, width, **extra))
    return items


def geo_key(r, width, kwb=False):
    key = NL["kwb"] if (kwb and r["level"] == "land") else (NL["regios"] if r["level"] == "land" else r["code"])
    return pad(key, width)


# ---------------------------------------------------------------------------
# Tables. Each returns dict(info, dp, dims{key: items}, rows[list of dicts
# without ID, in DataProperties order], page_size).
# ---------------------------------------------------------------------------

KWB_SPEC = [
    ("dim", "GeoDimension", "WijkenEnBuurten", "Wijken en buurten"),
    ("group", "Regioaanduiding", [
        ("topic", "Gemeentenaam_1", "Gemeentenaam", "naam", 0, "String"),
        ("topic", "SoortRegio_2", "Soort regio", "omschrijving", 0, "String"),
        ("topic", "Codering_3", "Codering", "code", 0, "String"),
        ("topic", "IndelingswijzigingWijkenEnBuurten_4", "Indelingswijziging wijken en buurten", "code", 0, "String",
         "1 = code en grenzen ongewijzigd;\r\n2 = code gewijzigd, grenzen ongewijzigd;\r\n3 = grenzen gewijzigd."),
    ]),
    ("group", "Bevolking", [
        ("topic", "AantalInwoners_5", "Aantal inwoners", "aantal", 0, "Long",
         "Het aantal inwoners op 1 januari."),
        ("group", "Leeftijdsgroepen", [
            ("topic", "k_0Tot15Jaar_8", "0 tot 15 jaar", "aantal", 0, "Long"),
            ("topic", "k_15Tot25Jaar_9", "15 tot 25 jaar", "aantal", 0, "Long"),
            ("topic", "k_25Tot45Jaar_10", "25 tot 45 jaar", "aantal", 0, "Long"),
            ("topic", "k_45Tot65Jaar_11", "45 tot 65 jaar", "aantal", 0, "Long"),
            ("topic", "k_65JaarOfOuder_12", "65 jaar of ouder", "aantal", 0, "Long"),
        ]),
        ("group", "Particuliere huishoudens", [
            ("topic", "HuishoudensTotaal_29", "Huishoudens totaal", "aantal", 0, "Long"),
            ("topic", "Eenpersoonshuishoudens_30", "Eenpersoonshuishoudens", "aantal", 0, "Long"),
            ("topic", "HuishoudensZonderKinderen_31", "Huishoudens zonder kinderen", "aantal", 0, "Long"),
            ("topic", "HuishoudensMetKinderen_32", "Huishoudens met kinderen", "aantal", 0, "Long"),
            ("topic", "GemiddeldeHuishoudensgrootte_33", "Gemiddelde huishoudensgrootte", "aantal", 1, "Double"),
        ]),
    ]),
    ("group", "Inkomen", [
        ("group", "Inkomen van personen", [
            ("topic", "GemiddeldInkomenPerInwoner_78", "Gemiddeld inkomen per inwoner", "x 1 000 euro", 1, "Double"),
        ]),
        ("group", "Armoede", [
            ("topic", "PersonenInArmoede_81", "Personen in armoede", "%", 1, "Double"),
            ("topic", "PersonenTot25BovenArmoedegrens_82", "Personen tot 25% boven armoedegrens", "%", 1, "Double"),
        ]),
        ("group", "Inkomen van huishoudens", [
            ("topic", "k_40HuishoudensMetLaagsteInkomen_84", "40% huishoudens met laagste inkomen", "%", 1, "Double"),
        ]),
    ]),
    ("group", "Sociale zekerheid", [
        ("topic", "PersonenPerSoortUitkeringBijstand_87", "Personen per soort uitkering; Bijstand", "aantal", 0, "Long"),
        ("topic", "PersonenPerSoortUitkeringAO_88", "Personen per soort uitkering; AO", "aantal", 0, "Long"),
        ("topic", "PersonenPerSoortUitkeringWW_89", "Personen per soort uitkering; WW", "aantal", 0, "Long"),
        ("topic", "PersonenPerSoortUitkeringAOW_90", "Personen per soort uitkering; AOW", "aantal", 0, "Long"),
    ]),
    ("group", "Zorg", [
        ("topic", "JongerenMetJeugdzorgInNatura_91", "Jongeren met jeugdzorg in natura", "aantal", 0, "Long"),
        ("topic", "PercentageJongerenMetJeugdzorg_92", "Percentage jongeren met jeugdzorg", "%", 1, "Double"),
        ("topic", "WmoClienten_93", "Wmo-cliënten", "aantal", 0, "Long"),
        ("topic", "WmoClientenRelatief_94", "Wmo-cliënten relatief", "per 1 000 inwoners", 0, "Long"),
    ]),
    ("group", "Stedelijkheid", [
        ("topic", "MateVanStedelijkheid_120", "Mate van stedelijkheid", "code", 0, "Long",
         "1 = zeer sterk stedelijk;\r\n2 = sterk stedelijk;\r\n3 = matig stedelijk;\r\n"
         "4 = weinig stedelijk;\r\n5 = niet stedelijk."),
        ("topic", "Omgevingsadressendichtheid_121", "Omgevingsadressendichtheid", "per km²", 0, "Long"),
    ]),
]

# Illustrative omgevingsadressendichtheid (addresses per km2 within 1 km of
# each address) of the gemeenten, shared with gebieden_table; Nederland's is
# illustrative too.
OAD_GEMEENTE = {"GM0363": 6150, "GM0599": 4620, "GM0014": 3480, "GM0153": 2180, "GM0200": 1390,
                "GM0080": 2210, "GM0088": 180, "GM0880": 720}
OAD_NL = 1990


def oad_of(r, grow):
    """Illustrative address density of a region: its gemeente's, denser in
    deprived (central) wijken, a little lower a year earlier."""
    if r["level"] == "land":
        base = OAD_NL
    else:
        base = OAD_GEMEENTE[r["gem"]["code"]]
        if r["level"] != "gemeente":
            base *= clip(1.3 + 0.5 * r["dep"] + 0.4 * noise("oad", r["code"]), 0.2, 3.0)
    return int(round(base * (0.995 if grow < 1 else 1.0)))


def stedelijkheid_of(oad):
    """CBS's class of an address density: 1 (>= 2 500 per km2) .. 5 (< 500)."""
    return 1 if oad >= 2500 else 2 if oad >= 1500 else 3 if oad >= 1000 else 4 if oad >= 500 else 5

# REAL: Nederland, Kerncijfers wijken en buurten 2024 (85984NED), personen per
# soort uitkering: Bijstand 405.560, AO 785.330, WW 158.400, AOW 3.290.430
# (https://www.cbs.nl/nl-nl/cijfers/detail/85984NED, StatLine table view).
KWB2024_NL_UITKERINGEN = (405560, 785330, 158400, 3290430)


def kwb_table(edition):
    year = int(edition)
    grow = 1.0 if year == 2025 else 0.9935
    regs = regions(["land", "gemeente", "wijk", "buurt"])
    filled = year == 2024   # the 2025 edition carries no income/benefit/care figures yet
    rows = []
    for r in regs:
        lvl = r["level"]
        small = lvl in ("wijk", "buurt")
        step = 5 if small else 1
        inw = rnd(r["inw"] * grow, step) if lvl != "land" else int(round(r["inw"] * grow))
        ages, hh = profile(r)
        bands = [rnd(inw * a, step) for a in ages[:4]]
        bands.append(inw - sum(bands))
        hh_tot = rnd(inw / hh[0], step)
        eenp = rnd(hh_tot * hh[1], step)
        metk = rnd(hh_tot * hh[2], step)
        zonder = hh_tot - eenp - metk
        d = r["dep"]
        n = noise("kwb", r["code"])
        secret = small and inw < 1000
        row = {
            "WijkenEnBuurten": geo_key(r, 10, kwb=True),
            "Gemeentenaam_1": pad(r["gem"]["name"] if r["gem"] else "Nederland", 40),
            "SoortRegio_2": pad({"land": "Land", "gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}[lvl], 10),
            "Codering_3": pad(NL["kwb"] if lvl == "land" else r["code"], 10),
            "IndelingswijzigingWijkenEnBuurten_4": "1" if small else None,
            "AantalInwoners_5": inw,
            "k_0Tot15Jaar_8": bands[0], "k_15Tot25Jaar_9": bands[1], "k_25Tot45Jaar_10": bands[2],
            "k_45Tot65Jaar_11": bands[3], "k_65JaarOfOuder_12": bands[4],
            "HuishoudensTotaal_29": hh_tot, "Eenpersoonshuishoudens_30": eenp,
            "HuishoudensZonderKinderen_31": zonder, "HuishoudensMetKinderen_32": metk,
            "GemiddeldeHuishoudensgrootte_33": round(inw / hh_tot, 1),
        }
        oad = oad_of(r, grow)
        row["MateVanStedelijkheid_120"] = stedelijkheid_of(oad)
        row["Omgevingsadressendichtheid_121"] = oad
        inc = {k: None for k in ("GemiddeldInkomenPerInwoner_78", "PersonenInArmoede_81",
                                 "PersonenTot25BovenArmoedegrens_82", "k_40HuishoudensMetLaagsteInkomen_84",
                                 "PersonenPerSoortUitkeringBijstand_87", "PersonenPerSoortUitkeringAO_88",
                                 "PersonenPerSoortUitkeringWW_89", "PersonenPerSoortUitkeringAOW_90",
                                 "JongerenMetJeugdzorgInNatura_91", "PercentageJongerenMetJeugdzorg_92",
                                 "WmoClienten_93", "WmoClientenRelatief_94")}
        if filled:
            if not secret:
                inc["GemiddeldInkomenPerInwoner_78"] = round(35.4 - 3.4 * d + 0.9 * n, 1)
                inc["PersonenInArmoede_81"] = round(max(0.8, 4.6 + 2.9 * d + 0.4 * n), 1)
                inc["PersonenTot25BovenArmoedegrens_82"] = round(max(1.0, 5.2 + 1.6 * d + 0.3 * n), 1)
                inc["k_40HuishoudensMetLaagsteInkomen_84"] = round(clip(40.0 + 9.0 * d + 1.5 * n, 5, 95), 1)
            if lvl == "land":
                b, ao, ww, aow = KWB2024_NL_UITKERINGEN
                inc["GemiddeldInkomenPerInwoner_78"] = 35.4
                inc["PersonenInArmoede_81"] = 4.6
                inc["PersonenTot25BovenArmoedegrens_82"] = 5.2
                inc["k_40HuishoudensMetLaagsteInkomen_84"] = 40.0
            else:
                b = rnd(inw * 0.0226 * max(0.15, 1 + 1.3 * d), 10)
                ao = rnd(inw * 0.0437 * (1 + 0.3 * d), 10)
                ww = rnd(inw * 0.0088 * (1 + 0.2 * d), 10)
                aow = rnd(bands[4] * 0.89, 10)
            inc["PersonenPerSoortUitkeringBijstand_87"] = b
            inc["PersonenPerSoortUitkeringAO_88"] = ao
            inc["PersonenPerSoortUitkeringWW_89"] = ww
            inc["PersonenPerSoortUitkeringAOW_90"] = aow
            jz = 10.2 if lvl == "land" else round(clip(10.2 + 2.4 * d + 0.6 * n, 1, 40), 1)
            young = inw * 0.235     # jongeren tot 23 jaar
            inc["JongerenMetJeugdzorgInNatura_91"] = rnd(young * jz / 100, 5)
            inc["PercentageJongerenMetJeugdzorg_92"] = jz
            wr = 68 if lvl == "land" else int(round(68 + 14 * d + 5 * n))
            inc["WmoClienten_93"] = rnd(inw * wr / 1000, 5)
            inc["WmoClientenRelatief_94"] = wr
            if secret:   # small wijk: care figures secret
                for k in ("JongerenMetJeugdzorgInNatura_91", "PercentageJongerenMetJeugdzorg_92"):
                    inc[k] = None
        row.update(inc)
        rows.append(row)
    dp = data_properties(KWB_SPEC)
    tid = "86165NED" if year == 2025 else "85984NED"
    info = dict(Title=f"Kerncijfers wijken en buurten {year}",
                ShortTitle=f"Kerncijfers wijken en buurten {year}",
                Summary="Kerncijfers over bevolking, huishoudens, inkomen, sociale zekerheid\n"
                        "en zorg per gemeente, wijk en buurt",
                Modified="2025-10-31T02:00:00" if year == 2025 else "2025-06-30T02:00:00",
                ReasonDelivery="Actualisering", Frequency="Perjaar", Period=str(year))
    return dict(id=tid, info=info, dp=dp,
                dims={"WijkenEnBuurten": geo_items(regs, 10, kwb=True)},
                rows=rows, page_size=25 if year == 2025 else 10000)


def gebieden_table():
    regs = regions(["gemeente"])
    spec = [
        ("dim", "GeoDimension", "RegioS", "Regio's"),
        ("group", "Codes en namen van gemeenten", [
            ("topic", "Code_1", "Code", "code", 0, "String"),
            ("topic", "Naam_2", "Naam", "naam", 0, "String"),
            ("topic", "SorteringNaam_3", "Sortering naam", "naam", 0, "String"),
        ]),
        ("group", "GGD-regio's", [
            ("topic", "Code_16", "Code", "code", 0, "String"),
            ("topic", "Naam_17", "Naam", "naam", 0, "String"),
        ]),
        ("group", "Provincies", [
            ("topic", "Code_28", "Code", "code", 0, "String"),
            ("topic", "Naam_29", "Naam", "naam", 0, "String"),
        ]),
        ("group", "Statistische gegevens", [
            ("topic", "Inwonertal_56", "Inwonertal", "aantal", 0, "Long",
             "Het aantal inwoners van de gemeente op 1 januari."),
            ("topic", "Omgevingsadressendichtheid_57", "Omgevingsadressendichtheid", "per km²", 0, "Long"),
        ]),
    ]
    oad = OAD_GEMEENTE
    rows = []
    for r in regs:
        g = r["gem"]
        rows.append({"RegioS": geo_key(r, 6), "Code_1": pad(g["code"], 10), "Naam_2": pad(g["name"], 40),
                     "SorteringNaam_3": pad(g["name"], 40), "Code_16": pad(g["ggd"][0], 10),
                     "Naam_17": pad(g["ggd"][1], 50), "Code_28": pad(g["pv"][0], 10),
                     "Naam_29": pad(g["pv"][1], 40), "Inwonertal_56": g["inw"],
                     "Omgevingsadressendichtheid_57": oad[g["code"]]})
    info = dict(Title="Gebieden in Nederland 2025", ShortTitle="Gebieden in Nederland 2025",
                Summary="Gemeenten met hun indeling in regionale gebieden zoals provincie,\n"
                        "COROP-gebied en GGD-regio, per 1 januari 2025",
                Modified="2025-02-14T02:00:00", ReasonDelivery="Actualisering",
                Frequency="Perjaar", Period="2025")
    return dict(id="86059NED", info=info, dp=data_properties(spec),
                dims={"RegioS": geo_items(regs, 6)}, rows=rows, page_size=10000)


# Laag en langdurig laag inkomen -------------------------------------------
LI_GRENS = [("T001218", "Totaal"), ("A028804", "Onder lage-inkomensgrens"),
            ("A028805", "Onder beleidsmatig minimum")]
LI_DUUR = [("A028810", "Ten minste 1 jaar"), ("A028811", "Ten minste 4 jaar")]
LI_KENM = [("1050010", "Totaal particuliere huishoudens", "tot"),
           ("1050015", "Samenstelling: eenpersoonshuishouden", "een"),
           ("1016020", "Samenstelling: paar zonder kinderen", "pzk"),
           ("1016030", "Samenstelling: paar met kinderen", "pmk"),
           ("1016040", "Samenstelling: eenouderhuishouden", "eou"),
           ("2820250", "Bron: Uitkering sociale voorziening", "uit"),
           ("1014850", "Leeftijd hoofdkostwinner: 65 jaar of ouder", "o65")]
LI_PCT = {"tot": 5.4, "een": 9.6, "pzk": 2.6, "pmk": 3.4, "eou": 15.8, "uit": 45.0, "o65": 3.2}


def laag_inkomen_table():
    regs = regions(["land", "gemeente"])
    periods = [("2022JJ00", "2022", "Definitief"), ("2023JJ00", "2023", "Voorlopig")]
    spec = [
        ("dim", "Dimension", "InkomensgrensHuishouden", "Inkomensgrens huishouden"),
        ("dim", "Dimension", "DuurInkomenspositie", "Duur inkomenspositie"),
        ("dim", "Dimension", "KenmerkenVanHuishoudens", "Kenmerken van huishoudens"),
        ("dim", "GeoDimension", "RegioS", "Regio's"),
        ("dim", "TimeDimension", "Perioden", "Perioden"),
        ("group", "Absoluut", [
            ("topic", "ParticuliereHuishoudens_1", "Particuliere huishoudens", "x 1 000", 1, "Double"),
            ("topic", "Personen_2", "Personen", "x 1 000", 1, "Double"),
            ("topic", "MinderjarigeKinderen_3", "Minderjarige kinderen", "x 1 000", 1, "Double"),
        ]),
        ("group", "Relatief", [
            ("topic", "ParticuliereHuishoudensRelatief_4", "Particuliere huishoudens relatief", "%", 1, "Double"),
            ("topic", "PersonenRelatief_5", "Personen relatief", "%", 1, "Double"),
            ("topic", "MinderjarigeKinderenRelatief_6", "Minderjarige kinderen relatief", "%", 1, "Double"),
        ]),
    ]
    tkeys = topic_keys(data_properties(spec))
    rows = []
    for gcode, _ in LI_GRENS:
        for dcode, _ in LI_DUUR:
            for kcode, _, kind in LI_KENM:
                for r in regs:
                    _, hh = profile(r)
                    hh_tot = r["inw"] / hh[0] * 0.96      # households with an observed income
                    share = {"tot": 1.0, "een": hh[1], "pmk": hh[2] * 0.78, "eou": hh[2] * 0.22,
                             "pzk": max(0.05, 1 - hh[1] - hh[2] - 0.02), "uit": 0.055 * (1 + 1.2 * r["dep"]),
                             "o65": 0.27}[kind]
                    persons = {"tot": 2.15, "een": 1.0, "pzk": 2.0, "pmk": 3.9, "eou": 2.6, "uit": 1.8, "o65": 1.6}[kind]
                    kids = {"tot": 0.42, "een": None, "pzk": None, "pmk": 1.8, "eou": 1.6, "uit": 0.5, "o65": 0.02}[kind]
                    for pcode, _, _ in periods:
                        f = 1.0 if pcode == "2022JJ00" else 0.95
                        n_hh = hh_tot * share
                        if gcode == "T001218":
                            pct = 100.0
                        else:
                            pct = LI_PCT[kind] * (1 + 0.75 * r["dep"]) * f * (1 + 0.05 * noise("li", r["code"], kcode))
                            if gcode == "A028805":
                                pct *= 0.82
                            if dcode == "A028811":
                                pct *= 0.45
                        pct = clip(pct, 0, 100)
                        secret = n_hh * pct / 100 < 50
                        row = {"InkomensgrensHuishouden": gcode, "DuurInkomenspositie": dcode,
                               "KenmerkenVanHuishoudens": kcode, "RegioS": geo_key(r, 6), "Perioden": pcode}
                        if secret:
                            vals = [None] * 6
                        else:
                            prel = clip(pct * (0.85 if kind == "tot" else 1.0))
                            krel = None if kids is None else clip(pct * 1.25)
                            vals = [round(n_hh * pct / 100 / 1000, 1),
                                    round(n_hh * persons * prel / 100 / 1000, 1),
                                    None if kids is None else round(n_hh * kids * krel / 100 / 1000, 1),
                                    round(pct, 1), round(prel, 1),
                                    None if krel is None else round(krel, 1)]
                        for k, v in zip(tkeys, vals):
                            row[k] = v
                        rows.append(row)
    dims = {"InkomensgrensHuishouden": [dim_item(c, t, 7) for c, t in LI_GRENS],
            "DuurInkomenspositie": [dim_item(c, t, 7) for c, t in LI_DUUR],
            "KenmerkenVanHuishoudens": [dim_item(c, t, 7) for c, t, _ in LI_KENM],
            "RegioS": geo_items(regs, 6),
            "Perioden": [period_item(*p) for p in periods]}
    info = dict(Title="Laag en langdurig laag inkomen; huishoudenskenmerken, regio (indeling 2023)",
                ShortTitle="Laag inkomen; huishoudenskenmerken, regio",
                Summary="Huishoudens, personen en minderjarige kinderen met een (langdurig) laag\n"
                        "inkomen naar huishoudenskenmerken en regio",
                Modified="2025-05-30T02:00:00", ReasonDelivery="Actualisering",
                Frequency="Perjaar", Period="2011-2023")
    return dict(id="85678NED", info=info, dp=data_properties(spec), dims=dims, rows=rows, page_size=10000)


# RIVM Gezondheid per wijk en buurt ----------------------------------------
# (key, title, NL value per period 2016/2020/2022/2024 (None = not measured),
#  effect of dep, offsets for 18-64 and 65+)
RIVM_TOPICS = [
    ("GoedErvarenGezondheid_4", "Goed ervaren gezondheid", (75.9, 78.1, 71.2, 72.0), -5.0, (3.0, -10.0)),
    ("EenOfMeerLangdurigeAandoeningen_5", "Eén of meer langdurige aandoeningen", (50.5, 50.2, 53.1, 53.8), 2.0, (-6.0, 20.0)),
    ("LangdurigBeperkt_6", "Langdurig beperkt", (20.4, 19.6, 21.9, 22.3), 3.0, (-4.0, 14.0)),
    ("HoogRisicoAngststoornisOfDepressie_14", "Hoog risico angststoornis of depressie", (5.7, 6.1, 7.9, 7.6), 2.5, (1.0, -3.0)),
    ("HeelVeelStressAfg4Weken_17", "(Heel) veel stress afg. 4 weken", (None, 13.9, 17.2, 16.5), 2.0, (3.0, -9.0)),
    ("LageVeerkracht_22", "Lage veerkracht", (None, None, 9.1, 8.8), 2.0, (0.0, 1.0)),
    ("Eenzaam_25", "Eenzaam", (43.0, 47.3, 46.2, 44.6), 4.0, (-1.0, 3.0)),
    ("SterkEenzaam_26", "Sterk eenzaam", (9.8, 11.1, 13.2, 12.3), 3.0, (-0.5, 1.0)),
    ("EmotioneelEenzaam_27", "Emotioneel eenzaam", (31.0, 34.5, 33.6, 32.4), 3.0, (-0.5, 1.5)),
    ("SociaalEenzaam_28", "Sociaal eenzaam", (33.5, 36.8, 36.0, 34.9), 3.0, (-1.0, 2.5)),
    ("Mantelzorger_30", "Mantelzorger", (14.4, 14.9, 14.6, 14.2), -0.5, (-1.0, 2.0)),
    ("Vrijwilligerswerk_31", "Vrijwilligerswerk", (27.9, 25.6, 26.4, 26.9), -4.0, (-3.0, 6.0)),
    ("MoeiteMetRondkomen_32", "Moeite met rondkomen", (16.4, 14.3, 18.1, 17.2), 6.0, (2.0, -6.0)),
    ("Overgewicht_33", "Overgewicht", (48.9, 50.0, 50.2, 50.6), 3.0, (-3.0, 10.0)),
    ("ErnstigOvergewichtObesitas_34", "Ernstig overgewicht (obesitas)", (13.7, 14.9, 15.1, 15.4), 2.5, (-0.5, 2.0)),
    ("RooktTabak_35", "Rookt tabak", (20.7, 19.0, 17.4, 16.1), 3.0, (2.0, -8.0)),
    ("OvermatigDrinken_37", "Overmatig drinken", (8.1, 7.4, 7.0, 6.6), -0.5, (0.5, -1.5)),
    ("VoldoetAanDeBeweegrichtlijn_40", "Voldoet aan de beweegrichtlijn", (48.8, 51.5, 49.9, 50.6), -3.0, (3.0, -8.0)),
]
RIVM_PERIODS = [("2016JJ00", "2016"), ("2020JJ00", "2020"), ("2022JJ00", "2022"), ("2024JJ00", "2024")]
LEEFTIJD = [("20300", "18 jaar of ouder"), ("53115", "18 tot 65 jaar"), ("80200", "65 jaar of ouder")]
MARGES = [("MW00000", "Waarde"), ("MOG0095", "Ondergrens 95%-interval"), ("MBG0095", "Bovengrens 95%-interval")]
# REAL (reported): Nederland 2022, 18 jaar of ouder, eenzaam 46,2 % and
# (zeer) ernstig/sterk eenzaam 13,2 % (Gezondheidsmonitor Volwassenen en
# Ouderen 2022, as quoted for 50120NED in a public implementation plan).


def rivm_table():
    regs = regions(["land", "gemeente", "wijk", "buurt"])
    spec = [
        ("dim", "Dimension", "Leeftijd", "Leeftijd"),
        ("dim", "Dimension", "Marges", "Marges"),
        ("dim", "GeoDimension", "WijkenEnBuurten", "Wijken en buurten"),
        ("dim", "TimeDimension", "Perioden", "Perioden"),
        ("group", "Regioaanduiding", [
            ("topic", "Gemeentenaam_1", "Gemeentenaam", "naam", 0, "String"),
            ("topic", "SoortRegio_2", "Soort regio", "omschrijving", 0, "String"),
            ("topic", "Codering_3", "Codering", "code", 0, "String"),
        ]),
        ("group", "Gezondheid en beperkingen", [
            ("topic", k, t, "%", 1, "Double", "Kleine-domeinschatting (modelmatig geschat percentage).")
            for k, t, *_ in RIVM_TOPICS[:6]]),
        ("group", "Eenzaamheid en sociale participatie", [
            ("topic", k, t, "%", 1, "Double") for k, t, *_ in RIVM_TOPICS[6:12]]),
        ("group", "Financiële situatie", [
            ("topic", k, t, "%", 1, "Double") for k, t, *_ in RIVM_TOPICS[12:13]]),
        ("group", "Leefstijl", [
            ("topic", k, t, "%", 1, "Double") for k, t, *_ in RIVM_TOPICS[13:]]),
    ]
    rows = []
    for acode, _ in LEEFTIJD:
        for mcode, _ in MARGES:
            for r in regs:
                lvl = r["level"]
                neff = {"land": 400000.0, "gemeente": max(300.0, r["inw"] ** 0.5 * 12),
                        "wijk": max(120.0, r["inw"] ** 0.5 * 4), "buurt": 80.0}[lvl]
                neff *= {"20300": 1.0, "53115": 0.65, "80200": 0.35}[acode]
                for pi, (pcode, _) in enumerate(RIVM_PERIODS):
                    row = {"Leeftijd": acode, "Marges": mcode, "WijkenEnBuurten": geo_key(r, 10, kwb=True),
                           "Perioden": pcode,
                           "Gemeentenaam_1": pad(r["gem"]["name"] if r["gem"] else "Nederland", 40),
                           "SoortRegio_2": pad({"land": "Land", "gemeente": "Gemeente", "wijk": "Wijk",
                                                "buurt": "Buurt"}[lvl], 10),
                           "Codering_3": pad(NL["kwb"] if lvl == "land" else r["code"], 10)}
                    for key, _, nl, eff, offs in RIVM_TOPICS:
                        base = nl[pi]
                        if base is None or (r["code"] == "WK088002" and pcode == "2016JJ00"):
                            row[key] = None
                            continue
                        v = base + eff * r["dep"]
                        if lvl != "land":
                            v += (0.8 if lvl == "gemeente" else 1.6) * noise("rivm", r["code"], key)
                        v += {"20300": 0.0, "53115": offs[0], "80200": offs[1]}[acode]
                        v = clip(v, 0.5, 99.5)
                        if lvl == "land" and acode == "20300" and pcode == "2022JJ00":
                            v = base   # REAL for Eenzaam_25 / SterkEenzaam_26, see above
                        hw = 1.96 * (v * (100 - v) / neff) ** 0.5
                        hw = max(hw, 0.1)
                        row[key] = round({"MW00000": v, "MOG0095": clip(v - hw), "MBG0095": clip(v + hw)}[mcode], 1)
                    rows.append(row)
    dims = {"Leeftijd": [dim_item(c, t, 5) for c, t in LEEFTIJD],
            "Marges": [dim_item(c, t, 7) for c, t in MARGES],
            "WijkenEnBuurten": geo_items(regs, 10, kwb=True),
            "Perioden": [period_item(c, t, "Definitief") for c, t in RIVM_PERIODS]}
    info = dict(Title="Gezondheid per wijk en buurt; 2012/2016/2020/2022/2024 (indeling 2024)",
                ShortTitle="Gezondheid per wijk en buurt 2024",
                Summary="Geschatte percentages (kleine-domeinschattingen) over gezondheid, welzijn\n"
                        "en leefstijl van volwassenen per gemeente, wijk en buurt",
                Modified="2025-06-03T02:00:00", ReasonDelivery="Nieuw", Frequency="Eenmalig",
                Period="2012, 2016, 2020, 2022, 2024", Catalog="RIVM", Source="RIVM, GGD'en, CBS.")
    return dict(id="50150NED", info=info, dp=data_properties(spec), dims=dims, rows=rows, page_size=500)


# Gebruik voorzieningen sociaal domein ------------------------------------
SD_AANTAL = [("T001000", "Totaal"), ("A050900", "1 maatwerkvoorziening"),
             ("A050901", "2 maatwerkvoorzieningen"), ("A050902", "3 maatwerkvoorzieningen")]
SD_SOORT = [("T001000", "Totaal", 1.0), ("A050910", "Alleen Jeugd", 0.22), ("A050911", "Alleen P-wet", 0.30),
            ("A050912", "Alleen Wmo", 0.38), ("A050913", "Jeugd en P-wet", 0.004),
            ("A050914", "Jeugd en Wmo", 0.006), ("A050915", "P-wet en Wmo", 0.085),
            ("A050916", "Jeugd, P-wet en Wmo", 0.001)]


def sociaal_domein_table():
    regs = regions(["gemeente", "wijk"])
    spec = [
        ("dim", "Dimension", "AantalVoorzieningen", "Aantal voorzieningen"),
        ("dim", "Dimension", "SoortVoorzieningSociaalDomein", "Soort voorziening sociaal domein"),
        ("dim", "GeoDimension", "Wijken", "Wijken"),
        ("dim", "TimeDimension", "Perioden", "Perioden"),
        ("group", "Sociaal domein cliënten/huishoudens", [
            ("topic", "ClientenMetVoorzieningen_1", "Cliënten met voorzieningen", "aantal", 0, "Long"),
            ("topic", "HuishoudensMetVoorzieningen_2", "Huishoudens met voorzieningen", "aantal", 0, "Long"),
        ]),
    ]
    rows = []
    for acode, _ in SD_AANTAL:
        for scode, _, sshare in SD_SOORT:
            for r in regs:
                clients = r["inw"] * 0.105 * (1 + 0.45 * r["dep"]) * sshare
                clients *= {"T001000": 1.0, "A050900": 0.56, "A050901": 0.27, "A050902": 0.12}[acode]
                hh = clients * (0.82 if scode in ("T001000", "A050910", "A050911", "A050912") else 6.0)
                c = rnd(clients, 5)
                h = rnd(hh, 5)
                rows.append({"AantalVoorzieningen": acode, "SoortVoorzieningSociaalDomein": scode,
                             "Wijken": geo_key(r, 8), "Perioden": "2024JJ00",
                             "ClientenMetVoorzieningen_1": c if c >= 10 else None,
                             "HuishoudensMetVoorzieningen_2": h if h >= 10 else None})
    dims = {"AantalVoorzieningen": [dim_item(c, t, 7) for c, t in SD_AANTAL],
            "SoortVoorzieningSociaalDomein": [dim_item(c, t, 7) for c, t, _ in SD_SOORT],
            "Wijken": geo_items(regs, 8),
            "Perioden": [period_item("2024JJ00", "2024", "Definitief")]}
    info = dict(Title="Gebruik voorzieningen sociaal domein; aantal voorzieningen, wijken, 2024",
                ShortTitle="Gebruik voorzieningen sociaal domein, 2024",
                Summary="Cliënten en huishoudens met voorzieningen uit de Jeugdwet, de\n"
                        "Participatiewet en de Wmo, naar combinatie van voorzieningen en wijk",
                Modified="2025-07-01T02:00:00", ReasonDelivery="Nieuw", Frequency="Perjaar", Period="2024")
    return dict(id="85994NED", info=info, dp=data_properties(spec), dims=dims, rows=rows, page_size=10000)


# Bijstandsuitkeringen -------------------------------------------------------
BU_AOW = [("T001209", "Uitkeringen totaal"), ("A048801", "Aan personen tot de AOW-leeftijd"),
          ("A048802", "Aan personen vanaf de AOW-leeftijd")]
BU_PERIODS = [("2024MM06", "2024 juni", "Nader voorlopig"), ("2024MM12", "2024 december", "Nader voorlopig"),
              ("2025MM06", "2025 juni", "Voorlopig")]


def bijstand_table():
    regs = regions(["land", "gemeente"])
    spec = [
        ("dim", "Dimension", "UitkeringenInRelatieMetDeAOW", "Uitkeringen in relatie met de AOW"),
        ("dim", "TimeDimension", "Perioden", "Perioden"),
        ("dim", "GeoDimension", "RegioS", "Regio's"),
        ("group", "Uitkeringen naar uitkeringsgrondslag", [
            ("topic", "Totaal_1", "Totaal", "aantal", 0, "Long"),
            ("topic", "LeefvormAlleenstaande_2", "Leefvorm alleenstaande", "aantal", 0, "Long"),
            ("topic", "LeefvormAlleenstaandeOuder_3", "Leefvorm alleenstaande ouder", "aantal", 0, "Long"),
            ("topic", "LeefvormEchtPaar_4", "Leefvorm (echt)paar", "aantal", 0, "Long"),
        ], "Een uitkering aan een (echt)paar wordt geteld als één uitkering aan twee\r\npersonen."),
    ]
    rows = []
    for acode, _ in BU_AOW:
        for pcode, _, _ in BU_PERIODS:
            for r in regs:
                f = {"2024MM06": 1.0, "2024MM12": 0.995, "2025MM06": 1.012}[pcode]
                tot = r["inw"] * 0.0221 * max(0.15, 1 + 1.3 * r["dep"]) * f
                parts = [tot * 0.665, tot * 0.175, tot * 0.16]
                share = {"T001209": (1, 1, 1), "A048801": (0.92, 1.0, 0.80),
                         "A048802": (0.08, 0.0, 0.20)}[acode]
                vals = [rnd(p * s, 10) for p, s in zip(parts, share)]
                row = {"UitkeringenInRelatieMetDeAOW": acode, "Perioden": pcode, "RegioS": geo_key(r, 6),
                       "Totaal_1": sum(vals), "LeefvormAlleenstaande_2": vals[0],
                       "LeefvormAlleenstaandeOuder_3": vals[1], "LeefvormEchtPaar_4": vals[2]}
                if r["code"] == "GM0088" and acode == "A048802":
                    row["LeefvormEchtPaar_4"] = None   # secret
                rows.append(row)
    dims = {"UitkeringenInRelatieMetDeAOW": [dim_item(c, t, 7) for c, t in BU_AOW],
            "Perioden": [period_item(*p) for p in BU_PERIODS],
            "RegioS": geo_items(regs, 6)}
    info = dict(Title="Bijstandsuitkeringen; uitkeringsgrondslag, regio's",
                ShortTitle="Bijstandsuitkeringen; regio's",
                Summary="Aantal uitkeringen aan huishoudens op grond van de Participatiewet\n"
                        "naar uitkeringsgrondslag en regio",
                Modified="2025-12-15T02:00:00", ReasonDelivery="Actualisering",
                Frequency="Permaand", Period="januari 2011 - juni 2025")
    return dict(id="82015NED", info=info, dp=data_properties(spec), dims=dims, rows=rows, page_size=10000)


# Gezondheidsmonitor Jongvolwassenen 2024 ---------------------------------
JV_TOPICS = [
    ("MoeiteMetRondkomen_1", "Moeite met rondkomen", 21.0, 6.0),
    ("WeinigControleOverGeldzaken_2", "Weinig controle over geldzaken", 17.5, 3.0),
    ("HeeftSchulden_3", "Heeft schulden", 24.0, 5.0),
    ("HeeftStudieschuld_4", "Heeft studieschuld", 19.0, -2.0),
    ("GoedErvarenGezondheid_6", "Goed ervaren gezondheid", 78.5, -4.0),
    ("GoedErvarenMentaleGezondheid_12", "Goed ervaren mentale gezondheid", 58.0, -3.0),
    ("AngstDepressiegevoelensAfg4Weken_13", "Angst-/depressiegevoelens afg. 4 weken", 38.0, 3.0),
    ("StressGeldzakenSchulden_33", "Stress geldzaken/schulden", 27.0, 5.0),
    ("Overgewicht_59", "Overgewicht", 24.5, 3.0),
    ("ZwareDrinker_72", "Zware drinker", 30.0, -2.0),
    ("RooktTabak_75", "Rookt tabak", 17.0, 2.5),
]
JV_PERSOON = [("T009002", "Totaal personen"), ("3000", "Geslacht: Man"), ("4000", "Geslacht: Vrouw")]


def jv_table():
    regs = regions(["land", "ggd", "gemeente"])
    spec = [
        ("dim", "Dimension", "Persoonskenmerken", "Persoonskenmerken"),
        ("dim", "Dimension", "Marges", "Marges"),
        ("dim", "GeoDimension", "RegioS", "Regio's"),
        ("group", "Financiën", [("topic", k, t, "%", 1, "Double") for k, t, *_ in JV_TOPICS[:4]]),
        ("group", "Gezondheid en welzijn", [("topic", k, t, "%", 1, "Double") for k, t, *_ in JV_TOPICS[4:7]]),
        ("group", "Stress", [("topic", k, t, "%", 1, "Double") for k, t, *_ in JV_TOPICS[7:8]]),
        ("group", "Leefstijl", [("topic", k, t, "%", 1, "Double") for k, t, *_ in JV_TOPICS[8:]]),
    ]
    rows = []
    for pcode, _ in JV_PERSOON:
        for mcode, _ in MARGES:
            for r in regs:
                neff = 135000.0 if r["level"] == "land" else max(150.0, r["inw"] ** 0.5 * 2.5)
                if pcode != "T009002":
                    neff *= 0.5
                row = {"Persoonskenmerken": pad(pcode, 7), "Marges": mcode, "RegioS": geo_key(r, 6)}
                for key, _, nl, eff in JV_TOPICS:
                    v = nl + eff * r["dep"]
                    if r["level"] != "land":
                        v += 1.2 * noise("jv", r["code"], key)
                    v += {"T009002": 0.0, "3000": 1.5, "4000": -1.5}[pcode] * (1 if key != "GoedErvarenMentaleGezondheid_12" else 4)
                    v = clip(v, 0.5, 99.5)
                    hw = 1.96 * (v * (100 - v) / neff) ** 0.5
                    small = r["code"] == "GM0088"   # too few respondents
                    row[key] = None if small else round({"MW00000": v, "MOG0095": clip(v - hw),
                                                         "MBG0095": clip(v + hw)}[mcode], 1)
                rows.append(row)
    dims = {"Persoonskenmerken": [dim_item(c, t, 7) for c, t in JV_PERSOON],
            "Marges": [dim_item(c, t, 7) for c, t in MARGES],
            "RegioS": geo_items(regs, 6)}
    info = dict(Title="Gezondheidsmonitor Jongvolwassenen 2024", ShortTitle="Gezondheidsmonitor Jongvolwassenen 2024",
                Summary="Gezondheid, welzijn, leefstijl en financiële situatie van jongvolwassenen\n"
                        "(16 tot 26 jaar) per gemeente, GGD-regio en Nederland",
                Modified="2025-03-27T02:00:00", ReasonDelivery="Nieuw", Frequency="Eenmalig",
                Period="2024", Catalog="RIVM", Source="GGD'en, CBS en RIVM.")
    return dict(id="50140NED", info=info, dp=data_properties(spec), dims=dims, rows=rows, page_size=10000)


TABLE_BUILDERS = {"86059NED": gebieden_table, "86165NED": lambda: kwb_table("2025"),
                  "85984NED": lambda: kwb_table("2024"), "85678NED": laag_inkomen_table,
                  "50150NED": rivm_table, "85994NED": sociaal_domein_table,
                  "82015NED": bijstand_table, "50140NED": jv_table}

# Catalog listings: every table of the recording plus the newer edition of
# Gebieden in Nederland (86247NED) and a discontinued RIVM edition.
EXTRA_CATALOG_ROWS = {
    "CBS": [dict(Identifier="86247NED", Title="Gebieden in Nederland 2026",
                 ShortTitle="Gebieden in Nederland 2026", Modified="2026-01-08T02:00:00",
                 MetaDataModified="2026-01-08T02:00:00", ReasonDelivery="Nieuw", Frequency="Perjaar",
                 OutputStatus="Regulier", Catalog="CBS")],
    "RIVM": [dict(Identifier="50120NED",
                  Title="Gezondheid per wijk en buurt; 2012/2016/2020/2022 (indeling 2022)",
                  ShortTitle="Gezondheid per wijk en buurt 2022", Modified="2025-06-03T02:00:00",
                  MetaDataModified="2025-06-03T02:00:00", ReasonDelivery="Stopgezet", Frequency="Stopgezet",
                  OutputStatus="Gediscontinueerd", Catalog="RIVM")],
}


# ---------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------

def load_catalog():
    entries = []
    for name in sorted(os.listdir(CATALOG_DIR)):
        if name.endswith(".json"):
            with open(os.path.join(CATALOG_DIR, name), encoding="utf-8") as f:
                e = json.load(f)
            if "table" not in e:    # not a dataset entry (schemes.json)
                continue
            e.setdefault("catalog", "CBS")
            entries.append(e)
    return entries


def padded_lookup(items, code):
    for it in items:
        if it["Key"].strip() == code:
            return it["Key"]
    raise SystemExit(f"make_sample: filter code '{code}' is not in the dimension list")


def filter_expr(filters, dims):
    clauses = []
    for dim, spec in filters.items():
        if isinstance(spec, list):
            keys = [padded_lookup(dims[dim], c) for c in spec]
            clauses.append("(" + " or ".join(f"{dim} eq '{k}'" for k in keys) + ")")
        else:
            prefixes = spec["prefix"] if "prefix" in spec else [LEVEL_PREFIX[l] for l in spec["level"]]
            clauses.append("(" + " or ".join(f"startswith({dim},'{p}')" for p in prefixes) + ")")
    return " and ".join(clauses)


def row_matches(row, filters):
    for dim, spec in filters.items():
        v = row[dim].strip()
        if isinstance(spec, list):
            if v not in spec:
                return False
        else:
            prefixes = spec["prefix"] if "prefix" in spec else [LEVEL_PREFIX[l] for l in spec["level"]]
            if not any(v.startswith(p) for p in prefixes):
                return False
    return True


def envelope(metadata, value, next_link=None):
    d = {"odata.metadata": metadata, "value": value}
    if next_link:
        d["odata.nextLink"] = next_link
    return d


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def build():
    entries = load_catalog()
    files = {}      # relative path -> text
    manifest = []   # (file, url)

    def emit(rel, obj, url):
        files[rel] = dumps(obj)
        manifest.append((rel, url))

    tables = {}
    for e in entries:
        if e["table"] not in tables:
            tables[e["table"]] = TABLE_BUILDERS[e["table"]]()

    # 1. catalog listings, once per host (CBS first)
    hosts = []
    for e in entries:
        h = host(e["catalog"])
        if h not in hosts:
            hosts.append(h)
    hosts.sort(key=lambda h: h != HOSTS["CBS"])
    for h in hosts:
        rows = []
        for e in entries:
            if host(e["catalog"]) != h or any(r["Identifier"] == e["table"] for r in rows):
                continue
            t = tables[e["table"]]
            i = t["info"]
            rows.append(dict(Identifier=e["table"], Title=i["Title"], ShortTitle=i["ShortTitle"],
                             Modified=i["Modified"], MetaDataModified=i["Modified"],
                             ReasonDelivery=i["ReasonDelivery"], Frequency=i["Frequency"],
                             OutputStatus="Regulier", Catalog=e["catalog"]))
        for cat, extra in EXTRA_CATALOG_ROWS.items():
            if host(cat) == h:
                rows.extend(extra)
        rows.sort(key=lambda r: r["Identifier"], reverse=True)
        name = "opendata" if h == HOSTS["CBS"] else "dataderden"
        emit(f"catalog/{name}-Tables.json", envelope(f"{h}/ODataCatalog/$metadata#Tables", rows),
             f"{h}/ODataCatalog/Tables?$format=json&$select={CATALOG_SELECT}")

    # 2. per dataset, in catalog file order
    for e in entries:
        tid = e["table"]
        t = tables[tid]
        h = host(e["catalog"])
        base = f"{h}/ODataFeed/odata/{tid}/"
        meta = f"{h}/ODataFeed/OData/{tid}/$metadata#Cbs.OData.WebAPI."
        sub = "cbs" if e["catalog"] == "CBS" else e["catalog"].lower()
        i = t["info"]
        info = {"ID": 0, "Identifier": tid, "Title": i["Title"], "ShortTitle": i["ShortTitle"],
                "ShortDescription": "", "Summary": i["Summary"], "Modified": i["Modified"],
                "MetaDataModified": i["Modified"], "ReasonDelivery": i["ReasonDelivery"],
                "ExplanatoryText": "", "OutputStatus": "Regulier", "Source": i.get("Source", "CBS."),
                "Language": "nl", "Catalog": i.get("Catalog", "CBS"), "Frequency": i["Frequency"],
                "Period": i["Period"], "SearchPriority": "2", "GraphTypes": "Table",
                "DefaultPresentation": "graphType=table", "DefaultSelection": ""}
        emit(f"{sub}/{tid}-TableInfos.json", envelope(meta + "TableInfos", [info]), base + "TableInfos?$format=json")
        emit(f"{sub}/{tid}-DataProperties.json", envelope(meta + "DataProperties", t["dp"]),
             base + "DataProperties?$format=json")
        for dk in dim_keys(t["dp"]):
            emit(f"{sub}/{tid}-{dk}.json", envelope(meta + dk, t["dims"][dk]), base + dk + "?$format=json")
        filters = e.get("filters") or {}
        expr = filter_expr(filters, t["dims"]) if filters else None
        rows = [r for r in t["rows"] if row_matches(r, filters)]
        order = dim_keys(t["dp"]) + topic_keys(t["dp"])
        first = base + "TypedDataSet?$format=json" + (f"&$filter={expr}" if expr else "")
        first_wire = base + "TypedDataSet?$format=json" + (
            "&$filter=" + urllib.parse.quote(expr, safe="(),=") if expr else "")
        size = t["page_size"]
        pages = [rows[k:k + size] for k in range(0, len(rows), size)] or [[]]
        for p, chunk in enumerate(pages):
            value = []
            for j, r in enumerate(chunk):
                d = {"ID": p * size + j}
                for k in order:
                    d[k] = r[k]
                value.append(d)
            skip = (p + 1) * size
            nxt = first_wire + f"&$skip={skip}" if p + 1 < len(pages) else None
            url = first if p == 0 else first + f"&$skip={p * size}"
            emit(f"{sub}/{tid}-TypedDataSet-{p + 1}.json", envelope(meta + "TypedDataSet", value, nxt), url)
    return entries, tables, files, manifest


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def collapse(s):
    return " ".join(s.split()).casefold()


def url_key(url):
    """Path and query, percent-decoded ('+' kept), as tests/server/izserver does."""
    rest = url.split("://", 1)[1]
    rest = rest[rest.find("/"):]
    return urllib.parse.unquote(rest)


def validate(entries, tables):
    problems, warnings = [], []
    man = os.path.join(OUT, "manifest.tsv")
    with open(man, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[0] != MAGIC:
        problems.append("manifest: bad first line")
    keys = {}
    docs = []
    total = 0
    for n, line in enumerate(lines[1:], 2):
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            problems.append(f"manifest:{n}: {len(parts)} fields")
            continue
        status, ctype, rel, url = parts
        path = os.path.join(OUT, rel)
        if not os.path.isfile(path):
            problems.append(f"manifest:{n}: no file {rel}")
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        total += len(text.encode())
        try:
            doc = json.loads(text)
        except ValueError as ex:
            problems.append(f"{rel}: invalid JSON: {ex}")
            continue
        docs.append((rel, doc))
        if next(iter(doc)) != "odata.metadata":
            problems.append(f"{rel}: odata.metadata is not the first member")
        k = url_key(url)
        if k in keys:
            warnings.append(f"manifest:{n}: same path+query as line {keys[k]} (izserver drops the host): {k}")
        keys.setdefault(k, n)
    for rel, doc in docs:
        nl = doc.get("odata.nextLink")
        if nl and url_key(nl) not in keys:
            problems.append(f"{rel}: nextLink has no manifest line: {nl}")
        if "TypedDataSet" in rel and doc["value"]:
            ids = [r["ID"] for r in doc["value"]]
            if ids != list(range(ids[0], ids[0] + len(ids))):
                problems.append(f"{rel}: IDs not continuous")
    for e in entries:
        t = tables[e["table"]]
        props = {r["Key"]: r for r in t["dp"] if r["Type"] == "Topic"}
        for key, m in e.get("measures", {}).items():
            if key not in props:
                problems.append(f"{e['id']}: measure {key} not in DataProperties")
            elif collapse(props[key]["Title"]) != collapse(m["title"]) or props[key]["Unit"].strip() != m["unit"]:
                problems.append(f"{e['id']}: {key} title/unit differ from DataProperties")
        for dim, mp in (e.get("dimensions") or {}).items():
            codes = [it["Key"].strip() for it in t["dims"].get(dim, [])]
            for c in mp:
                if c not in codes:
                    problems.append(f"{e['id']}: dimension code {dim}/{c} not in dimension list")
    return problems, warnings, total


def main():
    check_only = "--check" in sys.argv[1:]
    entries, tables, files, manifest = build()
    if not check_only:
        for d in ("catalog", "cbs", "rivm"):
            shutil.rmtree(os.path.join(OUT, d), ignore_errors=True)
        for rel, text in files.items():
            path = os.path.join(OUT, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        with open(os.path.join(OUT, "manifest.tsv"), "w", encoding="utf-8", newline="\n") as f:
            f.write(MAGIC + "\n")
            for rel, url in manifest:
                f.write(f"200\t{CTYPE}\t{rel}\t{url}\n")
    problems, warnings, total = validate(entries, tables)
    for w in warnings:
        print("make_sample: warning:", w, file=sys.stderr)
    for p in problems:
        print("make_sample: error:", p, file=sys.stderr)
    print(f"make_sample: {len(manifest)} responses, {total} bytes of JSON"
          f"{'' if problems else ', valid'}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
