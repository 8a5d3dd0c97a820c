#!/bin/sh
# Install Brian2 2.5.1 (Debian bookworm packages) for the Debian interpreter
# /usr/bin/python3.  Idempotent: does nothing if brian2 is already importable.
# Needs root (apt-get).  Only /usr/bin/python3 sees these packages.
set -e
if /usr/bin/python3 -c 'import brian2' >/dev/null 2>&1; then
    echo "brian2 already installed: $(/usr/bin/python3 -W ignore -c 'import brian2; print(brian2.__version__)' 2>/dev/null)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y python3-brian python3-brian-lib cython3 python3-dev
# g++/make are needed by the C++ standalone device (pulled in by python3-dev's
# toolchain on most systems; make sure they are there)
command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || $SUDO apt-get install -y g++ make
# /usr/bin/time is used by bench/brian2/bench_brian2.py for the peak RSS
[ -x /usr/bin/time ] || $SUDO apt-get install -y time
/usr/bin/python3 -W ignore -c 'import brian2; print("brian2", brian2.__version__)'
