#!/usr/bin/env python3
"""Time of `solpack diff` on two large synthetic archives with 1 % of entries changed,
next to `unzip` of both plus `diff -r`, measured in one run.

    Scripts/bench-diff.py [--flows 1500 --envvars 200 --parts 100] [--runs 5] [--changed 0.01]

Build first: `swift build -c release`. Median of --runs after one warm-up; outputs on
/dev/shm when present."""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command, prepare=None, ok=(0,)):
    if prepare:
        prepare()
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr}")
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flows", type=int, default=1500)
    parser.add_argument("--envvars", type=int, default=200)
    parser.add_argument("--parts", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changed", type=float, default=0.01)
    parser.add_argument("--work", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    parser.add_argument("--solpack", default=os.path.join(ROOT, ".build/release/solpack"))
    args = parser.parse_args()

    work = os.path.join(args.work, "solpack-bench-diff")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    tree = os.path.join(work, "tree")
    subprocess.run([sys.executable, os.path.join(ROOT, "Scripts/make-synthetic-solution.py"), tree,
                    "--flows", str(args.flows), "--envvars", str(args.envvars), "--parts", str(args.parts),
                    "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
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
    rows = []
    for name, command, prepare in [("solpack diff a.zip b.zip", [args.solpack, "diff", a, b], None),
                                   ("unzip a + unzip b + diff -r", ["bash", "-c", script], clear)]:
        timed(command, prepare)
        samples = [timed(command, prepare) for _ in range(args.runs)]
        rows.append((name, statistics.median(s for s, _ in samples), max(r for _, r in samples),
                     [round(s, 3) for s, _ in samples]))
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(tree) for f in fs) / 1e6
    print(f"# {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores; {entries} entries, {size:.1f} MB uncompressed, "
          f"{count} flow files changed; outputs in {args.work}; median of {args.runs} runs after 1 warm-up")
    print("| command | median s | peak RSS MB | runs (s) |")
    print("|---|---|---|---|")
    for name, seconds, rss, runs in rows:
        print(f"| {name} | {seconds:.2f} | {rss / 1024:.0f} | {', '.join(map(str, runs))} |")
    print(f"\ndiff: solpack / (unzip x2 + diff -r) = {rows[0][1] / rows[1][1]:.2f}x the time")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
