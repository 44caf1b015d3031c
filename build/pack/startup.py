#!/usr/bin/env python3
"""Whole-process start-up of several configlint builds, interleaved so that the shared machine's load falls on all
of them alike: each round runs every variant once, in a rotating order. Prints per variant the wall median, best and
CPU median (user+sys of the child), the exit codes seen, and the load average before and after.

usage: build/pack/startup.py --runs 21 --corpus DIR NAME=COMMAND... [--env NAME:VAR=VALUE]...
  COMMAND is split on spaces; 'lint DIR --quiet' is appended. Example:
    build/pack/startup.py --corpus /tmp/aot-small jit='dotnet bin/configlint.dll' aot=/tmp/aot/configlint
"""
import argparse, os, resource, shlex, statistics, subprocess, sys, time


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=21)
    p.add_argument("--corpus", required=True)
    p.add_argument("--args", default="lint {corpus} --quiet --format console")
    p.add_argument("--env", action="append", default=[], help="NAME:VAR=VALUE, an environment variable for one variant")
    p.add_argument("variant", nargs="+", help="NAME=COMMAND")
    a = p.parse_args()
    variants = []
    for v in a.variant:
        name, cmd = v.split("=", 1)
        env = dict(os.environ)
        for e in a.env:
            n, kv = e.split(":", 1)
            if n == name:
                k, val = kv.split("=", 1)
                env[k] = val
        variants.append((name, shlex.split(cmd) + shlex.split(a.args.format(corpus=a.corpus)), env))
    samples = {n: [] for n, _, _ in variants}
    codes = {n: set() for n, _, _ in variants}
    before = load()
    for _, cmd, env in variants:  # one warm-up each (page cache, first-run files)
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for r in range(a.runs):
        order = variants[r % len(variants):] + variants[:r % len(variants)]
        for name, cmd, env in order:
            u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            rc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            wall = time.perf_counter() - t0
            u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (u1.ru_utime - u0.ru_utime) + (u1.ru_stime - u0.ru_stime)
            samples[name].append((wall, cpu))
            codes[name].add(rc)
    after = load()
    print(f"{a.runs} interleaved runs per variant; load average before {before}, after {after}")
    print("| variant | wall median ms | best ms | CPU median ms | exit codes |")
    print("|---|---:|---:|---:|---|")
    for name, _, _ in variants:
        w = [s[0] for s in samples[name]]
        c = [s[1] for s in samples[name]]
        print(f"| {name} | {statistics.median(w) * 1000:.0f} | {min(w) * 1000:.0f} | {statistics.median(c) * 1000:.0f} | {sorted(codes[name])} |")


if __name__ == "__main__":
    sys.exit(main())
