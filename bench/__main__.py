"""``python -m bench``: run every benchmark (or those ``-k`` picks) and print one table.

    python -m bench                  all benchmarks, full repeats
    python -m bench --quick          fewer repeats
    python -m bench -k people        only benchmarks whose name (or module) contains "people"
    python -m bench --rebuild        build the dataset again even if it is current
    python -m bench --list           list the benchmarks and exit

Progress goes to stderr; the table and its notes to stdout. Exit code 0 even when
a benchmark failed (its row says so): benchmarks report, they do not judge.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import bench
from bench.harness import Benchmark, bench_context, render_notes, render_table, run_benchmark


def discover() -> list[tuple[str, Benchmark]]:
    """Every ``BENCHMARKS`` entry of the ``bench/bench_*.py`` modules, by module name."""
    found = []
    for module_info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if not module_info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        found.extend((module_info.name, item) for item in getattr(module, "BENCHMARKS", []))
    return found


def _selected(found: list[tuple[str, Benchmark]], patterns: Sequence[str]
              ) -> list[Benchmark]:
    if not patterns:
        return [item for _module, item in found]
    wanted = [p.lower() for p in patterns]
    return [item for module, item in found
            if any(p in item.name.lower() or p in module.lower() for p in wanted)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("-k", dest="patterns", action="append", default=[], metavar="NAME",
                        help="run benchmarks whose name or module contains NAME (repeatable)")
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild the benchmark dataset even if it is current")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)

    found = discover()
    if args.list:
        for module, item in found:
            print(f"{module}: {item.name}")
        return 0
    chosen = _selected(found, args.patterns)
    if not chosen:
        print(f"no benchmark matches {' / '.join(args.patterns)}; try --list", file=sys.stderr)
        return 2

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results = []
    with bench_context(quick=args.quick, rebuild=args.rebuild) as context:
        for item in chosen:
            log(f"{item.name}…")
            results.append(run_benchmark(item, context, log))
        print(render_table(results))
        print()
        print(render_notes(results, context))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
