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
import re
import shutil
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


def merged_env(env):
    """This process's environment with env's variables set, and those whose value is None removed."""
    full_env = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    return full_env


def run(cmd, cwd, env=None, stdout_path=None):
    """Runs one process to completion; returns wall seconds, CPU seconds, peak RSS in MB and the exit code.

    Peak RSS comes from GNU time, which forks the command from its own small process: Linux starts a child's
    ru_maxrss from its parent's resident set, so a child forked straight from this (growing) Python process would
    report at least Python's size.
    """
    full_env = merged_env(env)
    rss_file = os.path.join(ARGS.work, ".rss")
    wrapped = [TIME, "-f", "%M", "-o", rss_file] + cmd if os.path.exists(TIME) else cmd
    start = time.perf_counter()
    stdout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(wrapped, cwd=cwd, env=full_env, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        if stdout_path:
            stdout.close()
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
    # A published folder holds configlint.dll (started by dotnet) or, for the Native AOT form the linux-x64 tool
    # package installs, only the native configlint executable.
    dll = os.path.join(cli_dir, "configlint.dll")
    start = ["dotnet", dll] if os.path.exists(dll) else [os.path.join(cli_dir, "configlint")]
    cmd = start + ["lint", target, "--fail-level", "none"]
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


# ConfigLint's input diagnostics for a file it could not read as a document (Input.InvalidJson, .EmptyFile, .UnreadableFile).
CONFIGLINT_UNPARSED = {"CL0001", "CL0002", "CL0003"}


def configlint_unparsed(configlint_json):
    """Files ConfigLint reported as unreadable, empty or not valid JSON/YAML, each with the rule that said so."""
    with open(configlint_json, encoding="utf-8") as f:
        findings = json.load(f)["findings"]
    return sorted({(x["path"].replace("\\", "/"), x["ruleId"]) for x in findings if x.get("ruleId") in CONFIGLINT_UNPARSED and x.get("path")})


def spectral_unparsed(spectral_json, root):
    """Files for which Spectral reported parser errors, with how many it reported in each."""
    with open(spectral_json, encoding="utf-8") as f:
        results = json.load(f)
    counts = collections.Counter(os.path.relpath(r["source"], root).replace("\\", "/") for r in results if r.get("code") == "parser")
    return sorted(counts.items())


def corpus_stats(corpus):
    """Files, bytes, size percentiles and encodings of the *.json files under corpus (what Spectral's glob reads)."""
    sizes, encodings = [], collections.Counter()
    for base, _, names in os.walk(corpus):
        for name in names:
            if name.endswith(".json"):
                path = os.path.join(base, name)
                sizes.append(os.path.getsize(path))
                encodings[encoding_of(path)] += 1
    sizes.sort()
    pct = lambda p: sizes[min(len(sizes) - 1, int(p * len(sizes)))] if sizes else 0
    return {"files": len(sizes), "bytes": sum(sizes), "p10": pct(0.1), "p50": pct(0.5), "p90": pct(0.9),
            "max": sizes[-1] if sizes else 0, "encodings": dict(encodings)}


def section_real(args, out):
    """The real-repository case: a few hundred files, where a run is bound by start-up, paired and interleaved.

    Each pair runs both tools back to back, in alternating order (ConfigLint first in odd pairs, Spectral first in
    even ones), so that a change in load falls on both; the ratio is taken per pair and its median reported.
    """
    root = args.real_root
    corpus = os.path.join(root, "corpus")
    stats = corpus_stats(corpus)
    print(f"== Real-repository case: {args.real_kind}, {stats['files']} JSON files, {stats['bytes'] / 1e6:.1f} MB "
          f"({args.real_runs} pairs, alternating order; load {load_average()})", flush=True)
    ours_json = os.path.join(args.work, "configlint-real.json")
    theirs_json = os.path.join(args.work, "spectral-real.json")
    ours_cmd = configlint_cmd(args.cli, "corpus", ours_json)
    theirs_cmd = spectral_cmd(args.spectral_bin, args.real_ruleset, theirs_json)
    # One untimed run of each: the page cache and Node's compile cache start warm for both.
    run(ours_cmd, root)
    run(theirs_cmd, root)
    ours, theirs, ratios, cpu_ratios, loads = [], [], [], [], []
    for i in range(args.real_runs):
        loads.append(load_average())
        if i % 2 == 0:
            a = run(ours_cmd, root)
            b = run(theirs_cmd, root)
        else:
            b = run(theirs_cmd, root)
            a = run(ours_cmd, root)
        ours.append(a)
        theirs.append(b)
        ratios.append(b["wall"] / a["wall"])
        cpu_ratios.append(b["cpu"] / a["cpu"])
        print(f"  pair {i + 1}: configlint {a['wall']:.3f} s ({a['cpu']:.2f} s CPU, {a['rss_mb']:.0f} MB, rc {a['rc']}); "
              f"spectral {b['wall']:.3f} s ({b['cpu']:.2f} s CPU, {b['rss_mb']:.0f} MB, rc {b['rc']}); ratio {ratios[-1]:.1f}x; load {loads[-1]}", flush=True)
    result = {
        "kind": args.real_kind, "root": root, "ruleset": args.real_ruleset, "corpus": stats,
        "loads": loads, "load_end": load_average(),
        "configlint": summarize(ours), "spectral": summarize(theirs),
        "wall_ratio_paired_median": statistics.median(ratios), "wall_ratios": ratios,
        "cpu_ratio_paired_median": statistics.median(cpu_ratios),
        "configlint_unparsed": configlint_unparsed(ours_json),
        "spectral_unparsed": spectral_unparsed(theirs_json, root),
    }
    result["wall_ratio_of_medians"] = result["spectral"]["wall_median"] / result["configlint"]["wall_median"]
    out["real"] = result
    print(f"  Spectral / ConfigLint wall: {result['wall_ratio_paired_median']:.1f}x (median of paired ratios), "
          f"{result['wall_ratio_of_medians']:.1f}x (ratio of medians); CPU {result['cpu_ratio_paired_median']:.1f}x", flush=True)
    print(f"  ConfigLint could not parse {len(result['configlint_unparsed'])} files; Spectral reported parser errors in {len(result['spectral_unparsed'])} files", flush=True)


# A build as CI runs it, and as PackagedBuildTest runs it: no compiler server, no MSBuild node or server left over, so
# every build starts cold; none of the MSBuild variables a calling build may have set.
BUILD_ENV = {
    "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1", "DOTNET_CLI_USE_MSBUILD_SERVER": "0",
    "MSBUILDDISABLENODEREUSE": "1", "UseSharedCompilation": "false",
    "MSBuildSDKsPath": None, "MSBuildExtensionsPath": None, "MSBUILD_EXE_PATH": None, "MSBuildLoadMicrosoftTargetsReadOnly": None,
}

# The project of the build-cost case. The package is referenced (and restored) in both variants, so its props add the
# same AdditionalFiles and editorconfig discovery to both; without the analyzer, only its DLLs leave the compiler's
# command line, just before the compiler runs.
BUILD_PROJECT = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net$(BundledNETCoreAppTargetFrameworkVersion)</TargetFramework>
    <ConfigLintBenchAnalyzer Condition="'$(ConfigLintBenchAnalyzer)' == ''">true</ConfigLintBenchAnalyzer>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ConfigLint.Analyzers" Version="{version}" />
  </ItemGroup>
  <Target Name="ConfigLintBenchWithoutAnalyzer" BeforeTargets="CoreCompile" Condition="'$(ConfigLintBenchAnalyzer)' == 'false'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="'%(Analyzer.NuGetPackageId)' == 'ConfigLint.Analyzers'" />
    </ItemGroup>
  </Target>
</Project>
"""

# The same files in a project without the package: what the whole package costs (its MSBuild targets as well as the
# analyzer) is measured against this one.
BARE_PROJECT = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net$(BundledNETCoreAppTargetFrameworkVersion)</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <AdditionalFiles Include="corpus/**/*.json;corpus/**/*.yaml;corpus/**/*.yml" />
  </ItemGroup>
</Project>
"""

# csc's -p:ReportAnalyzer=true table: "  <seconds>  <percent>  <name>" under "Total analyzer execution time: ...".
REPORT_TOTAL = re.compile(r"Total (analyzer|generator) execution time: ([0-9.]+) seconds")
REPORT_ROW = re.compile(r"^\s*([0-9.]+|<0\.001)\s+(\d+|<1)\s+(\S.*?)\s*$")


def analyzer_report(log_path):
    """The compiler's own times from a build log: total analyzer and generator time, and ConfigLint's assembly row."""
    totals, configlint = {}, None
    section = None
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = REPORT_TOTAL.search(line)
            if m:
                section = m.group(1)
                totals[section] = float(m.group(2))
                continue
            m = REPORT_ROW.match(line)
            if m and section == "analyzer" and m.group(3).startswith("ConfigLint.Analyzers,") and configlint is None:
                configlint = 0.0005 if m.group(1) == "<0.001" else float(m.group(1))
    return {"analyzer_total": totals.get("analyzer"), "generator_total": totals.get("generator"), "configlint": configlint}


def build_findings(log_path):
    """ConfigLint warnings and errors the build reported (each CL ID once per place), to show the analyzer ran."""
    # The log shows a diagnostic more than once (csc's output, then MSBuild's warning); the text up to the project tag is the same.
    # The log shows a diagnostic more than once (csc's output with a relative path, then MSBuild's warning with the
    # full path and the project tag): the key is the text from the corpus folder on, without the tag.
    pattern = re.compile(r"^(?:\s*\d+>)?\s*(\S.*?\(\d+,\d+\): (?:warning|error) CL\d{4}:.*?)(?: \[[^\]]*\])?$", re.M)
    with open(log_path, encoding="utf-8", errors="replace") as f:
        return len({m[m.find("corpus/"):] for m in pattern.findall(f.read())})


def restore(project, env, what):
    """`dotnet restore` of a build-cost project into its private packages folder; stops the run if it fails."""
    done = subprocess.run(["dotnet", "restore", "-nologo", "--disable-build-servers"], cwd=project, env=merged_env(env),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        print(done.stdout.decode("utf-8", "replace"))
        raise SystemExit(f"restore of {what} failed")


def section_build(args, out):
    """What the analyzer adds to `dotnet build` of a config repo holding the 1x corpus, against the CLI on the same files.

    The analyzer comes from its package (packed by run.sh into a local feed, restored into a private packages folder,
    as PackagedBuildTest does). Each round builds the project with and without the analyzer and a project of the same
    files without the package (what the whole package costs, its MSBuild targets included), each variant taking each
    place in the round in turn, and runs the CLI on the same files; the compiler's own analyzer time (-p:ReportAnalyzer=true) is read from each
    build's log. Since the lint starts during the generators on ConfigLint's own thread (EarlySessions.cs), that time
    covers only the callbacks that take its results; the added wall and CPU time are the figures to compare.
    """
    project = os.path.join(args.work, "build-cost")
    corpus = os.path.join(project, "corpus")
    if not os.path.isdir(corpus):
        shutil.copytree(os.path.join(args.corpus_1x, "corpus"), corpus)
    with open(os.path.join(project, "ConfigRepo.csproj"), "w") as f:
        f.write(BUILD_PROJECT.replace("{version}", args.analyzer_version))
    with open(os.path.join(project, "nuget.config"), "w") as f:
        f.write(f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="{args.analyzer_feed}" />
  </packageSources>
</configuration>
""")
    env = dict(BUILD_ENV, NUGET_PACKAGES=os.path.join(project, "packages"))
    restore(project, env, "the build-cost project")
    bare = os.path.join(args.work, "build-cost-bare")
    os.makedirs(bare, exist_ok=True)
    link = os.path.join(bare, "corpus")
    # The same files, not a copy: an earlier run's link to another work folder is replaced.
    if os.path.islink(link) and os.readlink(link) != corpus:
        os.remove(link)
    if not os.path.lexists(link):
        os.symlink(corpus, link)
    with open(os.path.join(bare, "ConfigRepo.csproj"), "w") as f:
        f.write(BARE_PROJECT)
    bare_env = dict(BUILD_ENV, NUGET_PACKAGES=os.path.join(bare, "packages"))
    restore(bare, bare_env, "the project without the package")
    logs = os.path.join(project, "logs")
    os.makedirs(logs, exist_ok=True)

    def build(variant, i, binlog=False):
        """variant: "with" (the package and its analyzer), "without" (the package, its analyzer taken off the
        compiler's command line), "bare" (a project without the package, the same files as AdditionalFiles)."""
        name = f"{variant}-{i}"
        log = os.path.join(logs, name + ".log")
        # csc's -p:ReportAnalyzer=true table is logged at detailed verbosity: to a file, not the console.
        cmd = ["dotnet", "build", "--no-restore", "--no-incremental", "-nologo", "--disable-build-servers", "-v:q", "-clp:NoSummary",
               "-fl", f"-flp:logfile={log};verbosity=detailed", "-p:ReportAnalyzer=true"]
        if variant != "bare":
            cmd.append(f"-p:ConfigLintBenchAnalyzer={'true' if variant == 'with' else 'false'}")
        if binlog:
            cmd.append(f"-bl:{os.path.join(logs, name + '.binlog')}")
        sample = run(cmd, bare if variant == "bare" else project, env=bare_env if variant == "bare" else env)
        sample.update(analyzer_report(log))
        sample["findings"] = build_findings(log)
        return sample

    files = corpus_stats(corpus)
    print(f"== Analyzer build cost: dotnet build of {files['files']} files ({files['bytes'] / 1e6:.1f} MB) as AdditionalFiles, "
          f"with and without the packaged analyzer {args.analyzer_version}, and the CLI on the same files "
          f"({args.build_runs} rounds, alternating; load {load_average()})", flush=True)
    build("with", 0)  # untimed: first builds after restore, warm the page cache for all three
    build("bare", 0)
    withs, withouts, bares, clis, added, added_cpu, added_bare, added_bare_cpu, loads = [], [], [], [], [], [], [], [], []
    variants = ["with", "without", "bare"]
    for i in range(1, args.build_runs + 1):
        loads.append(load_average())
        last = i == args.build_runs
        # Each variant takes each place in the round in turn.
        order = variants[(i - 1) % 3:] + variants[:(i - 1) % 3]
        samples = {v: build(v, i, binlog=last) for v in order}
        a, b, z = samples["with"], samples["without"], samples["bare"]
        c = run(configlint_cmd(args.cli, "corpus"), project)
        withs.append(a)
        withouts.append(b)
        bares.append(z)
        clis.append(c)
        added.append(a["wall"] - b["wall"])
        added_cpu.append(a["cpu"] - b["cpu"])
        added_bare.append(a["wall"] - z["wall"])
        added_bare_cpu.append(a["cpu"] - z["cpu"])
        for s in (a, b, z):
            if s["rc"] not in (0, 1):
                print(f"  build failed (rc {s['rc']}): {s['stderr']}", flush=True)
        print(f"  round {i}: with {a['wall']:.2f} s (ConfigLint {a['configlint']} s of analyzers {a['analyzer_total']} s, {a['findings']} diagnostics), "
              f"without {b['wall']:.2f} s (analyzers {b['analyzer_total']} s, ConfigLint row {b['configlint']}), no package {z['wall']:.2f} s; "
              f"added {added[-1]:+.2f} s wall, {added_cpu[-1]:+.2f} s CPU (over no package {added_bare[-1]:+.2f} s, {added_bare_cpu[-1]:+.2f} s CPU); "
              f"CLI {c['wall']:.2f} s ({c['cpu']:.2f} s CPU); load {loads[-1]}", flush=True)
    med = lambda xs: statistics.median(x for x in xs if x is not None) if any(x is not None for x in xs) else None
    result = {
        "files": files, "version": args.analyzer_version, "loads": loads, "load_end": load_average(),
        "with": summarize(withs), "without": summarize(withouts), "bare": summarize(bares), "cli": summarize(clis),
        "added_wall_paired_median": statistics.median(added), "added_wall": added,
        "added_cpu_paired_median": statistics.median(added_cpu), "added_cpu": added_cpu,
        "package_wall_paired_median": statistics.median(added_bare), "package_wall": added_bare,
        "package_cpu_paired_median": statistics.median(added_bare_cpu), "package_cpu": added_bare_cpu,
        "configlint_analyzer_median": med([s["configlint"] for s in withs]),
        "configlint_analyzer": [s["configlint"] for s in withs],
        "analyzer_total_with_median": med([s["analyzer_total"] for s in withs]),
        "analyzer_total_without_median": med([s["analyzer_total"] for s in withouts]),
        "findings": [s["findings"] for s in withs],
        "logs": logs,
    }
    out["build"] = result
    print(f"  added by the analyzer: {result['added_wall_paired_median']:+.2f} s wall (median of paired differences), "
          f"by the whole package over a project without it: {result['package_wall_paired_median']:+.2f} s; "
          f"ConfigLint's analyzer time as the compiler reports it: {result['configlint_analyzer_median']} s (median); "
          f"CLI on the same files: {result['cli']['wall_median']:.2f} s wall, {result['cli']['cpu_median']:.2f} s CPU", flush=True)


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
    re_ = out.get("real")
    if re_:
        c, t, k = re_["configlint"], re_["spectral"], re_["corpus"]
        lines += [
            f"Real-repository case: {re_['kind']}, {k['files']} JSON files, {k['bytes'] / 1e6:.1f} MB (p10/p50/p90/max "
            f"{k['p10'] / 1e3:.1f}/{k['p50'] / 1e3:.1f}/{k['p90'] / 1e3:.1f}/{k['max'] / 1e3:.0f} KB; {k['encodings']}); Spectral ruleset `{re_['ruleset']}`.",
            "",
            "| Tool (real-repository case) | wall median s | wall best s | CPU median s | peak RSS MB | files it could not parse |",
            "|---|---:|---:|---:|---:|---:|",
            f"| ConfigLint | {c['wall_median']:.3f} | {c['wall_min']:.3f} | {c['cpu_median']:.2f} | {c['rss_max_mb']:.0f} | {len(re_['configlint_unparsed'])} |",
            f"| Spectral | {t['wall_median']:.3f} | {t['wall_min']:.3f} | {t['cpu_median']:.2f} | {t['rss_max_mb']:.0f} | {len(re_['spectral_unparsed'])} |",
            "",
            f"Spectral / ConfigLint: **{re_['wall_ratio_paired_median']:.1f}x** wall time (median of {c['runs']} paired ratios, "
            f"{min(re_['wall_ratios']):.1f}-{max(re_['wall_ratios']):.1f}x; {re_['wall_ratio_of_medians']:.1f}x from the medians), "
            f"{re_['cpu_ratio_paired_median']:.1f}x CPU time; load average {re_['loads'][0]} at the first pair, {re_['load_end']} after the last.",
            "",
        ]
        if re_["configlint_unparsed"]:
            lines += ["ConfigLint could not parse: " + "; ".join(f"`{p}` ({r})" for p, r in re_["configlint_unparsed"]), ""]
        if re_["spectral_unparsed"]:
            lines += ["Spectral reported parser errors in: " + "; ".join(f"`{p}` ({n})" for p, n in re_["spectral_unparsed"]), ""]
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
    bu = out.get("build")
    if bu:
        w, wo, cl = bu["with"], bu["without"], bu["cli"]
        fmt = lambda x: "n/a" if x is None else f"{x:.2f}"
        lines += [
            f"| `dotnet build`, {bu['files']['files']} AdditionalFiles ({bu['files']['bytes'] / 1e6:.1f} MB) | wall median s | wall best s | CPU median s | peak RSS MB | analyzer time s (compiler) |",
            "|---|---:|---:|---:|---:|---:|",
            f"| with the ConfigLint analyzer | {w['wall_median']:.2f} | {w['wall_min']:.2f} | {w['cpu_median']:.2f} | {w['rss_max_mb']:.0f} | ConfigLint {fmt(bu['configlint_analyzer_median'])}, all {fmt(bu['analyzer_total_with_median'])} |",
            f"| without it (the package's analyzer off the compiler's command line) | {wo['wall_median']:.2f} | {wo['wall_min']:.2f} | {wo['cpu_median']:.2f} | {wo['rss_max_mb']:.0f} | all {fmt(bu['analyzer_total_without_median'])} |",
            *([f"| without the package (the same files as AdditionalFiles of a plain project) | {bu['bare']['wall_median']:.2f} | {bu['bare']['wall_min']:.2f} | {bu['bare']['cpu_median']:.2f} | {bu['bare']['rss_max_mb']:.0f} | |"] if "bare" in bu else []),
            f"| CLI on the same files | {cl['wall_median']:.2f} | {cl['wall_min']:.2f} | {cl['cpu_median']:.2f} | {cl['rss_max_mb']:.0f} | |",
            "",
            f"Added by the analyzer: **{bu['added_wall_paired_median']:+.2f} s** wall (median of {w['runs']} paired differences: "
            + ", ".join(f"{x:+.2f}" for x in bu["added_wall"]) + f"), **{bu['added_cpu_paired_median']:+.2f} s** CPU; ConfigLint's analyzer time per build: "
            + ", ".join(fmt(x) for x in bu["configlint_analyzer"]) + f" s; diagnostics printed: {bu['findings']}; "
            f"load average {bu['loads'][0]} at the first round, {bu['load_end']} after the last. Build logs: `{bu['logs']}`.",
            *(["", f"Added by the whole package (its MSBuild targets as well as the analyzer) over the project without it: **{bu['package_wall_paired_median']:+.2f} s** wall ("
               + ", ".join(f"{x:+.2f}" for x in bu["package_wall"]) + f"), **{bu['package_cpu_paired_median']:+.2f} s** CPU."] if "package_wall" in bu else []),
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
    parser.add_argument("--real-root", help="folder holding corpus/: the real-repository case")
    parser.add_argument("--real-kind", default="real exports", help="what --real-root holds, for the report")
    parser.add_argument("--real-ruleset", help="Spectral ruleset for the real-repository case (default: --ruleset)")
    parser.add_argument("--real-runs", type=int, default=10, help="pairs of runs in the real-repository case")
    parser.add_argument("--analyzer-feed", help="local NuGet feed holding the packed ConfigLint.Analyzers: the build-cost case")
    parser.add_argument("--analyzer-version")
    parser.add_argument("--build-runs", type=int, default=5, help="rounds (with, without, without the package, CLI) in the build-cost case")
    parser.add_argument("--sections", default="real,spectral,build,scale,variants")
    args = parser.parse_args()
    global ARGS
    ARGS = args

    out = {"load_start": load_average(), "nproc": os.cpu_count()}
    sections = args.sections.split(",")
    if "real" in sections and args.spectral_bin and args.real_root:
        args.real_ruleset = args.real_ruleset or args.ruleset
        section_real(args, out)
    if "spectral" in sections and args.spectral_bin:
        section_spectral(args, out)
    if "build" in sections and args.analyzer_feed and args.analyzer_version:
        section_build(args, out)
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
