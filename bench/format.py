#!/usr/bin/env python3
"""Prints a JMH JSON result file as a Markdown table: median and best of the raw iteration scores.

The machines HEQ is measured on are shared and noisy; the best (minimum) of many short iterations is the
reproducible figure, the median shows the typical one. Usage: bench/format.py results.json
"""
import json
import statistics
import sys


def main(path):
    with open(path) as f:
        runs = json.load(f)
    rows = []
    for r in runs:
        name = r["benchmark"].rsplit(".", 2)
        bench = ".".join(name[-2:])
        params = r.get("params", {})
        raw = [x for fork in r["primaryMetric"].get("rawData", []) for x in fork]
        unit = r["primaryMetric"]["scoreUnit"]
        if not raw:
            continue
        rows.append((bench, params, statistics.median(raw), min(raw), len(raw), unit))
    keys = sorted({k for _, p, *_ in rows for k in p})
    print("| benchmark | " + " | ".join(keys) + " | median | best | n | unit |")
    print("|---" * (len(keys) + 5) + "|")
    for bench, p, med, best, n, unit in rows:
        print(f"| {bench} | " + " | ".join(p.get(k, "") for k in keys) + f" | {med:,.1f} | {best:,.1f} | {n} | {unit} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench/format.py results.json")
    main(sys.argv[1])
