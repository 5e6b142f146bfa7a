#!/usr/bin/env bash
# Put the offline get-pip stand-in where this ansible-core's ansible-test looks for its cached copy.
set -euo pipefail
python=${1:-python}
at=$("$python" -c 'import ansible_test, os; print(os.path.dirname(ansible_test.__file__))')
v=$(sed -n "s/^ *pip='\([0-9.]*\)',.*/\1/p" "$at/_internal/python_requirements.py" | head -1)
mkdir -p ~/.ansible/test/cache
cp "$(dirname "$0")/get_pip_offline.py" ~/.ansible/test/cache/get_pip_${v//./_}.py
