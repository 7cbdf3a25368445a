#!/usr/bin/env bash
# Loads a blog's home page with wrk on two Qalam servers side by side: one with the listing cache (the default,
# Posts:PageCacheLifetime 1 s) and one with it turned off (Posts:PageCacheLifetime 0), alternately, in one run.
# Usage: bench/load/blog-home.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-32}
. bench/load/common.sh

(cd "$out/qalam" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$out/cached.db" \
  Search__IndexDirectory="$out/search-cached" Media__Directory="$out/media-cached" exec ./qalam --urls http://127.0.0.1:5311) & pids+=($!)
(cd "$out/qalam" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$out/uncached.db" \
  Search__IndexDirectory="$out/search-uncached" Media__Directory="$out/media-uncached" Posts__PageCacheLifetime=00:00:00 \
  exec ./qalam --urls http://127.0.0.1:5312) & pids+=($!)
wait_for 5311 5312

ua="Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
rps() { wrk -t2 -c"$connections" -d"${duration}s" -H "User-Agent: $ua" "$1" | awk '/Requests\/sec/ {print $2}'; }
for port in 5311 5312; do wrk -t2 -c"$connections" -d10s -H "User-Agent: $ua" "http://127.0.0.1:$port/dariche" >/dev/null; done
c1=$(rps http://127.0.0.1:5311/dariche); u1=$(rps http://127.0.0.1:5312/dariche)
c2=$(rps http://127.0.0.1:5311/dariche); u2=$(rps http://127.0.0.1:5312/dariche)
echo "blog home, listing cache on:  $c1 / $c2 requests/s"
echo "blog home, listing cache off: $u1 / $u2 requests/s"
python3 -c "print(f'ratio cache on / off: {($c1+$c2)/($u1+$u2):.2f}')"
