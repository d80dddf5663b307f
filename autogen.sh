#!/bin/sh
# autogen.sh: generate configure and Makefile.in (build-aux/ and m4/ are not tracked).
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf -fi
