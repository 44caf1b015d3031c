#!/usr/bin/env bash
# Regenerates the README rule table from the catalog (CatalogTests.ReadmeRuleTableIsGenerated checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(dotnet run --project analyzers/ConfigLint.Cli -v q -- rules --format markdown)
python3 - "$table" <<'PY'
import re, sys
table = sys.argv[1].rstrip("\n") + "\n"
text = open("README.md", encoding="utf-8").read()
text = re.sub(r"<!-- rules:begin -->\n.*?<!-- rules:end -->", lambda m: "<!-- rules:begin -->\n" + table + "<!-- rules:end -->", text, flags=re.S)
open("README.md", "w", encoding="utf-8").write(text)
PY
