#!/usr/bin/env bash
# Reproduces every figure in build/bench/RESULTS.md on a fresh clone:
#
#   build/bench/run.sh            # everything (10–15 minutes on 2 cores)
#   build/bench/run.sh --quick    # no BenchmarkDotNet, fewer repetitions (about 5 minutes)
#
# The real-repository case reads the shared corpus of real exports, ../shared/corpus beside the checkout (or beside
# its parent folder, for a worktree), without graph-schema/, and the reference Spectral ruleset in
# ../shared/bench/spectral/; CONFIGLINT_BENCH_REAL_CORPUS names another folder. Without one, it runs on a generated
# corpus with the real one's shape (configlint-bench generate --shape real) and this folder's Spectral ruleset.
#
# Needs the .NET 10 SDK, Node.js with npm (Spectral is installed from the npm registry into the work folder),
# python3 and NuGet access (BenchmarkDotNet). Everything it writes goes to $CONFIGLINT_BENCH_WORK
# (default: ${TMPDIR:-/tmp}/configlint-bench); the log of a run is $CONFIGLINT_BENCH_WORK/run.log.
#
# Steps:
#   1. build the bench tool and publish six CLI variants (JIT/ReadyToRun x TieredPGO on/off/TieredCompilation off),
#      each with its own artifacts path, so builds running beside this one cannot collide with it;
#      and pack the analyzer (ConfigLint.Analyzers) into a local feed under a version no earlier run used;
#   2. generate the seeded corpora: 1x (2,000 resources), 20x (40,000) and a 20-resource repository for start-up;
#      find the real corpus (or generate one of its shape);
#   3. in-process throughput on the 1x corpus: Stopwatch harness (interleaved rounds) and BenchmarkDotNet;
#   4. whole-process: ConfigLint against Spectral on the real-repository case (paired, interleaved) and on 1x; the
#      analyzer's cost in `dotnet build` of the 1x corpus, with and without it and without the package (paired, interleaved, with the
#      compiler's own analyzer times) against the CLI on the same files; memory and CPU/wall at 1x and 20x; start-up per variant.
#   5. one 100 MB Graph page: wall, CPU/wall and peak RSS against the file's size (function single_page).
set -euo pipefail

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${CONFIGLINT_BENCH_WORK:-${TMPDIR:-/tmp}/configlint-bench}
seed=${CONFIGLINT_BENCH_SEED:-20260501}
spectral_version=6.16.3
mkdir -p "$work"
exec > >(tee "$work/run.log") 2>&1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "$quick" = 1 ]; then runs=2; startup_runs=5; variant_runs=1; rounds=5; real_runs=5; build_runs=3; else runs=3; startup_runs=10; variant_runs=2; rounds=9; real_runs=10; build_runs=5; fi

echo "== machine"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   commit: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo n/a)$(git -C "$repo" diff --quiet 2>/dev/null || echo ' (+ working-tree changes)')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; memory: $(free -g | awk '/Mem:/ {print $2}') GB"
echo "dotnet $(dotnet --version), node $(node --version), python $(python3 --version | cut -d' ' -f2); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== 1. build"
bench_dll="$work/artifacts/bench/bin/ConfigLint.Bench/release/configlint-bench.dll"
dotnet build -c Release "$here/ConfigLint.Bench" --artifacts-path "$work/artifacts/bench" -v quiet -nologo -clp:ErrorsOnly
# name|publish arguments
variants=(
  "jit-pgo-on|-p:TieredPGO=true"
  "jit-pgo-off|-p:TieredPGO=false"
  "jit-tc-off|-p:TieredCompilation=false"
  "r2r-pgo-on|-r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:ConfigLintPrecompiled=true -p:TieredPGO=true"
  "r2r-pgo-off|-r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:ConfigLintPrecompiled=true -p:TieredPGO=false"
  "r2r-tc-off|-r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:ConfigLintPrecompiled=true -p:TieredCompilation=false"
)
variant_args=()
for v in "${variants[@]}"; do
  name=${v%%|*}; args=${v#*|}
  # shellcheck disable=SC2086
  dotnet publish "$repo/analyzers/ConfigLint.Cli" -c Release $args -o "$work/cli/$name" --artifacts-path "$work/artifacts/cli-$name" -v quiet -nologo -clp:ErrorsOnly
  variant_args+=(--variant "$name=$work/cli/$name")
done
echo "CLI as shipped: $(grep -Eo '<(TieredPGO|TieredCompilation|PublishReadyToRun)>[^<]*' "$repo/analyzers/ConfigLint.Cli/ConfigLint.Cli.csproj" | tr '\n' ' ')"
shipped="$work/cli/shipped"
dotnet publish "$repo/analyzers/ConfigLint.Cli" -c Release -o "$shipped" --artifacts-path "$work/artifacts/cli-shipped" -v quiet -nologo -clp:ErrorsOnly
# What `dotnet tool install` gives on linux-x64 is the Native AOT package (build/pack/pack.sh): measured as a variant
# and, where it builds, as the CLI of the whole-process comparisons (CONFIGLINT_BENCH_SHIPPED=jit keeps the JIT one).
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && dotnet publish "$repo/analyzers/ConfigLint.Cli" -c Release -r linux-x64 \
     -p:ConfigLintToolPackages=true "-p:ArtifactsPath=$work/artifacts/cli-aot" -p:UseArtifactsOutput=true -o "$work/cli/aot" -v quiet -nologo -clp:ErrorsOnly; then
  variant_args+=(--variant "aot=$work/cli/aot")
  [ "${CONFIGLINT_BENCH_SHIPPED:-aot}" = aot ] && shipped="$work/cli/aot"
fi
echo "CLI of the whole-process comparisons: $shipped"
# The analyzer as users get it: its package, in a version no earlier run used, so no packages folder serves a stale one.
analyzer_version="0.1.0-bench.$(date -u +%Y%m%d%H%M%S)"
rm -rf "$work/feed"
dotnet pack "$repo/analyzers/ConfigLint.Analyzers" -c Release -o "$work/feed" --artifacts-path "$work/artifacts/analyzer" \
  "-p:Version=$analyzer_version" -nologo --disable-build-servers -v quiet -clp:ErrorsOnly
echo "analyzer package ConfigLint.Analyzers $analyzer_version in $work/feed"

echo "== 2. corpora (seed $seed)"
dotnet "$bench_dll" generate --out "$work/x1" --scale 1 --seed "$seed"
dotnet "$bench_dll" generate --out "$work/x20" --scale 20 --seed "$seed"
dotnet "$bench_dll" generate --out "$work/small" --scale 0.01 --seed "$seed"
real_corpus=${CONFIGLINT_BENCH_REAL_CORPUS:-}
if [ -z "$real_corpus" ]; then
  for candidate in "$repo/../shared/corpus" "$repo/../../shared/corpus"; do
    if [ -d "$candidate" ]; then real_corpus=$(cd "$candidate" && pwd); break; fi
  done
fi
rm -rf "$work/real"
if [ -n "$real_corpus" ] && [ -d "$real_corpus" ]; then
  # The real exports only: graph-schema/ is Microsoft's metadata, not a tenant's configuration.
  mkdir -p "$work/real/corpus"
  for entry in "$real_corpus"/*; do
    [ "$(basename "$entry")" = graph-schema ] || cp -R "$entry" "$work/real/corpus/"
  done
  chmod -R u+w "$work/real"
  real_kind="real exports from $real_corpus"
  real_ruleset="$real_corpus/../bench/spectral/ruleset.yaml"
  [ -f "$real_ruleset" ] || real_ruleset="$here/spectral/intune.spectral.yaml"
  real_ruleset=$(readlink -f "$real_ruleset")
else
  dotnet "$bench_dll" generate --out "$work/real" --shape real --seed "$seed"
  real_kind="generated corpus of the real one's shape (generate --shape real --seed $seed)"
  real_ruleset="$here/spectral/intune.spectral.yaml"
fi
echo "real-repository case: $real_kind; Spectral ruleset $real_ruleset"

echo "== 3. in-process throughput (1x corpus)"
dotnet "$bench_dll" throughput --corpus "$work/x1" --rounds "$rounds" --markdown "$work/throughput.md"
if [ "$quick" = 0 ]; then
  dotnet "$bench_dll" bdn --corpus "$work/x1"
  cp "${TMPDIR:-/tmp}/configlint-bdn/throughput.md" "$work/bdn.md" 2>/dev/null || true
fi

echo "== 4. whole process"
if [ ! -f "$work/spectral/node_modules/@stoplight/spectral-cli/package.json" ]; then
  npm install --prefix "$work/spectral" --no-audit --no-fund --loglevel=error "@stoplight/spectral-cli@$spectral_version"
fi
spectral_bin=$(readlink -f "$work/spectral/node_modules/.bin/spectral")
echo "spectral $(node "$spectral_bin" --version)"
python3 "$here/whole_process.py" --work "$work" --cli "$shipped" \
  --corpus-1x "$work/x1" --corpus-20x "$work/x20" --corpus-small "$work/small" \
  --spectral-bin "$spectral_bin" --ruleset "$here/spectral/intune.spectral.yaml" \
  --real-root "$work/real" --real-kind "$real_kind" --real-ruleset "$real_ruleset" --real-runs "$real_runs" \
  --analyzer-feed "$work/feed" --analyzer-version "$analyzer_version" --build-runs "$build_runs" \
  --runs "$runs" --startup-runs "$startup_runs" --variant-runs "$variant_runs" "${variant_args[@]}"

# One big file on both cores (issue 15 item 4): a seeded 100 MB Graph value[] page, whole process, wall, CPU/wall and
# peak RSS against the file's size (targets: CPU/wall above 1.6 on 2 cores, peak under 3x the file).
single_page() {
  local dir="$work/page100" file
  echo "== 5. one 100 MB Graph page (seed $seed)"
  dotnet "$bench_dll" generate --single-page --size 100MB --out "$dir" --seed "$seed"
  file="$dir/corpus/graph/deviceConfigurations-page.json"
  python3 - "$shipped/configlint" "$file" "$dir/out.json" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
cli, page, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
size = os.path.getsize(page)
rows = []
for i in range(max(runs, 3)):
    load = os.getloadavg()[0]
    start = time.monotonic()
    proc = subprocess.Popen([cli, "lint", page, "--format", "json", "--output", out, "--fail-level", "none"], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    cpu = usage.ru_utime + usage.ru_stime
    rows.append((wall, cpu / wall, usage.ru_maxrss / 1024))
    print(f"run {i + 1}: wall {wall:.2f} s, CPU/wall {cpu / wall:.2f}, peak RSS {usage.ru_maxrss / 1024:.0f} MB ({usage.ru_maxrss * 1024 / size:.2f}x the file), load {load:.2f}, exit {os.waitstatus_to_exitcode(status)}")
wall, ratio, rss = (statistics.median(c) for c in zip(*rows))
print(f"one page, {size / 1e6:.1f} MB: wall median {wall:.2f} s, CPU/wall median {ratio:.2f}, peak RSS median {rss:.0f} MB = {rss * 1024 * 1024 / size:.2f}x the file")
PY
}
single_page

echo "== done; load average: $(cut -d' ' -f1-3 /proc/loadavg); log: $work/run.log"
