# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# A tiny urllib client for the simulator's /_sim/ control API.

import json
import ssl
import threading
import time
from urllib.error import HTTPError
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen


class SimControlError(Exception):
    def __init__(self, status, body):
        super().__init__('control API answered %s: %s' % (status, body))
        self.status = status
        self.body = body


class SimControl:
    """Drive a running simulator: SimControl('http://127.0.0.1:PORT').

    verify: True (default CA store), False (no TLS verification), or a CA/cert file path.
    """

    def __init__(self, url, verify=True, timeout=30):
        self.url = url.rstrip('/')
        self.timeout = timeout
        self._context = None
        if self.url.startswith('https'):
            if verify is False:
                self._context = ssl._create_unverified_context()  # pylint: disable=protected-access
            elif isinstance(verify, str):
                self._context = ssl.create_default_context(cafile=verify)

    def _call(self, method, path, body=None, query=None):
        url = self.url + '/_sim/' + path
        if query:
            url += '?' + urlencode(query)
        data = None
        headers = {'Accept': 'application/json'}
        if body is not None:
            data = json.dumps(body).encode('utf-8')
            headers['Content-Type'] = 'application/json'
        request = Request(url, data=data, headers=headers, method=method)
        try:
            with urlopen(request, timeout=self.timeout, context=self._context) as resp:  # nosec - loopback test server
                text = resp.read().decode('utf-8')
        except HTTPError as exc:
            text = exc.read().decode('utf-8', 'replace')
            try:
                detail = json.loads(text)
            except ValueError:
                detail = text
            raise SimControlError(exc.code, detail) from None
        return json.loads(text) if text else None

    def health(self):
        return self._call('GET', 'health')

    def reset(self, config=False):
        """Forget jobs, tokens, faults, the request log and rate windows; config=True also restores the start-up config."""
        return self._call('POST', 'reset', {'config': bool(config)})

    def configure(self, **knobs):
        """Change SimConfig knobs at run time; returns the whole (secret-masked) config."""
        return self._call('POST', 'config', knobs)

    def config(self):
        return self._call('GET', 'config')

    def requests(self, clear=False):
        return self._call('GET', 'requests', query={'clear': 'true'} if clear else None)

    def clear_requests(self):
        return self._call('DELETE', 'requests')

    def jobs(self, tenant=None):
        return self._call('GET', 'jobs', query={'tenant': tenant} if tenant else None)

    def _get_or_none(self, path):
        try:
            return self._call('GET', path)
        except SimControlError as exc:
            if exc.status == 404:
                return None
            raise

    def job(self, job_id):
        """Stored job with its 'tenant', 'runs' and 'script_runs', or None when there is no such job."""
        return self._get_or_none('jobs/' + quote(str(job_id), safe=''))

    def seed_job(self, job, tenant=None, raw=False):
        """Store a job directly (no validation, rate limit or log). Keeps job['id'] if given.

        The job goes through the server's rewrites unless raw=True.
        """
        body = dict(job)
        if tenant is not None:
            body['tenant'] = tenant
        if raw:
            body['raw'] = True
        return self._call('POST', 'jobs', body)

    def delete_jobs(self):
        return self._call('DELETE', 'jobs')

    def resources(self, tenant=None):
        """The resources a search can find, in the form it returns them (``clientUniqueId`` is the tenant)."""
        return self._call('GET', 'resources', query={'tenant': tenant} if tenant else None)

    def seed_resources(self, resources, tenant=None):
        """Store resources (a list of objects: id, name, hostName, ipAddress, type, resourceType, state)."""
        return self._call('POST', 'resources', list(resources), query={'tenant': tenant} if tenant else None)

    def delete_resources(self):
        return self._call('DELETE', 'resources')

    def rba(self, tenant=None):
        """The RBA store: {'categories': [{id, name, parent, tenant, global}], 'scripts': [stored script with its
        tenant, category id, parameters (ids, defaults in clear), content, content_base64, content_sha256]}."""
        return self._call('GET', 'rba', query={'tenant': tenant} if tenant else None)

    def rba_script(self, script_id):
        """One stored script (as in rba()['scripts']), or None when there is no such script."""
        return self._get_or_none('rba/scripts/' + quote(str(script_id), safe=''))

    def seed_rba_categories(self, categories, tenant=None):
        """Store categories directly (no validation, rate limit or log): each {name, optional id, parent (id),
        tenant, global}. A global category is seen by every tenant and refuses their writes (403)."""
        if isinstance(categories, dict):
            categories = [categories]
        return self._call('POST', 'rba/categories', list(categories), query={'tenant': tenant} if tenant else None)

    def seed_rba_scripts(self, scripts):
        """Store scripts directly: the API body, plus `category` (id), optional `id`, parameter `id`s,
        `scriptVersion`, and `content` (text) in place of a base64 attachment.file."""
        if isinstance(scripts, dict):
            scripts = [scripts]
        return self._call('POST', 'rba/scripts', list(scripts))

    def delete_rba_script(self, script_id):
        """Remove a script behind the API's back (as another user would); returns it."""
        return self._call('DELETE', 'rba/scripts/' + quote(str(script_id), safe=''))

    def delete_rba(self):
        return self._call('DELETE', 'rba')

    def seed_partner(self, partner, clients=None, count=0, name=None):
        """Add a partner with clients: ``clients`` (objects: uniqueId, name, status active/suspended/terminated,
        timeZone, any other key of a client record) and ``count`` generated ones (``Client 001``...). Returns
        ``{'partner': ..., 'clients': [the clients added]}``; a client's ``uniqueId`` is its tenant id."""
        return self._call('POST', 'partners', {'partner': partner, 'name': name, 'clients': clients, 'count': count})

    def partners(self):
        """Every partner with its clients (each with its ``status`` and ``partner``)."""
        return self._call('GET', 'partners')

    def delete_partners(self):
        return self._call('DELETE', 'partners')

    def seed_integration(self, client_id, client_secret, tenant):
        """Credentials whose tokens may act only on ``tenant`` (and on its clients, when it is a partner)."""
        return self._call('POST', 'integrations', {'client_id': client_id, 'client_secret': client_secret,
                                                   'tenant': tenant})

    def integrations(self):
        return self._call('GET', 'integrations')

    def add_faults(self, rules):
        if isinstance(rules, dict):
            rules = [rules]
        return self._call('POST', 'faults', list(rules))

    def faults(self):
        return self._call('GET', 'faults')

    def when_faults_fired(self, action, count=1, limit=30.0):
        """Run ``action()`` in a thread as soon as the fault rules have fired ``count`` times in total."""
        def watch():
            deadline = time.time() + limit
            while time.time() < deadline:
                if sum(rule['fired'] for rule in self.faults()) >= count:
                    action()
                    return
                time.sleep(0.01)
        thread = threading.Thread(target=watch, daemon=True)
        thread.start()
        return thread

    def clear_faults(self):
        return self._call('DELETE', 'faults')

    def expire_tokens(self):
        return self._call('POST', 'expire-tokens')

    def tokens(self):
        return self._call('GET', 'tokens')

    def stats(self):
        return self._call('GET', 'stats')

    def wait_until_idle(self, limit=10.0):
        """Wait until no request is in flight: the simulator logs a request just after answering it, and one a client
        gave up on (a delay fault) may still be served."""
        deadline = time.time() + limit
        while self.stats()['in_flight'] and time.time() < deadline:
            time.sleep(0.01)
