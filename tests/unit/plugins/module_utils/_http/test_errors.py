# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The error hierarchy, OpsRamp's error bodies made readable, and the redactor."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import (
    NOT_FOUND_CODE,
    ApiError,
    CommunicationError,
    Redactor,
    ValidationError,
    describe_error_body,
    opsramp_code,
    shorten,
)


@pytest.mark.parametrize('body, code', [
    ({'code': '0005', 'message': 'not found'}, '0005'),
    ([{'code': 2, 'fieldName': 'name'}], '2'),
    ({'message': 'no code'}, None),
    ([], None),
    ('text', None),
    (None, None),
], ids=['object', 'list', 'no-code', 'empty-list', 'text', 'none'])
def test_opsramp_code(body, code):
    assert opsramp_code(body) == code


@pytest.mark.parametrize('body, text', [
    ({'code': '0003', 'message': 'Invalid schedule'}, 'Invalid schedule (code 0003)'),
    ({'error': 'invalid_token', 'error_description': 'Token expired'}, 'Token expired'),
    ({'errorMessage': 'boom', 'code': ''}, 'boom'),
    ({'unexpected': 1}, '{"unexpected": 1}'),
    ([{'fieldName': 'name', 'message': 'required', 'code': '0002'}, 'plain'], 'name: required (code 0002); plain'),
    (None, 'no details in the response'),
    ('  several\n  lines ', 'several lines'),
], ids=['code-message', 'oauth', 'empty-code', 'unknown-object', 'field-list', 'none', 'text'])
def test_describe_error_body(body, text):
    assert describe_error_body(body) == text


def test_long_texts_are_cut_on_one_line():
    assert shorten('x' * 400) == 'x' * 297 + '...'
    assert shorten('a\nb', limit=10) == 'a b'


def test_redactor_hides_every_secret_in_text_and_data():
    redactor = Redactor('secret', None, '')
    redactor.add('tok-123')
    redactor.add('tok-123-longer')
    data = {'message': 'secret and tok-123-longer', 'items': ['tok-123', 7], 'n': None}
    assert redactor.redact(data) == {'message': '******** and ********', 'items': ['********', 7], 'n': None}
    assert redactor.redact('nothing to hide') == 'nothing to hide'


def test_api_error_exposes_code_and_whether_it_may_have_run():
    not_found = ApiError('gone', status=500, method='GET', path='/x', body=[{'code': NOT_FOUND_CODE}])
    assert not_found.code == '0005' and not_found.maybe_applied
    refused = ApiError('bad', status=400, body={'message': 'bad'})
    assert refused.code is None and not refused.maybe_applied
    assert not refused.earlier_attempt_maybe_applied
    assert refused.to_fail_kwargs() == dict(msg='bad', status=400, body={'message': 'bad'})


def test_validation_and_communication_errors_carry_their_details():
    assert ValidationError('wrong', option='url').to_fail_kwargs() == dict(msg='wrong', option='url')
    assert CommunicationError('lost', maybe_applied=True).maybe_applied
    assert not CommunicationError('refused').maybe_applied
