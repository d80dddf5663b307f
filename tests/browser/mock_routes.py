"""mock_routes.py: the routes of mock_api.py (development stand-in for /api/v1; see there)."""
import json, os, secrets, sys, time

M = sys.modules['__main__']


def meta(h):
    d = M.DEMO
    h.send(200, {
        'fields': [{'code': f['code'], 'name_vi': f['name_vi'], 'name_en': f['name_en'], 'keywords': f['keywords'],
                    'groups': f['groups']} for f in d['fields']],
        'agencies': [{'id': o['id'], 'code': o['code'], 'name': o['name'], 'short_name': o['short_name'],
                      'is_center': bool(o.get('is_center'))} for o in M.ORGS.values()],
        'units': d['admin_units'],
        'rating_levels': [{'code': 'very_satisfied', 'vi': 'Rất hài lòng', 'en': 'Very satisfied'},
                          {'code': 'satisfied', 'vi': 'Hài lòng', 'en': 'Satisfied'},
                          {'code': 'not_satisfied', 'vi': 'Không hài lòng', 'en': 'Not satisfied'}],
        'states': {}})


def report(h):
    b = json.loads(h.body() or b'{}')
    for k in ('description', 'name', 'phone'):
        if not b.get(k):
            return h.err(422, 'required', f'{k} is required', field=k)
    if not b.get('truthful'):
        return h.err(422, 'required', 'declaration', field='truthful')
    code = 1000 + len(M.CASES) + 1
    tok = secrets.token_urlsafe(24)
    c = {'code': code, 'token': tok, 'state': 'received', 'received_at': M.now(), 'incident_at': b.get('incident_at'),
         'description': b['description'], 'address': b.get('address'), 'lat': b.get('lat'), 'lng': b.get('lng'),
         'field': None, 'group': None, 'unit': b.get('unit'), 'field_suggested': M.field_obj(b.get('field')),
         'lead': None, 'confidential': bool(b.get('confidential')), 'events': [], 'timers': [], 'notes': [],
         'reveals': [], 'requests': [], 'rating': None, 'published_at': None,
         'answer_officer': None, 'answer_leader': None, 'answer_published': None,
         'media': [m for m in M.MEDIA if m['id'] in (b.get('media') or [])] if hasattr(M, 'MEDIA') else [],
         'reporter': {'name': b['name'], 'phone': b['phone'], 'email': b.get('email'),
                      'type': b.get('reporter_type', 'individual')}}
    M.CASES[code] = c
    c['timers'].append({'kind': 'intake', 'org': M.org_pub('TTCDS'), 'started_at': M.now(), 'due_at': M.now() + 3600,
                        'stopped_at': None, 'status': 'running'})
    M.event(c, 'submitted', 'TTCDS')
    h.send(201, {'code': str(code), 'token': tok, 'state': 'received', 'intake_due_at': M.now() + 3600})


def media(h):
    if os.environ.get('MOCK_NO_MEDIA'):
        return h.err(404, 'not_found')
    raw = h.body()
    ctype = h.headers.get('Content-Type', '')
    if not hasattr(M, 'MEDIA'):
        M.MEDIA = []
    m = {'id': len(M.MEDIA) + 1, 'kind': 'video' if ctype.startswith('video/') else 'image', 'size': len(raw),
         'url': '/favicon.ico', 'thumb_url': None, 'exif': {}}
    M.MEDIA.append(m)
    h.send(201, m)


def track(h, method, p):
    c = next((x for x in M.CASES.values() if x['token'] == p[1]), None)
    if not c:
        return h.err(404, 'not_found')
    if method == 'GET':
        return h.send(200, M.view(c, 'reporter'))
    act = p[3]
    b = json.loads(h.body() or b'{}')
    if act not in M.view(c, 'reporter')['actions']:
        return h.err(409, 'wrong_state', state=c['state'])
    if act == 'rate':
        if b.get('rating') not in ('very_satisfied', 'satisfied', 'not_satisfied'):
            return h.err(422, 'required', field='rating')
        c['rating'] = b['rating']
        M.event(c, 'rated', None, None)
    elif act == 'withdraw':
        c['state'] = 'withdrawn'
        M.event(c, 'withdrawn')
    elif act == 'supplement':
        c['state'] = 'received'
        c['requests'][-1]['answer'] = b.get('text')
        M.event(c, 'info_supplied')
    elif act == 'feedback':
        c['state'] = 'clarifying'
        M.event(c, 'feedback_received', note=b.get('text'))
    h.send(200, {'state': c['state']})


def public(h, p, q):
    vis = [c for c in M.CASES.values() if c['state'] in ('published', 'closed') and not c['confidential']]
    if len(p) > 2:
        c = next((x for x in vis if str(x['code']) == p[2]), None)
        return h.send(200, M.view(c, 'public')) if c else h.err(404, 'not_found')
    if q.get('q'):
        vis = [c for c in vis if q['q'].lower() in c['description'].lower()]
    items = [dict(M.view(c, 'public'), summary=c['description'][:140], published_at=c['published_at']) for c in vis]
    for i in items:
        del i['timeline'], i['timers']
    h.send(200, {'items': items, 'total': len(items), 'page': 1, 'page_size': 20})


def login(h):
    b = json.loads(h.body() or b'{}')
    if b.get('username') not in M.USERS or b.get('password') != 'demo-pass-1':
        return h.err(401, 'bad_credentials', 'wrong username or password')
    roles, org = M.USERS[b['username']]
    sid = secrets.token_hex(16)
    M.SESSIONS[sid] = {'username': b['username'], 'name': b['username'], 'roles': roles, 'org': M.org_pub(org),
                       'csrf': secrets.token_hex(8)}
    u = M.SESSIONS[sid]
    h.send_response(200)
    body = json.dumps({'user': u, 'csrf': u['csrf']}).encode()
    h.send_header('Set-Cookie', f'pa_session={sid}; HttpOnly; SameSite=Strict; Path=/')
    h.send_header('Content-Type', 'application/json')
    h.send_header('Content-Length', str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def visible(c, u):
    return u['org']['code'] == 'TTCDS' or c['lead'] == u['org']['code']


def queue(h, u, name, q):
    cs = [c for c in M.CASES.values() if visible(c, u)]
    if name == 'overdue':
        cs = [c for c in cs if any(t['status'] == 'running' and t['due_at'] < M.now() for t in c['timers'])]
    elif name != 'all':
        cs = [c for c in cs if c['state'] in M.QUEUE.get(name, [])]
    items = [dict(M.view(c, 'staff', u), summary=c['description'][:100]) for c in cs]
    for i in items:
        for k in ('timeline', 'notes', 'reporter', 'notice'):
            i.pop(k, None)
    h.send(200, {'items': items[: int(q.get('page_size', 50))], 'total': len(items)})


def act(h, u, c, action):
    b = json.loads(h.body() or b'{}')
    row = next((r for r in M.FLOW.get(c['state'], []) if r[0] == action), None)
    if not row:
        return h.err(409, 'wrong_state', state=c['state'])
    if action not in M.allowed(c, u):
        return h.err(403, 'forbidden')
    if action in ('distribute', 'redistribute'):
        for k in ('field', 'group', 'lead_agency'):
            if not b.get(k):
                return h.err(422, 'required', field={'field': 'field_id', 'group': 'group_id'}.get(k, 'lead_agency_id'))
        c['field'], c['group'] = M.field_obj(b['field']), M.field_obj(b['group'])
        c['lead'] = next(o['code'] for o in M.ORGS.values() if o['id'] == b['lead_agency'] or o['code'] == b['lead_agency'])
    if action in ('submit_result',) and not b.get('text'):
        return h.err(422, 'required', field='text')
    if action in ('request_info', 'reject', 'return_for_rework', 'return_not_competent') and not b.get('reason'):
        return h.err(422, 'required', field='reason')
    if action == 'submit_result':
        c['answer_officer'] = b['text']
    if action == 'approve':
        c['answer_leader'] = b.get('text') or c['answer_officer']
    if action in ('publish', 'deliver_private'):
        c['answer_published'] = b.get('text') or c['answer_leader']
        c['published_at'] = M.now()
    if action == 'request_info':
        c['requests'].append({'at': M.now(), 'reason': b['reason']})
    c['state'] = row[1]
    M.start_timers(c, action)
    M.event(c, {'distribute': 'distributed', 'accept': 'accepted', 'submit_result': 'result_submitted',
                'approve': 'approved', 'publish': 'published'}.get(action, action), u['org']['code'], b.get('reason'))
    M.NOTIFS.append({'id': len(M.NOTIFS) + 1, 'at': M.now(), 'case_code': str(c['code']), 'read': False,
                     'text': f"#{c['code']}: {action}", 'org': c['lead']})
    h.send(200, {'state': c['state']})


def stats(h, u):
    cs = [c for c in M.CASES.values() if visible(c, u)]
    by_state = {}
    for c in cs:
        by_state[c['state']] = by_state.get(c['state'], 0) + 1
    agency = u['org']['code'] != 'TTCDS'
    h.send(200, {'scope': 'agency' if agency else 'province', 'agency': u['org'] if agency else None,
                 'totals': {'received': len(cs), 'open': len(cs), 'answered': by_state.get('published', 0),
                            'overdue': 0, 'on_time_rate': 1.0, 'satisfaction_rate': 0.5},
                 'by_state': by_state, 'trend': [{'day': '2026-01-05', 'received': len(cs), 'answered': 0}],
                 'by_agency': [{'id': 2, 'name': 'Sở Xây dựng', 'received': len(cs), 'answered': 0, 'overdue': 0,
                                'on_time_rate': 1.0, 'satisfaction_rate': None}],
                 'by_officer': [], 'overdue': [], 'at_risk': [], 'escalated': [],
                 'points': [{'code': str(c['code']), 'lat': c['lat'], 'lng': c['lng'], 'state': c['state']} for c in cs]})


def staff(h, method, p, q):
    u = h.user()
    if not u:
        return h.err(401, 'unauthenticated')
    if method == 'POST' and h.headers.get('X-CSRF-Token') != u['csrf']:
        return h.err(403, 'csrf', 'bad CSRF token')
    if p[0] == 'auth' and p[1] == 'me':
        return h.send(200, {'user': u, 'csrf': u['csrf']})
    if p[0] == 'auth' and p[1] == 'logout':
        return h.send(200, {})
    if p[0] == 'queues':
        return queue(h, u, p[1], q)
    if p[0] == 'notifications':
        if len(p) > 2:
            for n in M.NOTIFS:
                if str(n['id']) == p[1]:
                    n['read'] = True
            return h.send(200, {})
        mine = [n for n in M.NOTIFS if n['org'] == u['org']['code'] or u['org']['code'] == 'TTCDS']
        return h.send(200, {'items': mine[::-1], 'unread': sum(1 for n in mine if not n['read'])})
    if p[0] == 'stats':
        return stats(h, u)
    if p[0] == 'reveal-requests':
        for c in M.CASES.values():
            for r in c['reveals']:
                if str(r['id']) == p[1]:
                    r['state'] = 'approved' if json.loads(h.body() or b'{}').get('approve') else 'refused'
        return h.send(200, {})
    c = M.CASES.get(int(p[1])) if p[0] == 'cases' and p[1].isdigit() else None
    if not c or not visible(c, u):
        return h.err(404, 'not_found')
    if len(p) == 2:
        return h.send(200, M.view(c, 'staff', u))
    if p[2] == 'suggestions':
        return h.send(200, {'duplicates': [], 'routing': {'field': 'XD', 'group': 'XD-DENDUONG',
                                                         'lead_agency': M.org_pub('SXD'), 'reason': 'lĩnh vực XD'}})
    if p[2] == 'notes':
        c['notes'].append({'at': M.now(), 'user': u['username'], 'text': json.loads(h.body())['text']})
        return h.send(201, {})
    if p[2] == 'reveal-requests':
        c['reveals'].append({'id': secrets.randbelow(10**6), 'org': u['org'], 'state': 'pending',
                             'purpose': json.loads(h.body())['purpose']})
        return h.send(201, {})
    return act(h, u, c, p[3])


def route(h, method, p, q):
    if p == ['health']:
        return h.send(200, {'status': 'ok'})
    if p == ['meta']:
        return meta(h)
    if p == ['reports'] and method == 'POST':
        return report(h)
    if p == ['media'] and method == 'POST':
        return media(h)
    if p[0] == 'track':
        return track(h, method, p)
    if p[0] == 'public':
        return public(h, p, q)
    if p == ['auth', 'login']:
        return login(h)
    return staff(h, method, p, q)
