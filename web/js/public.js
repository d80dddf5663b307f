// public.js: the public list and map of answered cases (public.html), with filters. Only what
// /api/v1/public/cases returns is shown: no reporter identity ever reaches this page.
import config from '../config.js';
import { api } from './api.js';
import { t, nameOf } from './i18n.js';
import { $, el, clear, initPage, say, errorText, fmtTime, stateBadge } from './ui.js';
import { makeMap } from './map.js';

let meta = null, map = null, page = 1, last = null;

function dateToEpoch(v, endOfDay) {
	if (!v)
		return null;
	const ms = Date.parse(v + (endOfDay ? 'T23:59:59' : 'T00:00:00') + config.utcOffset);
	return isNaN(ms) ? null : Math.floor(ms / 1000);
}

function params() {
	return {
		q: $('#f-q').value.trim(), field: $('#f-field').value, agency: $('#f-agency').value,
		unit: $('#f-unit').value, from: dateToEpoch($('#f-from').value, false),
		to: dateToEpoch($('#f-to').value, true), page, page_size: config.pageSize,
	};
}

function fillFilters() {
	const fill = (sel, items, val) => {
		const keep = sel.value;
		while (sel.options.length > 1)
			sel.remove(1);
		for (const x of items)
			sel.append(el('option', { value: val(x), text: nameOf(x) }));
		sel.value = keep;
	};
	fill($('#f-field'), meta.fields, (f) => f.code);
	fill($('#f-agency'), meta.agencies.filter((a) => !a.is_center), (a) => a.code || a.id);
	fill($('#f-unit'), meta.units.filter((u) => u.level !== 'province'), (u) => u.code);
}

function render() {
	const d = last, list = clear($('#list'));
	$('#count').textContent = t('public.count', { n: d.total });
	if (map)
		map.clearPoints();
	for (const c of d.items) {
		const href = 'case.html?code=' + encodeURIComponent(c.code);
		list.append(el('li', { class: 'case-item' },
			el('a', { href, class: 'case-link' }, el('span', { class: 'code', text: '#' + c.code }), ' ',
				c.summary || c.description || ''),
			el('div', { class: 'meta' }, stateBadge(c.state, meta), ' ',
				nameOf(c.field), c.agency ? ' · ' + nameOf(c.agency) : '',
				' · ', el('time', { text: fmtTime(c.published_at || c.received_at) })),
			c.address ? el('div', { class: 'muted', text: c.address }) : null));
		if (map && c.lat !== undefined && c.lat !== null)
			map.addPoint(Number(c.lat), Number(c.lng), '#' + c.code, () => { location.href = href; },
				c.on_time === false ? 'late' : '');
	}
	if (!d.items.length)
		list.append(el('li', { class: 'muted', text: t('public.empty') }));
	if (map)
		map.fit();
	const pages = Math.max(1, Math.ceil(d.total / (d.page_size || config.pageSize)));
	$('#pageno').textContent = t('common.page', { p: page, n: pages });
	$('#prev').disabled = page <= 1;
	$('#next').disabled = page >= pages;
}

async function load() {
	try {
		last = await api.publicCases(params());
		say($('#msg'), 'info', '');
		render();
	} catch (e) {
		say($('#msg'), 'error', errorText(e));
	}
}

async function init() {
	initPage(() => { if (meta) fillFilters(); if (last) render(); });
	map = makeMap($('#map'));
	if (!map)
		$('#map').hidden = true;
	$('#filters').addEventListener('submit', (ev) => { ev.preventDefault(); page = 1; load(); });
	$('#prev').addEventListener('click', () => { page--; load(); });
	$('#next').addEventListener('click', () => { page++; load(); });
	try {
		meta = await api.meta();
		fillFilters();
	} catch (e) {
		meta = { fields: [], agencies: [], units: [], states: {} };
	}
	load();
}

init();
