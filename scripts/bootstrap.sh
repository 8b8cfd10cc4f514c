#!/usr/bin/env bash
# Set up everything SKiMLLL Desktop needs to run and test; safe to re-run.
#   1. system packages (Debian/Ubuntu): installed when root, listed otherwise
#   2. uv: the one on PATH, or a pinned copy in .tools/uv
#   3. .venv with the app and the dev group, exactly as in uv.lock
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/system_packages.sh
. scripts/system_packages.sh

UV_VERSION=0.13.8          # the uv that wrote uv.lock; older ones may not read it
TOOLS_UV=.tools/uv

log() { echo "bootstrap: $*" >&2; }
die() { echo "bootstrap: ERROR: $*" >&2; exit 1; }

# --- Python ------------------------------------------------------------------
command -v python3 >/dev/null || die "python3 not found; install Python 3.11 or newer"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "python3 is $(python3 -V 2>&1 | cut -d' ' -f2); SKiMLLL Desktop needs Python 3.11 or newer"

# --- uv: which one will we use? ------------------------------------------------
version_at_least() {  # version_at_least HAVE WANT
    [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]
}

UV=""
if command -v uv >/dev/null; then
    path_uv_version=$(uv --version 2>/dev/null | awk '{print $2}')
    if version_at_least "${path_uv_version:-0}" "$UV_VERSION"; then
        UV=$(command -v uv)
    else
        log "uv ${path_uv_version:-?} on PATH is older than $UV_VERSION; using $TOOLS_UV instead"
    fi
fi
if [[ -z "$UV" && -x "$TOOLS_UV/bin/uv" ]] \
        && [[ "$("$TOOLS_UV/bin/uv" --version 2>/dev/null | awk '{print $2}')" == "$UV_VERSION" ]]; then
    UV=$TOOLS_UV/bin/uv
fi
# No usable uv yet: we will need `python3 -m venv` (Debian: package python3-venv).
need_venv_package=""
if [[ -z "$UV" ]] && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    need_venv_package=$PYTHON_VENV_PACKAGES
fi

# --- system packages -------------------------------------------------------------
pkg_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

if command -v dpkg-query >/dev/null; then
    missing=()
    for pkg in $SYSTEM_PACKAGES $need_venv_package; do
        # Ubuntu 24.04+ renamed some libraries with a t64 suffix.
        pkg_installed "$pkg" || pkg_installed "${pkg}t64" || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        if [[ $(id -u) -eq 0 ]]; then
            log "installing system packages: ${missing[*]}"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -q
            apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
        else
            log "missing system packages (please run): sudo apt-get install --no-install-recommends ${missing[*]}"
        fi
    fi
else
    log "not a Debian/Ubuntu system; make sure the equivalents of these are installed: $SYSTEM_PACKAGES"
fi

# --- uv: install the pinned copy if needed -------------------------------------------
if [[ -z "$UV" ]]; then
    log "installing uv $UV_VERSION into $TOOLS_UV"
    rm -rf "$TOOLS_UV"
    python3 -m venv "$TOOLS_UV" \
        || die "python3 -m venv failed; on Debian/Ubuntu install: $PYTHON_VENV_PACKAGES"
    "$TOOLS_UV/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
    UV=$TOOLS_UV/bin/uv
fi

# --- .venv -------------------------------------------------------------------------
# Use this machine's python3; never let uv download an interpreter.
export UV_PYTHON=python3
export UV_PYTHON_DOWNLOADS=never
export UV_PROJECT_ENVIRONMENT=.venv   # the Makefile and scripts run .venv/bin/...
"$UV" sync --frozen "$@"
