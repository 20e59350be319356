#!/usr/bin/env bash
# Installs the system services the test suite drives, only when they are missing.
# Each block is idempotent; where a package cannot be had, the tests that need it skip and say why.
set -u

# PostgreSQL server (corpus tests start a throwaway cluster on a free port with initdb/pg_ctl).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "system-deps: installing PostgreSQL" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null) \
      || echo "system-deps: PostgreSQL could not be installed; the PostgreSQL corpus tests will skip" >&2
  else
    echo "system-deps: PostgreSQL missing and apt-get (as root) unavailable; the PostgreSQL corpus tests will skip" >&2
  fi
fi

# Chromium and Arabic fonts (the web UI's browser tests drive Debian's Chromium through Playwright;
# never `playwright install`).
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "system-deps: installing Chromium" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null) \
      || echo "system-deps: Chromium could not be installed; the browser tests will skip" >&2
  else
    echo "system-deps: Chromium missing and apt-get (as root) unavailable; the browser tests will skip" >&2
  fi
fi

# Java (Spark's JVM for `naba spark` and tests/test_spark.py; pyspark 4 needs Java 17 or later).
if ! command -v java >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "system-deps: installing a headless Java runtime" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null) \
      || echo "system-deps: Java could not be installed; the Spark tests will skip (and fail in CI)" >&2
  else
    echo "system-deps: Java missing and apt-get (as root) unavailable; the Spark tests will skip (and fail in CI)" >&2
  fi
fi
