"""Offline stand-in for ansible-test's get-pip bootstrap.

ansible-test creates its venvs without pip and downloads get-pip from a host these machines cannot reach; it looks
for a cached copy first (~/.ansible/test/cache/get_pip_<version>.py). This stand-in does the same job offline:
the stdlib's bundled pip through ensurepip, then a normal pip install of what was asked for from the package index.
"""
import subprocess
import sys


def main():
    argv = sys.argv[1:]
    args = [a for a in argv if a not in ('--no-setuptools', '--no-wheel')]
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'], stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, '-m', 'pip', 'install', '-q', '--upgrade'] + args)
    if '--no-setuptools' in argv:
        subprocess.call([sys.executable, '-m', 'pip', 'uninstall', '-q', '-y', 'setuptools'],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


if __name__ == '__main__':
    main()
