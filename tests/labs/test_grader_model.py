"""The grading model without booting anything: dependencies, partial credit,
Gradescope JSON, the table (shell/labs/grader.py, table.py)."""

import io

import pytest
from rich.console import Console

from shell.labs import grader, table
from shell.labs.grader import Lab
from vm.errors import MinosError


def make_lab():
    lab = Lab("demo", "a demo lab")

    @lab.test("good", points=5, max_instructions=1)
    def good(t):
        pass

    @lab.test("bad", points=10, max_instructions=1)
    def bad(t):
        t.expect(False, "the answer was wrong")

    @lab.test("half", points=4, max_instructions=1)
    def half(t):
        return 0.5

    @lab.test("after_bad", points=3, max_instructions=1, depends=("good", "bad"))
    def after_bad(t):
        raise AssertionError("must not run: its prerequisite failed")

    @lab.test("after_good", points=2, max_instructions=1, depends=("good",))
    def after_good(t):
        pass

    return lab


def test_scores_dependencies_and_partial_credit():
    results = grader.grade(make_lab(), system=None)
    by_name = {r.name: r for r in results}
    assert by_name["good"].passed and by_name["good"].score == 5
    assert by_name["bad"].score == 0 and by_name["bad"].reason == "the answer was wrong"
    assert by_name["half"].score == 2 and not by_name["half"].passed
    assert by_name["after_bad"].score == 0
    assert by_name["after_bad"].reason == "needs 'bad', which failed"
    assert by_name["after_good"].passed
    assert grader.total(results) == (9, 24)


def test_gradescope_json_shape():
    data = grader.gradescope(grader.grade(make_lab(), system=None))
    assert set(data) == {"score", "max_score", "tests"}
    assert data["score"] == 9 and data["max_score"] == 24
    for entry in data["tests"]:
        assert {"name", "score", "max_score", "output"} <= set(entry)
        assert isinstance(entry["name"], str) and isinstance(entry["output"], str)
        assert isinstance(entry["score"], (int, float)) and isinstance(entry["max_score"], int)
        assert 0 <= entry["score"] <= entry["max_score"]
    assert [e["name"] for e in data["tests"]] == ["good", "bad", "half", "after_bad", "after_good"]


def test_depending_on_an_unknown_test_is_an_error():
    lab = Lab("demo", "demo")
    with pytest.raises(MinosError, match="depends on 'nope'"):
        lab.test("x", points=1, max_instructions=1, depends=("nope",))(lambda t: None)


def test_table_shows_scores_reasons_and_total():
    out = io.StringIO()
    table.render(make_lab(), grader.grade(make_lab(), system=None),
                 Console(file=out, width=150))
    text = out.getvalue()
    assert "the answer was wrong" in text and "needs 'bad', which failed" in text
    assert "9/24" in text and "FAIL" in text and "pass" in text


def test_a_hung_program_fails_at_its_instruction_bound():
    from shell.system import System
    lab = Lab("hang", "a test that never ends")

    @lab.test("hangs", points=3, max_instructions=3_000_000)
    def hangs(t):
        t.run("echo before\nsleep 100000\n")

    with System() as system:
        [result] = grader.grade(lab, system)
    assert result.score == 0 and result.instructions == 3_000_000
    assert "did not finish within the test's bound of 3,000,000 instructions" in result.reason
    assert result.output.strip() == "before"          # the boot banner is not shown


def test_a_crashing_test_function_fails_only_itself():
    lab = Lab("demo", "demo")

    @lab.test("crashes", points=2, max_instructions=1)
    def crashes(t):
        return [][0]

    @lab.test("fine", points=1, max_instructions=1)
    def fine(t):
        pass

    crashed, ok = grader.grade(lab, system=None)
    assert crashed.score == 0 and crashed.reason.startswith("grader error: IndexError")
    assert ok.passed


def test_a_run_can_ask_for_more_cores_and_the_system_keeps_its_own(monkeypatch):
    """t.run(script, cores=4) boots that run with 4 cores (lab sched); the
    grading System keeps its own number for the next runs, even after a
    run that failed."""
    import shell.run_cmd as run_cmd

    class FakeSystem:
        cores = 1

    class Done:
        instructions, output, status = 10, b"ok\n", 0

    seen = []

    def fake_run(script, system, max_instructions):
        seen.append(system.cores)
        if script == "fail":
            raise run_cmd.RunError("did not finish within the bound")
        return Done()

    monkeypatch.setattr(run_cmd, "run_commands", fake_run)
    system = FakeSystem()
    t = grader.Context(system, grader.Test("x", 1, None, 100))
    assert t.run("a", cores=4).text == "ok\n"
    assert t.run("b").text == "ok\n"
    with pytest.raises(grader.Fail):
        t.run("fail", cores=4)
    assert seen == [4, 1, 4] and system.cores == 1


def test_partial_credit_with_a_reason():
    lab = Lab("demo", "demo")

    @lab.test("some", points=10, max_instructions=1)
    def some(t):
        t.partial(0.25, "line 3 should be 'c', got 'x'")

    @lab.test("expect_part", points=10, max_instructions=1)
    def expect_part(t):
        t.expect(False, "it never exited", 0.9)

    some_result, part = grader.grade(lab, system=None)
    assert some_result.score == 2.5 and some_result.reason == "line 3 should be 'c', got 'x'"
    assert part.score == 9 and part.reason == "it never exited" and not part.passed


def test_a_correct_prefix_scores_the_same_whether_the_program_exits_or_hangs():
    """hang_ok: running out of the bound gives what was printed, not a failure."""
    from shell.system import System
    lab = Lab("prefix", "prefix credit")
    seen = {}

    def prefix_test(script):
        def test(t):
            out = t.run(script, hang_ok=True)
            seen[script] = out
            got = out.text.split()
            return sum(1 for a, b in zip(got, ["one", "two", "three"]) if a == b) / 3
        return test

    exits, hangs = "echo one\necho two\n", "echo one\necho two\nsleep 100000\n"
    lab.test("exits", points=3, max_instructions=3_000_000)(prefix_test(exits))
    lab.test("hangs", points=3, max_instructions=3_000_000)(prefix_test(hangs))
    with System() as system:
        exited, hung = grader.grade(lab, system)
    assert exited.score == hung.score == 2
    assert seen[exits].finished and seen[exits].status == 0
    assert not seen[hangs].finished and seen[hangs].status is None
    assert seen[hangs].text == "one\ntwo\n" and hung.instructions == 3_000_000
