// portal.js: the citizen portal (index.html): a report in five steps (what, photos/video, where,
// when, who), then the confirmation with the case code and the private tracking link.
import { api } from './api.js';
import { t, lang, nameOf } from './i18n.js';
import { $, el, initPage, say, errorText, fmtTime, localInputToEpoch, epochToLocalInput } from './ui.js';
import { makeMap } from './map.js';
import { initMedia, mediaIds, uploadsPending } from './portal-media.js';

const LAST = 5;
let step = 1;
let meta = null;
let map = null;
let timeFromExif = false;

function showStep(n, focus) {
	step = n;
	for (const s of document.querySelectorAll('section.step'))
		s.hidden = Number(s.dataset.step) !== n;
	for (const li of document.querySelectorAll('#steps li')) {
		const k = Number(li.dataset.step);
		li.className = k < n ? 'past' : k === n ? 'current' : '';
		if (k === n)
			li.setAttribute('aria-current', 'step');
		else
			li.removeAttribute('aria-current');
	}
	$('#back').hidden = n === 1;
	$('#next').hidden = n === LAST;
	$('#send').hidden = n !== LAST;
	say($('#form-msg'), 'info', '');
	if (n === 3 && map)
		setTimeout(map.refresh, 0);
	const h = document.querySelector(`section.step[data-step="${n}"] h2`);
	if (h && focus) {
		h.tabIndex = -1;
		h.focus();
	}
}

function bad(id, key) {
	say($('#form-msg'), 'error', t(key));
	const n = $('#' + id);
	if (n) {
		n.setAttribute('aria-invalid', 'true');
		n.focus();
	}
	return false;
}

function validate(n) {
	for (const x of document.querySelectorAll('[aria-invalid]'))
		x.removeAttribute('aria-invalid');
	if (n === 1 && $('#description').value.trim().length < 10)
		return bad('description', 'submit.need_description');
	if (n === 2 && uploadsPending())
		return bad('files', 'media.wait');
	if (n === 3) {
		const lat = $('#lat').value.trim(), lng = $('#lng').value.trim();
		if ((lat || lng) && !(isFinite(Number(lat)) && isFinite(Number(lng)) && lat && lng))
			return bad('lat', 'submit.bad_point');
		if (!lat && !$('#address').value.trim())
			return bad('address', 'submit.need_place');
	}
	if (n === 4) {
		const at = localInputToEpoch($('#incident').value);
		if (!at)
			return bad('incident', 'submit.need_time');
		if (at > Date.now() / 1000 + 300)
			return bad('incident', 'submit.future_time');
	}
	if (n === 5) {
		if (!$('#name').value.trim())
			return bad('name', 'submit.need_name');
		if (!/^[+0-9 .()-]{8,20}$/.test($('#phone').value.trim()))
			return bad('phone', 'submit.need_phone');
		const mail = $('#email').value.trim();
		if (mail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mail))
			return bad('email', 'submit.bad_email');
		if (!$('#truthful').checked)
			return bad('truthful', 'submit.need_truthful');
	}
	return true;
}

function setPoint(lat, lng, source) {
	$('#lat').value = lat.toFixed(6);
	$('#lng').value = lng.toFixed(6);
	if (map)
		map.setPin(lat, lng, source !== 'map');
	$('#where-note').textContent = source === 'map' ? '' : t('submit.point_from_' + source);
}

function onExif(exif) {
	if (exif.lat !== undefined && exif.lat !== null && !$('#lat').value)
		setPoint(Number(exif.lat), Number(exif.lng), 'photo');
	if (exif.taken_at && (!$('#incident').value || !timeFromExif)) {
		$('#incident').value = epochToLocalInput(exif.taken_at);
		timeFromExif = true;
	}
}

function fillSelects() {
	const fsel = $('#field'), usel = $('#unit');
	const fv = fsel.value, uv = usel.value;
	for (const s of [fsel, usel])
		while (s.options.length > 1)
			s.remove(1);
	for (const f of meta.fields)
		fsel.append(el('option', { value: f.code, text: nameOf(f) }));
	for (const u of meta.units.filter((x) => x.level !== 'province'))
		usel.append(el('option', { value: u.code, text: nameOf(u) }));
	fsel.value = fv;
	usel.value = uv;
}

// Suggest a field from meta's keywords found in the description (the citizen may ignore it).
function suggestField() {
	const box = $('#field-suggest');
	const text = $('#description').value.toLowerCase();
	const hit = meta && !$('#field').value && meta.fields.find((f) =>
		String(f.keywords || '').split(',').map((k) => k.trim().toLowerCase()).some((k) => k && text.includes(k)));
	box.hidden = !hit;
	if (!hit)
		return;
	box.replaceChildren(t('submit.suggest') + ' ', el('button', {
		type: 'button', class: 'btn-link', text: nameOf(hit),
		on: { click: () => { $('#field').value = hit.code; box.hidden = true; } },
	}));
}

function reportBody() {
	const lat = $('#lat').value.trim();
	const body = {
		channel: 'portal',
		description: $('#description').value.trim(),
		field: $('#field').value || null,
		incident_at: localInputToEpoch($('#incident').value),
		address: $('#address').value.trim() || null,
		unit: $('#unit').value || null,
		name: $('#name').value.trim(),
		phone: $('#phone').value.trim(),
		email: $('#email').value.trim() || null,
		reporter_type: document.querySelector('input[name="reporter_type"]:checked').value,
		confidential: $('#confidential').checked,
		truthful: $('#truthful').checked,
		lang: lang(),
		media: mediaIds(),
	};
	if (lat) {
		body.lat = Number(lat);
		body.lng = Number($('#lng').value);
	}
	return body;
}

function showDone(r) {
	$('#report').hidden = true;
	$('#steps').hidden = true;
	const done = $('#done');
	done.hidden = false;
	$('#done-code').textContent = r.code;
	const url = new URL('track.html#' + r.token, location.href).href;
	const a = $('#done-link');
	a.href = url;
	a.textContent = url;
	$('#done-due').textContent = r.intake_due_at ? t('done.due', { at: fmtTime(r.intake_due_at) }) : '';
	$('#copy-link').addEventListener('click', async () => {
		try {
			await navigator.clipboard.writeText(url);
			$('#copy-msg').textContent = t('done.copied');
		} catch (e) {
			$('#copy-msg').textContent = t('done.copy_manual');
		}
	});
	done.focus();
}

async function submit(ev) {
	ev.preventDefault();
	if (!validate(LAST))
		return;
	const btn = $('#send');
	btn.disabled = true;
	say($('#form-msg'), 'info', t('submit.sending'));
	try {
		showDone(await api.submitReport(reportBody()));
	} catch (e) {
		say($('#form-msg'), 'error', errorText(e));
		if (e.field && $('#' + e.field))
			$('#' + e.field).setAttribute('aria-invalid', 'true');
	} finally {
		btn.disabled = false;
	}
}

function locate() {
	if (!navigator.geolocation) {
		$('#where-note').textContent = t('submit.no_geo');
		return;
	}
	$('#where-note').textContent = t('submit.locating');
	navigator.geolocation.getCurrentPosition(
		(p) => setPoint(p.coords.latitude, p.coords.longitude, 'gps'),
		() => { $('#where-note').textContent = t('submit.geo_failed'); },
		{ enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
}

async function init() {
	initPage(() => { if (meta) fillSelects(); showStep(step); });
	$('#incident').value = epochToLocalInput(Math.floor(Date.now() / 1000));
	$('#incident').max = epochToLocalInput(Math.floor(Date.now() / 1000) + 300);
	map = makeMap($('#map'), { onPick: (lat, lng) => setPoint(lat, lng, 'map') });
	if (!map)
		$('#map').hidden = true;
	initMedia($('#files'), $('#uploads'), onExif);
	$('#next').addEventListener('click', () => { if (validate(step)) showStep(step + 1, true); });
	$('#back').addEventListener('click', () => showStep(step - 1, true));
	$('#locate').addEventListener('click', locate);
	$('#report').addEventListener('submit', submit);
	$('#description').addEventListener('input', suggestField);
	showStep(1);
	try {
		meta = await api.meta();
		fillSelects();
	} catch (e) {
		say($('#form-msg'), 'error', errorText(e));
	}
}

init();
