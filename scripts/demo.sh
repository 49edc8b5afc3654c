#!/usr/bin/env bash
# The main job on the bundled corpus: install, build the graph, and answer
# "which bodies were given tasks with which deadlines".
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q .
export PATH="$PWD/.venv/bin:$PATH"
wsiskg build -o build/
wsiskg query tasks-with-deadlines --store build/store
