#!/usr/bin/env python3
"""Markdown table from JMH JSON results (bin/bench output): ns/op (99.9% error as %), ratio to OURS, B/op.

Usage: benches/scripts/jmh_table.py results/run.json [more.json ...]
With several files, one column group per file, so runs can be compared side by side.
"""
import json
import sys


def load(path):
    rows = {}
    for r in json.load(open(path)):
        bench = r["benchmark"].rsplit(".", 2)
        name = bench[-2].replace("Bench", "") + "." + bench[-1]
        params = dict(r.get("params", {}))
        cand = params.pop("map", "?")
        key = (name, tuple(sorted(params.items())))
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        m = r["primaryMetric"]
        rows[(key, cand)] = (m["score"], m["scoreError"], alloc)
    return rows


def fmt_params(params):
    return " ".join(v for _, v in params)


def main(paths):
    runs = [load(p) for p in paths]
    keys = sorted({k for run in runs for (k, _) in run})
    cands = ["OURS", "EC", "EC_GET_THEN_ADD", "AGRONA_COUNTER", "AGRONA_HASH"]
    head = "| workload | params | table |"
    sep = "|---|---|---|"
    for i, _ in enumerate(runs):
        head += f" ns/op #{i + 1} | ±err | ×OURS | B/op |"
        sep += "---:|---:|---:|---:|"
    print(head)
    print(sep)
    for key in keys:
        for cand in cands:
            if not any((key, cand) in run for run in runs):
                continue
            line = f"| {key[0]} | {fmt_params(key[1])} | {cand} |"
            for run in runs:
                r = run.get((key, cand))
                base = run.get((key, "OURS"))
                if r is None:
                    line += " | | | |"
                    continue
                ratio = f"{r[0] / base[0]:.2f}" if base else ""
                alloc = "" if r[2] is None else f"{r[2]:.2f}"
                err = f"{100 * r[1] / r[0]:.0f}%" if r[0] else ""
                line += f" {r[0]:.1f} | {err} | {ratio} | {alloc} |"
            print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
