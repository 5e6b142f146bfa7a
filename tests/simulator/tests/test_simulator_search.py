# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from sim_helpers import custom_job, ncb_job

ENVELOPE_KEYS = {'results', 'totalResults', 'orderBy', 'pageNo', 'pageSize', 'totalPages', 'nextPage', 'previousPageNo', 'descendingOrder'}


def _seed(sim, count, tenant='client_1'):
    return [sim.control.seed_job(ncb_job('Job %02d' % i), tenant=tenant)['id'] for i in range(count)]


def test_paging_follows_next_page(sim, api):
    ids = _seed(sim, 25)
    _seed(sim, 3, tenant='msp_1')
    seen, page_no, pages = [], 1, []
    while True:
        resp = api.search(pageNo=page_no, pageSize=10)
        assert resp.status_code == 200
        body = resp.json()
        assert set(body) == ENVELOPE_KEYS
        pages.append(body)
        seen.extend(r['id'] for r in body['results'])
        if not body['nextPage']:
            break
        page_no += 1
    assert len(pages) == 3
    assert seen == ids                     # creation order, no duplicates, nothing missing
    assert [len(p['results']) for p in pages] == [10, 10, 5]
    assert [p['previousPageNo'] for p in pages] == [0, 1, 2]
    assert all(p['totalResults'] == 25 and p['totalPages'] == 3 and p['pageSize'] == 10 for p in pages)
    beyond = api.search(pageNo=4, pageSize=10).json()
    assert beyond['results'] == [] and beyond['nextPage'] is False


def test_defaults_and_clamping(sim, api):
    _seed(sim, 7)
    body = api.search().json()
    assert body['pageNo'] == 1 and body['pageSize'] == 100 and body['descendingOrder'] is True and len(body['results']) == 7
    sim.control.configure(max_page_size=5)
    body = api.search(pageSize=1000).json()
    assert body['pageSize'] == 5 and len(body['results']) == 5 and body['totalPages'] == 2 and body['nextPage'] is True
    assert api.search(pageNo='x').status_code == 400


def test_results_omit_entities_and_custom_parameters(sim, api):
    api.create(ncb_job('ncb'))
    api.create(custom_job('custom'))
    results = {r['name']: r for r in api.search().json()['results']}
    assert 'entities' not in results['ncb'] and 'entities' not in results['custom']
    assert 'parameters' not in results['custom']['script']
    assert results['custom']['script']['customScript']['id'] == 7
    assert results['ncb']['script']['configParams']['backUpTrigger'] is True
    assert results['ncb']['schedule']['startDate'] == '2016-04-14T10:10:00+0000'


def test_custom_script_may_be_left_out_of_results(sim, api):
    api.create(custom_job('custom'))
    sim.control.configure(search_custom_script='omitted')
    [result] = api.search().json()['results']
    assert 'customScript' not in result['script'] and result['script']['userType'] is not None
    assert api.get(result['id']).json()['script']['customScript']['id'] == 7  # a read by id still has it


def test_query_string_substring(sim, api):
    for name in ('Nightly backup', 'Weekly BACKUP', 'Patch scan', 'backup'):
        api.create(ncb_job(name))
    names = [r['name'] for r in api.search(queryString='name:backup').json()['results']]
    assert names == ['Nightly backup', 'Weekly BACKUP', 'backup']      # a hint: not exact, case-insensitive
    assert api.search(queryString='name:Patch scan').json()['totalResults'] == 1
    assert api.search(queryString='name:nothing').json() == {
        'results': [], 'totalResults': 0, 'orderBy': 'id', 'pageNo': 1, 'pageSize': 100, 'totalPages': 0,
        'nextPage': False, 'previousPageNo': 0, 'descendingOrder': True}


def test_query_string_ignored(sim, api):
    for name in ('a', 'b', 'c'):
        api.create(ncb_job(name))
    sim.control.configure(query_filter='ignore')
    assert [r['name'] for r in api.search(queryString='name:a').json()['results']] == ['a', 'b', 'c']


def test_list_shape_and_empty_body(sim, api):
    sim.control.configure(search_shape='list')
    _seed(sim, 3)
    body = api.search(pageSize=1).json()
    assert isinstance(body, list) and len(body) == 3 and all('entities' not in r for r in body)
    assert api.search(queryString='name:zzz').json() == []
    sim.control.configure(empty_body_when_no_results=True)
    resp = api.search(queryString='name:zzz')
    assert resp.status_code == 200 and resp.content == b''
    sim.control.configure(search_shape='envelope')
    resp = api.search(queryString='name:zzz')
    assert resp.status_code == 200 and resp.content == b''
    assert len(api.search().json()['results']) == 3
