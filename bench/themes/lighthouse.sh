#!/usr/bin/env bash
# Lighthouse 12 (npm, run with Debian's chromium) on the phone profile: accessibility and best practices of the blog
# home, a post and a page of both sample blogs in each built-in theme, with a menu and boxes as an owner would set
# them. Prints one line per page. Usage: bench/themes/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/qalam-lh-themes.XXXXXX)
port=5392
site=0
trap 'kill $site 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund lighthouse@12 >/dev/null)
dotnet build src/Qalam.Web -c Release -v quiet >/dev/null
dll=src/Qalam.Web/bin/Release/net10.0/qalam.dll
export Storage__ConnectionString="Data Source=$work/qalam.db" Media__Directory="$work/media" Search__IndexDirectory="$work/search" \
  Qalam__PublicOrigin="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production
start() {
  dotnet "$dll" --contentRoot "$PWD/src/Qalam.Web" --urls "http://127.0.0.1:$port" >"$work/site.log" 2>&1 &
  site=$!
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 1; done
}
start
dotnet "$dll" users create --email bench@example.com --password 'a long bench passphrase' --role owner >/dev/null
token=$(dotnet "$dll" tokens create --email bench@example.com)
for blog in dariche fieldnotes; do
  lang=$([ $blog = dariche ] && echo fa || echo en)
  curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "{\"title\":\"$([ $lang = fa ] && echo 'دربارهٔ این وبلاگ' || echo 'About this blog')\",\"slug\":\"about\",\"language\":\"$lang\",\"body\":\"$([ $lang = fa ] && echo 'این وبلاگ دربارهٔ **شعر** و Qalam است.' || echo 'This blog is about **poetry** and قلم.')\"}" \
    "http://127.0.0.1:$port/api/v1/blogs/$blog/pages" >/dev/null
done
kill $site; wait $site 2>/dev/null || true
python3 - "$work/qalam.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for handle, labels in (("dariche", ("خانه", "دربارهٔ این وبلاگ", "بایگانی")), ("fieldnotes", ("Home", "About this blog", "Archive"))):
    blog = db.execute("select id from blogs where handle=?", (handle,)).fetchone()[0]
    page = db.execute("select id from blog_pages where blog_id=? and slug='about'", (blog,)).fetchone()[0]
    for i, (label, kind, target, pid) in enumerate([(labels[0], 0, "", None), (labels[1], 1, "/pages/about", page), (labels[2], 3, "/archive", None)]):
        db.execute("insert into blog_menu_items (blog_id, position, label, kind, target, page_id) values (?,?,?,?,?,?)", (blog, i, label, kind, target, pid))
    for i, kind in enumerate([5, 6, 4, 3, 9, 7, 8]):
        db.execute("insert into blog_boxes (blog_id, position, kind, title, text, html) values (?,?,?,?,?,?)", (blog, i, kind, "", "", ""))
db.commit()
PY
post_fa="/dariche/posts/$(python3 -c 'import urllib.parse;print(urllib.parse.quote("فال-حافظ-در-شب-یلدا"))')"
post_en="/fieldnotes/posts/planting-garlic-in-late-autumn"
printf '%-9s %-42s %13s %14s\n' theme page accessibility "best practices"
for theme in quiet magazine personal; do
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('update blogs set theme=?', (sys.argv[2],)); c.commit()" "$work/qalam.db" "$theme"
  start
  for path in /dariche "$post_fa" /dariche/pages/about /fieldnotes "$post_en" /fieldnotes/pages/about; do
    CHROME_PATH=/usr/bin/chromium "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet \
      --only-categories=accessibility,best-practices --form-factor=mobile --screenEmulation.mobile --output=json --output-path="$work/r.json" \
      --chrome-flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$work/profile-$theme"
    python3 - "$work/r.json" "$theme" "$path" <<'PY'
import json, sys, urllib.parse
r = json.load(open(sys.argv[1]))
c = r["categories"]
low = [a["id"] for a in r["audits"].values() if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
print(f'{sys.argv[2]:<9} {urllib.parse.unquote(sys.argv[3])[:42]:<42} {round(c["accessibility"]["score"]*100):>13} {round(c["best-practices"]["score"]*100):>14}  {" ".join(low)}')
PY
  done
  kill $site; wait $site 2>/dev/null || true
done
