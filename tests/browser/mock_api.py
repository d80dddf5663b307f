#!/usr/bin/env python3
"""mock_api.py: a development stand-in for /api/v1 (docs/api.md) that also serves web/.

Only for working on the web client while the C API is being written: in-memory, one process,
a simplified workflow (docs/workflow.md rows 2-18, 21, 23) with the demo logins of
data/demo/demo.json. The JSON it returns is the shape web/js/api.js expects; docs/web.md lists
those fields for the real API. Not used by make check (tests/integration/t_browser.sh targets
the real stack).

Usage: python3 tests/browser/mock_api.py [PORT]   (MOCK_NO_MEDIA=1: /api/v1/media answers 404)
"""
import http.server, json, os, secrets, sys, time, urllib.parse
sys.dont_write_bytecode = True

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
WEB = os.path.join(ROOT, 'web')
DEMO = json.load(open(os.path.join(ROOT, 'data', 'demo', 'demo.json'), encoding='utf-8'))
ORGS = {o['code']: dict(o, id=i + 1) for i, o in enumerate(DEMO['organisations'])}
USERS = {
    'tiepnhan': (['reception'], 'TTCDS'), 'bientap': (['publisher'], 'TTCDS'),
    'giamsat': (['monitor'], 'TTCDS'), 'sxd.canbo': (['officer'], 'SXD'),
    'sxd.lanhdao': (['leader'], 'SXD'), 'snnmt.canbo': (['officer'], 'SNNMT'),
}
# state -> [(action, to_state, roles, needs)] ; needs: 'lead' = the actor's agency leads
FLOW = {
    'received': [('request_info', 'needs_info', ['reception'], ''), ('reject', 'not_accepted', ['reception'], ''),
                 ('merge', 'merged', ['reception'], ''), ('distribute', 'distributed', ['reception'], '')],
    'needs_info': [('supplement', 'received', ['reception'], '')],
    'distributed': [('accept', 'in_processing', ['officer'], 'lead'),
                    ('return_not_competent', 'returned_to_center', ['officer', 'leader'], 'lead')],
    'in_processing': [('submit_result', 'awaiting_approval', ['officer'], 'lead'),
                      ('return_not_competent', 'returned_to_center', ['officer', 'leader'], 'lead'),
                      ('escalate', 'escalated', ['monitor'], '')],
    'returned_to_center': [('redistribute', 'distributed', ['reception'], '')],
    'awaiting_approval': [('return_for_rework', 'in_processing', ['leader'], 'lead'),
                          ('approve', 'approved', ['leader'], 'lead')],
    'approved': [('publish', 'published', ['publisher'], 'pub'), ('deliver_private', 'delivered_privately', ['publisher'], 'conf'),
                 ('reject_publication', 'awaiting_approval', ['publisher'], '')],
}
TIMER = {'distribute': ['accept', 'process'], 'accept': ['process'], 'submit_result': ['approve'],
         'approve': ['publish'], 'redistribute': ['accept', 'process']}
QUEUE = {'intake': ['received'], 'returned': ['returned_to_center'], 'inbox': ['distributed'],
         'processing': ['in_processing'], 'approval': ['awaiting_approval'], 'publication': ['approved']}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: "
       "https://tile.openstreetmap.org https://*.tile.openstreetmap.org; media-src 'self' blob:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
CASES, SESSIONS, NOTIFS, REVEALS = {}, {}, [], []
STATE_VI = {'received': 'Mới tiếp nhận / Chờ kiểm tra', 'published': 'Đã trả lời – công khai'}


def now():
    return int(time.time())


def org_pub(code):
    o = ORGS.get(code)
    return {'id': o['id'], 'code': o['code'], 'name': o['name']} if o else None


def event(c, kind, actor_org=None, note=None, public=True):
    c['events'].append({'at': now(), 'kind': kind, 'to_state': c['state'], 'org': org_pub(actor_org or c['lead']),
                        'note': note, 'public': public})


def start_timers(c, action):
    for tm in c['timers']:
        if tm['status'] == 'running':
            tm['status'], tm['stopped_at'] = 'on_time', now()
    for kind in TIMER.get(action, []):
        c['timers'].append({'kind': kind, 'org': org_pub(c['lead']), 'started_at': now(),
                            'due_at': now() + 3600 * 8, 'stopped_at': None, 'status': 'running'})


def notice(c, private):
    o = ORGS.get(c['lead'] or 'SXD')
    t = time.gmtime(now() + 7 * 3600)
    who = 'tổ chức' if c['reporter']['type'] == 'organisation' else 'cá nhân'
    return {'superior_line': o.get('superior_line', ''), 'agency_name': o['name'], 'number': '',
            'place_date': f"{DEMO['settings']['place_name']}, ngày {t.tm_mday} tháng {t.tm_mon} năm {t.tm_year}",
            'subject': f"V/v trả lời phản ánh hiện trường mã {c['code']}",
            'addressee': f"Kính gửi: {c['reporter']['name']}" if private else f'Kính gửi: Quý {who}',
            'opening': f"{o['name']} xin thông báo kết quả xử lý phản ánh của quý {who} như sau:",
            'body': c['answer_published'] or c['answer_leader'] or c['answer_officer'] or '',
            'signer_title': o.get('signer_title', 'THỦ TRƯỞNG ĐƠN VỊ')}


def allowed(c, user):
    if not user:
        return []
    out = []
    for act, _to, roles, needs in FLOW.get(c['state'], []):
        if not set(roles) & set(user['roles']):
            continue
        if needs == 'lead' and user['org']['code'] != c['lead']:
            continue
        if (needs == 'pub' and c['confidential']) or (needs == 'conf' and not c['confidential']):
            continue
        out.append(act)
    if 'officer' in user['roles'] or 'leader' in user['roles']:
        if user['org']['code'] == c['lead'] and not any(r['org']['code'] == c['lead'] for r in c['reveals']):
            out.append('request_reveal')
    return out


def view(c, who, user=None):
    center = user and user['org']['code'] == 'TTCDS'
    answered = c['state'] in ('published', 'delivered_privately', 'closed')
    v = {'code': str(c['code']), 'state': c['state'], 'received_at': c['received_at'], 'incident_at': c['incident_at'],
         'description': c['description'], 'address': c['address'], 'lat': c['lat'], 'lng': c['lng'],
         'field': c['field'], 'group': c['group'], 'unit': c['unit'], 'lead_agency': org_pub(c['lead']),
         'agency': org_pub(c['lead']), 'timers': c['timers'], 'media': c['media'],
         'timeline': [e for e in c['events'] if who != 'public' or e['public']]}
    if who == 'public':
        v['timeline'] = [dict(e, note=None) for e in v['timeline']]
    if answered and who in ('public', 'reporter'):
        v['answer'] = {'text': c['answer_published'], 'published_at': c['published_at']}
        v['notice'] = notice(c, who == 'reporter')
    if who == 'reporter':
        v['rating'] = c['rating']
        v['requests'] = c['requests']
        acts = []
        if c['state'] in ('received', 'needs_info'):
            acts.append('withdraw')
        if c['state'] == 'needs_info':
            acts.append('supplement')
        if c['state'] in ('published', 'delivered_privately'):
            acts += ['feedback', 'rate']
        v['actions'] = acts
    if who == 'staff':
        revealed = any(r['state'] == 'approved' and r['org']['code'] == user['org']['code'] for r in c['reveals'])
        v.update({'channel': 'portal', 'confidential': c['confidential'], 'answer_officer': c['answer_officer'],
                  'answer_leader': c['answer_leader'], 'answer_published': c['answer_published'],
                  'notice': notice(c, False), 'notes': c['notes'], 'actions': allowed(c, user),
                  'coord_agencies': [], 'field_suggested': c['field_suggested'],
                  'reporter': c['reporter'] if center or revealed else None,
                  'reveal_requests': [dict(r, can_decide='monitor' in user['roles']) for r in c['reveals']]})
        due = [t['due_at'] for t in c['timers'] if t['status'] == 'running']
        v['due_at'] = min(due) if due else None
    return v


def field_obj(code):
    for f in DEMO['fields']:
        if f['code'] == code:
            return {'code': code, 'name_vi': f['name_vi'], 'name_en': f['name_en']}
        for g in f['groups']:
            if g['code'] == code:
                return {'code': code, 'name_vi': g['name_vi'], 'name_en': g['name_en']}
    return None


class H(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **kw):
        super().__init__(*a, directory=WEB, **kw)

    def log_message(self, *a):
        pass

    def end_headers(self):
        # the same Content-Security-Policy as nginx/server_phananh.conf, so violations show here too
        self.send_header('Content-Security-Policy', CSP)
        super().end_headers()

    def send(self, status, obj):
        b = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json; charset=utf-8')
        self.send_header('Content-Length', str(len(b)))
        self.end_headers()
        self.wfile.write(b)

    def err(self, status, code, msg='', **kw):
        self.send(status, {'error': dict({'code': code, 'message': msg or code}, **kw)})

    def user(self):
        for part in (self.headers.get('Cookie') or '').split(';'):
            k, _, v = part.strip().partition('=')
            if k == 'pa_session' and v in SESSIONS:
                return SESSIONS[v]
        return None

    def body(self):
        n = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(n) if n else b''
        return raw

    def do_GET(self):
        if self.path.startswith('/api/'):
            return self.api('GET')
        return super().do_GET()

    def do_POST(self):
        return self.api('POST')

    def api(self, method):
        u = urllib.parse.urlparse(self.path)
        p = u.path[len('/api/v1'):].strip('/').split('/')
        q = dict(urllib.parse.parse_qsl(u.query))
        try:
            import mock_routes
            return mock_routes.route(self, method, p, q)
        except Exception as e:  # a mock: show the bug
            import traceback
            traceback.print_exc()
            return self.err(500, 'internal', str(e))


if __name__ == '__main__':
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', port), H)
    print(f'mock api on http://127.0.0.1:{port}/', flush=True)
    srv.serve_forever()
