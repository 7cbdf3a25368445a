#!/usr/bin/env bash
# The post page in each built-in theme, against the minimal endpoint, side by side in one run (issue 20: themes come
# from the caches like the pages before them, so the ratio must not fall). The Persian sample blog wears a menu of
# five links and an owner's style sheet, as a real blog would; Qalam is started again for each theme with it saved.
# Usage: bench/load/themes.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
connections=${2:-32}
. bench/load/common.sh

(cd "$out/minimal" && exec ./Qalam.Bench.Minimal --urls http://127.0.0.1:5312) & pids+=($!)
wait_for 5312
ua="Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
post="http://127.0.0.1:5311/dariche/posts/$(python3 -c 'import urllib.parse;print(urllib.parse.quote("فال-حافظ-در-شب-یلدا"))')"
rps() { wrk -t2 -c"$connections" -d"${duration}s" -H "User-Agent: $ua" "$@" | awk '/Requests/ {print $2}'; }

start_qalam() {
  (cd "$out/qalam" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$out/themes.db" \
    Search__IndexDirectory="$out/search" Media__Directory="$out/media" exec ./qalam --urls http://127.0.0.1:5311) &
  qalam_pid=$!
  wait_for 5311
}

# First start: the sample content, then the menu and the style sheet, written as the admin forms write them.
start_qalam
kill "$qalam_pid"; wait "$qalam_pid" 2>/dev/null || true
python3 - "$out/themes.db" <<'PY'
import sqlite3, sys, hashlib
db = sqlite3.connect(sys.argv[1])
blog = db.execute("select id from blogs where handle='dariche'").fetchone()[0]
for i, (label, kind, target) in enumerate([("خانه", 0, ""), ("بایگانی", 3, "/archive"), ("شعر", 2, "/tags/%D8%B4%D8%B9%D8%B1"),
                                           ("آشپزی", 2, "/tags/%D8%A2%D8%B4%D9%BE%D8%B2%DB%8C"), ("GitHub", 4, "https://github.com/")]):
    db.execute("insert into blog_menu_items (blog_id, position, label, kind, target) values (?,?,?,?,?)", (blog, i, label, kind, target))
css = ".post-body p {\n\tline-height: 2;\n}\n"
db.execute("update blogs set custom_css=?, custom_css_served=?, custom_css_hash=? where id=?", (css, css, hashlib.sha256(css.encode()).hexdigest()[:16], blog))
db.commit()
PY

printf '%-10s %14s %14s %8s\n' theme "post page r/s" "minimal r/s" ratio
for theme in quiet magazine personal; do
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('update blogs set theme=? where handle=\'dariche\'', (sys.argv[2],)); c.commit()" "$out/themes.db" "$theme"
  start_qalam
  curl -fs -A "$ua" "$post" | grep -q "data-theme=\"$theme\"" || { echo "the post page is not in $theme"; exit 1; }
  wrk -t2 -c"$connections" -d15s -H "User-Agent: $ua" "$post" >/dev/null
  wrk -t2 -c"$connections" -d5s "http://127.0.0.1:5312/" >/dev/null
  q1=$(rps "$post"); m1=$(rps "http://127.0.0.1:5312/"); q2=$(rps "$post"); m2=$(rps "http://127.0.0.1:5312/")
  printf '%-10s %14s %14s %8s\n' "$theme" "$(python3 -c "print(round(($q1+$q2)/2))")" "$(python3 -c "print(round(($m1+$m2)/2))")" \
    "$(python3 -c "print(f'{($q1+$q2)/($m1+$m2):.3f}')")"
  kill "$qalam_pid"; wait "$qalam_pid" 2>/dev/null || true
done
