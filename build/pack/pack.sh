#!/usr/bin/env bash
# Builds the configlint tool packages that `dotnet tool install ConfigLint.Cli` chooses from (.NET SDK 10 RID-specific
# tools): one top-level package that holds no code, only the list of its runtime packages, and one package per RID:
#   ConfigLint.Cli.linux-x64   Native AOT: one native executable, no JIT and no `dotnet` host at start-up
#   ConfigLint.Cli.win-x64     ReadyToRun, framework-dependent (crossgen targets Windows from here)
#   ConfigLint.Cli.osx-arm64   ReadyToRun, framework-dependent
#   ConfigLint.Cli.any         portable IL, framework-dependent: every other platform
# The install picks the package of the machine's RID, else `any`. Native AOT compiles only for the platform it runs
# on, so run this on linux-x64 (elsewhere, give CONFIGLINT_PACK_RIDS without linux-x64 and the AOT package is missing).
#
# usage: build/pack/pack.sh [OUT_DIR]            (default artifacts/packages)
#   CONFIGLINT_PACK_RIDS="linux-x64 any"         which RID packages to build (default: all four)
#   CONFIGLINT_PACK_ARTIFACTS=DIR                where bin/obj go (default artifacts/pack-build), so packing never
#                                                touches the Debug build's obj folders
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

out=$(realpath -m "${1:-artifacts/packages}")
build=$(realpath -m "${CONFIGLINT_PACK_ARTIFACTS:-artifacts/pack-build}")
rids=${CONFIGLINT_PACK_RIDS:-"linux-x64 win-x64 osx-arm64 any"}
project=analyzers/ConfigLint.Cli/ConfigLint.Cli.csproj
mkdir -p "$out"

# ConfigLintToolPackages switches on the RID list and each RID's form (ConfigLint.Cli.csproj). ArtifactsPath keeps
# every project's bin/obj of this Release build apart from the working tree's.
common=(-c Release -o "$out" -p:ConfigLintToolPackages=true "-p:ArtifactsPath=$build" -p:UseArtifactsOutput=true)

echo "== ConfigLint.Cli (top-level, points at: linux-x64 win-x64 osx-arm64 any)"
dotnet pack "$project" "${common[@]}"
for rid in $rids; do
  echo "== ConfigLint.Cli.$rid"
  # The ReadyToRun packages precompile the engine's hot loops too (analyzers/ConfigLint.Core/Hot.cs).
  precompiled=()
  case "$rid" in win-x64|osx-arm64) precompiled=(-p:ConfigLintPrecompiled=true) ;; esac
  dotnet pack "$project" "${common[@]}" "${precompiled[@]}" -r "$rid"
done
ls -l "$out"/ConfigLint.Cli*.nupkg
