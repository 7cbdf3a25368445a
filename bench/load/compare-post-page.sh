#!/usr/bin/env bash
# The post page of two revisions side by side: publishes each (Release) from a git worktree, starts both on loopback
# with their own sample content, warms both up, then measures them alternately with wrk and prints each round's
# requests/s and the ratio second / first.
# Usage: bench/load/compare-post-page.sh BEFORE-REV [AFTER-REV=HEAD] [rounds=3] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
before=${1:?usage: bench/load/compare-post-page.sh BEFORE-REV [AFTER-REV] [rounds] [seconds]}
after=${2:-HEAD}
rounds=${3:-3}
seconds=${4:-10}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

out=$(mktemp -d /tmp/qalam-compare.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  git worktree remove --force "$out/src-a" 2>/dev/null || true
  git worktree remove --force "$out/src-b" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
for side in a b; do
  rev=$([ "$side" = a ] && echo "$before" || echo "$after")
  git worktree add -q --detach "$out/src-$side" "$rev"
  dotnet publish "$out/src-$side/src/Qalam.Web" -c Release -o "$out/$side" --nologo -v quiet >/dev/null
  port=$([ "$side" = a ] && echo 5401 || echo 5402)
  mkdir -p "$out/data-$side"
  (cd "$out/$side" && Logging__LogLevel__Default=Warning Storage__ConnectionString="Data Source=$out/data-$side/q.db" \
    Search__IndexDirectory="$out/data-$side/search" Media__Directory="$out/data-$side/media" exec ./qalam --urls "http://127.0.0.1:$port") & pids+=($!)
done
for port in 5401 5402; do for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done; done

slug=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("فال-حافظ-در-شب-یلدا"))')
ua="Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
for port in 5401 5402; do
  curl -fs -o /dev/null -A "$ua" "http://127.0.0.1:$port/dariche/posts/$slug"
  wrk -t2 -c32 -d15s -H "User-Agent: $ua" "http://127.0.0.1:$port/dariche/posts/$slug" >/dev/null
done
rps() { wrk -t2 -c32 -d"${seconds}s" -H "User-Agent: $ua" "http://127.0.0.1:$1/dariche/posts/$slug" | awk '/Requests\/sec/ {print $2}'; }
for i in $(seq 1 "$rounds"); do
  a=$(rps 5401); b=$(rps 5402)
  echo "round $i: $before $a  $after $b  ratio $(python3 -c "print(round($b/$a, 3))")"
done
