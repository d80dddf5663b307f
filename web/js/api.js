// api.js: every call to /api/v1 (docs/api.md) and the normalisation of its answers. The only module
// that knows URLs and response shapes: when the server's JSON changes, adjust it here.
import config from '../config.js';

const BASE = config.apiBase;
let csrfToken = null;

export class ApiError extends Error {
	constructor(status, body) {
		const e = (body && body.error) || {};
		super(e.message || `HTTP ${status}`);
		this.status = status;
		this.code = e.code || (status === 0 ? 'network' : 'http_' + status);
		this.field = e.field || null;
		this.state = (body && body.state) || e.state || null;
	}
}

function qs(params) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {})) {
		if (v !== undefined && v !== null && v !== '')
			p.set(k, String(v));
	}
	const s = p.toString();
	return s ? '?' + s : '';
}

async function call(method, path, body, staff) {
	const headers = { Accept: 'application/json' };
	const init = { method, headers, credentials: 'same-origin' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	if (staff && method !== 'GET' && csrfToken)
		headers['X-CSRF-Token'] = csrfToken;
	let res;
	try {
		res = await fetch(BASE + path, init);
	} catch (e) {
		throw new ApiError(0, { error: { code: 'network', message: String(e.message || e) } });
	}
	let data = null;
	const text = await res.text();
	if (text) {
		try { data = JSON.parse(text); } catch (e) { data = null; }
	}
	if (!res.ok)
		throw new ApiError(res.status, data);
	return data || {};
}

const enc = encodeURIComponent;
const arr = (v) => (Array.isArray(v) ? v : []);

// ---- shape normalisation (one place) -------------------------------------------------------
function normCase(c) {
	c = c || {};
	c.code = String(c.code ?? c.id ?? '');
	// server shapes: events {at, kind, from, to, agency, note};
	// timers {stage, org, org_name, started_at, due_at, stopped_at, status}
	c.timeline = arr(c.timeline || c.events).map((e) => ({
		...e, to_state: e.to_state ?? e.to ?? null, org: e.org ?? (e.agency || null) }));
	c.timers = arr(c.timers || c.stages).map((x) => ({
		...x, kind: x.kind ?? x.stage, org: x.org_name || x.org }));
	c.actions = arr(c.actions).map((a) => (typeof a === 'string' ? a : a.action || a.name));
	c.media = arr(c.media);
	c.requests = arr(c.requests || c.info_requests);
	c.reveal_requests = arr(c.reveal_requests);
	c.notes = arr(c.notes);
	c.coord_agencies = arr(c.coord_agencies);
	if (c.answer && typeof c.answer === 'string')
		c.answer = { text: c.answer };
	// staff: the three versions of the answer (officer's draft, leader's edit, published text)
	const a = (c.answer && typeof c.answer === 'object') ? c.answer : {};
	c.drafts = {
		officer: c.answer_officer ?? a.officer ?? null,
		leader: c.answer_leader ?? a.leader ?? null,
		published: c.answer_published ?? a.published ?? null,
	};
	return c;
}

function normList(d) {
	d = d || {};
	const items = arr(d.items || d.cases || d.data);
	return {
		items: items.map(normCase),
		total: d.total ?? items.length,
		page: d.page ?? 1,
		page_size: d.page_size ?? items.length,
		counts: d.counts || null,
	};
}

function normUser(d) {
	d = d || {};
	if (d.csrf)
		csrfToken = d.csrf;
	const u = d.user || {};
	u.roles = arr(u.roles);
	u.org = u.org || u.organisation || null;
	return u;
}

// ---- public and citizen ---------------------------------------------------------------------
export const api = {
	health: () => call('GET', '/health'),
	async meta() {
		const m = await call('GET', '/meta');
		m.fields = arr(m.fields).map((f) => ({ ...f, groups: arr(f.groups) }));
		m.agencies = arr(m.agencies || m.organisations);
		m.units = arr(m.units || m.admin_units);
		m.rating_levels = arr(m.rating_levels || m.ratings);
		// the server sends [{state, vi, en}]; the pages look labels up by state
		if (Array.isArray(m.states))
			m.states = Object.fromEntries(m.states.map((s) => [s.state, s]));
		m.states = m.states || m.state_labels || {};
		return m;
	},
	submitReport: (report) => call('POST', '/reports',
		{ ...report, declaration: report.declaration ?? report.truthful }),

	// Upload one file with progress (fetch has no upload progress: XHR). Resolves to the media
	// record {id, kind, url, thumb_url, exif:{taken_at, lat, lng}} or to null when the server has no
	// media endpoint (404/405/501): the caller then submits without media.
	uploadMedia(file, onProgress) {
		return new Promise((resolve, reject) => {
			const xhr = new XMLHttpRequest();
			xhr.open('POST', BASE + '/media');
			xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
			xhr.setRequestHeader('X-File-Name', enc(file.name || 'upload'));
			xhr.setRequestHeader('Accept', 'application/json');
			xhr.upload.onprogress = (ev) => {
				if (ev.lengthComputable && onProgress)
					onProgress(ev.loaded / ev.total);
			};
			xhr.onerror = () => reject(new ApiError(0, null));
			xhr.onload = () => {
				let data = null;
				try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
				if (xhr.status >= 200 && xhr.status < 300)
					resolve((data && (data.media || data)) || {});
				else if ([404, 405, 501].includes(xhr.status))
					resolve(null);
				else
					reject(new ApiError(xhr.status, data));
			};
			xhr.send(file);
		});
	},

	track: async (token) => normCase(await call('GET', `/track/${enc(token)}`)),
	trackAction: (token, action, body) =>
		call('POST', `/track/${enc(token)}/actions/${enc(action)}`, body || {}),

	publicCases: async (params) => normList(await call('GET', '/public/cases' + qs(params))),
	publicCase: async (code) => normCase(await call('GET', `/public/cases/${enc(code)}`)),

	// ---- staff ------------------------------------------------------------------------------
	async login(username, password) {
		return normUser(await call('POST', '/auth/login', { username, password }));
	},
	async me() {
		return normUser(await call('GET', '/auth/me'));
	},
	async logout() {
		try { await call('POST', '/auth/logout', {}, true); } finally { csrfToken = null; }
	},
	queue: async (name, params) => normList(await call('GET', `/queues/${enc(name)}` + qs(params))),
	getCase: async (code) => normCase(await call('GET', `/cases/${enc(code)}`)),
	act: (code, action, body) =>
		call('POST', `/cases/${enc(code)}/actions/${enc(action)}`, body || {}, true),
	note: (code, text) => call('POST', `/cases/${enc(code)}/notes`, { text }, true),
	async suggestions(code) {
		const s = await call('GET', `/cases/${enc(code)}/suggestions`);
		s.duplicates = arr(s.duplicates).map(normCase);
		s.routing = s.routing || s.suggestion || null;
		return s;
	},
	revealRequest: (code, purpose) =>
		call('POST', `/cases/${enc(code)}/reveal-requests`, { purpose }, true),
	revealDecision: (id, approve) =>
		call('POST', `/reveal-requests/${enc(id)}/decision`, { approve: !!approve }, true),
	async notifications() {
		const d = await call('GET', '/notifications');
		return { items: arr(d.items || d.notifications), unread: d.unread ?? 0 };
	},
	notificationRead: (id) => call('POST', `/notifications/${enc(id)}/read`, {}, true),
	async stats(params) {
		const s = await call('GET', '/stats/overview' + qs(params));
		for (const k of ['by_agency', 'by_officer', 'trend', 'overdue', 'at_risk', 'escalated', 'points'])
			s[k] = arr(s[k]).map((x) => (x && x.code !== undefined ? normCase(x) : x));
		s.by_state = s.by_state || {};
		s.totals = s.totals || {};
		return s;
	},
};
