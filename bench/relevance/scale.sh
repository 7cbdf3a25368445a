#!/usr/bin/env bash
# Time of a full similar-posts rebuild of one blog of N posts (each three random Brown Corpus paragraphs), and the
# process's peak memory. Usage: bench/relevance/scale.sh [N...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/relevance/brown.sh
sizes=("${@:-10000 100000}")
read -r -a sizes <<< "${sizes[*]}"
args=()
for n in "${sizes[@]}"; do args+=(--scale "$n"); done
dotnet run -c Release --project bench/Qalam.Relevance -- --brown "$cache/package" "${args[@]}"
