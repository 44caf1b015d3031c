#!/usr/bin/env bash
# Renders the sample tenant's audit report in a real browser (Debian's headless Chromium), saves a screenshot and
# fails when the page logs a console error or lacks a key section, or when a hostile policy name became markup.
#
#   build/report/check.sh [OUTPUT-DIR]      (default: artifacts/report-check)
#
# Two audits of a copy of tests/samples/tenant are run, with one risk fixed and one added between them (in a policy
# named <img src=x onerror=alert(1)>), so the report has every section: DPIA table, findings by policy, changes
# since the previous audit with the trend chart, accepted risks (from a configlint.suppressions.yaml, one entry expired).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "${1:-$root/artifacts/report-check}" && cd "${1:-$root/artifacts/report-check}" && pwd)"
fail() { echo "report check: FAILED: $*" >&2; exit 1; }

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "report check: installing Debian's chromium"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y chromium
  browser="$(command -v chromium)"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/tests/samples/tenant" "$work/contoso"
# Accepted risks, read by the audit as lint reads them: one live entry (the OMA-URI finding is accepted) and one
# expired entry (its finding is open again, and the entry is a CL0020 warning).
cat > "$work/contoso/configlint.suppressions.yaml" <<'YAML'
suppressions:
  - rule: CL1003
    target: Windows - Custom OMA-URI
    justification: "Line-of-business app <needs> the OMA-URI telemetry setting until its Q3 upgrade (RISK-17)"
    owner: privacy-officer@contoso.example
    expires: 2099-09-30
  - rule: CL1008
    target: Contoso Company Portal
    justification: Temporary exception during the portal migration
    owner: it-ops@contoso.example
    expires: 2020-01-31
YAML

dotnet build "$root/analyzers/ConfigLint.Cli" -c Release -nologo -v quiet >/dev/null
cli=(dotnet "$root/analyzers/ConfigLint.Cli/bin/Release/net10.0/configlint.dll")

(cd "$work" && "${cli[@]}" audit contoso --history audits.db --tenant "Contoso (sample)" --output-dir first >/dev/null)

# Between the audits: the ownership-change notification is switched on (one fix), and a new Windows policy with a
# hostile name sends full diagnostic data (one new risk).
sed -i 's/"sendDeviceOwnershipChangePushNotification": false/"sendDeviceOwnershipChangePushNotification": true/' "$work/contoso/IntuneBranding/Contoso Company Portal.json"
cat > "$work/contoso/DeviceConfiguration/hostile.json" <<'JSON'
{
  "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
  "id": "6f1c2d3e-0000-4000-8000-000000000001",
  "displayName": "<img src=x onerror=alert(1)>",
  "diagnosticsDataSubmissionMode": "full"
}
JSON
(cd "$work" && "${cli[@]}" audit contoso --history audits.db --tenant "Contoso (sample)" --output-dir "$out")

flags=(--headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars --allow-file-access-from-files)
"$browser" "${flags[@]}" --window-size=1280,3200 --screenshot="$out/report.png" "file://$out/report.html" >"$work/shot.log" 2>&1 \
  || { cat "$work/shot.log" >&2; fail "chromium could not render the report"; }
[ -s "$out/report.png" ] || fail "no screenshot written"

# The DOM after load, and the page's console (Chromium logs console messages as CONSOLE lines at this verbosity).
"$browser" "${flags[@]}" --enable-logging=stderr --v=0 --virtual-time-budget=2000 --dump-dom "file://$out/report.html" >"$work/dom.html" 2>"$work/console.log" \
  || { cat "$work/console.log" >&2; fail "chromium could not load the report"; }
if grep -E 'CONSOLE|Uncaught|Refused to' "$work/console.log" >"$work/errors.log"; then
  cat "$work/errors.log" >&2
  fail "the page logged console errors"
fi

for section in header counts dpia security changes trend findings accepted rules; do
  grep -q "data-section=\"$section\"" "$work/dom.html" || fail "section '$section' is missing from the rendered page"
done
for control in DPIA-R1 DPIA-R5 DPIA-A1 DPIA-A7; do
  grep -q "data-control=\"$control\"" "$work/dom.html" || fail "DPIA table lacks $control"
done
grep -q 'data-change="new"' "$work/dom.html" || fail "the change section lists no new finding"
grep -q 'data-change="fixed"' "$work/dom.html" || fail "the change section lists no fixed finding"
grep -q 'class="finding suppressed"' "$work/dom.html" || fail "no finding is shown as accepted"
grep -q 'privacy-officer@contoso.example' "$work/dom.html" || fail "the accepted risks lack the suppressions file's owner"
grep -q '<tr class="expired">' "$work/dom.html" || fail "the expired suppression is not marked in the accepted risks"
grep -q 'Line-of-business app &lt;needs&gt;' "$work/dom.html" || fail "a justification is not escaped"
if grep -q '<img' "$work/dom.html"; then fail "a policy name became an <img> element"; fi
grep -q '&lt;img src=x onerror=alert(1)&gt;' "$work/dom.html" || fail "the hostile policy name is not shown as text"

echo "report check: OK: $out/report.html rendered in $("$browser" --version 2>/dev/null | head -1); screenshot $out/report.png"
