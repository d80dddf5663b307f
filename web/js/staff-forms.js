// staff-forms.js: the form behind each action button of the staff case view. The buttons come from
// the API (`actions`); this module only knows which inputs an action carries (docs/api.md body:
// text, reason, field, group, unit, lead_agency, coord_agencies[], duplicate_of, direction).
// Unknown actions get a form with an optional reason, so a new server action still works.
import { api } from './api.js';
import { t, nameOf } from './i18n.js';
import { el, say, busy, renderNotice } from './ui.js';
import { renderDiff } from './staff-diff.js';

const CLASSIFY = ['distribute', 'redistribute', 'record_direction', 'reopen'];
const REASON = ['request_info', 'reject', 'return_not_competent', 'escalate', 'return_for_rework',
	'reject_publication', 'return_clarification', 'reject_clarification', 'close', 'flag_secret', 'reopen'];
const RESULT = ['submit_result', 'submit_clarification', 'supplement'];
const APPROVE = ['approve', 'approve_clarification'];
const PUBLISH = ['publish', 'deliver_private', 'publish_clarification', 'deliver_clarification'];
const CONFIRM = ['accept', 'withdraw'];

function textarea(id, value, rows) {
	return el('textarea', { id, rows: String(rows || 5), value: value || '' });
}

function labelled(id, label, control) {
	control.id = id;
	return el('div', { class: 'fld' }, el('label', { for: id, text: label }), control);
}

function select(id, items, value, label, none) {
	const s = el('select', { id }, none ? el('option', { value: '', text: none }) : null,
		...items.map((x) => el('option', { value: String(x.value), text: x.text })));
	s.value = value === undefined || value === null ? '' : String(value);
	return labelled(id, label, s);
}

const agencyValue = (a) => (a.id !== undefined ? a.id : a.code);

// Classification + lead agency, pre-filled from the case and /cases/:code/suggestions.
function classifyInputs(c, meta, parts) {
	const fields = meta.fields.map((f) => ({ value: f.code, text: nameOf(f) }));
	const fcode = c.field && (c.field.code || c.field) || c.field_suggested && (c.field_suggested.code || c.field_suggested);
	const fsel = select('a-field', fields, fcode, t('common.field'), '—');
	const gwrap = el('div');
	const fillGroups = (code, groupVal) => {
		const f = meta.fields.find((x) => x.code === code);
		gwrap.replaceChildren(select('a-group', (f ? f.groups : []).map((g) => ({ value: g.code, text: nameOf(g) })),
			groupVal, t('common.group'), '—'));
	};
	fillGroups(fcode, c.group && (c.group.code || c.group));
	fsel.querySelector('select').addEventListener('change', (ev) => fillGroups(ev.target.value));
	const units = meta.units.filter((u) => u.level !== 'province').map((u) => ({ value: u.code, text: nameOf(u) }));
	const usel = select('a-unit', units, c.unit && (c.unit.code || c.unit), t('submit.unit'), '—');
	const agencies = meta.agencies.filter((a) => !a.is_center);
	const lead = c.lead_agency && agencyValue(c.lead_agency);
	const asel = select('a-lead', agencies.map((a) => ({ value: agencyValue(a), text: nameOf(a) })), lead, t('form.lead_agency'), '—');
	const coord = el('fieldset', { class: 'coord' }, el('legend', { text: t('form.coord_agencies') }),
		...agencies.map((a) => el('label', { class: 'inline' },
			el('input', { type: 'checkbox', name: 'coord', value: String(agencyValue(a)) }), ' ', nameOf(a))));
	const hint = el('div', { class: 'suggest', 'aria-live': 'polite' });
	parts.push(hint, fsel, gwrap, usel, asel, coord);
	return { hint, fsel, asel, coord, fillGroups };
}

async function fillSuggestions(c, meta, ui) {
	let s;
	try { s = await api.suggestions(c.code); } catch (e) { return; }
	const r = s.routing;
	const items = [];
	if (r) {
		const lead = r.lead_agency && (typeof r.lead_agency === 'object' ? r.lead_agency : meta.agencies.find((a) => agencyValue(a) === r.lead_agency));
		if (r.field)
			ui.fsel.querySelector('select').value = r.field.code || r.field;
		ui.fillGroups(ui.fsel.querySelector('select').value, r.group && (r.group.code || r.group));
		if (lead && !ui.asel.querySelector('select').value)
			ui.asel.querySelector('select').value = String(agencyValue(lead));
		for (const x of r.coord_agencies || [])
			for (const cb of ui.coord.querySelectorAll('input'))
				if (cb.value === String(x.id ?? x.code ?? x)) cb.checked = true;
		items.push(el('p', { class: 'hint', text: t('form.suggested', { agency: lead ? nameOf(lead) : '—' }) + (r.reason ? ' (' + r.reason + ')' : '') }));
	}
	if (s.duplicates.length)
		items.push(el('p', { class: 'hint', text: t('form.duplicates') }),
			el('ul', {}, ...s.duplicates.map((d) => el('li', {}, el('a', { href: '#case=' + d.code, text: '#' + d.code }), ' ', d.summary || d.description || ''))));
	ui.hint.replaceChildren(...items);
}

// Edit box with a live diff against `base` and, for publication, a live preview of the notice.
function editInputs(c, base, current, parts, preview) {
	const ta = textarea('a-text', current, 8);
	const diffBox = el('div', { class: 'diffbox', 'aria-live': 'polite' });
	const prevBox = preview ? el('div', { class: 'preview' }) : null;
	const update = () => {
		diffBox.replaceChildren(el('h3', { text: t('form.diff') }),
			ta.value === (base || '') ? el('p', { class: 'muted', text: t('form.unchanged') }) : renderDiff(base || '', ta.value));
		if (prevBox)
			prevBox.replaceChildren(el('h3', { text: t('form.preview') }), renderNotice(c.notice, ta.value));
	};
	ta.addEventListener('input', update);
	update();
	parts.push(labelled('a-text', t('form.answer_text'), ta), diffBox, prevBox);
	return ta;
}

// formFor(action, case, ctx, onDone(message)) -> a <form> that posts the action.
export function formFor(action, c, ctx, onDone) {
	const meta = ctx.meta;
	const parts = [el('h2', { text: t('action.' + action) !== 'action.' + action ? t('action.' + action) : action })];
	const get = {};
	if (CLASSIFY.includes(action)) {
		const ui = classifyInputs(c, meta, parts);
		fillSuggestions(c, meta, ui);
		get.field = () => document.getElementById('a-field').value || null;
		get.group = () => (document.getElementById('a-group') || {}).value || null;
		get.unit = () => document.getElementById('a-unit').value || null;
		get.lead_agency = () => {
			const v = document.getElementById('a-lead').value;
			return v === '' ? null : (isNaN(Number(v)) ? v : Number(v));
		};
		get.coord_agencies = () => Array.from(ui.coord.querySelectorAll('input:checked'))
			.map((x) => (isNaN(Number(x.value)) ? x.value : Number(x.value)));
	}
	if (action === 'record_direction') {
		const d = el('input', { maxlength: '255' });
		parts.push(labelled('a-direction', t('form.direction'), d));
		get.direction = () => d.value.trim();
	}
	if (action === 'merge') {
		const d = el('input', { inputmode: 'numeric' });
		parts.push(labelled('a-dup', t('form.duplicate_of'), d));
		get.duplicate_of = () => d.value.trim();
	}
	if (REASON.includes(action) || !(CLASSIFY.includes(action) || RESULT.includes(action) || APPROVE.includes(action) ||
		PUBLISH.includes(action) || CONFIRM.includes(action) || action === 'merge')) {
		const r = textarea('a-reason', '', 3);
		parts.push(labelled('a-reason', t('form.reason'), r));
		get.reason = () => r.value.trim() || undefined;
	}
	if (RESULT.includes(action)) {
		const ta = textarea('a-text', c.drafts.officer || '', 8);
		parts.push(labelled('a-text', t('form.answer_text'), ta));
		get.text = () => ta.value.trim();
	}
	if (APPROVE.includes(action)) {
		const base = c.drafts.officer || '';
		const ta = editInputs(c, base, c.drafts.leader || base, parts, false);
		get.text = () => (ta.value.trim() === base.trim() ? undefined : ta.value.trim());
	}
	if (PUBLISH.includes(action)) {
		const base = c.drafts.leader || c.drafts.officer || '';
		const ta = editInputs(c, base, c.drafts.published || base, parts, true);
		get.text = () => (ta.value.trim() === base.trim() ? undefined : ta.value.trim());
	}
	if (CONFIRM.includes(action))
		parts.push(el('p', { text: t('form.confirm', { action: t('action.' + action) }) }));
	const box = el('div', { class: 'msg', role: 'alert', hidden: true });
	const btn = el('button', { type: 'submit', class: 'btn btn-primary', id: 'a-submit', text: t('action.' + action) });
	const cancel = el('button', { type: 'button', class: 'btn', text: t('common.cancel') });
	const form = el('form', { class: 'card action-form', id: 'action-form', dataset: { action } }, ...parts, box,
		el('div', { class: 'nav-buttons' }, cancel, btn));
	cancel.addEventListener('click', () => form.remove());
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		const body = {};
		for (const [k, fn] of Object.entries(get)) {
			const v = fn();
			if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
				body[k] = v;
		}
		busy(btn, box, async () => {
			await api.act(c.code, action, body);
			onDone(t('form.done', { action: t('action.' + action) }));
		});
	});
	return form;
}
