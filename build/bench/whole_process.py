#!/usr/bin/env python3
"""Whole-process measurements for build/bench/run.sh: ConfigLint's CLI against Spectral, memory at 1x and 20x,
CPU over wall time, and start-up on a small repository.

Every process is started directly (no shell, no npx wrapper) and reaped with os.wait4, so its wall time, CPU time
(user + sys) and peak resident set size (ru_maxrss) are the kernel's own figures for that one process.
The machine may be shared with other work: the load average is recorded before every section.
"""
import argparse
import collections
import csv
import json
import os
import statistics
import subprocess
import sys
import time

# ConfigLint rule names (stable, dotted) and Spectral rule names, mapped to the generator's check names.
CONFIGLINT_CHECKS = {
    "Privacy.Windows.DiagnosticDataAboveBasic": "telemetry-above-basic",
    "Privacy.Windows.DiagnosticDataUserDefined": "telemetry-user-defined",
    "Privacy.Windows.DeviceNameInDiagnosticData": "device-name-in-telemetry",
    "Privacy.Branding.NoOwnershipChangeNotification": "branding-ownership-notification-off",
    "Privacy.Branding.CompanyPortalTelemetryOn": "branding-client-telemetry-on",
    "Security.AppProtection.BackupAllowed": "mam-backup-allowed",
    "Security.AppProtection.OutboundTransferToAllApps": "mam-outbound-transfer-all-apps",
}
SPECTRAL_SUFFIXES = ("-legacy", "-settings-catalog", "-oma-uri")
ARGS = None


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "n/a"


TIME = "/usr/bin/time"


def run(cmd, cwd, env=None):
    """Runs one process to completion; returns wall seconds, CPU seconds, peak RSS in MB and the exit code.

    Peak RSS comes from GNU time, which forks the command from its own small process: Linux starts a child's
    ru_maxrss from its parent's resident set, so a child forked straight from this (growing) Python process would
    report at least Python's size.
    """
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    rss_file = os.path.join(ARGS.work, ".rss")
    wrapped = [TIME, "-f", "%M", "-o", rss_file] + cmd if os.path.exists(TIME) else cmd
    start = time.perf_counter()
    proc = subprocess.Popen(wrapped, cwd=cwd, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss
    if wrapped is not cmd:
        with open(rss_file) as f:
            rss_kb = int(f.read().strip().splitlines()[-1])
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": rss_kb / 1024.0, "rc": code, "stderr": err[-2000:]}


def summarize(samples):
    walls = [s["wall"] for s in samples]
    return {
        "runs": len(samples),
        "wall_median": statistics.median(walls),
        "wall_min": min(walls),
        "cpu_median": statistics.median([s["cpu"] for s in samples]),
        "rss_max_mb": max(s["rss_mb"] for s in samples),
        "rss_median_mb": statistics.median([s["rss_mb"] for s in samples]),
        "cpu_per_wall_median": statistics.median([s["cpu"] / s["wall"] for s in samples]),
    }


def configlint_cmd(cli_dir, target, output=None):
    cmd = ["dotnet", os.path.join(cli_dir, "configlint.dll"), "lint", target, "--fail-level", "none"]
    if output:
        cmd += ["--format", "json", "--output", output]
    return cmd


def spectral_cmd(spectral_bin, ruleset, output):
    # A quoted glob, expanded by Spectral itself, as its documentation shows for many files.
    return ["node", spectral_bin, "lint", "corpus/**/*.json", "--ruleset", ruleset, "--format", "json",
            "--output", output, "--quiet", "--fail-severity", "error"]


def encoding_of(path):
    with open(path, "rb") as f:
        head = f.read(3)
    if head[:2] == b"\xff\xfe":
        return "UTF-16 LE BOM"
    if head == b"\xef\xbb\xbf":
        return "UTF-8 BOM"
    return "UTF-8"


def compare(root, configlint_json, spectral_json):
    """Counts per (file, check) from ground truth, ConfigLint and Spectral, and where they differ."""
    expected = collections.Counter()
    with open(os.path.join(root, "expected.tsv"), newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["check"] in CONFIGLINT_CHECKS.values():
                expected[("corpus/" + row["path"], row["check"])] += int(row["count"])

    ours = collections.Counter()
    with open(configlint_json, encoding="utf-8") as f:
        for finding in json.load(f)["findings"]:
            check = CONFIGLINT_CHECKS.get(finding.get("ruleName"))
            if check and finding.get("path"):
                ours[(finding["path"].replace("\\", "/"), check)] += 1

    theirs = collections.Counter()
    unparsable = set()
    with open(spectral_json, encoding="utf-8") as f:
        results = json.load(f)
    for result in results:
        rel = os.path.relpath(result["source"], root).replace("\\", "/")
        if result["code"] == "parser":
            unparsable.add(rel)
            continue
        code = result["code"]
        for suffix in SPECTRAL_SUFFIXES:
            if code.endswith(suffix):
                code = code[: -len(suffix)]
        theirs[(rel, code)] += 1

    keys = set(expected) | set(ours) | set(theirs)
    per_check = {}
    for check in sorted(set(CONFIGLINT_CHECKS.values())):
        per_check[check] = {
            "expected": sum(v for (p, c), v in expected.items() if c == check),
            "configlint": sum(v for (p, c), v in ours.items() if c == check),
            "spectral": sum(v for (p, c), v in theirs.items() if c == check),
        }
    ours_vs_truth = sum(1 for k in keys if ours[k] != expected[k])
    theirs_vs_truth = [k for k in keys if theirs[k] != expected[k]]
    differ = [k for k in keys if ours[k] != theirs[k]]
    by_encoding = collections.Counter(encoding_of(os.path.join(root, k[0])) for k in differ)
    differ_parsed = [k for k in differ if k[0] not in unparsable]
    unparsable_by_encoding = collections.Counter(encoding_of(os.path.join(root, p)) for p in unparsable)
    return {
        "per_check": per_check,
        "keys": len(keys),
        "configlint_vs_truth_mismatches": ours_vs_truth,
        "spectral_vs_truth_mismatches": len(theirs_vs_truth),
        "configlint_vs_spectral_mismatches": len(differ),
        "mismatches_by_encoding": dict(by_encoding),
        "mismatches_in_files_spectral_parsed": len(differ_parsed),
        "mismatch_examples_in_parsed_files": [list(k) + [ours[k], theirs[k], expected[k]] for k in sorted(differ_parsed)[:10]],
        "spectral_unparsable_files": len(unparsable),
        "spectral_unparsable_by_encoding": dict(unparsable_by_encoding),
    }


def section_spectral(args, out):
    root = args.corpus_1x
    print(f"== ConfigLint vs Spectral on {root} ({args.runs} runs each, alternating; load {load_average()})", flush=True)
    ours, theirs = [], []
    ours_json = os.path.join(args.work, "configlint-1x.json")
    theirs_json = os.path.join(args.work, "spectral-1x.json")
    for i in range(args.runs):
        ours.append(run(configlint_cmd(args.cli, "corpus", ours_json), root))
        theirs.append(run(spectral_cmd(args.spectral_bin, args.ruleset, theirs_json), root))
        print(f"  run {i + 1}: configlint {ours[-1]['wall']:.2f} s, {ours[-1]['rss_mb']:.0f} MB; spectral {theirs[-1]['wall']:.2f} s, {theirs[-1]['rss_mb']:.0f} MB (rc {theirs[-1]['rc']})", flush=True)
    result = {"load": load_average(), "configlint": summarize(ours), "spectral": summarize(theirs),
              "agreement": compare(root, ours_json, theirs_json)}
    result["wall_ratio_median"] = result["spectral"]["wall_median"] / result["configlint"]["wall_median"]
    result["cpu_ratio_median"] = result["spectral"]["cpu_median"] / result["configlint"]["cpu_median"]
    out["spectral"] = result
    print(f"  Spectral / ConfigLint wall time: {result['wall_ratio_median']:.1f}x (median of {args.runs}); CPU time: {result['cpu_ratio_median']:.1f}x", flush=True)


def section_scale(args, out):
    out["scale"] = {}
    for name, root in (("1x", args.corpus_1x), ("20x", args.corpus_20x)):
        print(f"== ConfigLint on {name} ({args.runs} runs; load {load_average()})", flush=True)
        samples = []
        for i in range(args.runs):
            samples.append(run(configlint_cmd(args.cli, "corpus"), root))
            s = samples[-1]
            print(f"  run {i + 1}: {s['wall']:.2f} s wall, {s['cpu']:.2f} s CPU (CPU/wall {s['cpu'] / s['wall']:.2f}), peak RSS {s['rss_mb']:.0f} MB", flush=True)
        with open(os.path.join(root, "manifest.json")) as f:
            manifest = json.load(f)
        summary = summarize(samples)
        summary.update({"bytes": manifest["bytes"], "files": manifest["files"], "resources": manifest["resources"], "load": load_average()})
        summary["mb_per_s"] = manifest["bytes"] / 1e6 / summary["wall_median"]
        out["scale"][name] = summary
    one, twenty = out["scale"]["1x"], out["scale"]["20x"]
    growth = twenty["rss_median_mb"] / one["rss_median_mb"] - 1
    growth_max = twenty["rss_max_mb"] / one["rss_max_mb"] - 1
    print(f"  peak RSS (median of runs) 1x {one['rss_median_mb']:.0f} MB, 20x {twenty['rss_median_mb']:.0f} MB ({growth:+.0%}); "
          f"max of runs 1x {one['rss_max_mb']:.0f} MB, 20x {twenty['rss_max_mb']:.0f} MB ({growth_max:+.0%}); CPU/wall at 20x {twenty['cpu_per_wall_median']:.2f}", flush=True)


def section_variants(args, out):
    """Start-up on a small repository and throughput at 20x for each CLI build variant (name=dir)."""
    out["variants"] = {}
    with open(os.path.join(args.corpus_small, "manifest.json")) as f:
        small = json.load(f)
    print(f"== Start-up: {small['files']} files, {small['resources']} resources ({args.startup_runs} runs per variant; load {load_average()})", flush=True)
    variants = [v.split("=", 1) for v in args.variant]
    for name, cli in variants:
        run(configlint_cmd(cli, "corpus"), args.corpus_small)  # first run warms the disk cache
        samples = [run(configlint_cmd(cli, "corpus"), args.corpus_small) for _ in range(args.startup_runs)]
        s = summarize(samples)
        out["variants"][name] = {"startup": s}
        print(f"  {name:<28} median {s['wall_median'] * 1000:6.0f} ms, best {s['wall_min'] * 1000:6.0f} ms, CPU {s['cpu_median'] * 1000:6.0f} ms, peak RSS {s['rss_max_mb']:.0f} MB", flush=True)
    if args.corpus_20x and args.variant_runs > 0:
        print(f"== Variants at 20x ({args.variant_runs} runs each, alternating; load {load_average()})", flush=True)
        samples = {name: [] for name, _ in variants}
        for _ in range(args.variant_runs):
            for name, cli in variants:
                samples[name].append(run(configlint_cmd(cli, "corpus"), args.corpus_20x))
        for name, _ in variants:
            s = summarize(samples[name])
            out["variants"][name]["20x"] = s
            print(f"  {name:<28} median {s['wall_median']:.2f} s, best {s['wall_min']:.2f} s, CPU {s['cpu_median']:.2f} s, CPU/wall {s['cpu_per_wall_median']:.2f}, peak RSS {s['rss_max_mb']:.0f} MB", flush=True)


def markdown(out):
    """The whole-process figures as the tables RESULTS.md quotes."""
    lines = []
    sp = out.get("spectral")
    if sp:
        a = sp["agreement"]
        c, t = sp["configlint"], sp["spectral"]
        lines += [
            "| Tool (1x corpus) | wall median s | wall best s | CPU median s | peak RSS MB |",
            "|---|---:|---:|---:|---:|",
            f"| ConfigLint | {c['wall_median']:.2f} | {c['wall_min']:.2f} | {c['cpu_median']:.2f} | {c['rss_max_mb']:.0f} |",
            f"| Spectral | {t['wall_median']:.2f} | {t['wall_min']:.2f} | {t['cpu_median']:.2f} | {t['rss_max_mb']:.0f} |",
            "",
            f"Spectral / ConfigLint: **{sp['wall_ratio_median']:.0f}x** wall time, {sp['cpu_ratio_median']:.0f}x CPU time ({c['runs']} runs each, alternating; load average {sp['load']}).",
            "",
            "| Check | ground truth | ConfigLint | Spectral |",
            "|---|---:|---:|---:|",
        ]
        for check, v in a["per_check"].items():
            lines.append(f"| {check} | {v['expected']} | {v['configlint']} | {v['spectral']} |")
        lines += [
            "",
            f"(file, check) pairs: {a['keys']}; ConfigLint differs from the ground truth in {a['configlint_vs_truth_mismatches']}, "
            f"Spectral in {a['spectral_vs_truth_mismatches']}; ConfigLint and Spectral differ in {a['configlint_vs_spectral_mismatches']} "
            f"({a['mismatches_in_files_spectral_parsed']} of them in files Spectral could parse; by encoding: {a['mismatches_by_encoding']}). "
            f"Spectral reported {a['spectral_unparsable_files']} files as unparsable ({a['spectral_unparsable_by_encoding']}).",
            "",
        ]
    sc = out.get("scale")
    if sc:
        lines += ["| Corpus | files | MB | wall median s | CPU median s | CPU/wall | MB/s | peak RSS MB, median of runs | peak RSS MB, max of runs |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for name, v in sc.items():
            lines.append(f"| {name} | {v['files']} | {v['bytes'] / 1e6:.0f} | {v['wall_median']:.2f} | {v['cpu_median']:.2f} | {v['cpu_per_wall_median']:.2f} | {v['mb_per_s']:.0f} | {v['rss_median_mb']:.0f} | {v['rss_max_mb']:.0f} |")
        if "1x" in sc and "20x" in sc:
            lines += ["", f"Peak RSS 20x / 1x: **{sc['20x']['rss_median_mb'] / sc['1x']['rss_median_mb']:.2f}** from the medians of the runs, "
                      f"{sc['20x']['rss_max_mb'] / sc['1x']['rss_max_mb']:.2f} from their maxima (target <= 1.20); "
                      f"CPU/wall at 20x: **{sc['20x']['cpu_per_wall_median']:.2f}** (target > 1.6).", ""]
    va = out.get("variants")
    if va:
        lines += ["| CLI build | start-up median ms | best ms | CPU ms | 20x wall median s | 20x CPU s | 20x peak RSS MB |", "|---|---:|---:|---:|---:|---:|---:|"]
        for name, v in va.items():
            s20 = v.get("20x")
            tail = f"{s20['wall_median']:.2f} | {s20['cpu_median']:.2f} | {s20['rss_max_mb']:.0f}" if s20 else "- | - | -"
            lines.append(f"| {name} | {v['startup']['wall_median'] * 1000:.0f} | {v['startup']['wall_min'] * 1000:.0f} | {v['startup']['cpu_median'] * 1000:.0f} | {tail} |")
        lines.append("")
    lines.append(f"Load average at start {out.get('load_start')}, at end {out.get('load_end')}; {out.get('nproc')} cores.")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", required=True)
    parser.add_argument("--cli", required=True, help="published CLI folder used for the comparison and scale runs")
    parser.add_argument("--corpus-1x", required=True)
    parser.add_argument("--corpus-20x")
    parser.add_argument("--corpus-small")
    parser.add_argument("--spectral-bin")
    parser.add_argument("--ruleset")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument("--variant-runs", type=int, default=2)
    parser.add_argument("--variant", action="append", default=[], help="NAME=CLI_DIR, for start-up and 20x")
    parser.add_argument("--sections", default="spectral,scale,variants")
    args = parser.parse_args()
    global ARGS
    ARGS = args

    out = {"load_start": load_average(), "nproc": os.cpu_count()}
    sections = args.sections.split(",")
    if "spectral" in sections and args.spectral_bin:
        section_spectral(args, out)
    if "scale" in sections and args.corpus_20x:
        section_scale(args, out)
    if "variants" in sections and args.variant and args.corpus_small:
        section_variants(args, out)
    out["load_end"] = load_average()
    path = os.path.join(args.work, "whole-process.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=2)
    summary = markdown(out)
    with open(os.path.join(args.work, "whole-process.md"), "w") as f:
        f.write(summary)
    print()
    print(summary)
    print(f"raw figures: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
