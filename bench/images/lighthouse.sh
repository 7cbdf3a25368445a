#!/usr/bin/env bash
# The bytes and Lighthouse performance (phone profile) of a post showing one 12-megapixel photograph, in one run: as
# Qalam serves it now (WebP copies in srcset, width/height, lazy below the first screen) beside the same picture named by
# its original address only (what every image was before the pipeline: the browser must fetch the full file).
# Needs Debian's chromium; installs Lighthouse from npm into a scratch folder. Usage: bench/images/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/qalam-lh.XXXXXX)
port=5391
site=0
trap 'kill $site 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund lighthouse@12 >/dev/null)
dotnet build src/Qalam.Web -c Release -v quiet >/dev/null
dll=src/Qalam.Web/bin/Release/net10.0/qalam.dll
export Storage__ConnectionString="Data Source=$work/qalam.db" Media__Directory="$work/media" Search__IndexDirectory="$work/search" Qalam__SampleContent=false \
  Qalam__PublicOrigin="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production
dotnet "$dll" users create --email bench@example.com --password 'a long bench passphrase' --role owner >/dev/null
dotnet "$dll" blogs create --handle photos --title Photos --language en --owner bench@example.com >/dev/null 2>&1 || true
token=$(dotnet "$dll" tokens create --email bench@example.com)
# The project folder as content root: its wwwroot holds the style sheets, scripts and fonts a reader downloads.
dotnet "$dll" --contentRoot "$PWD/src/Qalam.Web" --urls "http://127.0.0.1:$port" >"$work/site.log" 2>&1 &
site=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 1; done
dotnet bench/Qalam.Bench/bin/Release/net10.0/Qalam.Bench.dll jpeg "$work/photo.jpg" >/dev/null
api="http://127.0.0.1:$port/api/v1/blogs/photos"
image=$(curl -sf -H "Authorization: Bearer $token" -F "file=@$work/photo.jpg;type=image/jpeg" -F alt="A test photograph" "$api/media")
path=$(python3 -c 'import json,sys,urllib.parse; print(urllib.parse.urlparse(json.load(sys.stdin)["url"]).path)' <<<"$image")
sleep 8 # the copies
text='Some words before the picture, as a post has.'
post() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"title\":\"$1\",\"slug\":\"$1\",\"status\":\"published\",\"body\":\"$text\\n\\n![A test photograph]($2)\"}" "$api/posts" >/dev/null; }
post with-copies "$path"
post as-uploaded "http://127.0.0.1:$port$path"
for page in as-uploaded with-copies; do
  CHROME_PATH=/usr/bin/chromium "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/photos/posts/$page" --quiet \
    --only-categories=performance --form-factor=mobile --screenEmulation.mobile --output=json --output-path="$work/$page.json" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$work/profile-$page"
  python3 - "$work/$page.json" "$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audits"]
print(f'{sys.argv[2]:12} performance {round(r["categories"]["performance"]["score"]*100)}  bytes {a["total-byte-weight"]["numericValue"]/1024:,.0f} KiB  LCP {a["largest-contentful-paint"]["numericValue"]/1000:.1f} s  CLS {a["cumulative-layout-shift"]["numericValue"]:.3f}')
PY
done
