// staff-case.js: one case in the staff workspace: what the user's role may see (the API decides),
// one button per action the API returns, the three versions of the answer with diffs, reporter
// identity or the reveal request, the stage clocks, the timeline and internal notes.
import { api } from './api.js';
import { t, nameOf } from './i18n.js';
import { el, clear, say, busy, errorText, fmtTime, fmtDue, stateBadge, renderTimeline, renderTimers } from './ui.js';
import { formFor } from './staff-forms.js';
import { renderDiff } from './staff-diff.js';

const PSEUDO = ['request_reveal', 'decide_reveal', 'note'];	// not workflow transitions

function row(label, value) {
	if (value === undefined || value === null || value === '')
		return null;
	return el('div', { class: 'kv' }, el('dt', { text: label }), el('dd', {}, value));
}

function summary(c) {
	return el('section', { class: 'card', 'aria-labelledby': 'h-case' },
		el('h2', { id: 'h-case', text: t('staff.case_info') }),
		el('p', { class: 'desc', text: c.description || '' }),
		el('dl', {},
			row(t('common.field'), [nameOf(c.field), nameOf(c.group)].filter(Boolean).join(' / ') ||
				(c.field_suggested ? t('staff.suggested') + ': ' + nameOf(c.field_suggested) : '')),
			row(t('submit.unit'), nameOf(c.unit)),
			row(t('common.place'), [c.address, c.lat !== undefined && c.lat !== null ? `${c.lat}, ${c.lng}` : ''].filter(Boolean).join(' · ')),
			row(t('submit.incident'), fmtTime(c.incident_at)),
			row(t('common.received'), fmtTime(c.received_at)),
			row(t('staff.channel'), c.channel ? t('channel.' + c.channel) : ''),
			row(t('common.agency'), nameOf(c.lead_agency)),
			row(t('form.coord_agencies'), c.coord_agencies.map(nameOf).join(', ')),
			row(t('staff.assignee'), nameOf(c.assignee)),
			row(t('common.due'), c.due_at ? fmtTime(c.due_at) + ' (' + fmtDue(c.due_at) + ')' : ''),
			row(t('staff.confidential'), c.confidential ? t('common.yes') : '')));
}

function reporter(c, reload) {
	const sec = el('section', { class: 'card', 'aria-labelledby': 'h-rep' }, el('h2', { id: 'h-rep', text: t('staff.reporter') }));
	const r = c.reporter;
	if (r && (r.name || r.phone || r.email)) {
		sec.append(el('dl', {}, row(t('submit.name'), r.name), row(t('submit.phone'), r.phone),
			row(t('submit.email'), r.email), row(t('submit.type'), r.type || r.reporter_type ? t('submit.' + (r.type || r.reporter_type)) : '')));
	} else {
		sec.append(el('p', { class: 'muted', text: t('staff.identity_hidden') }));
	}
	for (const q of c.reveal_requests) {
		const li = el('p', {}, t('staff.reveal_req', { org: nameOf(q.org), state: t('reveal.' + q.state) }) + ': ' + (q.purpose || ''));
		if (q.state === 'pending' && (q.can_decide || c.actions.includes('decide_reveal'))) {
			const box = el('span', { class: 'msg', role: 'alert', hidden: true });
			const mk = (ok) => {
				const b = el('button', { type: 'button', class: 'btn', dataset: { reveal: ok ? 'approve' : 'refuse' }, text: t(ok ? 'staff.reveal_approve' : 'staff.reveal_refuse') });
				b.addEventListener('click', () => busy(b, box, async () => { await api.revealDecision(q.id, ok); reload(t('staff.reveal_decided')); }));
				return b;
			};
			li.append(' ', mk(true), ' ', mk(false), box);
		}
		sec.append(li);
	}
	if (c.actions.includes('request_reveal') || c.can_request_reveal) {
		const ta = el('textarea', { id: 'reveal-purpose', rows: '2' });
		const box = el('div', { class: 'msg', role: 'alert', hidden: true });
		const btn = el('button', { type: 'submit', class: 'btn', text: t('staff.reveal_request') });
		const f = el('form', { id: 'reveal-form' }, el('div', { class: 'fld' }, el('label', { for: 'reveal-purpose', text: t('staff.reveal_purpose') }), ta), box, btn);
		f.addEventListener('submit', (ev) => {
			ev.preventDefault();
			if (!ta.value.trim())
				return say(box, 'error', t('form.need_reason'));
			busy(btn, box, async () => { await api.revealRequest(c.code, ta.value.trim()); reload(t('staff.reveal_sent')); });
		});
		sec.append(f);
	}
	return sec;
}

function answers(c) {
	const d = c.drafts;
	if (!d.officer && !d.leader && !d.published)
		return null;
	const sec = el('section', { class: 'card', 'aria-labelledby': 'h-ans' }, el('h2', { id: 'h-ans', text: t('staff.answers') }));
	if (d.officer)
		sec.append(el('h3', { text: t('staff.answer_officer') }), el('p', { class: 'pre', text: d.officer }));
	if (d.leader && d.leader !== d.officer)
		sec.append(el('h3', { text: t('staff.answer_leader') }), renderDiff(d.officer || '', d.leader));
	if (d.published && d.published !== (d.leader || d.officer))
		sec.append(el('h3', { text: t('staff.answer_published') }), renderDiff(d.leader || d.officer || '', d.published));
	return sec;
}

function notes(c, reload) {
	const ta = el('textarea', { id: 'note-text', rows: '2' });
	const box = el('div', { class: 'msg', role: 'alert', hidden: true });
	const btn = el('button', { type: 'submit', class: 'btn', text: t('staff.note_add') });
	const f = el('form', {}, el('div', { class: 'fld' }, el('label', { for: 'note-text', text: t('staff.note') }), ta), box, btn);
	f.addEventListener('submit', (ev) => {
		ev.preventDefault();
		if (ta.value.trim())
			busy(btn, box, async () => { await api.note(c.code, ta.value.trim()); reload(t('staff.note_added')); });
	});
	return el('section', { class: 'card', 'aria-labelledby': 'h-notes' }, el('h2', { id: 'h-notes', text: t('staff.notes') }),
		el('ul', {}, ...c.notes.map((n) => el('li', {}, el('time', { text: fmtTime(n.at) }), ' ', nameOf(n.user || n.author), ': ', n.text || n.note))),
		f);
}

function media(c) {
	if (!c.media.length)
		return null;
	return el('section', { class: 'card', 'aria-labelledby': 'h-media' }, el('h2', { id: 'h-media', text: t('step.media') }),
		el('div', { class: 'gallery' }, ...c.media.map((m) => m.kind === 'video'
			? el('video', { src: m.url, controls: true, preload: 'none' })
			: el('a', { href: m.url }, el('img', { src: m.thumb_url || m.url, alt: t('case.photo'), loading: 'lazy' })))));
}

// Load and show case `code` in `pane`; ctx: {user, meta, refreshCounts}.
export async function showCase(pane, code, ctx, message) {
	let c;
	try {
		c = await api.getCase(code);
	} catch (e) {
		clear(pane).append(el('p', { class: 'msg msg-error', role: 'alert', text: errorText(e) }));
		return;
	}
	const reload = (msg) => { if (ctx.refreshCounts) ctx.refreshCounts(); return showCase(pane, code, ctx, msg); };
	const formSlot = el('div', { id: 'form-slot' });
	const buttons = c.actions.filter((a) => !PSEUDO.includes(a)).map((a) => {
		const b = el('button', { type: 'button', class: 'btn btn-action', dataset: { action: a }, text: t('action.' + a) !== 'action.' + a ? t('action.' + a) : a });
		b.addEventListener('click', () => {
			const f = formFor(a, c, ctx, reload);
			formSlot.replaceChildren(f);
			const first = f.querySelector('textarea, select, input, button[type=submit]');
			if (first)
				first.focus();
		});
		return b;
	});
	clear(pane).append(...[
		el('h1', {}, '#' + c.code + ' ', stateBadge(c.state, ctx.meta)),
		message ? el('p', { class: 'msg msg-ok', role: 'status', text: message }) : null,
		el('div', { class: 'actions', role: 'group', 'aria-label': t('staff.actions') },
			buttons.length ? buttons : el('span', { class: 'muted', text: t('staff.no_actions') })),
		formSlot, summary(c), answers(c), reporter(c, reload), media(c),
		c.timers.length ? el('section', { class: 'card' }, el('h2', { text: t('case.stages') }), renderTimers(c.timers)) : null,
		el('section', { class: 'card' }, el('h2', { text: t('common.timeline') }), renderTimeline(c.timeline, ctx.meta)),
		notes(c, reload)].filter(Boolean));
}
