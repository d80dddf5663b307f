// portal-media.js: the photos/video step of the citizen form: uploads each chosen file at once with
// a progress bar, keeps the media ids for the report, and passes EXIF suggestions (time, GPS) on.
// When the server has no upload endpoint (404) the step is skipped: the report goes without files.
import config from '../config.js';
import { api } from './api.js';
import { t } from './i18n.js';
import { el, errorText } from './ui.js';

const uploads = [];	// {file, state: 'up'|'done'|'failed'|'unsupported', media}
let unavailable = false;

export function mediaIds() {
	return uploads.filter((u) => u.state === 'done' && u.media && u.media.id !== undefined)
		.map((u) => u.media.id);
}

export function uploadsPending() {
	return uploads.some((u) => u.state === 'up');
}

function tooBig(file) {
	const video = (file.type || '').startsWith('video/');
	return file.size > (video ? config.maxVideoBytes : config.maxPhotoBytes);
}

function addRow(list, file) {
	const bar = el('progress', { max: '100', value: '0', 'aria-label': t('media.progress', { name: file.name }) });
	const status = el('span', { class: 'upstatus', text: t('media.uploading') });
	const remove = el('button', { type: 'button', class: 'btn-link', text: t('media.remove') });
	const li = el('li', {}, el('span', { class: 'fname', text: file.name }), bar, status, remove);
	list.append(li);
	return { li, bar, status, remove };
}

async function uploadOne(u, row, onExif) {
	try {
		const media = await api.uploadMedia(u.file, (f) => { row.bar.value = Math.round(f * 100); });
		if (media === null) {
			unavailable = true;
			u.state = 'unsupported';
			row.status.textContent = t('media.unavailable');
			row.bar.remove();
			return;
		}
		u.media = media;
		u.state = 'done';
		row.bar.value = 100;
		row.status.textContent = t('media.done');
		if (media.thumb_url)
			row.li.prepend(el('img', { src: media.thumb_url, alt: '', class: 'thumb' }));
		if (media.exif && onExif)
			onExif(media.exif);
	} catch (e) {
		u.state = 'failed';
		row.status.textContent = t('media.failed') + ': ' + errorText(e);
		row.li.classList.add('failed');
	}
}

// Wire the file input; onExif({taken_at, lat, lng}) gets the server's EXIF suggestions.
export function initMedia(input, list, onExif) {
	input.addEventListener('change', () => {
		for (const file of Array.from(input.files || [])) {
			if (uploads.filter((u) => u.state !== 'removed').length >= config.maxFiles) {
				list.append(el('li', { class: 'failed', text: t('media.too_many', { n: config.maxFiles }) }));
				break;
			}
			const u = { file, state: 'up', media: null };
			const row = addRow(list, file);
			row.remove.addEventListener('click', () => { u.state = 'removed'; row.li.remove(); });
			uploads.push(u);
			if (tooBig(file)) {
				u.state = 'failed';
				row.status.textContent = t('media.too_big');
				row.bar.remove();
				continue;
			}
			if (unavailable) {
				u.state = 'unsupported';
				row.status.textContent = t('media.unavailable');
				row.bar.remove();
				continue;
			}
			uploadOne(u, row, onExif);
		}
		input.value = '';
	});
}
