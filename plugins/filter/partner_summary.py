# -*- coding: utf-8 -*-
# Copyright: contributors to the opsramp.automation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: partner_summary
short_description: One plan summary for the client tenants of a partner, from each client's opsramp_jobs result
version_added: 0.1.0
description:
  - Takes the variables of each client host of a play over a partner's clients (the hosts of the
    P(opsramp.automation.tenants#inventory) inventory), reads the result of the M(opsramp.automation.opsramp_jobs)
    task that each one registered under O(result_var), and writes one Markdown summary for them all, ready to post
    as a pull-request comment.
  - A heading says how many clients change (or would change); a table gives, for each such client, its id, its name
    and how many jobs it creates, updates and deletes, and how many failed; then how many clients were already as
    declared, with their jobs. Each client that changes follows with its own summary from M(opsramp.automation.opsramp_jobs)
    (which jobs, which fields), under a heading that names the client.
  - A client whose task failed is counted as failed, with its error's first line. A client with no registered result
    (the play stopped before its task) is listed as not run.
  - Like the summary of M(opsramp.automation.opsramp_jobs), it holds names only, never a value.
options:
  _input:
    description:
      - The variables of each client host, for example C(ansible_play_hosts_all | map('extract', hostvars)).
      - Each must hold C(inventory_hostname); C(opsramp_client_name), set by the inventory, names the client.
    type: list
    elements: dict
    required: true
  result_var:
    description: The name under which each host registered its M(opsramp.automation.opsramp_jobs) result.
    type: str
    required: true
  check_mode:
    description: Whether the run was a preview (C(ansible_check_mode)); the headings then say what would change.
    type: bool
    default: false
author:
  - OpsRamp Automation contributors (@opsramp-automation)
'''

EXAMPLES = r'''
- name: One plan summary for every client
  ansible.builtin.debug:
    msg: >-
      {{ ansible_play_hosts_all | map('extract', hostvars)
         | opsramp.automation.partner_summary('msp_result', check_mode=ansible_check_mode) }}
  run_once: true
'''

RETURN = r'''
_value:
  description: The summary, as Markdown.
  type: str
  sample: |
    ### OpsRamp jobs on 50 clients: 1 client to change

    | Client | Name | To create | To update | To delete | Failed |
    | --- | --- | ---: | ---: | ---: | ---: |
    | client_1003 | Client 003 | 0 | 1 | 0 | 0 |

    49 clients already as declared (147 jobs).

    #### client_1003 (Client 003): 1 to update

    | Job | Action | Changed fields |
    | --- | --- | --- |
    | msp-nightly-config-backup | to update | `schedule.start_time` |

    2 jobs already as declared.
'''

from collections.abc import Mapping

from ansible_collections.opsramp.automation.plugins.module_utils._engine.summary import escape

_COUNTED = (('created', 'To create', 'Created'), ('updated', 'To update', 'Updated'), ('deleted', 'To delete', 'Deleted'))
_CLIENT_HEADING = '### OpsRamp jobs'


def partner_summary(hosts, result_var, check_mode=False):
    """The Markdown summary of the ``result_var`` results of ``hosts`` (each a mapping of one host's variables)."""
    _check_arguments(hosts, result_var)
    clients = sorted((_client(host, result_var) for host in hosts), key=lambda client: client['id'])
    changing = [client for client in clients if client['changes'] or client['failed'] or client['not_run']]
    steady = [client for client in clients if client not in changing]
    lines = [_heading(len(clients), changing, check_mode), '']
    if changing:
        lines.extend(_table(changing, check_mode))
        lines.append('')
    lines.append(_steady_text(steady, check_mode))
    for client in changing:
        lines.extend(_details(client))
    return '\n'.join(lines) + '\n'


def _check_arguments(hosts, result_var):
    if isinstance(hosts, (str, bytes, Mapping)) or not hasattr(hosts, '__iter__') or not isinstance(result_var, str) \
            or not result_var:
        # a plain TypeError: Ansible reports it as the filter's error
        raise TypeError("partner_summary: expects a list of hosts' variables and the name of their registered "
                        "opsramp_jobs result, e.g. ansible_play_hosts_all | map('extract', hostvars) "
                        "| opsramp.automation.partner_summary('msp_result')")


def _client(host, result_var):
    result = host.get(result_var)
    client = dict(id=str(host.get('inventory_hostname')), name=host.get('opsramp_client_name'), result=result,
                  not_run=not isinstance(result, Mapping) or 'job_results' not in result and not result.get('failed'))
    result = result if isinstance(result, Mapping) else {}
    client.update((key, len(result.get(key) or [])) for key, dummy, dummy in _COUNTED)
    client['unchanged'] = len(result.get('unchanged') or [])
    client['failed'] = len(result.get('errors') or []) or (1 if result.get('failed') else 0)
    client['changes'] = sum(client[key] for key, dummy, dummy in _COUNTED)
    return client


def _heading(count, changing, check_mode):
    clients = '1 client' if count == 1 else '%d clients' % count
    if not changing:
        return '%s on %s: no changes' % (_CLIENT_HEADING, clients)
    changed, failed, not_run = (sum(1 for client in changing if client[key]) for key in ('changes', 'failed', 'not_run'))
    parts = [text for number, text in (
        (changed, '%d %s %s' % (changed, 'client' if changed == 1 else 'clients', 'to change' if check_mode else 'changed')),
        (failed, '%d failed' % failed),
        (not_run, '%d not run' % not_run)) if number]
    return '%s on %s: %s' % (_CLIENT_HEADING, clients, ', '.join(parts))


def _table(changing, check_mode):
    titles = [title if check_mode else done for dummy, title, done in _COUNTED]
    lines = ['| Client | Name | %s | Failed |' % ' | '.join(titles), '| --- | --- |%s ---: |' % (' ---: |' * len(titles))]
    for client in changing:
        counts = ['not run'] * 4 if client['not_run'] else [str(client[key]) for key, dummy, dummy in _COUNTED] + [str(client['failed'])]
        lines.append('| %s | %s | %s |' % (escape(client['id']), escape(client['name'] or ''), ' | '.join(counts)))
    return lines


def _steady_text(steady, check_mode):
    clients = '1 client' if len(steady) == 1 else '%d clients' % len(steady)
    jobs = sum(client['unchanged'] for client in steady)
    return '%s %s (%d %s).' % (clients, 'already as declared' if check_mode else 'unchanged', jobs,
                               'job' if jobs == 1 else 'jobs')


def _details(client):
    """The client's own opsramp_jobs summary under a heading naming the client, or the first line of its error."""
    title = escape(client['id']) + (' (%s)' % escape(client['name']) if client['name'] else '')
    result = client['result'] if isinstance(client['result'], Mapping) else {}
    summary = result.get('summary')
    if client['not_run']:
        return ['', '#### %s: not run' % title]
    if isinstance(summary, str) and summary.startswith(_CLIENT_HEADING):
        own = summary[len(_CLIENT_HEADING):].lstrip(':').strip()
        return ['', '#### %s: %s' % (title, own)]
    message = str(result.get('msg') or 'failed').strip().splitlines()[0]
    return ['', '#### %s: failed' % title, '', escape(message)]


class FilterModule(object):
    def filters(self):
        return {'partner_summary': partner_summary}
