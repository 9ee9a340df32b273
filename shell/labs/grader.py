"""The grading model: a lab is a list of tests with points.

A lab's grader (labs/<lab>/grader.py) makes one `Lab` and adds tests to it:

    LAB = Lab("util", "Unix utilities", order=1)

    @LAB.test("pingpong", points=10, max_instructions=50_000_000)
    def pingpong(t):
        out = t.run("pingpong")             # boots a fresh OS, runs the line
        t.expect(out.status == 0, "pingpong exited with status %d" % out.status)

A test passes when its function returns without `t.fail`/`t.expect`
failing. It may return a fraction in [0, 1] for partial credit. `depends`
names earlier tests: if one of them did not get full marks, the test is not
run and fails with that reason. Every run is bounded in instructions (the
test's `max_instructions`, shared by all its runs), never in seconds, so a
grade is the same on every computer; seconds are only shown.
"""

import time
from dataclasses import dataclass

from vm.errors import MinosError

OUTPUT_LINES = 12          # console lines kept with a failure reason


class Fail(Exception):
    """Raised inside a test: the reason, the console output that shows it,
    and the fraction of the points the test still gets (0: none)."""

    def __init__(self, reason, output="", fraction=0.0):
        super().__init__(reason)
        self.reason = reason
        self.output = output
        self.fraction = fraction


@dataclass
class Test:
    name: str
    points: int
    func: object
    max_instructions: int
    depends: tuple = ()
    doc: str = ""


@dataclass
class Result:
    name: str
    points: int
    score: float
    seconds: float = 0.0
    reason: str = ""
    output: str = ""
    instructions: int = 0

    @property
    def passed(self):
        return self.score >= self.points


class Lab:
    def __init__(self, name, title, order=99, kernel="mono"):
        self.name = name
        self.title = title
        self.order = order
        self.kernel = kernel          # the kernel its tests boot (`minos grade` builds it)
        self.tests = []

    @property
    def points(self):
        return sum(t.points for t in self.tests)

    def test(self, name, points, max_instructions, depends=()):
        """Decorator: add the function as a graded test."""
        def add(func):
            known = {t.name for t in self.tests}
            for dep in depends:
                if dep not in known:
                    raise MinosError(f"lab {self.name}: test '{name}' depends on '{dep}', "
                                     "which is not an earlier test")
            self.tests.append(Test(name, points, func, max_instructions, tuple(depends),
                                   (func.__doc__ or "").strip()))
            return func
        return add


class Context:
    """What a test function gets: runs in the OS, checks, the last output."""

    def __init__(self, system, test):
        self.system = system
        self.test = test
        self.used = 0                # instructions used by this test's runs
        self.last = ""               # output of the last run (shown on failure)

    def run(self, script, cores=None, hang_ok=False):
        """Boot a fresh OS (with `cores` cores, or the System's), run the shell
        command lines, return the RunResult (.status, .text = output as text,
        .finished). Counts against the test's bound. With hang_ok, running
        out of the bound is not a failure: the result holds what was printed
        until then, with .finished False and .status None (so a grader can
        judge a correct prefix the same whether the program exits or hangs)."""
        from shell.run_cmd import MARKER, RunError, RunResult, run_commands
        left = self.test.max_instructions - self.used
        if left <= 0:
            raise Fail(f"instruction bound of {self.test.max_instructions:,} spent", self.last)
        usual = self.system.cores
        try:
            if cores is not None:
                self.system.cores = cores
            result = run_commands(script, system=self.system, max_instructions=left)
            result.finished = True
        except RunError as e:
            self.used = self.test.max_instructions
            if hang_ok and e.timed_out:
                result = RunResult(None, e.output, left, e.output)
                result.finished = False
                result.text = self.last = e.output.decode("utf-8", "replace")
                return result
            text, _, tail = str(e).partition("Console output (last 600 bytes):\n")
            tail = tail.split(MARKER.decode(), 1)[-1]          # drop the boot banner
            if "did not finish within" in text:
                text = (f"did not finish within the test's bound of {left:,} instructions "
                        "(an endless loop, or a process waiting for a pipe end left open?)")
            raise Fail(text.strip(), tail) from None
        finally:
            self.system.cores = usual
        self.used += result.instructions
        result.text = result.output.decode("utf-8", "replace")
        self.last = result.text
        return result

    def fail(self, reason, fraction=0.0):
        """End the test with reason; it gets `fraction` of its points."""
        raise Fail(reason, self.last, fraction)

    def expect(self, condition, reason, fraction=0.0):
        if not condition:
            self.fail(reason, fraction)

    def partial(self, fraction, reason):
        """End the test with partial credit, saying what was missing."""
        self.fail(reason, fraction)


def grade(lab, system, only=None, progress=None):
    """Run the lab's tests (or those named in `only`) on a built System.
    Returns the list of Results, in the lab's order."""
    results = {}
    for test in lab.tests:
        if only and test.name not in only:
            continue
        if progress:
            progress(test)
        results[test.name] = _run_one(test, system, results)
    return list(results.values())


def _run_one(test, system, earlier):
    for dep in test.depends:
        before = earlier.get(dep)
        if before is not None and not before.passed:
            return Result(test.name, test.points, 0, reason=f"needs '{dep}', which failed")
    ctx = Context(system, test)
    start = time.perf_counter()            # shown only, never used to grade
    try:
        fraction = test.func(ctx)
        reason, output = "", ""
        fraction = 1.0 if fraction is None else max(0.0, min(1.0, float(fraction)))
        if fraction < 1.0:
            reason, output = "partial credit", ctx.last
    except Fail as f:
        fraction, reason, output = max(0.0, min(1.0, f.fraction)), f.reason, f.output
    except MinosError as e:
        fraction, reason, output = 0.0, str(e), ctx.last
    except Exception as e:        # a grader that trips on odd output must not stop the others
        fraction, reason, output = 0.0, f"grader error: {type(e).__name__}: {e}", ctx.last
    score = round(test.points * fraction, 2)
    return Result(test.name, test.points, score, time.perf_counter() - start, reason,
                  _tail(output), ctx.used)


def failed_build(lab, error):
    """Every test fails when the tree does not build."""
    return [Result(t.name, t.points, 0, reason=f"the tree does not build: {error}")
            for t in lab.tests]


def _tail(text, lines=OUTPUT_LINES):
    kept = text.rstrip("\n").split("\n")[-lines:]
    return "\n".join(kept) if text.strip() else ""


def total(results):
    return sum(r.score for r in results), sum(r.points for r in results)


def gradescope(results):
    """Gradescope's results.json: score, max_score and one entry per test."""
    score, possible = total(results)
    tests = []
    for r in results:
        output = "passed" if r.passed else r.reason
        if r.output and not r.passed:
            output += "\n--- console output ---\n" + r.output
        tests.append({"name": r.name, "score": _number(r.score), "max_score": r.points,
                      "status": "passed" if r.passed else "failed", "output": output})
    return {"score": _number(score), "max_score": possible, "tests": tests}


def _number(x):
    """10.0 -> 10, 2.5 -> 2.5: whole scores print as integers."""
    return int(x) if float(x).is_integer() else x
