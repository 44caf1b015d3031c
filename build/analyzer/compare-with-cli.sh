#!/usr/bin/env bash
# Lints folders of exports both ways, as a user would, and compares: `dotnet build` of a one-line
# <Project Sdk="ConfigLint.Sdk/v" /> repo holding a copy of the folder (findings from the compiler's SARIF log),
# and `configlint lint . --format json` in the same copy. Any difference in rule, file, span, severity or message
# is printed. Exit code 0 when every folder agrees.
#
# Usage: build/analyzer/compare-with-cli.sh FOLDER...
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 FOLDER..." >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/configlint-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
VERSION="0.1.0-compare.$(date -u +%Y%m%d%H%M%S)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

cat > "$WORK/pack.slnf" <<JSON
{ "solution": { "path": "$ROOT/ConfigLint.sln", "projects": [
  "analyzers/ConfigLint.Sdk/ConfigLint.Sdk.csproj", "analyzers/ConfigLint.Cli/ConfigLint.Cli.csproj" ] } }
JSON
dotnet pack "$WORK/pack.slnf" -c Release -o "$WORK/feed" --artifacts-path "$WORK/artifacts" -p:Version="$VERSION" -nologo -v:q --disable-build-servers > "$WORK/pack.log" 2>&1 \
  || { cat "$WORK/pack.log"; exit 1; }
CLI="$WORK/artifacts/bin/ConfigLint.Cli/release/configlint.dll"
export NUGET_PACKAGES="$WORK/packages"

status=0
n=0
for folder in "$@"; do
  n=$((n + 1))
  repo="$WORK/repo$n"
  mkdir -p "$repo"
  cp -r "$folder/." "$repo/"
  rm -rf "$repo/bin" "$repo/obj"
  echo "<Project Sdk=\"ConfigLint.Sdk/$VERSION\" />" > "$repo/ConfigLintCompare.csproj"
  echo "<configuration><packageSources><clear /><add key=\"local\" value=\"$WORK/feed\" /></packageSources></configuration>" > "$repo/nuget.config"
  # Repo-level config files of the folder would change severities in the build only; compare defaults.
  find "$repo" \( -name .editorconfig -o -name .globalconfig -o -name Directory.Build.props -o -name Directory.Build.targets -o -name global.json \) -delete
  dotnet build "$repo" --no-incremental -nologo -v:q -p:ErrorLog="$repo/build.sarif%2Cversion=2.1" > "$WORK/build$n.log" 2>&1 || true
  [ -f "$repo/build.sarif" ] || { echo "$folder: build wrote no SARIF"; cat "$WORK/build$n.log"; status=1; continue; }
  rm -f "$repo/ConfigLintCompare.csproj" "$repo/nuget.config"
  (cd "$repo" && dotnet "$CLI" lint . --format json > "$WORK/cli$n.json" 2> "$WORK/cli$n.err") || true
  python3 - "$repo" "$repo/build.sarif" "$WORK/cli$n.json" "$folder" <<'PY' || status=1
import json, os, sys
from urllib.parse import urlparse, unquote
repo, sarif, cli, folder = sys.argv[1:]
level = lambda s: s if s in ("error", "warning") else "note"
def key(rule, path, r, sev, msg): return f"{rule} {path}({r[0]},{r[1]}-{r[2]},{r[3]}) {sev}: {msg}"
b = []
for res in json.load(open(sarif))["runs"][0]["results"]:
    if not res["ruleId"].startswith("CL"): continue
    locs = res.get("locations") or []
    if not locs: b.append(key(res["ruleId"], "", (0, 0, 0, 0), res.get("level", "warning"), res["message"]["text"])); continue
    p = locs[0]["physicalLocation"]; g = p["region"]
    path = os.path.relpath(unquote(urlparse(p["artifactLocation"]["uri"]).path), repo)
    b.append(key(res["ruleId"], path, (g["startLine"], g.get("startColumn", 1), g.get("endLine", g["startLine"]), g.get("endColumn", g.get("startColumn", 1))), res.get("level", "warning"), res["message"]["text"]))
c = []
for f in json.load(open(cli))["findings"]:
    r = (f["line"], f["column"], f["endLine"], f["endColumn"]) if "path" in f else (0, 0, 0, 0)
    c.append(key(f["ruleId"], f.get("path", ""), r, level(f["severity"]), f["message"]))
b.sort(); c.sort()
if b == c:
    print(f"{folder}: agree ({len(c)} findings)")
    sys.exit(0)
print(f"{folder}: DIFFER ({len(b)} from the build, {len(c)} from the CLI)")
for k in sorted(set(c) - set(b))[:10]: print("  CLI only:   " + k[:220])
for k in sorted(set(b) - set(c))[:10]: print("  build only: " + k[:220])
sys.exit(1)
PY
done
exit $status
