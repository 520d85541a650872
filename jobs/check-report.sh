#!/usr/bin/env bash
# Checks a written report as a reader would get it: validates report.ipynb against the nbformat 4 schema and opens
# report.html in headless Chromium, saving a screenshot beside it (screenshot.png).
# Installs Debian's chromium and python3-nbformat when missing (needs root and apt).
#
# Usage: jobs/check-report.sh [REPORT_DIR]     (default: results/quick/report, the default grid's report)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
dir=${1:-"$repo/results/quick/report"}
[ -f "$dir/report.html" ] && [ -f "$dir/report.ipynb" ] || {
  echo "check-report: no report in $dir; write one with jobs/run-local.sh (or jobs/run-local.sh report --output DIR)" >&2
  exit 2
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
/usr/bin/python3 -c 'import nbformat' 2>/dev/null || missing+=(python3-nbformat)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} ..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

/usr/bin/python3 - "$dir/report.ipynb" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {}))
tables = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {}))
print(f"{sys.argv[1]}: valid nbformat {nb.nbformat}.{nb.nbformat_minor}, {len(nb.cells)} cells, {tables} tables, {images} figures")
PY

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1200,4000 --screenshot="$dir/screenshot.png" "file://$(cd "$dir" && pwd)/report.html" 2>/dev/null
echo "$dir/screenshot.png: $(stat -c %s "$dir/screenshot.png") bytes"
