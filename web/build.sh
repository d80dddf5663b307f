#!/bin/sh
# build.sh: install the web client's npm libraries (package-lock.json) and copy their dist files into
# web/vendor/ (git-ignored). Nothing is compiled or bundled: the pages load vendor/ as plain files.
# Usage: web/build.sh [--no-install]   (--no-install: only copy from an existing node_modules/)
# Exit status: 0 done, 1 npm or a copy failed.
set -eu
cd "$(dirname "$0")"

if [ "${1:-}" != "--no-install" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "build.sh: npm is missing (apt-get install npm)" >&2
		exit 1
	fi
	# npm ci when the lock matches, npm install as a fallback (e.g. an older npm)
	npm ci --no-audit --no-fund --loglevel=error ||
		npm install --no-audit --no-fund --loglevel=error
fi

rm -rf vendor.tmp
mkdir -p vendor.tmp/leaflet/images vendor.tmp/chart
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css vendor.tmp/leaflet/
cp node_modules/leaflet/dist/images/*.png vendor.tmp/leaflet/images/
cp node_modules/leaflet/LICENSE vendor.tmp/leaflet/ 2>/dev/null || true
cp node_modules/chart.js/dist/chart.umd.min.js vendor.tmp/chart/chart.umd.js
cp node_modules/chart.js/LICENSE.md vendor.tmp/chart/ 2>/dev/null || true
rm -rf vendor
mv vendor.tmp vendor
echo "build.sh: vendor/ ready (leaflet $(node -p 'require("./node_modules/leaflet/package.json").version' 2>/dev/null || echo ?), chart.js $(node -p 'require("./node_modules/chart.js/package.json").version' 2>/dev/null || echo ?))"
