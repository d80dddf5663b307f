// ui.js: small DOM helpers shared by the pages: element builder (text only, never HTML from data),
// time formatting, status messages, the page header, and the common renderings (timeline, stage
// clocks, the official result notice).
import config from '../config.js';
import { t, lang, setLang, apply, onLangChange, stateLabel, nameOf } from './i18n.js';

export function $(sel, root) {
	return (root || document).querySelector(sel);
}

// el('p', {class: 'x', text: 'hi', on: {click: f}, for: 'id'}, child...): builds an element.
export function el(tag, props, ...children) {
	const n = document.createElement(tag);
	for (const [k, v] of Object.entries(props || {})) {
		if (v === undefined || v === null || v === false)
			continue;
		if (k === 'class')
			n.className = v;
		else if (k === 'text')
			n.textContent = v;
		else if (k === 'on')
			for (const [ev, fn] of Object.entries(v))
				n.addEventListener(ev, fn);
		else if (k === 'value')
			n.value = v;
		else if (k === 'checked' || k === 'disabled' || k === 'hidden' || k === 'selected')
			n[k] = !!v;
		else if (k === 'dataset')
			Object.assign(n.dataset, v);
		else
			n.setAttribute(k, v === true ? '' : String(v));
	}
	for (const c of children.flat()) {
		if (c === null || c === undefined || c === false)
			continue;
		n.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
	return n;
}

export function clear(n) {
	while (n && n.firstChild)
		n.removeChild(n.firstChild);
	return n;
}

function locale() {
	return lang() === 'en' ? 'en-GB' : 'vi-VN';
}

// epoch seconds (or an ISO string) -> "dd/mm/yyyy hh:mm" in the province's time zone
export function fmtTime(v) {
	if (v === null || v === undefined || v === '')
		return '';
	const d = typeof v === 'number' ? new Date(v * 1000) : new Date(v);
	if (isNaN(d))
		return String(v);
	return new Intl.DateTimeFormat(locale(), {
		timeZone: config.timeZone, day: '2-digit', month: '2-digit', year: 'numeric',
		hour: '2-digit', minute: '2-digit', hour12: false,
	}).format(d);
}

// "in 2 h" / "3 h overdue" from a due time (epoch seconds)
export function fmtDue(due, now) {
	if (!due)
		return '';
	const mins = Math.round((due - (now || Date.now() / 1000)) / 60);
	const abs = Math.abs(mins);
	const span = abs < 60 ? t('time.min', { n: abs }) :
		abs < 1440 ? t('time.hour', { n: Math.round(abs / 60) }) : t('time.day', { n: Math.round(abs / 1440) });
	return mins >= 0 ? t('time.left', { span }) : t('time.overdue', { span });
}

// A datetime-local value ("2026-01-05T08:30") read as Vietnam time -> epoch seconds, or null.
export function localInputToEpoch(v) {
	if (!v)
		return null;
	const ms = Date.parse(v + (v.length === 16 ? ':00' : '') + config.utcOffset);
	return isNaN(ms) ? null : Math.floor(ms / 1000);
}

export function epochToLocalInput(epoch) {
	const d = new Date(epoch * 1000 + 7 * 3600 * 1000);
	return d.toISOString().slice(0, 16);
}

export function errorText(err) {
	if (!err)
		return '';
	const key = 'err.' + (err.code || '');
	const s = t(key);
	const base = s !== key ? s : (err.message || t('err.unknown'));
	return err.field ? `${base} (${t('fieldname.' + err.field) !== 'fieldname.' + err.field ? t('fieldname.' + err.field) : err.field})` : base;
}

// Show a message in a status box (role=status or alert is in the HTML); kind: ok | error | info.
export function say(box, kind, text) {
	if (!box)
		return;
	box.hidden = !text;
	box.className = 'msg msg-' + kind;
	box.textContent = text || '';
}

// Run fn() with the button disabled; errors go to the status box.
export async function busy(button, box, fn) {
	if (button)
		button.disabled = true;
	try {
		return await fn();
	} catch (e) {
		say(box, 'error', errorText(e));
		return undefined;
	} finally {
		if (button)
			button.disabled = false;
	}
}

// Header: the language switch (button#lang-toggle) and translation of the static text.
export function initPage(onLang) {
	apply(document);
	const b = $('#lang-toggle');
	if (b) {
		const label = () => { b.textContent = lang() === 'vi' ? 'English' : 'Tiếng Việt'; };
		label();
		b.addEventListener('click', () => { setLang(lang() === 'vi' ? 'en' : 'vi'); label(); });
	}
	if (onLang)
		onLangChange(onLang);
}

export function stateBadge(state, meta) {
	return el('span', { class: 'badge state-' + state, text: stateLabel(state, meta) });
}

// Events: [{at, kind, to_state, org, note}] -> <ol class="timeline">
export function renderTimeline(items, meta) {
	const ol = el('ol', { class: 'timeline' });
	for (const ev of items) {
		const kind = ev.kind || ev.action || '';
		const what = t('event.' + kind) !== 'event.' + kind ? t('event.' + kind) : kind;
		ol.append(el('li', { class: 'ev ev-' + kind },
			el('time', { text: fmtTime(ev.at) }), ' ',
			el('strong', { text: what }),
			ev.to_state ? [' → ', stateBadge(ev.to_state, meta)] : null,
			ev.org ? el('span', { class: 'org', text: ' · ' + nameOf(ev.org) }) : null,
			ev.note ? el('p', { class: 'note', text: ev.note }) : null));
	}
	if (!items.length)
		ol.append(el('li', { class: 'muted', text: t('common.none') }));
	return ol;
}

// Stage clocks: [{kind, org, started_at, due_at, stopped_at, status}] -> a table with marks
export function renderTimers(timers) {
	const tb = el('tbody');
	for (const tm of timers) {
		const status = tm.status || (tm.late ? 'late' : 'running');
		const overdue = status === 'running' && tm.due_at && tm.due_at < Date.now() / 1000;
		const mark = overdue ? 'overdue' : status;
		tb.append(el('tr', { class: 'timer-' + mark },
			el('td', { text: t('timer.' + tm.kind) }),
			el('td', { text: nameOf(tm.org) }),
			el('td', { text: fmtTime(tm.due_at) }),
			el('td', { text: fmtTime(tm.stopped_at) }),
			el('td', {}, el('span', { class: 'mark mark-' + mark, text: t('mark.' + mark) }))));
	}
	return el('div', { class: 'table-wrap' }, el('table', { class: 'timers' },
		el('caption', { class: 'sr-only', text: t('timer.caption') }),
		el('thead', {}, el('tr', {}, ...['timer.stage', 'timer.org', 'timer.due', 'timer.done', 'timer.mark']
			.map((k) => el('th', { scope: 'col', text: t(k) })))), tb));
}

// The official result notice (domain.md §13). body overrides the text (e.g. a live preview).
export function renderNotice(n, body) {
	n = n || {};
	const text = body !== undefined ? body : (n.body || n.text || n.content || '');
	return el('article', { class: 'notice', 'aria-label': t('notice.title') },
		el('div', { class: 'notice-head' },
			el('div', { class: 'notice-org' },
				el('div', { text: n.superior_line || '' }),
				el('div', { class: 'notice-agency', text: (n.agency_name || '').toUpperCase() }),
				el('div', { text: n.number ? 'Số: ' + n.number : '' })),
			el('div', { class: 'notice-nation' },
				el('div', { class: 'b', text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' }),
				el('div', { class: 'u', text: 'Độc lập - Tự do - Hạnh phúc' }),
				el('div', { class: 'i', text: n.place_date || '' }))),
		n.subject ? el('p', { class: 'notice-subject', text: n.subject }) : null,
		el('p', { class: 'notice-to', text: n.addressee || 'Kính gửi: Quý cá nhân/tổ chức' }),
		n.opening ? el('p', { text: n.opening }) : null,
		...String(text).split(/\n+/).map((p) => el('p', { class: 'notice-body', text: p })),
		el('p', { text: n.closing || 'Chúng tôi cảm ơn cá nhân/tổ chức và mong tiếp tục nhận được phản ánh. Trân trọng!' }),
		el('div', { class: 'notice-foot' },
			el('div', { class: 'notice-recipients', text: n.recipients || 'Nơi nhận: - Như trên; - Lưu: VT.' }),
			el('div', { class: 'notice-sign' },
				el('div', { class: 'b', text: n.signer_title || 'THỦ TRƯỞNG ĐƠN VỊ' }),
				el('div', { text: n.signer_name || '' }))));
}

// Labelled form control: field('id', t('x'), el('input', ...)) -> <div class="fld">
export function field(id, label, control, hint) {
	control.id = id;
	return el('div', { class: 'fld' },
		el('label', { for: id, text: label }), control,
		hint ? el('p', { class: 'hint', id: id + '-hint', text: hint }) : null);
}
