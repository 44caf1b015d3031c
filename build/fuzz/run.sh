#!/usr/bin/env bash
# Long fuzz campaign against the real CLI (see RESULTS.md). Usage:
#   build/fuzz/run.sh [--count 100000] [--seed 13] [--batch 1000] [--timeout 300] [--work DIR]
# Runs niced; prints a progress line per batch and a Markdown summary (also written to WORK/summary.md), with the
# failing inputs kept under WORK/failures/{undiagnosed,hang,rule-failure,rejected-valid}. Exit 1 when anything failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The SARIF schema: the shared copy when this machine has one, else the one vendored for the tests.
schema="$repo/tests/ConfigLint.Tests/Schemas/sarif-schema-2.1.0.json"
[ -f "$repo/../shared/schemas/sarif-schema-2.1.0.json" ] && schema="$repo/../shared/schemas/sarif-schema-2.1.0.json"
[ -f /work/shared/schemas/sarif-schema-2.1.0.json ] && schema=/work/shared/schemas/sarif-schema-2.1.0.json

out=$(mktemp -d)
nice -n 10 dotnet build analyzers/ConfigLint.Cli -c Release -o "$out/cli" -v q -nologo >/dev/null
nice -n 10 dotnet build build/fuzz/ConfigLint.Fuzz.csproj -c Release -o "$out/fuzz" -v q -nologo >/dev/null
exec nice -n 10 dotnet "$out/fuzz/ConfigLint.Fuzz.dll" --cli "$out/cli/configlint.dll" --schema "$schema" --repo "$repo" "$@"
