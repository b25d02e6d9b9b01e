"""The knowledge-base build: Phoenix formats read right, codes split right, output reproducible.

Inputs are small dictionary snippets written here by hand in the Phoenix formats.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
build_kb = importlib.import_module("build_kb")
sources = importlib.import_module("build_kb_sources")
Row = sources.Row

ACTORS = """\
# comment line
RURITANIA_  [RUR]
+RURITANIAN
+STRELSAU_
	[OLDRUR <911018]

RUDOLF_RASSENDYLL_  # a person
+RASSENDYLL
	[RURELI 780101-030804]
	[RURGOV >031031]
	[RURELI]
NOBODY_WITHOUT_CODES_
+ALIAS_WITHOUT_CODES

RURITANIAN_DEFENCE_COUNCIL [RURGOVMIL]
+RDC
BLACK_ELPHBERG_BRIGADE_ [RURREB] # armed group
+ELPHBERG_RAIDERS+_RED_ELPHBERGS_
"""

AGENTS = """\
!PERSON! = MAN, MEN, PERSON
!MINIST! = MINISTER, MINISTRY
TROOP [~MIL]
MILITIA {} [~REB]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
DEFENSE_MINIST [~GOVMIL]
FOREIGN_!MINIST! [~GOV]
POLICE!PERSON! [~COP]
PEACEKEEPING_TROOPS {} [IGO~] # comment
ARCHBISHOP [~CHR]
IMAM [~MUS]
NO_CODE_HERE
"""


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("031031", dt.date(2003, 10, 31)),
        ("780101", dt.date(1978, 1, 1)),
        ("19890604", dt.date(1989, 6, 4)),
        ("2004017", None),
        ("991332", None),
    ],
)
def test_parse_date(text: str, day: dt.date | None) -> None:
    assert build_kb.parse_date(text) == day


def test_parse_restriction() -> None:
    assert build_kb.parse_restriction("") == (None, None)
    assert build_kb.parse_restriction(">031031") == (dt.date(2003, 10, 31), None)
    assert build_kb.parse_restriction("<911018") == (None, dt.date(1991, 10, 18))
    # Phoenix end days are inclusive; stored ends are exclusive.
    assert build_kb.parse_restriction("900518-920306") == (dt.date(1990, 5, 18), dt.date(1992, 3, 7))
    assert build_kb.parse_restriction("920306-900518") is None
    assert build_kb.parse_restriction(">nonsense") is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("AZEGOV", ("AZE", "GOV")),
        ("AZEMIL", ("AZE", "MIL")),
        ("AZEGOVMIL", ("AZE", "MIL")),
        ("AUTGOVLAB", ("AUT", "GOV")),
        ("IRNGOVLEG", ("IRN", "LEG")),
        ("PSEREBHMS", ("PSE", "REB")),
        ("AZE", ("AZE", None)),
        ("IGOUNO", ("UNO", "IGO")),
        ("IGOUNOWFP", ("UNO", "IGO")),
        ("IGOWSTNAT", ("NATO", "IGO")),
        ("IGOBUSIMF", ("IMF", "IGO")),
        ("IMGMUSALQ", ("IMG", "REB")),
        ("NGOUSA", ("USA", "NGO")),
        ("NGOHLH", ("NGO", "NGO")),
        ("KSV", ("XKX", None)),
        ("MNCUSA", None),
        ("---", None),
    ],
)
def test_split_code(code: str, expected: tuple[str | None, str | None] | None) -> None:
    assert build_kb.split_code(code) == expected


def test_split_code_sector_only_takes_the_fallback_country() -> None:
    assert build_kb.split_code("ELI", "AZE") == ("AZE", "ELI")


def test_parse_actor_file_groups_blocks() -> None:
    blocks = build_kb.parse_actor_file(ACTORS.splitlines())
    names = [b.names[0] for b in blocks]
    assert names == [
        "RURITANIA_",
        "RUDOLF_RASSENDYLL_",
        "RURITANIAN_DEFENCE_COUNCIL",
        "BLACK_ELPHBERG_BRIGADE_",
    ]
    assert blocks[0].names == ["RURITANIA_", "RURITANIAN", "STRELSAU_"]
    assert blocks[0].codes == [("RUR", ""), ("OLDRUR", "<911018")]
    assert blocks[1].codes[1] == ("RURGOV", ">031031")
    assert blocks[3].names == ["BLACK_ELPHBERG_BRIGADE_", "ELPHBERG_RAIDERS", "_RED_ELPHBERGS_"]


def test_block_rows() -> None:
    blocks = build_kb.parse_actor_file(ACTORS.splitlines())
    country = list(build_kb.block_rows(blocks[0], {"RUR": "Ruritania"}))
    assert ("strelsau", Row("place", "RUR", None, "Ruritania")) in country
    assert {key for key, _ in country} == {"ruritania", "ruritanian", "strelsau"}
    person = dict.fromkeys(row for key, row in build_kb.block_rows(blocks[1], {}) if key == "rassendyll")
    assert Row("actor", "RUR", "GOV", "Rudolf Rassendyll", dt.date(2003, 10, 31), None) in person
    assert Row("actor", "RUR", "ELI", "Rudolf Rassendyll") in person
    council = list(build_kb.block_rows(blocks[2], {}))
    assert ("rdc", Row("actor", "RUR", "MIL", "Ruritanian Defence Council")) in council


def test_parse_agent_file() -> None:
    agents = build_kb.parse_agent_file(AGENTS.splitlines())
    assert agents["troop"] == agents["troops"] == "MIL"
    assert agents["militia"] == "REB" and "militias" not in agents
    assert agents["chambers of commerce"] == "BUS"
    assert agents["defense ministry"] == agents["defense minister"] == "MIL"
    assert agents["foreign ministry"] == "GOV"
    assert agents["policeman"] == agents["policemen"] == "COP"
    assert agents["peacekeeping troops"] == "IGO"
    assert agents["archbishop"] == agents["imam"] == "REL"  # a religion code stands for the sector REL
    assert "no code here" not in agents


@pytest.mark.parametrize(
    ("key", "plural"),
    [
        ("troop", "troops"),
        ("militia", "militias"),
        ("policeman", "policemen"),
        ("air defense", "air defenses"),
        ("authority", "authorities"),
        ("bus", "buses"),
    ],
)
def test_plural(key: str, plural: str) -> None:
    assert sources.plural(key) == plural


def test_title() -> None:
    assert build_kb.title("KURDISTAN_WORKERS'_PARTY") == "Kurdistan Workers' Party"
    assert (
        build_kb.title("ORGANIZATION_OF_THE_ISLAMIC_CONFERENCE_") == "Organization of the Islamic Conference"
    )
    assert build_kb.title("AL-QAEDA") == "Al-Qaeda"


def test_merge_keeps_the_best_source_per_key() -> None:
    curated = Row("person", "RUR", "GOV", "Rudolf")
    phoenix = Row("actor", "RUR", "ELI", "Rudolf Old")
    merged = build_kb.merge(
        [(5, "rudolf", phoenix), (0, "rudolf", curated), (0, "rudolf", curated), (5, "x", phoenix)]
    )
    assert merged == [("rudolf", curated), ("x", phoenix)]


def test_write_table_is_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    build_kb.write_table(first, "key\tsector", ["troops\tMIL"])
    build_kb.write_table(second, "key\tsector", ["troops\tMIL"])
    assert first.read_bytes() == second.read_bytes()
    assert gzip.decompress(first.read_bytes()).decode() == "key\tsector\ntroops\tMIL\n"


def test_build_end_to_end(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    (kb / "phoenix").mkdir(parents=True)
    for name in (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ):
        (kb / "phoenix" / name).write_text(ACTORS if "Countries" in name else "", encoding="utf-8")
    (kb / "phoenix" / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    out = tmp_path / "out"
    counts = build_kb.build(kb, SCRIPTS / "kb", out)
    assert counts["actors"] > 1000 and counts["agents"] > 100 and counts["ruler"] > 500
    actors = gzip.decompress((out / "actors.tsv.gz").read_bytes()).decode().splitlines()
    assert "strelsau\tplace\tRUR\t\tRuritania\t\t" in actors
    assert any(line.startswith("ilham aliyev\tperson\tAZE\tGOV\tIlham Aliyev\t2003-10-31") for line in actors)
    assert not any(line.startswith("youth\t") for line in actors)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    build_kb.build(kb, SCRIPTS / "kb", out)
    assert before == {p.name: p.read_bytes() for p in out.iterdir()}
