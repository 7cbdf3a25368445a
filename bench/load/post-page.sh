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
# The same site with blogs at their own hosts ({handle}.qalam.test): routed by BlogHosts before the page cache.
(cd "$out/qalam" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$out/bench-hosts.db" \
  Search__IndexDirectory="$out/search-hosts" Media__Directory="$out/media-hosts" \
  Hosting__Domain=qalam.test Hosting__Scheme=http exec ./qalam --urls http://127.0.0.1:5304) & pids+=($!)
wait_for 5301 5302 5304

post="http://127.0.0.1:5301/dariche/posts/$(python3 -c 'import urllib.parse;print(urllib.parse.quote("فال-حافظ-در-شب-یلدا"))')"
ua="Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
curl -fs -o /dev/null -A "$ua" "$post"
hosted="http://127.0.0.1:5304/posts/$(python3 -c 'import urllib.parse;print(urllib.parse.quote("فال-حافظ-در-شب-یلدا"))')"
curl -fs -o /dev/null -A "$ua" -H "Host: dariche.qalam.test" "$hosted"

rps() { wrk -t2 -c"$connections" -d"${duration}s" -H "User-Agent: $ua" "$@" | awk '/Requests\/sec/ {print $2}'; }
# Warm both up (tiered compilation needs several seconds of load), then measure alternately so that noise from the shared machine hits both alike.
wrk -t2 -c"$connections" -d20s -H "User-Agent: $ua" "$post" >/dev/null
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:5302/" >/dev/null
wrk -t2 -c"$connections" -d20s -H "User-Agent: $ua" -H "Host: dariche.qalam.test" "$hosted" >/dev/null
# The minimal endpoint is measured twice over: as it is, and answering with a body as large as the post page
# (/sized), which shows how much of the difference is only the bytes sent.
size=$(curl -fs -A "$ua" "$post" | wc -c)
(cd "$out/minimal" && BYTES=$size exec ./Qalam.Bench.Minimal --urls http://127.0.0.1:5303) & pids+=($!)
wait_for 5303
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:5303/sized" >/dev/null
q1=$(rps "$post"); m1=$(rps "http://127.0.0.1:5302/"); s1=$(rps "http://127.0.0.1:5303/sized"); h1=$(rps -H "Host: dariche.qalam.test" "$hosted")
q2=$(rps "$post"); m2=$(rps "http://127.0.0.1:5302/"); s2=$(rps "http://127.0.0.1:5303/sized"); h2=$(rps -H "Host: dariche.qalam.test" "$hosted")
echo "post page ($size bytes):            $q1 / $q2 requests/s"
echo "post page at its blog's host:       $h1 / $h2 requests/s"
echo "minimal endpoint:                   $m1 / $m2 requests/s"
echo "minimal endpoint, $size-byte body:  $s1 / $s2 requests/s"
python3 -c "print(f'ratio post page / minimal endpoint: {($q1+$q2)/($m1+$m2):.3f}')"
python3 -c "print(f'ratio post page / same-size minimal endpoint: {($q1+$q2)/($s1+$s2):.3f}')"
python3 -c "print(f'ratio post page at its host / at /{{handle}}: {($h1+$h2)/($q1+$q2):.3f}')"
