#!/usr/bin/env bash
# Debian/Ubuntu packages SKiMLLL Desktop needs on the machine.
# Sourced by scripts/bootstrap.sh (one variable per group); run it directly
# to print the list, e.g.:  sudo apt-get install $(bash scripts/system_packages.sh)
# (On Ubuntu 24.04+ some libraries are named with a "t64" suffix; apt picks those.)
# shellcheck disable=SC2034  # the variables are used by the scripts that source this

# Qt with QT_QPA_PLATFORM=offscreen (tests, headless use).
QT_OFFSCREEN_PACKAGES="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3"

# Qt on a real X display (the GUI; screenshots under Xvfb).
QT_X11_PACKAGES="xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"

# Tools the tests call: pdftoppm (PDF -> PNG) and zbarimg (QR codes in PDFs).
TEST_TOOL_PACKAGES="poppler-utils zbar-tools"

# Everything scripts/bootstrap.sh installs (as root) or asks for (otherwise).
SYSTEM_PACKAGES="$QT_OFFSCREEN_PACKAGES $QT_X11_PACKAGES $TEST_TOOL_PACKAGES"

# Only when uv is not installed and python3 has no venv/ensurepip (Debian's
# system Python): needed to create the .tools/uv virtual environment.
PYTHON_VENV_PACKAGES="python3-venv"

# PostgreSQL server for the PostgreSQL half of the tests; installed only by
# scripts/test.sh in CI (as root). Locally it is optional.
POSTGRES_SERVER_PACKAGES="postgresql"

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    echo "$SYSTEM_PACKAGES"
fi
