#!/usr/bin/env python3
"""Pack and unpack throughput of solpack next to Info-ZIP `zip -r -6` and `unzip`,
measured in one run on the same synthetic tree.

    Scripts/bench-pack-unpack.py [--flows 1500 --envvars 200 --parts 100] [--runs 5]
        [--work DIR] [--solpack .build/release/solpack]

Builds nothing: run `swift build -c release` first. Each command runs once to warm
up, then --runs times; the median wall time is reported with peak RSS (GNU time).
Outputs go to --work (default /dev/shm when present, so the VM's slow file creation
does not swamp the codecs; pass --work /tmp to include the disk)."""
import os
import shutil
import time

from benchlib import arguments, make_tree, measure


def tree_bytes(path):
    total = count = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    return total, count


def main():
    args = arguments(__doc__).parse_args()

    work = os.path.join(args.work, "solpack-bench")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    tree = os.path.join(work, "tree")
    make_tree(args, tree)
    size, files = tree_bytes(tree)
    ours, theirs = os.path.join(work, "solpack.zip"), os.path.join(work, "zip.zip")
    out = os.path.join(work, "out")

    def remove(path):
        def clear():
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.exists(path):
                os.remove(path)
        return clear

    results = [
        measure("solpack pack", [args.solpack, "pack", tree, ours], args.runs, work, remove(ours)),
        measure("zip -r -6", ["zip", "-r", "-6", "-q", theirs, "."], args.runs, tree, remove(theirs)),
        measure("solpack unpack", [args.solpack, "unpack", ours, out], args.runs, work, remove(out)),
        measure("unzip", ["unzip", "-q", ours, "-d", out], args.runs, work, remove(out)),
    ]
    mb = size / 1e6
    print(f"# {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores; tree: {files} files, "
          f"{mb:.1f} MB ({args.flows} flows, {args.envvars} env vars, {args.parts} parts, seed {args.seed}); "
          f"outputs in {args.work}; median of {args.runs} runs after 1 warm-up")
    print(f"# archives: solpack {os.path.getsize(ours) / 1e6:.1f} MB, zip {os.path.getsize(theirs) / 1e6:.1f} MB")
    print("| command | median s | MB/s | peak RSS MB | runs (s) |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r['name']} | {r['seconds']:.2f} | {mb / r['seconds']:.0f} | {r['rss_mb']:.0f} | "
              f"{', '.join(map(str, r['runs']))} |")
    by = {r["name"]: r["seconds"] for r in results}
    print(f"\npack: solpack / zip = {by['solpack pack'] / by['zip -r -6']:.2f}x the time; "
          f"unpack: solpack / unzip = {by['solpack unpack'] / by['unzip']:.2f}x the time")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
