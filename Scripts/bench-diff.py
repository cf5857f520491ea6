#!/usr/bin/env python3
"""Time of `solpack diff` on two large synthetic archives with 1 % of entries changed,
next to `unzip` of both plus `diff -r`, measured in one run.

    Scripts/bench-diff.py [--flows 1500 --envvars 200 --parts 100] [--runs 5] [--changed 0.01]

Build first: `swift build -c release`. Median of --runs after one warm-up; outputs on
/dev/shm when present."""
import os
import random
import shutil
import subprocess
import time

from benchlib import arguments, make_tree, measure


def main():
    parser = arguments(__doc__)
    parser.add_argument("--changed", type=float, default=0.01)
    args = parser.parse_args()

    work = os.path.join(args.work, "solpack-bench-diff")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    tree = os.path.join(work, "tree")
    make_tree(args, tree)
    a, b = os.path.join(work, "a.zip"), os.path.join(work, "b.zip")
    subprocess.run([args.solpack, "pack", tree, a], check=True, stdout=subprocess.DEVNULL)
    flows = sorted(f for f in os.listdir(os.path.join(tree, "Workflows")) if f.endswith(".json"))
    entries = len(subprocess.run(["unzip", "-Z1", a], capture_output=True, text=True).stdout.split())
    count = max(1, round(entries * args.changed))
    rng = random.Random(args.seed)
    for name in rng.sample(flows, min(count, len(flows))):
        path = os.path.join(tree, "Workflows", name)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            # A real edit: one action's type, or trailing whitespace when there is none.
            handle.write(text.replace('"Compose"', '"Compose2"', 1) if '"Compose"' in text else text + " ")
    subprocess.run([args.solpack, "pack", tree, b], check=True, stdout=subprocess.DEVNULL)
    x, y = os.path.join(work, "x"), os.path.join(work, "y")

    def clear():
        shutil.rmtree(x, ignore_errors=True)
        shutil.rmtree(y, ignore_errors=True)

    script = f"unzip -q {a} -d {x} && unzip -q {b} -d {y} && diff -r {x} {y} > /dev/null; test $? -le 1"
    rows = [measure("solpack diff a.zip b.zip", [args.solpack, "diff", a, b], args.runs),
            measure("unzip a + unzip b + diff -r", ["bash", "-c", script], args.runs, prepare=clear)]
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs) / 1e6
    print(f"# {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores; {entries} entries, {size:.1f} MB uncompressed, "
          f"{count} flow files changed; outputs in {args.work}; median of {args.runs} runs after 1 warm-up")
    print("| command | median s | peak RSS MB | runs (s) |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['seconds']:.2f} | {r['rss_mb']:.0f} | {', '.join(map(str, r['runs']))} |")
    print(f"\ndiff: solpack / (unzip x2 + diff -r) = {rows[0]['seconds'] / rows[1]['seconds']:.2f}x the time")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
