#!/usr/bin/env bash
# Loads Qalam's post page and a minimal ASP.NET Core endpoint with wrk, one after the other, in the same run,
# and prints requests/s for each and their ratio. Everything listens on loopback only.
# Usage: bench/load/post-page.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-32}
. bench/load/common.sh

(cd "$out/qalam" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$out/bench.db" \
  exec ./qalam --urls http://127.0.0.1:5301) & pids+=($!)
(cd "$out/minimal" && exec ./Qalam.Bench.Minimal --urls http://127.0.0.1:5302) & pids+=($!)
wait_for 5301 5302

post="http://127.0.0.1:5301/dariche/posts/$(python3 -c 'import urllib.parse;print(urllib.parse.quote("فال-حافظ-در-شب-یلدا"))')"
ua="Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
curl -fs -o /dev/null -A "$ua" "$post"

rps() { wrk -t2 -c"$connections" -d"${duration}s" -H "User-Agent: $ua" "$1" | awk '/Requests\/sec/ {print $2}'; }
# Warm both up (tiered compilation needs several seconds of load), then measure alternately so that noise from the shared machine hits both alike.
wrk -t2 -c"$connections" -d10s -H "User-Agent: $ua" "$post" >/dev/null
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:5302/" >/dev/null
q1=$(rps "$post"); m1=$(rps "http://127.0.0.1:5302/"); q2=$(rps "$post"); m2=$(rps "http://127.0.0.1:5302/")
echo "post page:        $q1 / $q2 requests/s"
echo "minimal endpoint: $m1 / $m2 requests/s"
python3 -c "print(f'ratio post page / minimal endpoint: {($q1+$q2)/($m1+$m2):.3f}')"
