#!/usr/bin/env bash
# Build the collection tarball, install it into a scratch path and render every module's docs from that copy.
#   ci/build-and-doc.sh INSTALL_ROOT
set -euo pipefail
root=${1:?usage: build-and-doc.sh INSTALL_ROOT}
rm -rf dist "$root"
ansible-galaxy collection build --force --output-path dist . >/dev/null
tarball=$(ls dist/opsramp-automation-*.tar.gz)
ansible-galaxy collection install --force -p "$root" "$tarball" >/dev/null
export ANSIBLE_COLLECTIONS_PATH=$root
listed=$(ansible-doc -l opsramp.automation)
for module in plugins/modules/*.py; do
  name=$(basename "$module" .py)
  grep -q "^opsramp.automation.$name " <<<"$listed" || { echo "ansible-doc -l does not list $name" >&2; exit 1; }
  doc=$(ansible-doc "opsramp.automation.$name")
  # the connection options come from the shared doc fragment
  for option in url tenant_id client_id client_secret access_token validate_certs ca_path timeout; do
    grep -q -- "- $option" <<<"$doc" || { echo "ansible-doc opsramp.automation.$name lacks option $option" >&2; exit 1; }
  done
  echo "ansible-doc opsramp.automation.$name: ok"
done
for role in roles/*/; do
  [ -d "$role" ] || continue
  name=$(basename "$role")
  ansible-doc -t role "opsramp.automation.$name" >/dev/null
  echo "ansible-doc -t role opsramp.automation.$name: ok"
done
for plugin in plugins/inventory/*.py; do
  name=$(basename "$plugin" .py)
  doc=$(ansible-doc -t inventory "opsramp.automation.$name")
  # the connection options come from the shared table, partner_id in tenant_id's place, each with its variable
  for option in url partner_id client_id client_secret access_token validate_certs ca_path timeout; do
    grep -q -- "- $option" <<<"$doc" || { echo "ansible-doc -t inventory opsramp.automation.$name lacks option $option" >&2; exit 1; }
  done
  grep -q OPSRAMP_PARTNER_ID <<<"$doc" || { echo "ansible-doc -t inventory opsramp.automation.$name lacks OPSRAMP_PARTNER_ID" >&2; exit 1; }
  echo "ansible-doc -t inventory opsramp.automation.$name: ok"
done
for plugin in plugins/filter/*.py; do
  name=$(basename "$plugin" .py)
  ansible-doc -t filter "opsramp.automation.$name" >/dev/null
  echo "ansible-doc -t filter opsramp.automation.$name: ok"
done
echo "built and installed $tarball"
