#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 runs on 3.10 only): PATH, then pyenv.
set -u
candidates=(python3.10)
if command -v pyenv >/dev/null 2>&1; then
  candidates+=("$(pyenv root)"/versions/3.10*/bin/python3.10)
fi
candidates+=("$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10)
for candidate in "${candidates[@]}"; do
  if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
echo "Wegwijs needs Python 3.10 (Rasa Open Source 3.6 does not run on 3.11 or newer)." >&2
echo "Install it, for example: 'pyenv install 3.10.13' or 'apt-get install python3.10 python3.10-venv'." >&2
exit 1
