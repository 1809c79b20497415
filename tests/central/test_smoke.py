from tests.central.world import World


def test_world_builds_and_alice_pulls_her_case(world: World) -> None:
    changes, cursor = world.pull_all("alice")
    assert cursor > 0
    ids = {c["id"] for c in changes if c["type"] == "record"}
    a = world.cases["a"]
    assert {a.case, a.victim_note, a.offender_note, a.victim, a.offender} <= ids
    assert world.cases["b"].case not in ids
