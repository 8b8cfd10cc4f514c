#!/usr/bin/env bash
# Lint and run the whole test suite (called by `make test` after scripts/bootstrap.sh).
# Extra arguments go to pytest:  scripts/test.sh -k attendance -x
#
# PostgreSQL: unless SKIMLLL_TEST_PG_URL is already set, a throwaway server is
# started (scripts/pg_temp.sh) when one is installed, and in CI as root Debian's
# postgresql is installed first. Without a server the variable stays unset and
# the tests skip the PostgreSQL part. `SKIMLLL_TEST_PG_URL= make test` (set but
# empty) skips it on purpose.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/system_packages.sh
. scripts/system_packages.sh

export QT_QPA_PLATFORM=offscreen

log() { echo "test.sh: $*" >&2; }

# --- lint ----------------------------------------------------------------------------
lint_dirs=()
for dir in skimlll_desktop tests bench scripts; do
    [[ -d $dir ]] && lint_dirs+=("$dir")
done
if ((${#lint_dirs[@]})); then
    .venv/bin/ruff check "${lint_dirs[@]}"
fi
.venv/bin/lint-imports

# --- PostgreSQL ------------------------------------------------------------------------
PGTMP=""
# shellcheck disable=SC2317  # called by the EXIT trap
stop_pg() {
    if [[ -n $PGTMP ]]; then
        scripts/pg_temp.sh stop "$PGTMP" || log "could not remove $PGTMP"
        PGTMP=""
    fi
}
trap stop_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z ${SKIMLLL_TEST_PG_URL+set} ]]; then
    if ! scripts/pg_temp.sh available && [[ -n ${CI:-} && $(id -u) -eq 0 ]]; then
        log "installing PostgreSQL server: $POSTGRES_SERVER_PACKAGES"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        # shellcheck disable=SC2086  # a list of package names
        apt-get install -y -q --no-install-recommends $POSTGRES_SERVER_PACKAGES </dev/null
    fi
    if scripts/pg_temp.sh available; then
        if pg_out=$(scripts/pg_temp.sh start); then
            PGTMP=$(sed -n 's/^PGTMP=//p' <<<"$pg_out")
            SKIMLLL_TEST_PG_URL=$(sed -n 's/^PGURL=//p' <<<"$pg_out")
            export SKIMLLL_TEST_PG_URL
            log "PostgreSQL test server: $SKIMLLL_TEST_PG_URL"
        elif [[ -n ${CI:-} ]]; then
            log "could not start the PostgreSQL test server"
            exit 1
        else
            log "could not start a PostgreSQL test server; the PostgreSQL tests will be skipped"
        fi
    else
        log "no PostgreSQL server installed; the PostgreSQL tests will be skipped"
    fi
fi

# --- pytest ----------------------------------------------------------------------------
rc=0
.venv/bin/python -m pytest "$@" || rc=$?
if ((rc == 5)); then
    log "pytest collected no tests; counting that as a failure"
    rc=1
fi
exit "$rc"
