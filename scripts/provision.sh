#!/usr/bin/env bash
# Installs from Debian what the test suite needs and the machine lacks: PostgreSQL, Chromium and ChromeDriver, a Java
# runtime for the Nu Html Checker, Redis, npm, xmllint and Python's feedparser. Does nothing when all of it is there.
set -euo pipefail

need=()
[ -x "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -n1)" ] || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
command -v xmllint >/dev/null || need+=(libxml2-utils)
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || need+=(python3-feedparser)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
