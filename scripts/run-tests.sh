#!/usr/bin/env bash
# Runs the test suite; services it needs (a throwaway PostgreSQL cluster) are started by fixtures.
set -eu
exec .venv/bin/python -m pytest -q "$@"
