#!/usr/bin/env bash
# Counting under load, in one run on loopback:
#  1. exactness: wrk with a distinct reader per request against one post; afterwards the stored visit count must
#     have grown by exactly the number of reader requests answered with 200 (see distinct-readers.lua);
#  2. cost: the same load against the post page with counting on, with counting off (Visits:Counting=false), and
#     against a minimal ASP.NET Core endpoint, measured alternately: the worst case for the counter, every request
#     a new visit to be written;
#  3. cost when readers reload: one User-Agent for every request, counting on and off, alternately.
# Usage: bench/load/visits.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-32}
. bench/load/common.sh

(cd "$out/qalam" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$out/on.db" \
  exec ./qalam --urls http://127.0.0.1:5301) & pids+=($!)
(cd "$out/qalam" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$out/off.db" Visits__Counting=false \
  exec ./qalam --urls http://127.0.0.1:5303) & pids+=($!)
(cd "$out/minimal" && exec ./Qalam.Bench.Minimal --urls http://127.0.0.1:5302) & pids+=($!)
wait_for 5301 5302 5303

slug="فال-حافظ-در-شب-یلدا"
path="/dariche/posts/$(python3 -c "import urllib.parse,sys;print(urllib.parse.quote(sys.argv[1]))" "$slug")"
post_id=$(curl -fs "http://127.0.0.1:5301/api/v1/blogs/dariche/posts?pageSize=100" \
  | python3 -c "import json,sys;print(next(p['id'] for p in json.load(sys.stdin)['items'] if p['slug']==sys.argv[1]))" "$slug")
stored() { curl -fs "http://127.0.0.1:5301/api/v1/blogs/dariche/posts/$post_id" | python3 -c "import json,sys;print(json.load(sys.stdin)['visits'])"; }
lua=bench/load/distinct-readers.lua

# 1. Exactness.
before=$(stored)
report=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s -s "$lua" "http://127.0.0.1:5301$path" -- "$duration")
total=$(awk '/requests in/ {print $1}' <<<"$report")
non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$report"); non2xx=${non2xx:-0}
errors=$(awk '/Socket errors/ {print}' <<<"$report")
readers=$(awk '/reader requests answered/ {print $4}' <<<"$report")
sleep 3
after=$(stored)
sleep 5
later=$(stored)
echo "stored visits 3 s after the run: $((after - before)), 8 s after: $((later - before))"
echo "exactness: $total responses ($non2xx not 2xx; ${errors:-no socket errors}), of which $readers answered distinct readers; stored visits grew by $((after - before))"
[ "$non2xx" -eq 0 ] && [ $((after - before)) -eq "$readers" ] && echo "exactness: EXACT" || echo "exactness: MISMATCH"

[ "${EXACTNESS_ONLY:-}" = 1 ] && exit 0

# 2. Cost, alternately, after a warm-up of each.
rps() { wrk -t2 -c"$connections" -d"${duration}s" -s "$lua" "$1" | awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c"$connections" -d5s -s "$lua" "http://127.0.0.1:5303$path" >/dev/null
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:5302/" >/dev/null
on1=$(rps "http://127.0.0.1:5301$path"); off1=$(rps "http://127.0.0.1:5303$path"); min1=$(rps "http://127.0.0.1:5302/")
on2=$(rps "http://127.0.0.1:5301$path"); off2=$(rps "http://127.0.0.1:5303$path"); min2=$(rps "http://127.0.0.1:5302/")
echo "post page, counting on:  $on1 / $on2 requests/s"
echo "post page, counting off: $off1 / $off2 requests/s"
echo "minimal endpoint:        $min1 / $min2 requests/s"
python3 -c "on=$on1+$on2; off=$off1+$off2; m=$min1+$min2; print(f'every request a new reader: counting costs {100*(1-on/off):.1f}% of throughput; post page (counting on) / minimal endpoint: {on/m:.3f}')"

# 3. Reloads.
ua="Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
reload_rps() { wrk -t2 -c"$connections" -d"${duration}s" -H "User-Agent: $ua" "$1" | awk '/Requests\/sec/ {print $2}'; }
ron1=$(reload_rps "http://127.0.0.1:5301$path"); roff1=$(reload_rps "http://127.0.0.1:5303$path")
ron2=$(reload_rps "http://127.0.0.1:5301$path"); roff2=$(reload_rps "http://127.0.0.1:5303$path")
echo "reloads, counting on:    $ron1 / $ron2 requests/s"
echo "reloads, counting off:   $roff1 / $roff2 requests/s"
python3 -c "on=$ron1+$ron2; off=$roff1+$roff2; print(f'one reader reloading: counting costs {100*(1-on/off):.1f}% of throughput')"
