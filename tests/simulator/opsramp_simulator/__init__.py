# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# opsramp_simulator: a local stand-in for the OpsRamp Jobs API v2 (see ../README.md).

from .config import SimConfig
from .control import SimControl, SimControlError
from .server import Simulator
from .tls import make_self_signed_cert

__all__ = ['Simulator', 'SimConfig', 'SimControl', 'SimControlError', 'make_self_signed_cert']
