// admin-form.js: the generic piece of the administration workspace: a list of objects (table) and
// the form that creates one or edits one (only the changed keys are sent). Every input has a
// visible label; errors from the API mark the offending input (aria-invalid) and say why.
import { el, clear, say, errorText } from './ui.js';
import { adm } from './admin-api.js';
import { at } from './admin-i18n.js';

// One control for spec item s with value v; id = prefix-key.
function control(prefix, s, v) {
	const id = `${prefix}-${s.key}`;
	let c;
	if (s.type === 'bool')
		return el('label', { class: 'check' }, el('input', { type: 'checkbox', id, checked: !!v }), ' ', at('f.' + s.key));
	if (s.type === 'multi')
		return el('fieldset', { id }, el('legend', { text: at('f.' + s.key) }),
			...s.options().map((o) => el('label', { class: 'inline' },
				el('input', { type: 'checkbox', name: id, value: o.value, checked: (v || []).includes(o.value) }), ' ', o.text)));
	if (s.type === 'select') {
		c = el('select', { id }, el('option', { value: '', text: '—' }),
			...s.options().map((o) => el('option', { value: o.value, text: o.text })));
		c.value = v === null || v === undefined ? '' : String(v);
	} else if (s.type === 'textarea')
		c = el('textarea', { id, rows: String(s.rows || 6), value: v || '' });
	else if (s.type === 'pairs')	// [{key, name}] as "key = name" lines
		c = el('textarea', { id, rows: String(s.rows || 4), value: (v || []).map((x) => `${x.key} = ${x.name}`).join('\n') });
	else
		c = el('input', { id, type: s.type === 'number' ? 'number' : s.type === 'password' ? 'password' : s.type === 'date' ? 'date' : 'text',
			value: s.type === 'csv' ? (v || []).join(', ') : (v === null || v === undefined ? '' : String(v)),
			required: s.req ? true : null, autocomplete: s.type === 'password' ? 'new-password' : 'off' });
	return el('div', { class: 'fld' }, el('label', { for: id, text: at('f.' + s.key) + (s.req ? ' *' : '') }), c,
		s.hint ? el('p', { class: 'hint', text: s.hint() }) : null);
}

function valueOf(form, prefix, s) {
	const id = `${prefix}-${s.key}`;
	if (s.type === 'multi')
		return [...form.querySelectorAll(`input[name="${id}"]:checked`)].map((x) => x.value);
	const n = form.querySelector('#' + CSS.escape(id));
	if (s.type === 'bool')
		return n.checked;
	if (s.type === 'number')
		return n.value === '' ? null : parseInt(n.value, 10);
	if (s.type === 'csv')
		return n.value.split(',').map((x) => x.trim()).filter(Boolean);
	if (s.type === 'pairs') {
		const rows = n.value.split('\n').map((x) => x.trim()).filter(Boolean).map((x) => {
			const i = x.indexOf('=');
			return i < 0 ? { key: x, name: x } : { key: x.slice(0, i).trim(), name: x.slice(i + 1).trim() };
		});
		return rows.length ? rows : null;
	}
	return n.value;
}

// opts: {type, prefix, title, key, cols, spec() -> [{key, type, req, options(), createOnly}],
// create (bool), deactivate (bool), remove (bool: a delete button), note(res) -> text, after(res)}.
// Returns {reload, reset}.
export async function resourceView(pane, opts) {
	const box = el('div', { class: 'msg', role: 'status', hidden: true });
	const list = el('div');
	const formWrap = el('div');
	const section = el('section', { class: 'card', 'aria-labelledby': opts.prefix + '-h' },
		el('h2', { id: opts.prefix + '-h', text: opts.title }), box, list, formWrap);
	pane.append(section);
	let rows = [];
	const key = opts.key || 'code';

	async function reload() {
		rows = await adm.list(opts.type);
		clear(list).append(table());
	}
	function table() {
		if (!rows.length)
			return el('p', { class: 'muted', text: at('list.none') });
		return el('div', { class: 'table-wrap' }, el('table', { id: opts.prefix + '-table' },
			el('thead', {}, el('tr', {}, ...opts.cols.map((c) => el('th', { scope: 'col', text: at('f.' + c) })),
				el('th', { scope: 'col', text: at('list.actions') }))),
			el('tbody', {}, ...rows.map((r) => el('tr', { dataset: { id: r[key] }, class: r.active === false ? 'muted' : null },
				...opts.cols.map((c) => el('td', { text: Array.isArray(r[c]) ? r[c].join(', ') : r[c] === true ? '✓' : r[c] === false ? '' : (r[c] ?? '') })),
				el('td', {}, el('button', { type: 'button', class: 'btn-link', text: at('act.edit'), 'aria-label': at('act.edit') + ' ' + r[key], on: { click: () => form(r) } }),
					opts.deactivate && r.active !== false ? el('button', { type: 'button', class: 'btn-link', text: at('act.deactivate'),
						on: { click: () => deactivate(r) } }) : null,
					opts.remove ? el('button', { type: 'button', class: 'btn-link', text: at('act.delete'),
						'aria-label': at('act.delete') + ' ' + r[key], on: { click: () => remove(r) } }) : null,
					r.active === false ? el('span', { class: 'badge', text: at('list.inactive') }) : null))))));
	}
	async function remove(r) {
		if (!window.confirm(at('act.confirm_delete', { id: r[key] })))
			return;
		try {
			await adm.remove(opts.type, r[key]);
			say(box, 'ok', at('act.deleted'));
			await reload();
		} catch (e) { say(box, 'error', errorText(e)); }
	}
	async function deactivate(r) {
		if (!window.confirm(at('act.confirm_deactivate', { id: r[key] })))
			return;
		try {
			const res = await adm.deactivate(opts.type, r[key], '');
			const codes = (res.unassigned_cases || res.open_cases || []).map((c) => c.code).join(', ') || '—';
			say(box, 'ok', opts.type === 'user' ? at('people.unassigned', { n: (res.unassigned_cases || []).length, codes }) :
				at('orgs.open_cases', { codes }));
			await reload();
		} catch (e) { say(box, 'error', errorText(e)); }
	}
	function form(orig) {
		const f = el('form', { id: opts.prefix + '-form', novalidate: true });
		const spec = opts.spec().filter((s) => !(orig && s.createOnly) && !(!orig && s.editOnly));
		for (const s of spec) {
			const c = control(opts.prefix, s, orig ? orig[s.key] : s.default);
			if (orig && s.key === key)
				c.querySelector('input').disabled = true;
			f.append(c);
		}
		const msg = el('div', { class: 'msg', role: 'alert', hidden: true });
		f.append(msg, el('div', { class: 'nav-buttons' },
			el('button', { type: 'submit', id: opts.prefix + '-save', class: 'btn btn-primary', text: at('act.save') }),
			el('button', { type: 'button', class: 'btn', text: at('act.cancel'), on: { click: () => form(null) } })));
		f.addEventListener('submit', async (ev) => {
			ev.preventDefault();
			for (const n of f.querySelectorAll('[aria-invalid]'))
				n.removeAttribute('aria-invalid');
			const obj = {};
			for (const s of spec) {
				const v = valueOf(f, opts.prefix, s);
				if (orig && (s.key === key || JSON.stringify(v ?? '') === JSON.stringify(orig[s.key] ?? '')))
					continue;
				if (!orig && (v === '' || v === null) && !s.req)
					continue;
				obj[s.key] = v;
			}
			try {
				const res = orig ? await adm.update(opts.type, orig[key], obj) : await adm.create(opts.type, obj);
				say(box, 'ok', opts.note ? opts.note(res) : at('act.saved'));
				await reload();
				if (opts.after)
					await opts.after(res);
				form(null);
			} catch (e) {
				say(msg, 'error', errorText(e));
				const bad = e.field && f.querySelector('#' + CSS.escape(opts.prefix + '-' + e.field));
				if (bad) {
					bad.setAttribute('aria-invalid', 'true');
					bad.focus();
				}
			}
		});
		clear(formWrap).append(el('h3', { text: orig ? at('act.edit') + ': ' + orig[key] : at('act.new') }), f);
		if (orig)
			f.querySelector('input:not([disabled]), select, textarea').focus();
	}
	const reset = () => (opts.create !== false ? form(null) : clear(formWrap));
	await reload();
	reset();
	return { reload, reset };
}
