// dashboard.js: the monitoring views (dashboard.html) from /api/v1/stats/overview, aggregated by the
// server: an agency leader gets the agency's figures (scope "agency"), the center and the
// province's leaders the province's (scope "province"). Charts with Chart.js when vendor/ has it;
// the tables are always there (and are what screen readers use).
import config from '../config.js';
import { api } from './api.js';
import { t, nameOf, stateLabel } from './i18n.js';
import { $, el, clear, initPage, say, errorText, fmtTime, fmtDue } from './ui.js';
import { makeMap } from './map.js';

let stats = null, map = null;
const charts = {};

const pct = (v) => (v === undefined || v === null ? '—' : Math.round(v * (v <= 1 ? 100 : 1)) + '%');

function table(cols, rows) {
	if (!rows.length)
		return el('p', { class: 'muted', text: t('common.none') });
	return el('div', { class: 'table-wrap' }, el('table', {},
		el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { scope: 'col', text: t(c[0]) })))),
		el('tbody', {}, ...rows.map((r) => el('tr', {}, ...cols.map((c) => el('td', {}, c[1](r))))))));
}

function caseList(items) {
	return table([['common.code', (c) => el('a', { href: 'staff.html#case=' + encodeURIComponent(c.code), text: '#' + c.code })],
		['common.state', (c) => stateLabel(c.state)], ['common.agency', (c) => nameOf(c.agency || c.lead_agency)],
		['timer.stage', (c) => (c.stage ? t('timer.' + c.stage) : '')],
		['common.due', (c) => (c.due_at ? fmtTime(c.due_at) + ' · ' + fmtDue(c.due_at) : '')]], items);
}

function chart(id, type, labels, datasets) {
	if (typeof window.Chart === 'undefined')
		return;
	if (charts[id])
		charts[id].destroy();
	charts[id] = new window.Chart(document.getElementById(id), {
		type, data: { labels, datasets },
		options: { responsive: true, maintainAspectRatio: false, animation: false,
			plugins: { legend: { display: datasets.length > 1 } } },
	});
}

function kpi(label, value, cls) {
	return el('div', { class: 'kpi ' + (cls || '') }, el('div', { class: 'kpi-v', text: String(value ?? '—') }), el('div', { class: 'kpi-l', text: label }));
}

function render() {
	const s = stats, k = s.totals;
	$('#title').textContent = s.scope === 'agency' ? t('dash.agency_title', { agency: nameOf(s.agency) }) : t('dash.province_title');
	clear($('#kpis')).append(kpi(t('dash.received'), k.received), kpi(t('dash.open'), k.open),
		kpi(t('dash.answered'), k.answered), kpi(t('dash.overdue'), k.overdue, k.overdue ? 'warn' : ''),
		kpi(t('dash.on_time'), pct(k.on_time_rate)), kpi(t('dash.satisfaction'), pct(k.satisfaction_rate)));
	const states = Object.keys(s.by_state);
	chart('c-state', 'bar', states.map((x) => stateLabel(x)), [{ label: t('dash.cases'), data: states.map((x) => s.by_state[x]), backgroundColor: '#0b57d0' }]);
	clear($('#t-state')).append(table([['common.state', (x) => stateLabel(x)], ['dash.cases', (x) => String(s.by_state[x])]], states));
	chart('c-trend', 'line', s.trend.map((p) => p.day || p.date), [
		{ label: t('dash.received'), data: s.trend.map((p) => p.received), borderColor: '#0b57d0' },
		{ label: t('dash.answered'), data: s.trend.map((p) => p.answered), borderColor: '#137333' }]);
	$('#s-agency').hidden = s.scope === 'agency' && !s.by_agency.length;
	clear($('#t-agency')).append(table([['common.agency', (a) => nameOf(a)], ['dash.received', (a) => String(a.received ?? '')],
		['dash.answered', (a) => String(a.answered ?? '')], ['dash.overdue', (a) => String(a.overdue ?? '')],
		['dash.on_time', (a) => pct(a.on_time_rate)], ['dash.satisfaction', (a) => pct(a.satisfaction_rate)]], s.by_agency));
	$('#s-officer').hidden = !s.by_officer.length;
	clear($('#t-officer')).append(table([['staff.assignee', (o) => nameOf(o)], ['dash.open', (o) => String(o.open ?? '')],
		['dash.overdue', (o) => String(o.overdue ?? '')], ['dash.answered', (o) => String(o.done ?? o.answered ?? '')]], s.by_officer));
	for (const k2 of ['overdue', 'at_risk', 'escalated'])
		clear($('#l-' + k2)).append(caseList(s[k2]));
	$('#s-escalated').hidden = s.scope === 'agency' && !s.escalated.length;
	if (map) {
		map.clearPoints();
		for (const p of s.points)
			if (p.lat !== undefined && p.lat !== null)
				map.addPoint(Number(p.lat), Number(p.lng), '#' + p.code + ' ' + stateLabel(p.state), null, p.overdue ? 'late' : '');
		map.fit();
	}
	$('#s-map').hidden = !s.points.length;
	if (!$('#s-map').hidden && map)
		map.refresh();
}

function dateParam(id, end) {
	const v = $(id).value;
	if (!v)
		return null;
	return Math.floor(Date.parse(v + (end ? 'T23:59:59' : 'T00:00:00') + config.utcOffset) / 1000);
}

async function load() {
	try {
		stats = await api.stats({ from: dateParam('#d-from', false), to: dateParam('#d-to', true) });
		say($('#msg'), 'info', '');
		render();
	} catch (e) {
		if (e.status === 401) {
			location.href = 'staff.html';
			return;
		}
		say($('#msg'), 'error', errorText(e));
	}
}

initPage(() => { if (stats) render(); });
map = makeMap($('#map'));
$('#period').addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
load();
