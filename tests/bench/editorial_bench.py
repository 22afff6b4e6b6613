"""Precision and recall of the editorial rules on their labelled corpora (tests/audit/corpus/).

Each corpus is a YAML file of sentences labelled with the verdict expected (error, warning, none)
and the case that decides it; `tests/audit/corpus/runner.py` writes each sentence as a page of a
tiny real hub and runs the rule as `hubtool check` does. Prints, per rule: precision and recall on
errors and on any finding, and the share judged right per category. Asserts nothing (the targets
are asserted by tests/audit/test_claims.py).

Add a rule: put `<code lower case>.yaml` in tests/audit/corpus/ (same format) and list it in
CORPORA, or run `editorial_bench.py ED003 path/to/ed003.yaml`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(TESTS / "audit"), str(TESTS / "audit" / "corpus")]

import runner  # noqa: E402

# rule code -> corpus file (relative to tests/audit/corpus/); a corpus not yet written is skipped.
CORPORA = {"ED002": "ed002.yaml", "ED003": "ed003.yaml", "ED005": "ed005.yaml"}


def bench(code: str, corpus: str | Path) -> dict[str, object]:
    """Run rule `code` on `corpus` and return its scores (also printed)."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        outcomes = runner.run(code, corpus, Path(folder) / "hub")
        seconds = time.perf_counter() - started
    errors, anything = runner.score(outcomes, "error"), runner.score(outcomes, "any")
    print(f"{code}  {len(outcomes)} sentences, {seconds:.1f} s")
    if any(o.want in ("error", "warning") for o in outcomes):  # corpora graded by severity
        print(
            f"  errors:      precision {errors.precision:.3f}  recall {errors.recall:.3f}  "
            f"({errors.reported} reported, {errors.labelled} labelled)"
        )
    print(
        f"  any finding: precision {anything.precision:.3f}  recall {anything.recall:.3f}  "
        f"({anything.reported} reported, {anything.labelled} labelled)"
    )
    for category, (right, total) in runner.by_category(outcomes).items():
        print(f"    {category:24} {right:3d}/{total:<3d}")
    return {"errors": errors, "any": anything, "outcomes": outcomes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", nargs="?", help="one rule (default: every corpus present)")
    parser.add_argument("corpus", nargs="?", help="its corpus file (default: CORPORA[code])")
    args = parser.parse_args()
    wanted = {args.code: args.corpus or CORPORA.get(args.code, "")} if args.code else CORPORA
    for code, corpus in wanted.items():
        path = Path(corpus) if Path(corpus).is_absolute() else runner.HERE / corpus
        if not corpus or not path.exists():
            print(f"{code}  no corpus ({path.name if corpus else 'none given'}): skipped")
            continue
        bench(code, path)


if __name__ == "__main__":
    main()
