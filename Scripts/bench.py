#!/usr/bin/env python3
"""solpack next to the tools a user would use instead, in one run on the same files.

    Scripts/bench.py [--sizes 100,1000] [--imports 1000,10000,50000] [--runs 5]
        [--only pack,unpack,inspect,diff,import] [--work DIR] [--solpack PATH] [--seed 7]
        [--before PATH]

For each size (MB of unpacked tree, generated with make-synthetic-solution.py: 75 % flow
JSON of 10-200 KB, 25 % opaque parts, one env var per 8 flows, 25 connection references,
10 credentials):
  pack    `solpack pack tree x.zip`         vs `zip -r -6 -q x.zip .`
  unpack  `solpack unpack x.zip out`        vs `unzip -q x.zip -d out`
  inspect `solpack inspect x.zip`           (no counterpart; time and memory)
  diff    `solpack diff a.zip b.zip`, 1 % of the entries changed,
          vs `unzip a.zip` + `unzip b.zip` + `diff -r`
For each import count N: a solution of N components (N/4 flows of 2-8 KB, N/2 env vars,
N/8 connection references, N/8 credentials) imported into an empty environment.

Every command runs once to warm up, then --runs times: the median wall time and the
largest peak RSS (GNU time) are printed, with the ratios. Build first:
`swift build -c release --static-swift-stdlib` (the binary solpack ships as; a binary
that loads the Swift runtime and Foundation as shared libraries starts slower and holds
about 6 MB more, and the script says so). Outputs go to --work (default /dev/shm, so the VM's slow file
creation does not swamp the codecs). Generated data is removed at the end. With --before,
every solpack command also runs with that (older) binary, on the same files, in the same
run: before/after figures under the same load."""
import os
import random
import shutil
import subprocess
import sys
import time

from benchlib import ROOT, measure

GENERATOR = os.path.join(ROOT, "Scripts/make-synthetic-solution.py")


def arguments():
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="tree sizes in MB, comma-separated")
    parser.add_argument("--imports", default="1000,10000,50000", help="component counts")
    parser.add_argument("--only", default="pack,unpack,inspect,diff,import")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    parser.add_argument("--solpack", default=os.path.join(ROOT, ".build/release/solpack"))
    parser.add_argument("--before", help="an older solpack binary to measure beside --solpack")
    return parser.parse_args()


def generate(tree, seed, **counts):
    command = [sys.executable, GENERATOR, tree, "--seed", str(seed)]
    for name, value in counts.items():
        flag = "--" + name.replace("_", "-")
        command += [flag] + ([str(v) for v in value] if isinstance(value, tuple) else [str(value)])
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def tree_size(path):
    total = count = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    return total, count


def remover(*paths):
    def clear():
        for path in paths:
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.exists(path):
                os.remove(path)
    return clear


def edit_one_percent(tree, archive, seed):
    """Edits 1 % of the archive's entries (flow files: a real edit, one action's type)."""
    flows = sorted(f for f in os.listdir(os.path.join(tree, "Workflows")) if f.endswith(".json"))
    entries = len(subprocess.run(["unzip", "-Z1", archive], capture_output=True, text=True).stdout.split())
    count = max(1, round(entries * 0.01))
    for name in random.Random(seed).sample(flows, min(count, len(flows))):
        path = os.path.join(tree, "Workflows", name)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.replace('"Compose"', '"Compose2"', 1) if '"Compose"' in text else text + " ")
    return entries, count


def row(result, extra=""):
    return (f"| {result['name']} | {result['seconds']:.2f} | {result['rss_mb']:.0f} | "
            f"{', '.join(map(str, result['runs']))} |{extra}")


def bench_size(args, megabytes, only):
    work = os.path.join(args.work, f"solpack-bench-{megabytes}")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    tree = os.path.join(work, "tree")
    flows = max(10, round(megabytes * 1e6 * 0.75 / 105e3))
    generate(tree, args.seed, flows=flows, envvars=max(10, flows // 8),
             parts=max(1, round(megabytes * 1e6 * 0.25 / 275e3)), connrefs=25, credentials=10)
    size, files = tree_size(tree)
    ours, theirs = os.path.join(work, "solpack.zip"), os.path.join(work, "zip.zip")
    out = os.path.join(work, "out")
    subprocess.run([args.solpack, "pack", tree, ours], check=True, stdout=subprocess.DEVNULL)
    results = {}
    if "pack" in only:
        results["pack"] = measure("solpack pack", [args.solpack, "pack", tree, ours], args.runs, work,
                                  remover(ours))
        results["zip"] = measure("zip -r -6", ["zip", "-r", "-6", "-q", theirs, "."], args.runs, tree,
                                 remover(theirs))
        if args.before:
            results["pack-before"] = measure("solpack pack (before)", [args.before, "pack", tree, ours],
                                             args.runs, work, remover(ours))
            subprocess.run([args.solpack, "pack", tree, ours], check=True, stdout=subprocess.DEVNULL)
    if "unpack" in only:
        results["unpack"] = measure("solpack unpack", [args.solpack, "unpack", ours, out], args.runs, work,
                                    remover(out))
        results["unzip"] = measure("unzip", ["unzip", "-q", ours, "-d", out], args.runs, work, remover(out))
        if args.before:
            results["unpack-before"] = measure("solpack unpack (before)", [args.before, "unpack", ours, out],
                                               args.runs, work, remover(out))
    if "inspect" in only:
        results["inspect"] = measure("solpack inspect", [args.solpack, "inspect", ours], args.runs, work)
        if args.before:
            results["inspect-before"] = measure("solpack inspect (before)", [args.before, "inspect", ours],
                                                args.runs, work)
    changed = entries = 0
    if "diff" in only:
        b = os.path.join(work, "b.zip")
        entries, changed = edit_one_percent(tree, ours, args.seed)
        subprocess.run([args.solpack, "pack", tree, b], check=True, stdout=subprocess.DEVNULL)
        x, y = os.path.join(work, "x"), os.path.join(work, "y")
        script = f"unzip -q {ours} -d {x} && unzip -q {b} -d {y} && diff -r {x} {y} > /dev/null; test $? -le 1"
        results["diff"] = measure("solpack diff a.zip b.zip", [args.solpack, "diff", ours, b], args.runs)
        results["unzip+diff"] = measure("unzip a + unzip b + diff -r", ["bash", "-c", script], args.runs,
                                        prepare=remover(x, y))
        if args.before:
            results["diff-before"] = measure("solpack diff (before)", [args.before, "diff", ours, b], args.runs)
    mb = size / 1e6
    print(f"\n## {mb:.0f} MB tree: {files} files ({flows} flows), archive {os.path.getsize(ours) / 1e6:.1f} MB"
          + (f"; diff: {changed} of {entries} entries changed" if changed else ""))
    print("| command | median s | peak RSS MB | runs (s) |")
    print("|---|---|---|---|")
    for result in results.values():
        print(row(result))
    ratios = []
    for ours_name, theirs_name, label, target in [("pack", "zip", "pack / zip -r -6", 0.5),
                                                  ("unpack", "unzip", "unpack / unzip", 0.7),
                                                  ("diff", "unzip+diff", "diff / (unzip x2 + diff -r)", 0.1)]:
        for suffix, note in [("", ""), ("-before", " before")]:
            if ours_name + suffix in results:
                ratio = results[ours_name + suffix]["seconds"] / results[theirs_name]["seconds"]
                ratios.append(f"{label}{note} = {ratio:.2f}x (target {target}x)")
    if ratios:
        print("\n" + "; ".join(ratios))
    shutil.rmtree(work, ignore_errors=True)


def bench_imports(args, counts):
    work = os.path.join(args.work, "solpack-bench-import")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rows = []
    for count in counts:
        tree, archive = os.path.join(work, f"tree{count}"), os.path.join(work, f"s{count}.zip")
        env = os.path.join(work, f"env{count}.sqlite")
        generate(tree, args.seed, flows=count // 4, envvars=count // 2, connrefs=count // 8,
                 credentials=count // 8, parts=0, flow_kb=(2, 8))
        subprocess.run([args.solpack, "pack", tree, archive], check=True, stdout=subprocess.DEVNULL)
        shutil.rmtree(tree)
        result = measure(f"import {count:,} components", [args.solpack, "import", archive, "--env", env],
                         args.runs, work, remover(env, env + "-journal", env + "-wal"))
        rows.append((count, os.path.getsize(archive), result))
        if args.before:
            before = measure(f"import {count:,} (before)", [args.before, "import", archive, "--env", env],
                             args.runs, work, remover(env, env + "-journal", env + "-wal"))
            print(f"before: import {count:,} components: median {before['seconds']:.2f} s, "
                  f"peak RSS {before['rss_mb']:.0f} MB, runs {before['runs']}")
    print("\n## import into an empty environment")
    print("| components | archive MB | median s | peak RSS MB | µs per component | runs (s) |")
    print("|---|---|---|---|---|---|")
    for count, size, result in rows:
        print(f"| {count:,} | {size / 1e6:.1f} | {result['seconds']:.2f} | {result['rss_mb']:.0f} | "
              f"{result['seconds'] / count * 1e6:.0f} | {', '.join(map(str, result['runs']))} |")
    if len(rows) > 1:
        (c0, _, r0), (c1, _, r1) = rows[0], rows[-1]
        print(f"\ngrowth: {c1 // c0}x the components took {r1['seconds'] / r0['seconds']:.1f}x the time")
    shutil.rmtree(work, ignore_errors=True)


def shared_runtime(binary):
    linked = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    return "libswiftCore" in linked


def main():
    args = arguments()
    only = set(args.only.split(","))
    print(f"# solpack benchmark, {time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; outputs in {args.work}; "
          f"median of {args.runs} runs after 1 warm-up")
    for binary in [args.solpack] + ([args.before] if args.before else []):
        if shared_runtime(binary):
            print(f"note: {binary} loads the Swift runtime as a shared library; "
                  "build it with `swift build -c release --static-swift-stdlib`")
    if only & {"pack", "unpack", "inspect", "diff"}:
        for megabytes in [int(s) for s in args.sizes.split(",") if s]:
            bench_size(args, megabytes, only)
    if "import" in only:
        bench_imports(args, [int(s) for s in args.imports.split(",") if s])


if __name__ == "__main__":
    main()
