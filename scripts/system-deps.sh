#!/usr/bin/env bash
# Installs the system services the test suite drives, only when they are missing.
# Each block is idempotent; where a package cannot be had, the tests that need it skip and say why.
set -u
