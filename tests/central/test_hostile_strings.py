"""Strings are checked at the edge: a push holding a string the store could not serve back (a
lone surrogate), a control character, or an over-long value is answered 422 for every field of
every record kind, nothing is stored, and every user's pull still answers 200."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from erms_desktop.central.models import DeviceMutation, Record
from erms_desktop.domain.records import RECORD_KINDS, field_names, to_fields
from erms_desktop.domain.textrules import MAX_LENGTH, FieldClass, field_class
from tests.central.world import World, new_note
from tests.domain.strategies import ENTITIES

SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CONTROLS = st.sampled_from([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]).map(chr)
HOSTILE_CHARACTERS = st.tuples(st.text(max_size=4), SURROGATES | CONTROLS, st.text(max_size=4)).map(
    "".join
)


def hostile_for(name: str) -> st.SearchStrategy[str]:
    """Strings no field may hold, and those this field's class may not: a character over its
    length, or a newline in a one-line field."""
    cls = field_class(name)
    if cls is FieldClass.TEXT:  # over-long text is over the body limit too: see the test below
        return HOSTILE_CHARACTERS
    over_long = st.integers(min_value=1, max_value=20).map(lambda n: "x" * (MAX_LENGTH[cls] + n))
    return HOSTILE_CHARACTERS | over_long | st.just("two\nlines")


def _pulls_answer_for_everyone(world: World) -> None:
    for name in ("alice", "bob", "carol", "sam"):
        world.pull_all(name)  # asserts 200 on every page


def test_a_note_with_a_lone_surrogate_is_refused_and_pulls_keep_working(world: World) -> None:
    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Spoke to her.", world.users["bob"])
    note["fields"]["body"] = "Spoke to her about the \ud800 meeting"
    answer = world.push("bob", note)
    assert answer.status_code == 422, answer.text
    assert "lone surrogate" in answer.json()["error"]["message"]
    assert "\\ud800" not in answer.text
    assert "meeting" not in answer.text
    _pulls_answer_for_everyone(world)


def test_a_nul_in_a_field_name_is_refused_before_it_reaches_the_database(world: World) -> None:
    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Phoned.", world.users["bob"])
    note["fields"]["bo\x00dy"] = "x"
    assert world.push("bob", note).status_code == 422


def test_a_newline_in_a_name_is_refused_but_allowed_in_a_note_body(world: World) -> None:
    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Line one\n\tline two", world.users["bob"])
    assert world.push("bob", note).json()["results"][0]["status"] == "applied"
    fields: dict[str, object] = {"family_name": "Quennell\nX"}
    rename = {"kind": "participant", "record_id": a.victim, "op": "update", "base_version": 1}
    answer = world.push("bob", {**rename, "fields": fields})
    assert answer.status_code == 422
    assert "family_name holds a control character" in answer.json()["error"]["message"]


@st.composite
def hostile_mutations(draw: Any) -> dict[str, Any]:
    """A valid entity of any kind, one field (or one list item, or a nested value) replaced by
    a hostile string, sent as a create or as an update."""
    kind = draw(st.sampled_from(sorted(RECORD_KINDS)))
    record_id = str(uuid.uuid4())
    fields = {**to_fields(draw(ENTITIES[kind])), "id": record_id}
    name = draw(st.sampled_from(field_names(kind)))
    current = fields[name]
    if isinstance(current, list) and current and draw(st.booleans()):
        fields[name] = [*current[:-1], draw(hostile_for(name))]
    elif isinstance(current, dict):
        inner = draw(st.sampled_from(sorted(current)))
        fields[name] = {**current, inner: draw(hostile_for(inner))}
    else:
        fields[name] = draw(hostile_for(name))
    op = draw(st.sampled_from(["create", "update"]))
    return {
        "kind": kind,
        "record_id": record_id,
        "op": op,
        "base_version": 0 if op == "create" else 1,
        "fields": fields if op == "create" else {name: fields[name]},
    }


def _record_count(world: World) -> int:
    with world.store.unit() as s:
        return len(s.scalars(select(Record.id)).all())


def test_every_kind_refuses_hostile_strings_and_stores_nothing(world: World) -> None:
    before = _record_count(world)

    @given(mutation=hostile_mutations())
    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    def check(mutation: dict[str, Any]) -> None:
        for name in ("alice", "sam"):
            answer = world.push(name, mutation)
            assert answer.status_code == 422, (mutation["kind"], answer.text)
            world.devices[name].next_seq -= 1  # a refused request consumes no device_seq

    check()
    assert _record_count(world) == before
    with world.store.unit() as s:
        assert s.scalars(select(DeviceMutation)).first() is None
    _pulls_answer_for_everyone(world)


def test_over_long_text_is_refused_and_stores_nothing(world: World) -> None:
    """Text longer than its class allows is longer than a push body may be: 413, nothing kept."""
    a = world.cases["a"]
    note = new_note(a, a.victim_file, "Phoned.", world.users["bob"])
    note["fields"]["body"] = "x" * (MAX_LENGTH[FieldClass.TEXT] + 1)
    before = _record_count(world)
    assert world.push("bob", note).status_code == 413
    assert _record_count(world) == before
    _pulls_answer_for_everyone(world)
