# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Command line: python tests/simulator/opsramp_simulator [options]   or   python -m opsramp_simulator [options]

import argparse
import json
import os
import signal
import sys
import threading

if __package__ in (None, ''):
    # run as a path (python tests/simulator/opsramp_simulator): import the package from its parent directory,
    # and do not let the package's own modules (config, state, ...) shadow top-level names
    _HERE = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
    sys.path.insert(0, os.path.dirname(_HERE))
    from opsramp_simulator import SimConfig, Simulator  # pylint: disable=import-self
else:
    from . import SimConfig, Simulator


def parse_args(argv):
    parser = argparse.ArgumentParser(prog='opsramp_simulator', description='Local simulator of the OpsRamp Jobs API v2.')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0 picks a free port')
    parser.add_argument('--port-file', help='write the base URL to this file once listening')
    parser.add_argument('--latency-ms', type=int, default=None)
    parser.add_argument('--read-limit', type=int, default=None)
    parser.add_argument('--write-limit', type=int, default=None)
    parser.add_argument('--tls-cert')
    parser.add_argument('--tls-key')
    parser.add_argument('--config-json', help='JSON object of SimConfig knobs')
    parser.add_argument('--resources', help='JSON file: a list of resources to hold from the start (restored by reset)')
    return parser.parse_args(argv)


def build_config(args):
    knobs = json.loads(args.config_json) if args.config_json else {}
    if not isinstance(knobs, dict):
        raise ValueError('--config-json must be a JSON object')
    knobs.update({'host': args.host, 'port': args.port})
    for name in ('latency_ms', 'read_limit', 'write_limit', 'tls_cert', 'tls_key'):
        value = getattr(args, name)
        if value is not None:
            knobs[name] = value
    return SimConfig.from_dict(knobs)


def load_resources(path):
    if not path:
        return None
    with open(path, encoding='utf-8') as handle:
        resources = json.load(handle)
    if not isinstance(resources, list):
        raise ValueError('--resources must name a JSON file holding a list')
    return resources


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        config = build_config(args)
        resources = load_resources(args.resources)
    except (OSError, ValueError) as exc:
        sys.stderr.write('opsramp-simulator: %s\n' % exc)
        return 2
    stop = threading.Event()

    def _on_signal(_signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    sim = Simulator(config, resources).start()
    try:
        if args.port_file:
            tmp = args.port_file + '.tmp'
            with open(tmp, 'w', encoding='utf-8') as handle:
                handle.write(sim.url + '\n')
            os.replace(tmp, args.port_file)
        print('opsramp-simulator listening on %s' % sim.url, flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        sim.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
