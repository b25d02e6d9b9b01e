"""The CAMEO → PLOVER lexicon build: the PETRARCH verb format read right, codes mapped right, output stable.

Inputs are small dictionary and crosswalk snippets written here by hand in the CAMEO.2.0.txt and
CAMEO2PLOVER-2021.txt formats; the last test compiles the real dictionary and checks the packaged tables.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
build_lexicon = importlib.import_module("build_lexicon")
Curated = build_lexicon.Curated
Row = build_lexicon.Row

ONTOLOGY = json.loads((REPO / "src" / "eventlens" / "ontology" / "plover.json").read_text(encoding="utf-8"))

CROSSWALK = """\
# CAMEO to PLOVER conversion table (test excerpt)
04: CONSULT
042: CONSULT, visit,   # Make a visit
062: COOPERATE,   ,   military # Cooperate militarily
0841: RETREAT, release,   legal # Return, release person(s)
111: ACCUSE, disapprove,    # Criticize or denounce
141: PROTEST, demo,               # Demonstrate or rally
152: MOBILIZE, troops, military # Increase military alert status
172: COERCE, restrict, executive      # Impose administrative sanctions
173: COERCE, arrest, legal            # Arrest
183: ASSAULT,  suicide-attack,  # Conduct bombing
190: ASSAULT, , military # Use conventional military force
193: ASSAULT, firearms, military; legal # Fight with small arms
194: ASSAULT, heavy-weapons, military # Fight with artillery and tanks
195: ASSAULT, heavy-weapons, military # Employ aerial weapons
1712: ASSAULT, seize, human_security  # Destroy property
~~~~~
"""

DICTIONARY = """\
# CAMEO VERB PATTERN DICTIONARY (test)
####### SYNONYM SETS #######

&WEAPON
+GUN
+CAR_BOMB
+ROCKET_

&MILITARY_
+TROOPS
+ARMED_FORCES

####### VERB PATTERNS #######

---  ATTACK   [190]  ---
ASSAULT
STRIKE {STRIKES STRUCK STRIKING} [193]
BOMBARD [195]  # own code
- * &WEAPON                                 [194]         # STRUCK
- &MILITARY_ * (ON STATE) (OF ALERT)        [152]         # ASSAULT
- * (TOWARD +) (FROM $)                     [190]         # ASSAULTED
- * PLAN                                    [111]         # BOMBARD
- * POLICY                                  [111]         # BOMBARD
- VERBALLY *                                [111]         # BOMBARD
- * &NOWHERE                                [190]         # ASSAULT

---  ARRANGE   [---]  ---
SET {SETS SETTING}
+BLOW_UP {+BLEW_UP +BLOWN_UP +BLOWS_UP} [1712]
- * OFF &WEAPON                              [183]         # SET
- * FREE                                    [0841]        # SET
- * {MOCK ATTACK}                           [062:062]     # SET
- * (TO)                                    [042:043]     # SET
- * TRIAL                                   [:173]        # SET
- * STATEMENT                               [010]         # SET
- * PRICE                                   [---]         # SET
- * PARTY                                   [1722]        # SET
- * BRIDGE                                  [1712]        # BLEW_UP

---  CONDUCT   [190]  ---
CONDUCT
STAGE
MOUNT
- * RAID                                    [190]         # STAGE
- * RAIDS                                   [190]         # CONDUCTED
- * {AIR RAID}                              [195]         # CONDUCT
- * SHOW                                    [---]         # STAGE
- * SHOW                                    [141]         # CONDUCT
- * EXERCISE                                [062]         # STAGE
- * EXERCISE                                [152]         # CONDUCT
- * RALLY (IN SUPPORT)                      [141]         # STAGE
- * SEARCH                                  [173]

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""

LIGHT = Curated(frozenset({"conduct", "stage", "mount"}), frozenset({"conduct", "stage"}), [], [])


def crosswalk(overrides: list[dict[str, str]] | None = None) -> object:
    return build_lexicon.Crosswalk(CROSSWALK, ONTOLOGY, overrides or [])


def compile_test(text: str = DICTIONARY, curated: Curated = LIGHT, **kwargs: object) -> object:
    return build_lexicon.compile_dictionary(text, crosswalk(**kwargs), curated)


def rows_of(compiled: object, verb: str) -> list[tuple[str, ...]]:
    """verb_patterns.tsv rows of one verb, as written, without the verb."""
    return [tuple(str(c) for c in row.cells()[1:]) for row in compiled.patterns if row.verb == verb]


def test_parse_dictionary_reads_synsets_blocks_and_verbs() -> None:
    parsed = build_lexicon.parse_dictionary(DICTIONARY)
    assert parsed.synsets["&WEAPON"] == ["gun", "car bomb", "rocket"]
    assert parsed.synsets["&MILITARY_"] == ["troops", "armed forces"]
    attack, arrange, conduct = parsed.blocks
    assert (attack.name, attack.code, arrange.code) == ("ATTACK", "190", "---")
    assert [(v.base, v.code, v.forms) for v in attack.verbs] == [
        ("assault", None, ()),
        ("strike", "193", ("strikes", "struck", "striking")),
        ("bombard", "195", ()),
    ]
    blow_up = arrange.verbs[1]
    assert (blow_up.base, blow_up.code, blow_up.forms) == (
        "blow up",
        "1712",
        ("blew up", "blown up", "blows up"),
    )
    assert len(conduct.patterns) == 9  # the transformations are not patterns


def test_pattern_shapes() -> None:
    compiled = compile_test()
    set_rows, assault = rows_of(compiled, "set"), rows_of(compiled, "assault")
    # subject, particle, object, preps, code, type, mode, context, line
    assert ("-", "off", "car bomb|gun|rocket", "-", "183", "ASSAULT", "suicide-attack", "-", "30") in set_rows
    assert ("-", "-", "free", "-", "0841", "RETREAT", "release", "legal", "31") in set_rows
    assert ("-", "-", "mock attack", "-", "062", "COOPERATE", "-", "military", "32") in set_rows
    assert ("-", "-", "-", "to", "042", "CONSULT", "visit", "-", "33") in set_rows
    alert = (
        "armed forces|troops",
        "-",
        "-",
        "on:state;of:alert",
        "152",
        "MOBILIZE",
        "troops",
        "military",
        "20",
    )
    assert alert in assault
    assert ("-", "-", "-", "toward:+;from:$", "190", "ASSAULT", "-", "military", "21") in assault
    assert rows_of(compiled, "stage")[2][:4] == ("-", "-", "rally", "in:support")


def test_parse_after_particles_and_bare_prepositions() -> None:
    synsets = {"&WEAPON": ["gun"]}
    shape = build_lexicon.parse_after("OFF &WEAPON", synsets)[0]
    assert (shape.particle, shape.object, shape.preps, shape.synsets) == ("off", "gun", "-", {"&WEAPON"})
    assert build_lexicon.parse_after("FREE", synsets)[0].particle == "-"
    assert build_lexicon.parse_after("BACK", synsets)[0].particle == "back"
    pull = build_lexicon.parse_after("EMBASSY OUT", synsets)[0]
    assert (pull.particle, pull.object) == ("out", "embassy")
    aside = build_lexicon.parse_after("(ASIDE RIFT)", synsets)[0]
    assert (aside.particle, aside.object) == ("aside", "rift")
    shock = build_lexicon.parse_after("SHOCK AT", synsets)[0]
    assert (shock.object, shock.preps) == ("shock", "at")
    assert build_lexicon.parse_after("ON +", synsets)[0].preps == "on:+"
    assert [s.preps for s in build_lexicon.parse_after("(BY/WITH &WEAPON)", synsets)] == [
        "by:gun",
        "with:gun",
    ]
    assert build_lexicon.parse_after("(IN AIR ATTACK/RAID)", synsets)[0].preps == "in:air attack|air raid"
    with pytest.raises(build_lexicon.Dropped):
        build_lexicon.parse_after("(THE STAKES)", synsets)


def test_codes() -> None:
    assert build_lexicon.forward_code("042:043") == "042"
    assert build_lexicon.forward_code("---") == "---"
    with pytest.raises(build_lexicon.Dropped, match="reverse-only"):
        build_lexicon.forward_code(":173")
    with pytest.raises(build_lexicon.Dropped, match="unparseable"):
        build_lexicon.forward_code("080!")
    table = crosswalk()
    assert table.resolve("1722") == build_lexicon.Plover("COERCE", "restrict", "executive")  # prefix 172
    assert table.resolve("0213") == "no PLOVER type (01/02)"
    assert table.resolve("010") == "no PLOVER type (01/02)"
    assert table.resolve("999") == "unmapped code"
    assert table.resolve("193").context == "military"  # the first of "military; legal"
    destroy = table.resolve("1712")
    assert (destroy.mode, destroy.mode_lost) == ("-", True)  # seize is no ASSAULT mode


def test_compile_codes_and_drops() -> None:
    compiled = compile_test()
    assert ("-", "-", "party", "-", "1722", "COERCE", "restrict", "executive", "37") in rows_of(
        compiled, "set"
    )
    assert ("-", "-", "price", "-", "---", "-", "-", "-", "36") in rows_of(compiled, "set")
    assert not any(row[1:3] == ("-", "trial") or row[2] == "statement" for row in rows_of(compiled, "set"))
    assert ("-", "-", "bridge", "-", "1712", "ASSAULT", "-", "human_security", "38") in rows_of(
        compiled, "blow up"
    )
    dropped = compiled.dropped
    assert dropped["reverse-only"] == 1
    assert dropped["no PLOVER type (01/02)"] == 1
    assert dropped["unparseable"] == 2  # an adverb before the verb; an undefined synset
    assert dropped["mode unknown"] == 2  # the bridge row and the bare "blow up" row
    assert compiled.counts["blocks"] == 3 and compiled.counts["patterns"] == 25


def test_bare_verbs_dominance_and_light_verbs() -> None:
    compiled = compile_test()
    bare = {row.verb: (row.code, row.type, row.line) for row in compiled.patterns if row.bare}
    assert bare["strike"] == ("193", "ASSAULT", 17)  # its own code; its one pattern agrees
    assert bare["assault"] == ("190", "ASSAULT", 16)  # one pattern agrees, one changes the type: a tie
    assert bare["blow up"] == ("1712", "ASSAULT", 29)  # a multi-word verb
    assert "bombard" not in bare  # two ACCUSE patterns outvote its own ASSAULT code
    assert "set" not in bare  # the block has no default event
    assert not {"conduct", "stage", "mount"} & set(bare)  # light verbs
    assert compiled.dropped["bare verb not dominant"] == 1
    assert compiled.dropped["bare light verb"] == 3
    unlit = compile_test(curated=Curated(frozenset(), frozenset(), [], []))
    assert {row.verb for row in unlit.patterns if row.bare} == {"assault", "blow up", "mount", "strike"}
    assert unlit.dropped["bare verb not dominant"] == 3  # conduct and stage are outvoted by their patterns


def test_pattern_verb_comes_from_the_comment_or_the_block() -> None:
    compiled = compile_test()
    assert [row[2] for row in rows_of(compiled, "strike")] == ["-", "car bomb|gun|rocket"]  # "# STRUCK"
    assert ("-", "-", "search", "-", "173", "COERCE", "arrest", "legal", "52") in rows_of(compiled, "conduct")


def test_phrasal_verb_patterns_join_the_phrasal_verb() -> None:
    text = "---  RETREAT   [---]  ---\nPULL\n+PULL_OUT\n- * OUT (OF TALKS)   [190]   # PULL\n"
    compiled = compile_test(text)
    assert rows_of(compiled, "pull out") == [
        ("-", "-", "-", "of:talks", "190", "ASSAULT", "-", "military", "4")
    ]


def test_overrides_replace_the_crosswalk_reading() -> None:
    override = {"code": "1712", "type": "ASSAULT", "mode": "destroy", "context": "-", "reason": "manual"}
    compiled = compile_test(overrides=[override])
    assert ("-", "-", "bridge", "-", "1712", "ASSAULT", "destroy", "-", "38") in rows_of(compiled, "blow up")
    assert compiled.dropped["mode unknown"] == 0


def test_nonevent_objects_add_rows_and_take_their_object_out() -> None:
    curated = Curated(LIGHT.light_verbs, LIGHT.noun_verbs, [("conduct", "raid"), ("take", "place")], [])
    compiled = compile_test(curated=curated)
    assert ("-", "-", "raid", "-", "---", "-", "-", "-", "0") in rows_of(compiled, "conduct")
    assert not any(row[2] == "raids" for row in rows_of(compiled, "conduct"))
    assert ("-", "-", "place", "-", "---", "-", "-", "-", "0") in rows_of(compiled, "take")
    assert compiled.dropped["overridden by nonevent_objects"] == 1
    assert compiled.counts["rows non-event"] == 4


def test_nonevent_rows_may_name_a_prepositional_phrase_or_the_subject() -> None:
    pairs = [("warn", "of:danger|risk"), ("visit", "subject:ship|warship")]
    compiled = compile_test(curated=Curated(LIGHT.light_verbs, LIGHT.noun_verbs, pairs, []))
    assert rows_of(compiled, "warn") == [("-", "-", "-", "of:danger|risk", "---", "-", "-", "-", "0")]
    assert rows_of(compiled, "visit") == [("ship|warship", "-", "-", "-", "---", "-", "-", "-", "0")]


def test_event_nouns() -> None:
    nouns = {noun: rest for noun, *rest in compile_test().nouns}
    assert nouns["raid"] == ["ASSAULT", "-", "military", 2]  # "raids" singular; both light verbs agree
    assert "air raid" not in nouns  # one pattern alone (MIN_NOUN_SUPPORT) makes no event noun
    assert "show" not in nouns  # as often `---` as an event
    assert "rally" not in nouns  # only plain verb + object patterns vote
    assert "car bomb" not in nouns


def test_singular() -> None:
    words = ["attacks", "rallies", "abuses", "clashes", "talks", "crisis", "series", "policemen", "war"]
    assert [build_lexicon.singular(w) for w in words] == [
        *("attack", "rally", "abuse", "clash", "talk", "crisis", "series", "policeman", "war"),
    ]


def test_verb_forms() -> None:
    forms = compile_test().forms
    assert ("struck", "strike") in forms and ("blew up", "blow up") in forms and ("sets", "set") in forms
    assert forms == sorted(forms)


def test_rows_are_sorted_and_unique() -> None:
    text = DICTIONARY + "\n---  AGAIN   [---]  ---\nSET\n- * FREE   [0841]   # SET\n"
    compiled = compile_test(text)
    assert compiled.patterns == sorted(compiled.patterns)
    free = [row for row in compiled.patterns if row.verb == "set" and row.object == "free"]
    assert [row.line for row in free] == [31]
    assert compiled.dropped["duplicate"] == 1


SHARED = build_lexicon.SHARED
CAMEO = SHARED / "kb" / "phoenix" / "CAMEO.2.0.txt"
XWALK = SHARED / "plover" / "CAMEO2PLOVER-2021.txt"


@pytest.mark.skipif(not (CAMEO.is_file() and XWALK.is_file()), reason="no /work/shared sources here")
def test_packaged_tables_match_a_fresh_build(tmp_path: Path) -> None:
    data = REPO / "src" / "eventlens" / "data"
    names = ("verb_patterns.tsv", "event_nouns.tsv", "verb_forms.tsv", "support_verbs.tsv")
    ontology = REPO / "src" / "eventlens" / "ontology" / "plover.json"
    for out in (tmp_path / "a", tmp_path / "b"):
        compiled = build_lexicon.build(CAMEO, XWALK, out, REPO / "scripts" / "kb", ontology)
    for name in names:
        fresh = (tmp_path / "a" / name).read_bytes()
        assert fresh == (tmp_path / "b" / name).read_bytes(), f"{name}: two builds differ"
        assert fresh == (data / name).read_bytes(), f"{name} is stale: run scripts/build_lexicon.py"
    rows = {tuple(row.cells()[:6]) for row in compiled.patterns}
    assert ("set", "-", "off", "-", "from", "042") in rows
    assert ("blow up", "-", "-", "-", "-", "190") in rows
    assert all(row.type == "-" or row.type in ONTOLOGY["types"] for row in compiled.patterns)
    assert compiled.counts["rows bare"] > 150 and compiled.counts["rows pattern"] > 3000
