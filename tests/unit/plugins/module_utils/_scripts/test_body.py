# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""_scripts/body.py: a script's body compared by digest, from the read, the description's digest line or a
contentURL that names the script on the API's host (api-behaviour §20.3, §20.11)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.opsramp.automation.plugins.module_utils._http.errors import CommunicationError
from ansible_collections.opsramp.automation.plugins.module_utils._scripts import body

from ansible_collections.opsramp.automation.tests.unit.plugins.module_utils._scripts.rba_store import FakeRba, URL

BODY = '#!/bin/sh\necho "héllo"\n'


def test_digest_is_the_sha256_of_the_utf8_text():
    assert body.digest('') == 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    assert body.digest('abc') == 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    assert body.digest('é') != body.digest('e')


def test_encoded_and_decoded_are_base64_of_utf8():
    assert body.encoded('abc') == 'YWJj'
    assert body.decoded('YWJj') == 'abc'
    assert body.decoded(body.encoded(BODY)) == BODY


@pytest.mark.parametrize('field', ['not base64!', '////', 'gA=='], ids=['not-base64', 'not-utf8', 'lone-byte'])
def test_decoded_of_anything_else_is_none(field):
    assert body.decoded(field) is None


# ---------------------------------------------------------------------------------------------------- the trailer

def test_with_trailer_appends_one_line_and_split_description_takes_it_back():
    digest = body.digest(BODY)
    described = body.with_trailer('Restarts Apache', digest)
    assert described == 'Restarts Apache\n\n%s%s' % (body.TRAILER, digest[len('sha256:'):])
    assert body.split_description(described) == ('Restarts Apache', digest)


def test_with_trailer_replaces_an_earlier_trailer_and_keeps_an_empty_description_empty():
    first = body.with_trailer('Restarts', body.digest('one'))
    again = body.with_trailer(first, body.digest('two'))
    assert again.count(body.TRAILER) == 1 and body.split_description(again) == ('Restarts', body.digest('two'))
    assert body.with_trailer(None, body.digest('x')) == body.TRAILER + body.digest('x')[len('sha256:'):]
    assert body.split_description(body.with_trailer('', body.digest('x'))) == ('', body.digest('x'))


@pytest.mark.parametrize('description', [
    'Restarts Apache',
    'Managed by opsramp.automation, body sha256:abc',          # not 64 hex digits
    body.TRAILER + 'A' * 64,                                    # upper case: not ours
    body.TRAILER + '0' * 64 + '\nmore text',                    # not the last line
], ids=['plain', 'short-digest', 'upper-case', 'not-last'])
def test_a_description_without_our_trailer_is_kept_whole(description):
    assert body.split_description(description) == (description, None)


@pytest.mark.parametrize('description', [None, 42, ['x']])
def test_split_description_of_no_text(description):
    assert body.split_description(description) == (None, None)


# ---------------------------------------------------------------------------------------------------- from a read

@pytest.mark.parametrize('script, expected', [
    ({'attachment': {'file': body.encoded(BODY)}, 'command': 'ls'}, BODY),
    ({'attachment': {'file': ''}, 'command': 'ls'}, 'ls'),
    ({'attachment': {'contentURL': 'https://x/y'}}, None),
    ({'command': ''}, None),
    ({'attachment': {'file': 'not base64!'}}, None),
    ({}, None),
], ids=['file-first', 'empty-file-then-command', 'url-only', 'empty-command', 'garbled-file', 'nothing'])
def test_body_text_is_what_the_read_carries(script, expected):
    assert body.body_text(script) == expected


@pytest.mark.parametrize('script, expected', [
    ({'attachment': {'file': body.encoded('new')}, 'description': body.with_trailer('d', body.digest('old'))},
     body.digest('new')),
    ({'command': 'ls', 'description': body.with_trailer('d', body.digest('old'))}, body.digest('ls')),
    ({'attachment': {'contentURL': 'u'}, 'description': body.with_trailer('d', body.digest('old'))},
     body.digest('old')),
    ({'attachment': {'contentURL': 'u'}, 'description': 'made in the UI'}, None),
], ids=['file-beats-trailer', 'command-beats-trailer', 'trailer', 'unknown'])
def test_with_digest_prefers_the_body_the_read_carries(script, expected):
    read = body.with_digest(script)
    assert read[body.DIGEST_KEY] == expected
    assert body.DIGEST_KEY not in script  # the read itself is left alone


def test_with_digest_of_no_script():
    assert body.with_digest(None) is None


# ---------------------------------------------------------------------------------------------------- contentURL

def script_at(url, script_id=1001):
    return {'id': script_id, 'attachment': {'name': 'a.sh', 'contentURL': url}}


@pytest.mark.parametrize('url, location', [
    (URL + '/downloadScript.do?fileName=a.sh&version=1.00&scriptId=1001',
     ('/downloadScript.do', [('fileName', 'a.sh'), ('version', '1.00'), ('scriptId', '1001')])),
    ('HTTPS://ACME.api.opsramp.com:443/downloadScript.do?scriptId=1001', ('/downloadScript.do', [('scriptId', '1001')])),
    (URL + '/a/b?x=&scriptId=1001', ('/a/b', [('x', ''), ('scriptId', '1001')])),
], ids=['spec-shape-with-script', 'host-case-and-default-port', 'blank-values-kept'])
def test_download_location_of_a_url_on_the_api_host_that_names_the_script(url, location):
    assert body.download_location(URL, script_at(url)) == (location, None)


def test_download_location_under_a_base_url_with_a_path():
    found = body.download_location('https://proxy.example.com/opsramp',
                                   script_at('https://proxy.example.com/opsramp/downloadScript.do?scriptId=1001'))
    assert found == (('/downloadScript.do', [('scriptId', '1001')]), None)
    outside = body.download_location('https://proxy.example.com/opsramp',
                                     script_at('https://proxy.example.com/other/downloadScript.do?scriptId=1001'))
    assert outside[0] is None and 'not on the API host' in outside[1]


@pytest.mark.parametrize('url, why', [
    (None, 'no contentURL'),
    ('  ', 'no contentURL'),
    ('https://localhost:8443/downloadScript.do?scriptId=1001', 'not on the API host'),   # the spec's example host
    ('http://acme.api.opsramp.com/downloadScript.do?scriptId=1001', 'not on the API host'),  # no TLS: another origin
    ('https://acme.api.opsramp.com:8443/downloadScript.do?scriptId=1001', 'not on the API host'),
    ('https://evil.example.com/downloadScript.do?scriptId=1001', 'not on the API host'),
    (URL + '/downloadScript.do?action=downloadAgent&fileName=a.sh&version=0.00', 'may give another script'),
    (URL + '/downloadScript.do?scriptId=1002', 'may give another script'),
    ('https://[::1/x', 'not a URL'),
], ids=['none', 'blank', 'spec-example-host', 'http', 'other-port', 'other-host', 'names-file-only',
        'names-another-script', 'garbled'])
def test_download_location_refuses_any_other_url(url, why):
    location, reason = body.download_location(URL, script_at(url))
    assert location is None and why in reason


def test_download_gets_the_body_with_the_client_and_never_elsewhere():
    rba = FakeRba()
    script = rba.view(rba.scripts[rba.add_script(rba.add_category('Web'), 'one', content=BODY)])
    assert body.download(rba, script) == (BODY, None)
    assert rba.requests == [('GET', '/downloadScript.do?fileName=one.sh&version=0.00&scriptId=1000', None)]
    rba.requests = []
    elsewhere = dict(script, attachment=dict(script['attachment'], contentURL='https://evil.example.com/d?scriptId=1000'))
    assert body.download(rba, elsewhere)[0] is None and rba.requests == []


@pytest.mark.parametrize('trouble, why', [
    (lambda rba, key: rba.fail(key, CommunicationError('cannot connect to OpsRamp')),
     'its contentURL could not be read: cannot connect to OpsRamp'),
    (lambda rba, key: rba.answer(key, b'\xff\xfe binary'), 'its body is not UTF-8 text'),
], ids=['connection', 'not-utf8'])
def test_download_reports_what_it_cannot_get_without_raising(trouble, why):
    rba = FakeRba()
    script = rba.view(rba.scripts[rba.add_script(rba.add_category('Web'), 'one')])
    trouble(rba, ('GET', '/downloadScript.do?fileName=one.sh&version=0.00&scriptId=1000'))
    assert body.download(rba, script) == (None, why)


def test_download_of_a_url_answering_404():
    rba = FakeRba()
    script = rba.view(rba.scripts[rba.add_script(rba.add_category('Web'), 'one')])
    del rba.scripts[script['id']]
    assert body.download(rba, script) == (None, 'its contentURL answered HTTP 404')
