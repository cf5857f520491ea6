"""Timing a command for the benchmarks: wall time and peak RSS, median of several runs."""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
