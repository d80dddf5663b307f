// staff.js: the staff workspace (staff.html): sign-in, the queues with counts and due times,
// the notifications feed, and the router between a queue (#q=inbox) and a case (#case=123).
// The case view itself is staff-case.js; the action forms are staff-forms.js.
import { api } from './api.js';
import { t, nameOf } from './i18n.js';
import { $, el, clear, initPage, say, errorText, fmtTime, fmtDue, stateBadge } from './ui.js';
import { showCase } from './staff-case.js';

// Which queues each role works from (navigation only; the server decides what each holds).
const ROLE_QUEUES = {
	reception: ['intake', 'returned'], officer: ['inbox', 'processing'], leader: ['approval', 'processing'],
	publisher: ['publication'], monitor: ['overdue'], agency_admin: [], sysadmin: [],
};
let user = null, meta = null, queues = [], counts = {};

function queuesOf(u) {
	if (Array.isArray(u.queues) && u.queues.length)
		return u.queues;
	const qs = [];
	for (const r of u.roles)
		for (const q of ROLE_QUEUES[r] || [])
			if (!qs.includes(q))
				qs.push(q);
	for (const q of ['overdue', 'all'])
		if (!qs.includes(q))
			qs.push(q);
	return qs;
}

function route() {
	const h = new URLSearchParams(location.hash.replace(/^#/, ''));
	return { queue: h.get('q'), code: h.get('case') };
}

function renderQueueNav(active) {
	const nav = clear($('#queues'));
	for (const q of queues) {
		const n = counts[q];
		nav.append(el('a', { href: '#q=' + q, class: 'queue' + (q === active ? ' active' : '') + (q === 'overdue' && n ? ' warn' : ''),
			'aria-current': q === active ? 'page' : null },
			el('span', { text: t('queue.' + q) }), ' ', el('span', { class: 'count', text: n === undefined ? '' : String(n) })));
	}
}

async function loadCounts() {
	await Promise.all(queues.map(async (q) => {
		try {
			const d = await api.queue(q, { page_size: 1 });
			if (d.counts)
				Object.assign(counts, d.counts);
			counts[q] = d.total;
		} catch (e) {
			if (e.status === 403)
				queues = queues.filter((x) => x !== q);
		}
	}));
	renderQueueNav(route().queue);
}

async function showQueue(q) {
	renderQueueNav(q);
	const pane = clear($('#pane'));
	pane.append(el('h1', { text: t('queue.' + q) }));
	let d;
	try {
		d = await api.queue(q, { page_size: 100 });
	} catch (e) {
		pane.append(el('p', { class: 'msg msg-error', text: errorText(e) }));
		return;
	}
	counts[q] = d.total;
	renderQueueNav(q);
	if (!d.items.length) {
		pane.append(el('p', { class: 'muted', text: t('queue.empty') }));
		return;
	}
	const now = Date.now() / 1000;
	const rows = d.items.map((c) => {
		const overdue = c.overdue || (c.due_at && c.due_at < now);
		return el('tr', { class: overdue ? 'overdue' : (c.at_risk ? 'at-risk' : '') },
			el('td', {}, el('a', { href: '#case=' + encodeURIComponent(c.code), text: '#' + c.code })),
			el('td', {}, stateBadge(c.state, meta)),
			el('td', { class: 'summary', text: c.summary || c.description || '' }),
			el('td', { text: [nameOf(c.field), nameOf(c.agency || c.lead_agency)].filter(Boolean).join(' · ') }),
			el('td', { text: fmtTime(c.received_at) }),
			el('td', { class: 'due' }, c.due_at ? [fmtTime(c.due_at), el('br'),
				el('span', { class: overdue ? 'mark mark-overdue' : 'muted', text: fmtDue(c.due_at, now) })] : ''));
	});
	pane.append(el('div', { class: 'table-wrap' }, el('table', { class: 'queue-table' },
		el('caption', { class: 'sr-only', text: t('queue.' + q) }),
		el('thead', {}, el('tr', {}, ...['common.code', 'common.state', 'common.summary', 'common.field',
			'common.received', 'common.due'].map((k) => el('th', { scope: 'col', text: t(k) })))),
		el('tbody', {}, ...rows))));
}

async function render() {
	const r = route();
	if (r.code) {
		renderQueueNav(null);
		await showCase($('#pane'), r.code, { user, meta, refreshCounts: loadCounts });
	} else {
		await showQueue(r.queue || queues[0]);
	}
}

// ---- notifications --------------------------------------------------------------------------
async function loadNotifications() {
	try {
		const d = await api.notifications();
		$('#unread').textContent = d.unread ? String(d.unread) : '';
		$('#unread').setAttribute('aria-label', t('staff.unread', { n: d.unread }));
		const list = clear($('#notif-list'));
		for (const n of d.items) {
			const a = el('a', { href: n.case_code ? '#case=' + encodeURIComponent(n.case_code) : '#', class: n.read || n.read_at ? '' : 'unread' },
				el('time', { text: fmtTime(n.at || n.created_at) }), ' ', n.text || n.title || t('tpl.' + n.template));
			a.addEventListener('click', async () => {
				if (!(n.read || n.read_at)) {
					try { await api.notificationRead(n.id); } catch (e) { /* next load shows it */ }
				}
				toggleNotif(false);
				loadNotifications();
			});
			list.append(el('li', {}, a));
		}
		if (!d.items.length)
			list.append(el('li', { class: 'muted', text: t('common.none') }));
	} catch (e) { /* the feed is secondary: keep the page usable */ }
}

function toggleNotif(open) {
	$('#notif').hidden = !open;
	$('#notif-btn').setAttribute('aria-expanded', String(open));
	if (open)
		loadNotifications();
}

// ---- sign-in --------------------------------------------------------------------------------
async function signedIn(u) {
	user = u;
	$('#login').hidden = true;
	$('#work').hidden = false;
	$('#staff-nav').hidden = false;
	$('#who').textContent = (u.name || u.username) + (u.org ? ' · ' + nameOf(u.org) : '');
	$('#nav-dash').hidden = !u.roles.some((r) => r === 'leader' || r === 'monitor');
	queues = queuesOf(u);
	if (!meta) {
		try { meta = await api.meta(); } catch (e) { meta = { fields: [], agencies: [], units: [], states: {} }; }
	}
	loadCounts();
	loadNotifications();
	await render();
}

function showLogin() {
	$('#login').hidden = false;
	$('#work').hidden = true;
	$('#staff-nav').hidden = true;
	$('#username').focus();
}

async function init() {
	initPage(() => { if (user) { renderQueueNav(route().queue); render(); } });
	$('#login-form').addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const btn = ev.target.querySelector('button');
		btn.disabled = true;
		try {
			const u = await api.login($('#username').value.trim(), $('#password').value);
			$('#password').value = '';
			await signedIn(u);
		} catch (e) {
			say($('#login-msg'), 'error', e.status === 401 ? t('staff.bad_login') : errorText(e));
		} finally {
			btn.disabled = false;
		}
	});
	$('#logout').addEventListener('click', async () => {
		try { await api.logout(); } catch (e) { /* the session is gone either way */ }
		user = null;
		location.hash = '';
		showLogin();
	});
	$('#notif-btn').addEventListener('click', () => toggleNotif($('#notif').hidden));
	window.addEventListener('hashchange', () => { if (user) render(); });
	try {
		await signedIn(await api.me());
	} catch (e) {
		if (e.status !== 401)
			say($('#msg'), 'error', errorText(e));
		showLogin();
	}
	setInterval(() => { if (user) loadNotifications(); }, 60000);
}

init();
