// admin-views.js: the sections of the administration workspace. Plain objects go through
// resourceView (admin-form.js) — also reminder rules, Open311 attributes and per-field deadlines,
// whose key is the "id" the server assigns; routing, calendars, deadlines, templates, settings,
// keys and the audit log have their own screens. Every change is audited by the server
// (docs/admin.md).
import { el, clear, say, errorText, fmtTime } from './ui.js';
import { nameOf } from './i18n.js';
import { adm } from './admin-api.js';
import { at } from './admin-i18n.js';
import { resourceView } from './admin-form.js';

const opt = (rows, label) => rows.map((r) => ({ value: r.code, text: label ? label(r) : `${r.code} · ${nameOf(r)}` }));
const ROLES = ['reception', 'publisher', 'monitor', 'officer', 'leader', 'agency_admin', 'sysadmin'];
const AGENCY_ROLES = ['officer', 'leader', 'agency_admin'];
const STAGES = ['intake', 'accept', 'return', 'process', 'approve', 'publish', 'redistribute', 'clarify', 'supplement'];
const RECIPIENTS = ['assignee', 'officers', 'focal_officer', 'focal_leader', 'leaders', 'monitor'];
const CHANNELS = ['sms', 'email', 'portal', 'push'];
const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];
const plain = (list, prefix) => list.map((v) => ({ value: v, text: prefix ? at(prefix + v) : v }));

function card(pane, id, title, ...children) {
	const c = el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id, text: title }), ...children);
	pane.append(c);
	return c;
}

function status() {
	return el('div', { class: 'msg', role: 'status', hidden: true });
}

function labelled(id, label, control) {
	control.id = id;
	return el('div', { class: 'fld' }, el('label', { for: id, text: label }), control);
}

function select(id, label, options, value) {
	const s = el('select', {}, el('option', { value: '', text: '—' }),
		...options.map((o) => el('option', { value: o.value, text: o.text })));
	s.value = value || '';
	return labelled(id, label, s);
}

function table(id, heads, rows) {
	return el('div', { class: 'table-wrap' }, el('table', { id },
		el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col', text: h })))),
		el('tbody', {}, ...rows)));
}

async function orgs(pane, user) {
	const ref = { types: await adm.list('org_type'), orgs: await adm.list('org'),
		cals: user.sysadmin ? await adm.list('calendar') : [], users: await adm.list('user') };
	const users = () => ref.users.map((u) => ({ value: u.username, text: `${u.username} · ${u.display_name} (${u.org})` }));
	const focal = [{ key: 'focal_leader', type: 'select', options: users }, { key: 'focal_officer', type: 'select', options: users },
		{ key: 'focal_doc' }];
	await resourceView(pane, {
		type: 'org', prefix: 'orgs', title: at('tab.orgs'), deactivate: user.sysadmin, create: user.sysadmin,
		cols: ['code', 'name', 'type', 'parent', 'process_minutes', 'focal_leader', 'focal_officer', 'focal_doc'],
		spec: () => (user.sysadmin ? [{ key: 'code', req: true }, { key: 'name', req: true }, { key: 'short_name' },
			{ key: 'type', type: 'select', options: () => opt(ref.types) },
			{ key: 'parent', type: 'select', options: () => opt(ref.orgs, (o) => `${o.code} · ${o.name}`) },
			{ key: 'is_center', type: 'bool' }, { key: 'calendar', type: 'select', options: () => opt(ref.cals, (c) => `${c.code} · ${c.name}`) },
			{ key: 'process_minutes', type: 'number', default: 2880 }, { key: 'email' }, { key: 'superior_line' },
			{ key: 'signer_title' }, ...focal] : focal),
		after: async () => { ref.orgs = await adm.list('org'); },
	});
}

async function people(pane, user) {
	const orgsList = await adm.list('org');
	const roles = user.sysadmin ? ROLES : AGENCY_ROLES;
	await resourceView(pane, {
		type: 'user', prefix: 'people', key: 'username', title: at('tab.people'), deactivate: true,
		cols: ['username', 'display_name', 'org', 'roles', 'phone', 'email'],
		spec: () => [{ key: 'username', req: true }, { key: 'display_name', req: true },
			{ key: 'org', type: 'select', req: true, options: () => opt(orgsList, (o) => `${o.code} · ${o.name}`),
				default: user.sysadmin ? '' : user.org.code },
			{ key: 'roles', type: 'multi', options: () => roles.map((r) => ({ value: r, text: at('role.' + r) })) },
			{ key: 'phone' }, { key: 'email' }, { key: 'sms_plain', type: 'bool' },
			{ key: 'password', type: 'password', createOnly: true }],
		note: (res) => (res.password ? at('people.password_once', { user: res.username, pw: res.password }) : at('act.saved')),
	});
}

async function fields(pane) {
	const ref = { fields: await adm.list('field') };
	let groups = null;
	await resourceView(pane, {
		type: 'field', prefix: 'fields', title: at('fields.title'),
		cols: ['code', 'name_vi', 'name_en', 'keywords', 'sort', 'active'],
		spec: () => [{ key: 'code', req: true }, { key: 'name_vi', req: true }, { key: 'name_en' }, { key: 'keywords' },
			{ key: 'description' }, { key: 'sort', type: 'number' }, { key: 'active', type: 'bool', default: true }],
		after: async () => { ref.fields = await adm.list('field'); if (groups) groups.reset(); },
	});
	groups = await resourceView(pane, {
		type: 'group', prefix: 'groups', title: at('groups.title'),
		cols: ['code', 'field', 'name_vi', 'name_en', 'active'],
		spec: () => [{ key: 'code', req: true }, { key: 'field', type: 'select', req: true, options: () => opt(ref.fields) },
			{ key: 'name_vi', req: true }, { key: 'name_en' }, { key: 'active', type: 'bool', default: true }],
	});
	// Open311 attributes: the extra questions of a field (GeoReport v2 service definitions)
	await resourceView(pane, {
		type: 'field_attribute', prefix: 'attrs', key: 'id', title: at('attrs.title'),
		cols: ['field', 'code', 'datatype', 'required', 'order', 'description', 'active'],
		spec: () => [{ key: 'field', type: 'select', req: true, options: () => opt(ref.fields) }, { key: 'code', req: true },
			{ key: 'datatype', type: 'select', req: true, options: () => plain(DATATYPES) },
			{ key: 'variable', type: 'bool', default: true }, { key: 'required', type: 'bool' },
			{ key: 'order', type: 'number', req: true, default: 1 }, { key: 'description', req: true },
			{ key: 'datatype_description' }, { key: 'values', type: 'pairs', hint: () => at('attrs.values_hint') },
			{ key: 'active', type: 'bool', default: true }],
	});
}

async function reminders(pane) {
	await resourceView(pane, {
		type: 'reminder_rule', prefix: 'rules', key: 'id', title: at('tab.reminders'), remove: true,
		cols: ['stage', 'offset_min', 'recipients', 'channels', 'urgent', 'template', 'note'],
		spec: () => [{ key: 'stage', type: 'select', req: true, options: () => plain(STAGES, 'stage.') },
			{ key: 'offset_min', type: 'number', req: true, default: 0, hint: () => at('rules.offset_hint') },
			{ key: 'recipients', type: 'multi', options: () => plain(RECIPIENTS, 'rcpt.') },
			{ key: 'channels', type: 'multi', options: () => plain(CHANNELS) },
			{ key: 'urgent', type: 'bool' }, { key: 'template', req: true }, { key: 'note' },
			{ key: 'active', type: 'bool', default: true }],
	});
}

async function units(pane) {
	const ref = { units: await adm.list('unit') };
	await resourceView(pane, {
		type: 'unit', prefix: 'units', title: at('tab.units'),
		cols: ['code', 'name', 'level', 'parent', 'valid_from', 'valid_to', 'successors'],
		spec: () => [{ key: 'code', req: true }, { key: 'name', req: true },
			{ key: 'level', type: 'select', req: true, options: () => ['province', 'district', 'commune'].map((v) => ({ value: v, text: v })) },
			{ key: 'parent', type: 'select', options: () => opt(ref.units, (u) => `${u.code} · ${u.name}`) },
			{ key: 'valid_from', type: 'date' }, { key: 'valid_to', type: 'date' }, { key: 'successors', type: 'csv' }],
		after: async () => { ref.units = await adm.list('unit'); },
	});
}

async function routing(pane) {
	const [fs, us, os] = await Promise.all([adm.list('field'), adm.list('unit'), adm.list('org')]);
	const agencies = os.filter((o) => o.active && !o.is_center);
	const box = status();
	const list = el('div');
	const c = card(pane, 'routing-h', at('tab.routing'), el('p', { class: 'hint', text: at('routing.hint') }), box, list);
	async function reload() {
		const rules = await adm.routing();
		clear(list).append(table('routing-table', [at('f.field'), at('f.unit'), at('f.lead'), at('f.coord'), at('list.actions')],
			rules.map((r) => el('tr', {}, el('td', { text: r.field }), el('td', { text: r.unit || at('routing.province') }),
				el('td', { text: r.lead }), el('td', { text: (r.coord || []).join(', ') }),
				el('td', {}, el('button', { type: 'button', class: 'btn-link', text: at('act.delete'), on: { click: async () => {
					try { await adm.deleteRule(r.field, r.unit); await reload(); } catch (e) { say(box, 'error', errorText(e)); }
				} } }))))));
	}
	const f = el('form', { id: 'routing-form' },
		select('routing-field', at('f.field') + ' *', opt(fs)),
		select('routing-unit', at('f.unit'), opt(us.filter((u) => u.level !== 'province'), (u) => `${u.code} · ${u.name}`)),
		select('routing-lead', at('f.lead') + ' *', opt(agencies, (o) => `${o.code} · ${o.name}`)),
		el('fieldset', {}, el('legend', { text: at('f.coord') }), ...agencies.map((o) => el('label', { class: 'inline' },
			el('input', { type: 'checkbox', name: 'routing-coord', value: o.code }), ' ', o.code))),
		el('button', { type: 'submit', id: 'routing-save', class: 'btn btn-primary', text: at('act.save') }));
	f.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const rule = { field: f.querySelector('#routing-field').value, unit: f.querySelector('#routing-unit').value || null,
			lead: f.querySelector('#routing-lead').value,
			coord: [...f.querySelectorAll('input[name=routing-coord]:checked')].map((x) => x.value) };
		try { await adm.setRule(rule); say(box, 'ok', at('act.saved')); await reload(); } catch (e) { say(box, 'error', errorText(e)); }
	});
	c.append(el('h3', { text: at('act.new') }), f);
	await reload();
}

async function calendars(pane) {
	const cals = await adm.list('calendar');
	const box = status();
	const out = el('div', { id: 'cal-preview-out', 'aria-live': 'polite' });
	const body = el('textarea', { rows: '18', spellcheck: 'false' });
	const pick = select('cal-select', at('cal.choose'), opt(cals, (c) => `${c.code} · ${c.name}`), cals[0] && cals[0].code);
	const date = el('input', { type: 'date' });
	const name = el('input', {});
	const load = () => { const c = cals.find((x) => x.code === pick.querySelector('select').value); body.value = c ? c.body : ''; };
	pick.querySelector('select').addEventListener('change', load);
	const add = (kind) => {
		if (!date.value)
			return say(box, 'error', at('cal.date') + ' ?');
		body.value = body.value.replace(/\n*$/, '\n') + `${kind} ${date.value}${name.value.trim() ? ' ' + name.value.trim() : ''}\n`;
		return say(box, 'info', '');
	};
	const fail = (e) => say(box, 'error', e.line ? at('cal.line', { line: e.line, msg: e.message }) : errorText(e));
	const code = () => pick.querySelector('select').value;
	const btn = (id, text, fn) => el('button', { type: 'button', id, class: 'btn', text, on: { click: fn } });
	card(pane, 'cal-h', at('tab.calendars'), box, pick, labelled('cal-body', at('f.body'), body),
		el('p', { class: 'hint', text: at('cal.help') }),
		el('div', { class: 'row2' }, labelled('cal-date', at('cal.date'), date), labelled('cal-name', at('cal.day_name'), name)),
		el('div', { class: 'nav-buttons' }, btn('cal-add-holiday', at('cal.add_holiday'), () => add('holiday')),
			btn('cal-add-workday', at('cal.add_workday'), () => add('workday'))),
		el('div', { class: 'nav-buttons' },
			btn('cal-check', at('cal.check'), async () => {
				try { await adm.checkCalendar(body.value); say(box, 'ok', at('cal.valid')); } catch (e) { fail(e); }
			}),
			btn('cal-preview', at('cal.preview'), async () => {
				try {
					const p = await adm.previewCalendar(code(), body.value);
					clear(out).append(el('p', { id: 'cal-affected', text: at('cal.affected', { n: p.count, m: p.checked }) }),
						p.sample.length ? table('cal-sample', ['cal.col_case', 'cal.col_stage', 'cal.col_org', 'cal.col_due', 'cal.col_new'].map((k) => at(k)),
							p.sample.map((x) => el('tr', {}, el('td', { text: x.case }), el('td', { text: x.stage }), el('td', { text: x.org }),
								el('td', { text: fmtTime(x.due_at) }), el('td', { text: fmtTime(x.new_due_at) })))) : null);
				} catch (e) { fail(e); }
			}),
			el('button', { type: 'button', id: 'cal-save', class: 'btn btn-primary', text: at('act.save'), on: { click: async () => {
				try {
					const c = await adm.update('calendar', code(), { body: body.value });
					cals.splice(cals.findIndex((x) => x.code === c.code), 1, c);
					say(box, 'ok', at('act.saved'));
				} catch (e) { fail(e); }
			} } })),
		out);
	load();
}

async function deadlines(pane, user) {
	const d = await adm.deadlines();
	const box = status();
	const reload = async () => { pane.replaceChildren(); await deadlines(pane, user); };
	card(pane, 'dl-h', at('tab.deadlines'), el('p', { class: 'hint', text: at('dl.cap', { max: d.cap_minutes, min: d.min_minutes }) }), box,
		table('dl-table', [at('f.code'), at('f.name'), at('f.process_minutes'), at('list.actions')], d.items.map((o) => {
			const inp = el('input', { type: 'number', id: 'dl-' + o.code, min: String(d.min_minutes), max: String(d.cap_minutes),
				value: String(o.process_minutes), 'aria-label': at('f.process_minutes') + ' ' + o.code });
			return el('tr', {}, el('td', { text: o.code }), el('td', { text: o.name }), el('td', {}, inp),
				el('td', {}, el('button', { type: 'button', class: 'btn', id: 'dl-save-' + o.code, text: at('act.save'), on: { click: async () => {
					try { await adm.setDeadline(o.code, parseInt(inp.value, 10)); say(box, 'ok', at('act.saved')); } catch (e) { say(box, 'error', errorText(e)); }
				} } })));
		})));
	await fieldDeadlines(pane, d, reload);
}

// Per (agency, field) processing deadlines: a row overrides the agency's own deadline for cases of
// that field, from the next distribution on.
async function fieldDeadlines(pane, d, reload) {
	const meta = await adm.meta();
	const box = status();
	const rows = d.field_deadlines || [];
	const org = select('fdl-org', at('f.org') + ' *', d.items.map((o) => ({ value: o.code, text: `${o.code} · ${o.name}` })),
		d.items.length === 1 ? d.items[0].code : '');
	const field = select('fdl-field', at('f.field') + ' *', opt(meta.fields || []));
	const minutes = el('input', { type: 'number', min: String(d.min_minutes), max: String(d.cap_minutes) });
	const f = el('form', { id: 'fdl-form' }, el('div', { class: 'row2' }, org, field),
		labelled('fdl-minutes', at('f.process_minutes') + ' *', minutes),
		el('div', { class: 'nav-buttons' }, el('button', { type: 'submit', id: 'fdl-save', class: 'btn btn-primary', text: at('act.save') })));
	const fail = (e) => say(box, 'error', errorText(e));
	f.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const obj = { org: org.querySelector('select').value, field: field.querySelector('select').value,
			process_minutes: parseInt(minutes.value, 10) };
		const cur = rows.find((r) => r.org === obj.org && r.field === obj.field);
		try {
			if (cur)
				await adm.update('field_deadline', cur.id, { process_minutes: obj.process_minutes });
			else
				await adm.create('field_deadline', obj);
			await reload();
		} catch (e) { fail(e); }
	});
	card(pane, 'fdl-h', at('fdl.title'), el('p', { class: 'hint', text: at('fdl.hint') }), box,
		rows.length ? table('fdl-table', [at('f.org'), at('f.field'), at('f.process_minutes'), at('list.actions')], rows.map((r) =>
			el('tr', {}, el('td', { text: r.org }), el('td', { text: r.field }), el('td', { text: String(r.process_minutes) }),
				el('td', {}, el('button', { type: 'button', class: 'btn-link', text: at('act.delete'),
					'aria-label': `${at('act.delete')} ${r.org} ${r.field}`, on: { click: async () => {
						try { await adm.remove('field_deadline', r.id); await reload(); } catch (e) { fail(e); }
					} } })))))
			: el('p', { class: 'muted', text: at('list.none') }),
		el('h3', { text: at('act.new') }), f);
}

async function templates(pane) {
	const d = await adm.templates();
	const box = status();
	const editor = el('div');
	const c = card(pane, 'tpl-h', at('tab.templates'), el('p', { class: 'hint', text: at('tpl.placeholders', { list: d.placeholders.map((p) => `{${p}}`).join(' ') }) }), box);
	c.append(table('tpl-table', ['channel', 'name', 'lang', ''], d.items.map((x) => el('tr', {},
		el('td', { text: x.channel }), el('td', {}, el('button', { type: 'button', class: 'btn-link', text: x.name, on: { click: () => edit(x) } })),
		el('td', { text: x.lang }), el('td', {}, x.override ? el('span', { class: 'badge', text: at('tpl.overridden') }) : null)))), editor);
	function edit(x) {
		const body = el('textarea', { rows: '5', value: x.override || x.default || '' });
		const cs = el('input', { inputmode: 'numeric' });
		const out = el('p', { id: 'tpl-preview-out', class: 'pre', 'aria-live': 'polite' });
		const act = async (fn) => { try { await fn(); } catch (e) { say(box, 'error', errorText(e)); } };
		const names = x.channel === 'notice' ? d.notice : ['email', 'push', 'facebook'].includes(x.channel) ? [...d.placeholders, ...d.mail] : null;
		clear(editor).append(el('h3', { text: `${x.channel} / ${x.name} / ${x.lang}` }),
			names ? el('p', { class: 'hint', text: at('tpl.placeholders', { list: names.map((p) => `{${p}}`).join(' ') }) }) : null,
			x.default ? el('p', { class: 'hint pre', text: at('tpl.default') + ': ' + x.default }) : null,
			labelled('tpl-body', at('tpl.override'), body), labelled('tpl-case', at('tpl.case'), cs),
			el('div', { class: 'nav-buttons' },
				el('button', { type: 'button', id: 'tpl-preview', class: 'btn', text: at('tpl.preview'), on: { click: () => act(async () => {
					out.textContent = (await adm.previewTemplate({ case: cs.value, body: body.value, channel: x.channel })).text;
				}) } }),
				el('button', { type: 'button', id: 'tpl-save', class: 'btn btn-primary', text: at('act.save'), on: { click: () => act(async () => {
					await adm.setTemplate(x.channel, x.name, x.lang, body.value);
					x.override = body.value;
					say(box, 'ok', at('act.saved'));
				}) } }),
				x.override ? el('button', { type: 'button', id: 'tpl-reset', class: 'btn', text: at('tpl.reset'), on: { click: () => act(async () => {
					await adm.resetTemplate(x.channel, x.name, x.lang);
					x.override = null;
					say(box, 'ok', at('act.saved'));
				}) } }) : null), out);
		body.focus();
	}
}

async function settings(pane) {
	const rows = await adm.list('setting');
	const box = status();
	const name = el('input', {});
	const value = el('input', {});
	const f = el('form', { id: 'set-form' }, labelled('set-name', at('f.name') + ' *', name), labelled('set-value', at('f.value'), value),
		el('button', { type: 'submit', id: 'set-save', class: 'btn btn-primary', text: at('act.save') }));
	f.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		try { await adm.setSetting(name.value.trim(), value.value); say(box, 'ok', at('act.saved')); pane.replaceChildren(); await settings(pane); } catch (e) { say(box, 'error', errorText(e)); }
	});
	card(pane, 'set-h', at('tab.settings'), box, table('set-table', [at('f.name'), at('f.value'), ''], rows.map((r) => el('tr', {},
		el('td', { text: r.name }), el('td', { text: r.value }), el('td', {}, el('button', { type: 'button', class: 'btn-link', text: at('act.edit'),
			on: { click: () => { name.value = r.name; value.value = r.value; value.focus(); } } }))))), f,
	el('p', {}, el('a', { href: adm.exportUrl(), download: 'reference-data.json', text: at('act.export') })));
}

async function keys(pane) {
	const [rows, os] = await Promise.all([adm.apikeys(), adm.list('org')]);
	const box = status();
	const act = async (fn) => { try { const r = await fn(); if (r && r.key) say(box, 'ok', at('keys.secret', { key: r.key })); pane.replaceChildren(); await keys(pane); pane.querySelector('.msg').replaceWith(box); } catch (e) { say(box, 'error', errorText(e)); } };
	const org = select('key-org', at('f.org'), opt(os, (o) => `${o.code} · ${o.name}`));
	const kind = select('key-kind', at('f.kind') + ' *', [{ value: 'sync', text: 'sync' }, { value: 'open311', text: 'open311' }], 'sync');
	const name = el('input', {});
	const f = el('form', { id: 'key-form' }, org, kind, labelled('key-name', at('f.name') + ' *', name),
		el('button', { type: 'submit', id: 'key-save', class: 'btn btn-primary', text: at('act.new') }));
	f.addEventListener('submit', (ev) => { ev.preventDefault(); act(() => adm.createKey(org.querySelector('select').value, kind.querySelector('select').value, name.value)); });
	card(pane, 'key-h', at('tab.keys'), box, table('key-table', ['prefix', at('f.org'), at('f.kind'), at('f.name'), at('keys.created'), ''],
		rows.map((k) => el('tr', { class: k.revoked_at ? 'muted' : null }, el('td', { text: k.prefix }), el('td', { text: k.org || '' }),
			el('td', { text: k.kind }), el('td', { text: k.name }), el('td', { text: fmtTime(k.created_at) }),
			el('td', {}, k.revoked_at ? el('span', { class: 'badge', text: at('keys.revoked') }) : [
				el('button', { type: 'button', class: 'btn-link', text: at('keys.rotate'), on: { click: () => act(() => adm.rotateKey(k.prefix)) } }),
				el('button', { type: 'button', class: 'btn-link', text: at('keys.revoke'), on: { click: () => act(() => adm.revokeKey(k.prefix)) } })])))), f);
}

async function audit(pane) {
	const box = status();
	const typ = el('input', {});
	const oid = el('input', {});
	const actor = el('input', {});
	const out = el('div');
	let page = 1;
	const params = () => ({ object_type: typ.value.trim(), object_id: oid.value.trim(), actor: actor.value.trim() });
	const json = (v) => (v === null || v === undefined ? '' : el('details', {}, el('summary', { text: '{…}' }),
		el('pre', { class: 'pre', text: JSON.stringify(v, null, 1) })));
	async function load() {
		try {
			const d = await adm.audit({ ...params(), page, page_size: 50 });
			clear(out).append(table('audit-table', [at('audit.at'), at('audit.actor'), at('audit.action'), at('audit.object'), at('audit.before'), at('audit.after')],
				d.items.map((x) => el('tr', {}, el('td', { text: fmtTime(x.at) }), el('td', { text: x.actor }), el('td', { text: x.action }),
					el('td', { text: `${x.object_type} ${x.object_id}` }), el('td', {}, json(x.before)), el('td', {}, json(x.after))))),
			d.total > page * 50 ? el('button', { type: 'button', class: 'btn', text: at('act.more'), on: { click: () => { page++; load(); } } }) : null,
			el('p', {}, el('a', { href: adm.auditCsvUrl(params()), download: 'audit.csv', text: at('act.csv') })));
		} catch (e) { say(box, 'error', errorText(e)); }
	}
	const f = el('form', { id: 'audit-form', class: 'row2' }, labelled('audit-type', at('audit.type'), typ), labelled('audit-id', at('audit.id'), oid),
		labelled('audit-actor', at('audit.actor'), actor), el('button', { type: 'submit', class: 'btn', text: at('act.filter') }));
	f.addEventListener('submit', (ev) => { ev.preventDefault(); page = 1; load(); });
	card(pane, 'audit-h', at('tab.audit'), box, f, out);
	await load();
}

export const VIEWS = { orgs, people, fields, units, routing, calendars, deadlines, reminders, templates, settings, keys, audit };
