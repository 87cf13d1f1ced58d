"""The checker's machinery: a verdict, a failing case, and calling the reader's code safely.

A check is a short function that calls the reader's answer on cases from
smallest to largest and raises ``Mistake`` at the first one that is wrong,
so the case it reports is the smallest that fails.
"""

import inspect
import math
import random

from micrograd.engine import Value


class Result:
    """The verdict of ``check``: true when the answer passed, and a message to print.

    >>> ok = Result("2.A", None)
    >>> bool(ok), str(ok)
    (True, '✓ 2.A passed every case.')
    """

    def __init__(self, exercise_id, mistake):
        self.exercise_id = exercise_id
        self.mistake = mistake

    def __bool__(self):
        return self.mistake is None

    def __str__(self):
        if self.mistake is None:
            return f"✓ {self.exercise_id} passed every case."
        return f"✗ {self.exercise_id}: {self.mistake}"

    __repr__ = __str__


class Mistake(Exception):
    """What went wrong on one case: the case, what was expected, what came, and a hint."""

    def __init__(self, case, expected, got, hint):
        super().__init__(case)
        self.case, self.expected, self.got, self.hint = case, expected, got, hint

    def __str__(self):
        lines = [f"on {self.case}"]
        if self.expected is not None or self.got is not None:
            lines += [f"  expected {self.expected}", f"  got      {self.got}"]
        return "\n".join(lines + [f"Hint: {self.hint}"])


def call(answer, case, *args, overflow_hint="a number grew too big for a float"):
    """Call the reader's ``answer(*args)``; if it raises, report that as a mistake."""
    if not callable(answer):
        raise Mistake(case, "a function", f"{type(answer).__name__}: {answer!r}",
                      "pass the function itself, by its name, without calling it")
    try:
        inspect.signature(answer).bind(*args)
    except TypeError:
        raise Mistake(case, f"a function of {len(args)} arguments",
                      f"one of {len(inspect.signature(answer).parameters)}",
                      "does it take the arguments the stub takes?") from None
    except ValueError:  # a built-in function, whose signature Python cannot tell
        pass
    try:
        return answer(*args)
    except RecursionError:
        raise Mistake(case, "an answer", "RecursionError",
                      "the graph is deeper than Python lets a function call itself: "
                      "walk it with a list as an explicit stack") from None
    except OverflowError as error:
        raise Mistake(case, "an answer", f"OverflowError: {error}", overflow_hint) from None
    except Exception as error:  # the reader's bug, not ours: say which one it was
        raise Mistake(case, "an answer", f"{type(error).__name__}: {error}",
                      "your code raised an error on this case; read its message") from None


def expect_value(case, got):
    """Raise unless the reader returned a ``Value``."""
    if not isinstance(got, Value):
        raise Mistake(case, "a Value", f"{type(got).__name__}: {got!r}",
                      "return a Value, built from the inputs' Values, so that the "
                      "result remembers how it was computed")


def close(a, b, tol=1e-6):
    """True when the numbers agree to ``tol`` relative error (NaN matches NaN)."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def all_close(xs, ys, tol=1e-6):
    """True when two lists of numbers have the same length and agree item by item."""
    return len(xs) == len(ys) and all(close(x, y, tol) for x, y in zip(xs, ys, strict=True))


def numbers(count, seed, low=-3.0, high=3.0):
    """``count`` seeded random floats in [low, high], rounded for readable messages."""
    rng = random.Random(seed)
    return [round(rng.uniform(low, high), 3) for _ in range(count)]


def show(xs, most=6):
    """A short, readable form of a list of numbers for a message: at most ``most`` of them."""
    shown = ", ".join(f"{x:.6g}" for x in xs[:most])
    return f"[{shown}]" if len(xs) <= most else f"[{shown}, … {len(xs)} in all]"
