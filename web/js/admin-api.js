// admin-api.js: every call of the administration workspace (/api/v1/admin, docs/admin.md), in the
// style of api.js (same errors, same CSRF header); self-contained so admin.html does not depend on
// the staff workspace's internals. The only admin module that knows URLs and response shapes.
import config from '../config.js';
import { ApiError } from './api.js';

const BASE = config.apiBase;
const A = '/admin';
const enc = encodeURIComponent;
const arr = (v) => (Array.isArray(v) ? v : []);
let csrfToken = null;

function qs(params) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {}))
		if (v !== undefined && v !== null && v !== '')
			p.set(k, String(v));
	const s = p.toString();
	return s ? '?' + s : '';
}

async function call(method, path, body) {
	const headers = { Accept: 'application/json' };
	const init = { method, headers, credentials: 'same-origin' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	if (method !== 'GET' && csrfToken)
		headers['X-CSRF-Token'] = csrfToken;
	let res;
	try {
		res = await fetch(BASE + path, init);
	} catch (e) {
		throw new ApiError(0, { error: { code: 'network', message: String(e.message || e) } });
	}
	const text = await res.text();
	let data = null;
	if (text) {
		try { data = JSON.parse(text); } catch (e) { data = null; }
	}
	if (!res.ok) {
		const err = new ApiError(res.status, data);
		err.line = data && data.error && data.error.line;
		throw err;
	}
	return data || {};
}

function session(d) {
	if (d && d.csrf)
		csrfToken = d.csrf;
	const u = (d && d.user) || {};
	u.roles = arr(u.roles);
	return u;
}

const items = async (path) => arr((await call('GET', path)).items);

// Object types of the generic endpoints: path segment per type.
export const PATHS = {
	org: 'orgs', org_type: 'org-types', user: 'users', field: 'fields', group: 'groups',
	unit: 'units', calendar: 'calendars', setting: 'settings',
	// rows the database numbers: their key is "id"
	reminder_rule: 'reminder-rules', field_attribute: 'field-attributes', field_deadline: 'field-deadlines',
};

export const adm = {
	login: async (username, password) => session(await call('POST', '/auth/login', { username, password })),
	me: async () => session(await call('GET', '/auth/me')),
	logout: async () => { try { await call('POST', '/auth/logout', {}); } finally { csrfToken = null; } },
	csrf: () => csrfToken,

	list: (type) => items(`${A}/${PATHS[type]}`),
	get: (type, id) => call('GET', `${A}/${PATHS[type]}/${enc(id)}`),
	create: (type, obj) => call('POST', `${A}/${PATHS[type]}`, obj),
	update: (type, id, patch) => call('PATCH', `${A}/${PATHS[type]}/${enc(id)}`, patch),
	setSetting: (name, value) => call('PUT', `${A}/settings/${enc(name)}`, { value }),
	remove: (type, id) => call('DELETE', `${A}/${PATHS[type]}/${enc(id)}`),
	deactivate: (type, id, reason) =>
		call('POST', `${A}/${PATHS[type]}/${enc(id)}/deactivate`, { reason: reason || '' }),

	deadlines: () => call('GET', `${A}/deadlines`),
	setDeadline: (org, minutes) => call('PATCH', `${A}/deadlines/${enc(org)}`, { process_minutes: minutes }),

	routing: () => items(`${A}/routing`),
	setRule: (rule) => call('POST', `${A}/routing`, rule),
	deleteRule: (field, unit) => call('DELETE', `${A}/routing` + qs({ field, unit })),

	checkCalendar: (body) => call('POST', `${A}/calendars/check`, { body }),
	previewCalendar: (code, body) => call('POST', `${A}/calendars/${enc(code)}/preview`, { body }),

	async templates() {
		const d = await call('GET', `${A}/templates`);
		return { items: arr(d.items), placeholders: arr(d.placeholders), mail: arr(d.mail_placeholders),
			notice: arr(d.notice_placeholders) };
	},
	setTemplate: (ch, name, lang, body) => call('PUT', `${A}/templates/${enc(ch)}/${enc(name)}/${enc(lang)}`, { body }),
	resetTemplate: (ch, name, lang) => call('DELETE', `${A}/templates/${enc(ch)}/${enc(name)}/${enc(lang)}`),
	previewTemplate: (req) => call('POST', `${A}/templates/preview`, req),

	apikeys: () => items(`${A}/apikeys`),
	createKey: (org, kind, name) => call('POST', `${A}/apikeys`, { org: org || null, kind, name }),
	rotateKey: (prefix) => call('POST', `${A}/apikeys/${enc(prefix)}/rotate`),
	revokeKey: (prefix) => call('POST', `${A}/apikeys/${enc(prefix)}/revoke`),

	audit: (params) => call('GET', `${A}/audit` + qs(params)),
	auditCsvUrl: (params) => `${BASE}${A}/audit/export` + qs(params),
	exportUrl: () => `${BASE}${A}/export`,
	meta: () => call('GET', '/meta'),
};
