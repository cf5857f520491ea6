"""What the benchmark scripts share: timing a command and the synthetic tree."""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def arguments(description):
    """The options every benchmark takes: the synthetic tree's size, runs, where to work."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--flows", type=int, default=1500)
    parser.add_argument("--envvars", type=int, default=200)
    parser.add_argument("--parts", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    parser.add_argument("--solpack", default=os.path.join(ROOT, ".build/release/solpack"))
    return parser


def make_tree(args, tree):
    subprocess.run([sys.executable, os.path.join(ROOT, "Scripts/make-synthetic-solution.py"), tree,
                    "--flows", str(args.flows), "--envvars", str(args.envvars),
                    "--parts", str(args.parts), "--seed", str(args.seed)],
                   check=True, stdout=subprocess.DEVNULL)


def timed(command, cwd=None, prepare=None):
    """Wall seconds and peak RSS (KB) of one run; `prepare` clears outputs first."""
    if prepare:
        prepare()
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def measure(name, command, runs, cwd=None, prepare=None):
    """One warm-up, then the median of `runs`, with the largest peak RSS."""
    timed(command, cwd, prepare)
    samples = [timed(command, cwd, prepare) for _ in range(runs)]
    return {"name": name, "seconds": statistics.median(s for s, _ in samples),
            "rss_mb": max(r for _, r in samples) / 1024, "runs": [round(s, 3) for s, _ in samples]}
