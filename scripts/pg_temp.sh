#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests.
#
#   scripts/pg_temp.sh available   exit 0 if a PostgreSQL server (initdb, pg_ctl) is installed
#   scripts/pg_temp.sh start       start one; prints KEY=VALUE lines on stdout:
#                                    PGTMP=/tmp/skimlll-pg.XXXXXX   (pass it to stop)
#                                    PGPORT=54321
#                                    PGURL=postgresql+psycopg://postgres@127.0.0.1:54321/postgres
#   scripts/pg_temp.sh stop DIR    stop the server started in DIR (the PGTMP above), remove DIR
#
# The server trusts every local connection, listens only on 127.0.0.1 at a free
# port, keeps its unix socket inside DIR and runs with fsync=off: for tests only.
# PostgreSQL refuses to run as root, so as root it runs as the postgres system
# user (created if needed); otherwise as the current user.
set -euo pipefail

MARKER=.skimlll-pg-temp   # stop only ever deletes directories carrying this file

die() { echo "pg_temp: ERROR: $*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# Directory holding initdb and pg_ctl: Debian's newest /usr/lib/postgresql/*/bin, else PATH.
pg_bindir() {
    local dir
    for dir in $(compgen -G '/usr/lib/postgresql/*/bin' | sort -Vr); do
        if [[ -x $dir/pg_ctl && -x $dir/initdb ]]; then echo "$dir"; return 0; fi
    done
    if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    return 1
}

# Run a PostgreSQL program as the user the server runs as, from a directory it can read.
as_pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local bindir tmp port locale attempt
    bindir=$(pg_bindir) || die "no PostgreSQL server found (Debian/Ubuntu: apt-get install postgresql)"

    if is_root; then
        if ! id postgres >/dev/null 2>&1; then
            useradd --system --user-group --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin postgres
        fi
        tmp=$(mktemp -d /tmp/skimlll-pg.XXXXXX)
    else
        tmp=$(mktemp -d "${TMPDIR:-/tmp}/skimlll-pg.XXXXXX")
    fi
    touch "$tmp/$MARKER"
    mkdir "$tmp/sock"
    if is_root; then chown -R postgres: "$tmp"; fi

    # A UTF-8 locale so that lower()/ILIKE handle Polish letters; plain C otherwise.
    locale=C
    if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale=C.UTF-8; fi

    if ! as_pg "$bindir/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale="$locale" \
            --no-sync >"$tmp/initdb.log" 2>&1; then
        cat "$tmp/initdb.log" >&2
        rm -rf "$tmp"
        die "initdb failed"
    fi

    # Another process may grab the port between free_port and the server's bind: retry.
    for attempt in 1 2 3; do
        port=$(free_port)
        if as_pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 \
                -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
                start >/dev/null; then
            break
        fi
        if ((attempt == 3)); then
            cat "$tmp/server.log" >&2 || true
            rm -rf "$tmp"
            die "could not start PostgreSQL"
        fi
    done

    local isready=$bindir/pg_isready
    [[ -x $isready ]] || isready=pg_isready
    for _ in $(seq 100); do
        if "$isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
            echo "PGTMP=$tmp"
            echo "PGPORT=$port"
            echo "PGURL=postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
            return 0
        fi
        sleep 0.1
    done
    cat "$tmp/server.log" >&2 || true
    stop "$tmp"
    die "PostgreSQL did not accept connections within 10 s"
}

stop() {
    local tmp=${1:-} bindir pid
    [[ -n $tmp ]] || die "usage: $0 stop DIR"
    [[ -d $tmp ]] || return 0
    [[ -f $tmp/$MARKER ]] || die "$tmp was not made by $0; not touching it"
    if [[ -f $tmp/data/postmaster.pid ]]; then
        pid=$(head -n1 "$tmp/data/postmaster.pid")
        if bindir=$(pg_bindir); then
            as_pg "$bindir/pg_ctl" -D "$tmp/data" -m fast -w -t 20 stop >/dev/null 2>&1 \
                || as_pg "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w -t 10 stop >/dev/null 2>&1 \
                || true
        fi
        # Last resort, so we never leave a server running on a deleted directory.
        if [[ $pid =~ ^[0-9]+$ && "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]]; then
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$tmp"
}

case ${1:-} in
    available) pg_bindir >/dev/null ;;
    start) start ;;
    stop) stop "${2:-}" ;;
    *) die "usage: $0 available | start | stop DIR" ;;
esac
