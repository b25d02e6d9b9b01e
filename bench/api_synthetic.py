"""A synthetic eventlens database of any size, written straight into the store's tables by DuckDB SQL.

Events are spread over 200 countries (a few much more often than the rest, as in the news), the 16
PLOVER types with their ontology scores and first modes, 1,096 days (2023-2025; 92% dated to the day,
6% to the month, 2% to the year), 40 outlets, about one article per four events and one story per three
events (each story's events told by different articles), 60% of stories located at one of five places
per country, 5% of stories contested (the actor denies, the recipient asserts), one event in five of
the others asserted by the recipient. Stories carry their stories-jsonl record, and the dyad series are
summed from the stories as eventlens.analyze.dyad_rows sums them. Every value comes from a hash of the
row number, so the same size gives the same database; ids are hex digests in no order, as eventlens's
own are (hashes of the text), so no lookup gains from ids stored in sorted runs.

Also what bench/api_latency.py and bench/dashboard_views.py share: their --events / --db options and the
database they name (`database`, built once and reused), and `serving` (`eventlens serve` on a free port of
127.0.0.1), the browser tests' own harness.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb
import pycountry

from eventlens.ontology import Ontology
from eventlens.store import Store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browser_support import ServerDown, serving  # noqa: E402  (the browser tests' server harness)

__all__ = ["PROMINENT", "ROOT", "ServerDown", "add_database_options", "build", "database", "serving"]

PROMINENT = ["USA", "RUS", "CHN", "UKR", "ISR", "IRN", "IND", "PAK", "TUR", "GBR", "FRA", "DEU", "SYR",
             "AZE", "ARM", "SAU", "AFG", "IRQ", "PSE", "KOR", "PRK", "JPN", "SDN", "ETH", "NGA", "MEX",
             "BRA", "VEN", "EGY", "LBN"]  # fmt: skip
VERBS = {"AGREE": "agreed with", "CONSULT": "met", "SUPPORT": "backed", "CONCEDE": "conceded to",
         "COOPERATE": "worked with", "AID": "sent aid to", "RETREAT": "withdrew from", "REQUEST": "asked",
         "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened", "PROTEST": "protested against",
         "SANCTION": "sanctioned", "MOBILIZE": "mobilized against", "COERCE": "coerced",
         "ASSAULT": "attacked"}  # fmt: skip


def _countries() -> list[str]:
    rest = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in PROMINENT)
    return (PROMINENT + rest)[:200]


def _tables(con: duckdb.DuckDBPyConnection) -> None:
    """Lookup tables: countries (skewed pick order), PLOVER types, outlets; and the hash macros."""
    con.execute("CREATE MACRO u(i, k) AS (hash(i, k) % 1000003)::DOUBLE / 1000003")
    con.execute("CREATE MACRO pick(i, k) AS floor(200 * pow(u(i, k), 2.5))::INTEGER")
    con.execute("CREATE TEMP TABLE c (idx INTEGER, code VARCHAR, lat DOUBLE, lon DOUBLE)")
    con.execute("INSERT INTO c SELECT unnest(range(200)), unnest(?), 0, 0", [_countries()])
    con.execute("UPDATE c SET lat = -50 + 110 * u(idx, 101), lon = -170 + 340 * u(idx, 102)")
    ontology = Ontology.load()
    rows = [
        (i, name, t.score, list(t.modes)[:1], VERBS[name])
        for i, (name, t) in enumerate(ontology.types.items())
    ]
    con.execute("CREATE TEMP TABLE t (idx INTEGER, name VARCHAR, score DOUBLE, mode VARCHAR[], verb VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", rows)


def _stories(con: duckdb.DuckDBPyConnection, stories: int) -> None:
    con.execute(f"""
        CREATE TEMP TABLE st AS
        SELECT n, 's' || md5('s' || n)[:15] AS id, t.name AS type, t.score, t.mode, t.verb,
               a.code AS ac, r.code AS rc, day, prec,
               CASE prec WHEN 'day' THEN strftime(day, '%Y-%m-%d') WHEN 'month' THEN strftime(day, '%Y-%m')
                         ELSE strftime(day, '%Y') END AS date,
               CASE WHEN located THEN a.code || ' place ' || place END AS place_name,
               a.lat + place * 0.7 AS lat, a.lon + place * 0.9 AS lon, located, contested
        FROM (SELECT n, hash(n, 1) % 16 AS ti, pick(n, 2) AS ai,
                     (pick(n, 3) + CASE WHEN pick(n, 3) = pick(n, 2) THEN 1 ELSE 0 END) % 200 AS ri,
                     DATE '2023-01-01' + (hash(n, 4) % 1096)::INTEGER AS day,
                     CASE WHEN u(n, 5) < 0.92 THEN 'day' WHEN u(n, 5) < 0.98 THEN 'month' ELSE 'year' END
                         AS prec,
                     u(n, 6) < 0.6 AS located, (hash(n, 7) % 5)::INTEGER AS place, u(n, 8) < 0.05 AS contested
              FROM range({stories}) r(n)) s
        JOIN t ON t.idx = s.ti JOIN c a ON a.idx = s.ai JOIN c r ON r.idx = s.ri
    """)


def _mentions(con: duckdb.DuckDBPyConnection, events: int, articles: int) -> None:
    con.execute(f"""
        CREATE TEMP TABLE mt AS
        SELECT i, md5('m' || i)[:16] AS id, st.id AS story, st.type, st.score, st.mode,
               st.verb, st.ac, st.rc, st.day, st.prec, st.date, st.place_name, st.lat, st.lon, st.located,
               st.contested,
               md5('a' || ((st.n * 7 + (i % 3) * 104729) % {articles}))[:20] AS article_id,
               CASE WHEN st.contested AND i % 3 = 2 THEN 'denies'
                    WHEN st.contested AND i % 3 = 1 THEN 'asserts'
                    WHEN NOT st.contested AND i % 5 = 0 THEN 'asserts' ELSE 'reports' END AS stance
        FROM range({events}) r(i) JOIN st ON st.n = i // 3
    """)
    con.execute("""
        INSERT INTO articles (id, source_id, path, outlet, url, published, title, language, text)
        SELECT article_id, article_id || '.txt', article_id || '.txt',
               'Outlet ' || lpad((hash(article_id) % 40)::VARCHAR, 2, '0'),
               'https://news.example/' || article_id, min(day), 'Report ' || article_id, 'en',
               string_agg(ac || ' ' || verb || ' ' || rc || '.', ' ')
        FROM mt GROUP BY article_id
    """)
    con.execute("""
        INSERT INTO mentions
        SELECT id, article_id, ac || ' ' || verb || ' ' || rc || coalesce(' near ' || place_name, '') || '.',
               0, ac || ' ' || verb || ' ' || rc, 0, length(ac || ' ' || verb || ' ' || rc),
               split_part(verb, ' ', 1), type, mode, [], score, date, prec, place_name,
               CASE WHEN located THEN ac END, CASE WHEN located THEN lat END, CASE WHEN located THEN lon END,
               stance, NULL, '[]', story
        FROM mt
    """)
    con.execute("""
        INSERT INTO entities
        SELECT id, 'actor', 0, ac, ac, 'GOV', ac FROM mt
        UNION ALL SELECT id, 'recipient', 0, rc, rc, 'GOV', rc FROM mt
        UNION ALL SELECT id, 'claimant', 0, CASE stance WHEN 'denies' THEN ac ELSE rc END,
                         CASE stance WHEN 'denies' THEN ac ELSE rc END, 'GOV', NULL
                  FROM mt WHERE stance <> 'reports'
    """)


def _story_records(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        INSERT INTO stories
        SELECT st.id, st.type, st.date, st.prec, st.contested, st.score, [st.ac], [st.rc],
               to_json({'id': st.id, 'type': st.type, 'mode': st.mode,
                        'actor': [{'text': st.ac, 'country': st.ac, 'sector': 'GOV', 'name': st.ac}],
                        'recipient': [{'text': st.rc, 'country': st.rc, 'sector': 'GOV', 'name': st.rc}],
                        'date': st.date, 'date_precision': st.prec,
                        'location': CASE WHEN st.located THEN {'name': st.place_name, 'country': st.ac,
                                                              'lat': st.lat, 'lon': st.lon} END,
                        'score': st.score, 'contested': st.contested, 'claims': g.claims, 'figures': [],
                        'articles': g.articles, 'mentions': g.mentions})::VARCHAR
        FROM st JOIN (
            SELECT story, list(m.id ORDER BY m.id) AS mentions,
                   list(DISTINCT {'id': article_id, 'source_id': source_id, 'path': path, 'outlet': outlet,
                                  'copies': 1}) AS articles,
                   list(DISTINCT {'claimant': NULL, 'speakers': [], 'stance': stance, 'mentions': [],
                                  'outlets': []}) AS claims
            FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY story
        ) g ON g.story = st.id
    """)
    con.execute("""
        INSERT INTO dyad_series
        SELECT CASE WHEN directed THEN ac ELSE least(ac, rc) END,
               CASE WHEN directed THEN rc ELSE greatest(ac, rc) END, directed, period,
               CASE period WHEN 'day' THEN day ELSE CAST(date_trunc('week', day) AS DATE) END, count(*),
               sum(CASE WHEN score < 0 THEN -score ELSE 0 END), sum(CASE WHEN score > 0 THEN score ELSE 0 END)
        FROM st, (VALUES (true), (false)) d(directed), (VALUES ('day'), ('week')) p(period)
        WHERE prec = 'day' GROUP BY ALL
    """)


def build(path: Path, *, events: int) -> None:
    """Write a database of `events` event mentions (and events / 3 stories, events / 4 articles) at
    `path`, which must not exist."""
    Store(path).close()  # the schema, as eventlens creates it
    stories, articles = -(-events // 3), max(events // 4, 1)
    with duckdb.connect(str(path)) as con:
        con.execute("SET enable_progress_bar = false")
        _tables(con)
        _stories(con, stories)
        _mentions(con, events, articles)
        _story_records(con)
        con.execute("CHECKPOINT")


def add_database_options(parser: argparse.ArgumentParser, *, events: int) -> None:
    """--events (default `events`) and --db, as `database` reads them."""
    parser.add_argument(
        "--events", type=int, default=events, help=f"synthetic event mentions (default {events})"
    )
    parser.add_argument(
        "--db", type=Path, help="database to build or reuse (default bench/out/api-EVENTS.duckdb)"
    )


def database(args: argparse.Namespace) -> Path:
    """The database `args.db` (default bench/out/api-<args.events>.duckdb), built with `build` when it does
    not exist (printing `build_s`); prints its name and size."""
    db: Path = args.db or ROOT / "bench" / "out" / f"api-{args.events}.duckdb"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        build(db, events=args.events)
        print(f"build_s: {time.perf_counter() - started:.1f}")
    print(f"db: {db.name}, {db.stat().st_size / 2**20:.0f} MiB")
    return db
