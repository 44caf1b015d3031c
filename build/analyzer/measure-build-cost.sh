#!/usr/bin/env bash
# What ConfigLint adds to `dotnet build` of a config repo: packs ConfigLint.Sdk and ConfigLint.Analyzers from this
# checkout, generates N Intune-like exports (generate-config-repo.py), and times clean builds of the same repo with
# and without the analyzer, plus the CLI on the same files.
#
# Usage: build/analyzer/measure-build-cost.sh [N=2000] [RUNS=5]
#   SERVER=1  also time builds on a warm compiler server (-p:UseSharedCompilation=true)
#   KEEP=1    keep the work folder (printed at the end)
#
# Every build is `dotnet build --no-restore --no-incremental`, one cold MSBuild per run (node reuse off), so the
# figures are what a CI build pays. Variants (each a copy of the same exports):
#   sdk-bare   <Project Sdk="ConfigLint.Sdk/v"> with ConfigLintRunAnalyzer=false: JSON as AdditionalFiles, no analyzers
#   sdk        <Project Sdk="ConfigLint.Sdk/v" />: the same plus the ConfigLint analyzer
#   pkg-bare   Microsoft.NET.Sdk net10.0 with the JSON as AdditionalFiles (the SDK's own analyzers and generators on)
#   pkg        the same plus PackageReference ConfigLint.Analyzers
set -euo pipefail

N=${1:-2000}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/configlint-cost.XXXXXX")
VERSION="0.1.0-cost.$(date -u +%Y%m%d%H%M%S)"
TFM="net$(dotnet --version | cut -d. -f1).0"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

cleanup() { if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "work folder kept: $WORK"; fi; }
trap cleanup EXIT

echo "== packing ConfigLint $VERSION (and the CLI) from $ROOT"
cat > "$WORK/pack.slnf" <<JSON
{ "solution": { "path": "$ROOT/ConfigLint.sln", "projects": [
  "analyzers/ConfigLint.Sdk/ConfigLint.Sdk.csproj", "analyzers/ConfigLint.Analyzers/ConfigLint.Analyzers.csproj", "analyzers/ConfigLint.Cli/ConfigLint.Cli.csproj" ] } }
JSON
dotnet pack "$WORK/pack.slnf" -c Release -o "$WORK/feed" --artifacts-path "$WORK/artifacts" -p:Version="$VERSION" -nologo -v:q --disable-build-servers > "$WORK/pack.log" 2>&1 \
  || { cat "$WORK/pack.log"; exit 1; }
CLI="$WORK/artifacts/bin/ConfigLint.Cli/release/configlint.dll"

echo "== generating $N exports"
python3 "$ROOT/build/analyzer/generate-config-repo.py" "$WORK/exports" "$N"

# The variants restore from the local feed into their own package folder, so no cached copy is used.
export NUGET_PACKAGES="$WORK/packages"
variant() {
  local name=$1 project=$2
  mkdir -p "$WORK/$name"
  cp -r "$WORK/exports/." "$WORK/$name/"
  printf '%s\n' "$project" > "$WORK/$name/ConfigRepo.csproj"
  cat > "$WORK/$name/nuget.config" <<XML
<configuration><packageSources><clear /><add key="local" value="$WORK/feed" /></packageSources></configuration>
XML
  dotnet restore "$WORK/$name" -v:q > "$WORK/$name.restore.log" 2>&1 || { cat "$WORK/$name.restore.log"; exit 1; }
}
variant sdk-bare "<Project Sdk=\"ConfigLint.Sdk/$VERSION\"><PropertyGroup><ConfigLintRunAnalyzer>false</ConfigLintRunAnalyzer></PropertyGroup></Project>"
variant sdk "<Project Sdk=\"ConfigLint.Sdk/$VERSION\" />"
variant pkg-bare "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>$TFM</TargetFramework></PropertyGroup><ItemGroup><AdditionalFiles Include=\"**/*.json\" Exclude=\"bin/**;obj/**\" /></ItemGroup></Project>"
variant pkg "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>$TFM</TargetFramework></PropertyGroup><ItemGroup><PackageReference Include=\"ConfigLint.Analyzers\" Version=\"$VERSION\" /></ItemGroup></Project>"

# Prints "min median max" of the numbers on stdin.
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f %.2f", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[NR] }'; }

# Times RUNS clean builds; prints "wall: min median max | cpu: min median max" (cpu = user + sys of all processes,
# which a busy machine distorts less than wall time).
timed_builds() {
  local name=$1 shared=$2 walls="" cpus="" line
  local TIMEFORMAT='%R %U %S'
  for ((i = 0; i < RUNS; i++)); do
    line=$( { time dotnet build "$WORK/$name" --no-restore --no-incremental -nologo -v:q -p:UseSharedCompilation="$shared" > "$WORK/$name.build.log" 2>&1; } 2>&1 ) \
      || { cat "$WORK/$name.build.log"; exit 1; }
    walls+="$(echo "$line" | awk '{ print $1 }')"$'\n'
    cpus+="$(echo "$line" | awk '{ printf "%.3f", $2 + $3 }')"$'\n'
  done
  printf 'wall %s | cpu %s' "$(printf '%s' "$walls" | stats)" "$(printf '%s' "$cpus" | stats)"
}

analyzer_seconds() {
  # csc's own account of analyzer time (ReportAnalyzer), in-process.
  dotnet build "$WORK/$1" --no-restore --no-incremental -nologo -v:d -p:ReportAnalyzer=true -p:UseSharedCompilation=false > "$WORK/$1.report.log" 2>&1 || true
  grep -E "ConfigLint\.Analyzers\.ConfigLintAnalyzer" "$WORK/$1.report.log" | head -1 | awk '{ print $1 }'
}

echo "== $RUNS clean builds per variant (in-process compiler); seconds: min median max"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
declare -A WALL CPU
for name in sdk-bare sdk pkg-bare pkg; do
  result=$(timed_builds "$name" false)
  WALL[$name]=$(echo "$result" | awk '{ print $3 }')
  CPU[$name]=$(echo "$result" | awk '{ print $8 }')
  printf '  %-9s %s\n' "$name" "$result"
done
diff_of() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
echo "  added by ConfigLint (medians): SDK form wall $(diff_of "${WALL[sdk-bare]}" "${WALL[sdk]}") s, cpu $(diff_of "${CPU[sdk-bare]}" "${CPU[sdk]}") s;" \
  "PackageReference form wall $(diff_of "${WALL[pkg-bare]}" "${WALL[pkg]}") s, cpu $(diff_of "${CPU[pkg-bare]}" "${CPU[pkg]}") s"
echo "  ConfigLint analyzer time reported by csc (ReportAnalyzer): sdk $(analyzer_seconds sdk) s, pkg $(analyzer_seconds pkg) s"

if [ "${SERVER:-0}" = 1 ]; then
  echo "== warm compiler server (first build discarded); seconds: min median max (cpu excludes the server process)"
  for name in sdk-bare sdk; do
    dotnet build "$WORK/$name" --no-restore --no-incremental -nologo -v:q -p:UseSharedCompilation=true > /dev/null 2>&1 || true
    printf '  %-9s %s\n' "$name" "$(timed_builds "$name" true)"
  done
  # The compiler server started here exits by itself when idle (no broad `dotnet build-server shutdown`, which
  # would also stop other builds' servers on a shared machine).
fi

echo "== CLI on the same files; seconds: min median max"
times=""
for ((i = 0; i < RUNS; i++)); do
  start=$(date +%s.%N)
  (cd "$WORK/exports" && dotnet "$CLI" lint . > "$WORK/cli.out" 2>&1) || true
  end=$(date +%s.%N)
  times+="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"$'\n'
done
printf '  configlint %s   (%s)\n' "$(printf '%s' "$times" | stats)" "$(tail -1 "$WORK/cli.out")"

# The build must report what the CLI reports: same files, lines, columns and rules.
grep -oE '^[^ ]+\.json\([0-9]+,[0-9]+\): (warning|error) CL[0-9]+' "$WORK/cli.out" | sort -u > "$WORK/cli.findings"
grep -oE '[^ >]+\.json\([0-9]+,[0-9]+\): (warning|error) CL[0-9]+' "$WORK/sdk.build.log" | sed "s#^$WORK/sdk/##" | sort -u > "$WORK/build.findings"
if cmp -s "$WORK/cli.findings" "$WORK/build.findings"; then
  echo "== build and CLI agree: $(wc -l < "$WORK/build.findings") warning/error lines"
else
  echo "== build and CLI DIFFER (< CLI, > build):"; diff "$WORK/cli.findings" "$WORK/build.findings" | head -20
fi
