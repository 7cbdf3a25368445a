#!/usr/bin/env bash
# How good similar posts are: Qalam beside the textbook TF-IDF cosine, precision@5 and nDCG@10 with paired bootstrap
# intervals, on the Brown Corpus (npm), our Persian/English set, and the public collections data.sh finds (Hamshahri
# A and namnak for tuning; Hamshahri B and Reuters R8 kept for the final figure). Prints Markdown tables; record them
# in docs/relevance.md. Usage: bench/relevance/evaluate.sh [--variants]   (--variants: each ranking choice against
# the shipped one, on the tuning collections only)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/relevance/brown.sh
. bench/relevance/data.sh
dotnet run -c Release --project bench/Qalam.Relevance -- \
  --brown "$cache/package" --set "$PWD/bench/relevance/persian-english.json" "${collections[@]}" "$@"
