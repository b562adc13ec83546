#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what the tests need on a fresh
# Debian 12 machine, starts the real services the tests use (scripts/services.sh),
# lints the protos, builds with warnings as errors, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

BUF_VERSION=1.75.0
TOOLS="$PWD/.tools"

step() { printf '\n==> %s\n' "$*"; }

step "Installing buf $BUF_VERSION (npm @bufbuild/buf)"
if [ ! -x "$TOOLS/buf/node_modules/.bin/buf" ]; then
  command -v npm >/dev/null || { echo "npm is required to install buf; install Node.js 20 or later." >&2; exit 1; }
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/buf" "@bufbuild/buf@$BUF_VERSION"
fi

step "buf lint protos/ (STANDARD)"
(cd protos && "$TOOLS/buf/node_modules/.bin/buf" lint)

step "Test services: two RabbitMQ nodes and PostgreSQL (scripts/services.sh)"
# Starts or reuses them, or starts nothing where LIAISON_TEST_* are given already;
# env.sh fills in only the variables that are not set.
./scripts/services.sh
# shellcheck source=/dev/null
. "${LIAISON_SERVICES_DIR:-/var/tmp/liaison-services}/env.sh"

step "dotnet build (warnings are errors)"
dotnet build Liaison.sln -c Release --nologo -v quiet

step "dotnet test"
# Kept in a file too, so that a failure's message and stack trace are repeated at the end:
# CI shows the tail of the output, and the projects' results interleave.
log="$(mktemp "${TMPDIR:-/tmp}/liaison-test.XXXXXX")"
set +e
dotnet test Liaison.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  step "dotnet test failed (exit $status); the failures again:"
  awk '/^  Failed [A-Za-z]/ { show = 1 } /^  Passed |^  Skipped |^\[xUnit/ { show = 0 } show' "$log" | head -c 20000
  # Failures outside a test (a fixture's clean-up, a crashed test host) fail the run with every test passed.
  grep -A 20 -E 'Cleanup Failure|Catastrophic failure|test run was aborted|Test host process crashed' "$log" | head -c 10000 || true
fi
rm -f "$log"
exit "$status"
