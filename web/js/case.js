// case.js: a published case's public page (case.html?code=): what was reported, the process
// timeline with each stage's on-time/late mark, and the answer. No reporter identity: the public
// API never sends it, and this page shows only the fields it names below.
import { api } from './api.js';
import { t, nameOf } from './i18n.js';
import { $, el, clear, initPage, say, errorText, fmtTime, stateBadge, renderTimeline, renderTimers, renderNotice } from './ui.js';
import { makeMap } from './map.js';

let data = null, map = null;

function render() {
	const c = data, view = clear($('#view'));
	$('#code').textContent = '#' + c.code;
	document.title = t('case.title') + ' #' + c.code + ' · phananh';
	view.append(el('section', { class: 'card', 'aria-labelledby': 'h-sum' },
		el('h2', { id: 'h-sum', text: t('case.reported') }),
		el('p', {}, t('common.state') + ': ', stateBadge(c.state)),
		el('p', { text: t('common.field') + ': ' + nameOf(c.field) + (c.group ? ' / ' + nameOf(c.group) : '') }),
		el('p', { text: t('common.agency') + ': ' + nameOf(c.agency || c.lead_agency) }),
		el('p', { text: t('common.received') + ': ' + fmtTime(c.received_at) }),
		c.address ? el('p', { text: t('common.place') + ': ' + c.address }) : null,
		el('p', { class: 'desc', text: c.description || c.summary || '' }),
		c.media.length ? el('div', { class: 'gallery' }, ...c.media.map((m) => m.kind === 'video'
			? el('video', { src: m.url, controls: true, preload: 'none' })
			: el('a', { href: m.url }, el('img', { src: m.thumb_url || m.url, alt: t('case.photo'), loading: 'lazy' })))) : null));
	if (c.timers.length)
		view.append(el('section', { 'aria-labelledby': 'h-stages' },
			el('h2', { id: 'h-stages', text: t('case.stages') }), renderTimers(c.timers)));
	view.append(el('section', { 'aria-labelledby': 'h-tl' },
		el('h2', { id: 'h-tl', text: t('common.timeline') }), renderTimeline(c.timeline)));
	if (c.answer || c.notice)
		view.append(el('section', { 'aria-labelledby': 'h-ans' },
			el('h2', { id: 'h-ans', text: t('case.answer') }),
			renderNotice(c.notice || (c.answer && c.answer.notice), c.answer && c.answer.text ? c.answer.text : undefined)));
	if (map && c.lat !== undefined && c.lat !== null) {
		$('#map').hidden = false;
		map.refresh();
		map.clearPoints();
		map.addPoint(Number(c.lat), Number(c.lng), '#' + c.code);
		map.fit();
	}
}

async function init() {
	initPage(() => { if (data) render(); });
	const code = new URLSearchParams(location.search).get('code');
	if (!code) {
		say($('#msg'), 'error', t('case.no_code'));
		return;
	}
	map = makeMap($('#map'));
	try {
		data = await api.publicCase(code);
		render();
	} catch (e) {
		say($('#msg'), 'error', e.status === 404 ? t('case.not_found') : errorText(e));
	}
}

init();
