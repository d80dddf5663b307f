// track.js: the reporter's private page (track.html#<token>): state, timeline, requests for more
// information with the answer form, the result as the official notice, feedback, rating (changeable
// while the API offers "rate"), withdrawal. Which forms show is decided by the API's `actions`.
import { api } from './api.js';
import { t } from './i18n.js';
import { $, el, clear, initPage, say, busy, errorText, fmtTime, stateBadge, renderTimeline, renderNotice } from './ui.js';

const RATINGS = ['very_satisfied', 'satisfied', 'not_satisfied'];
let data = null;
let notice = '';	// a success message kept across the reload after an action

function token() {
	return decodeURIComponent(location.hash.replace(/^#/, ''));
}

function textForm(id, label, button, action, minLen) {
	const box = el('div', { class: 'msg', role: 'alert', hidden: true });
	const ta = el('textarea', { id, rows: '4', required: true, maxlength: '20000' });
	const btn = el('button', { type: 'submit', class: 'btn btn-primary', text: button });
	const form = el('form', { class: 'card', id: id + '-form' },
		el('div', { class: 'fld' }, el('label', { for: id, text: label }), ta), box, btn);
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		if (ta.value.trim().length < (minLen || 1)) {
			say(box, 'error', t('track.need_text'));
			ta.focus();
			return;
		}
		busy(btn, box, async () => {
			await api.trackAction(token(), action, { text: ta.value.trim() });
			notice = t('track.sent');
			await load();
		});
	});
	return form;
}

function ratingForm(current) {
	const box = el('div', { class: 'msg', role: 'alert', hidden: true });
	const opts = RATINGS.map((r) => el('label', { class: 'inline rate-' + r },
		el('input', { type: 'radio', name: 'rating', value: r, checked: r === current }), ' ', t('rating.' + r)));
	const btn = el('button', { type: 'submit', class: 'btn btn-primary', text: current ? t('track.rate_change') : t('track.rate_send') });
	const form = el('form', { class: 'card', id: 'rate-form' },
		el('fieldset', {}, el('legend', { text: t('track.rate_q') }), ...opts), box, btn);
	form.addEventListener('submit', (ev) => {
		ev.preventDefault();
		const sel = form.querySelector('input[name="rating"]:checked');
		if (!sel) {
			say(box, 'error', t('track.need_rating'));
			return;
		}
		busy(btn, box, async () => {
			await api.trackAction(token(), 'rate', { rating: sel.value });
			notice = t('track.rated');
			await load();
		});
	});
	return form;
}

function withdrawButton() {
	const box = el('div', { class: 'msg', role: 'alert', hidden: true });
	const btn = el('button', { type: 'button', class: 'btn btn-danger', text: t('track.withdraw') });
	btn.addEventListener('click', () => {
		if (!window.confirm(t('track.withdraw_confirm')))
			return;
		busy(btn, box, async () => {
			await api.trackAction(token(), 'withdraw', {});
			await load();
		});
	});
	return el('div', { class: 'card' }, btn, box);
}

function render() {
	const c = data, view = clear($('#view'));
	$('#code').textContent = c.code;
	const has = (a) => c.actions.includes(a);
	if (notice)
		view.append(el('p', { class: 'msg msg-ok', role: 'status', text: notice }));
	view.append(el('section', { class: 'card', 'aria-labelledby': 'h-sum' },
		el('h2', { id: 'h-sum', text: t('track.summary') }),
		el('p', {}, t('common.state') + ': ', stateBadge(c.state)),
		el('p', { text: t('common.received') + ': ' + fmtTime(c.received_at) }),
		c.address ? el('p', { text: t('common.place') + ': ' + c.address }) : null,
		el('p', { class: 'desc', text: c.description || '' })));
	const reqs = c.requests.filter((r) => r.reason || r.text);
	if (reqs.length || has('supplement')) {
		view.append(el('section', { 'aria-labelledby': 'h-req' },
			el('h2', { id: 'h-req', text: t('track.requests') }),
			el('ul', {}, ...reqs.map((r) => el('li', {}, el('time', { text: fmtTime(r.at) }), ' ', r.reason || r.text,
				r.answer ? el('p', { class: 'muted', text: t('track.your_answer') + ': ' + r.answer }) : null))),
			has('supplement') ? textForm('supplement', t('track.supplement'), t('track.supplement_send'), 'supplement', 1) : null));
	}
	const ans = c.answer || null;
	if (ans || c.notice) {
		view.append(el('section', { 'aria-labelledby': 'h-ans' },
			el('h2', { id: 'h-ans', text: t('track.answer') }),
			renderNotice(c.notice || (ans && ans.notice), ans && (ans.text || undefined))));
	}
	if (has('feedback'))
		view.append(el('section', { 'aria-labelledby': 'h-fb' }, el('h2', { id: 'h-fb', text: t('track.feedback') }),
			textForm('feedback', t('track.feedback_label'), t('track.feedback_send'), 'feedback', 5)));
	if (has('rate'))
		view.append(el('section', { 'aria-labelledby': 'h-rate' }, el('h2', { id: 'h-rate', text: t('track.rate') }),
			ratingForm(c.rating)));
	else if (c.rating)
		view.append(el('p', { text: t('track.your_rating') + ': ' + t('rating.' + c.rating) }));
	if (has('withdraw'))
		view.append(withdrawButton());
	view.append(el('section', { 'aria-labelledby': 'h-tl' },
		el('h2', { id: 'h-tl', text: t('common.timeline') }), renderTimeline(c.timeline)));
}

async function load() {
	const tok = token();
	if (!tok) {
		say($('#msg'), 'error', t('track.no_token'));
		return;
	}
	try {
		data = await api.track(tok);
		say($('#msg'), 'info', '');
		render();
		notice = '';
	} catch (e) {
		clear($('#view'));
		say($('#msg'), 'error', e.status === 404 ? t('track.not_found') : errorText(e));
	}
}

initPage(() => { if (data) render(); });
window.addEventListener('hashchange', load);
load();
