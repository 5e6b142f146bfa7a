# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Self-signed certificate for serving the simulator over HTTPS on 127.0.0.1 / localhost.

import os
import shutil
import subprocess

_OPENSSL_CONFIG = """[req]
distinguished_name = dn
prompt = no
x509_extensions = ext

[dn]
CN = localhost
O = opsramp-simulator

[ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = IP:127.0.0.1, IP:::1, DNS:localhost
"""


def make_self_signed_cert(directory, days=7):
    """Create cert.pem and key.pem in directory with the openssl command line; returns (cert_path, key_path).

    The certificate is its own CA, so clients can trust it with verify=<cert_path>.
    """
    openssl = shutil.which('openssl')
    if openssl is None:
        raise RuntimeError('the openssl command is needed to create a self-signed certificate')
    os.makedirs(directory, exist_ok=True)
    cert_path = os.path.join(directory, 'cert.pem')
    key_path = os.path.join(directory, 'key.pem')
    conf_path = os.path.join(directory, 'openssl.cnf')
    with open(conf_path, 'w', encoding='utf-8') as handle:
        handle.write(_OPENSSL_CONFIG)
    command = [openssl, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', str(days),
               '-keyout', key_path, '-out', cert_path, '-config', conf_path]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if result.returncode != 0:
        raise RuntimeError('openssl failed: %s' % result.stderr.decode('utf-8', 'replace'))
    os.chmod(key_path, 0o600)
    return cert_path, key_path
