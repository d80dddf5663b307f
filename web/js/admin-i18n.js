// admin-i18n.js: at(key, vars): the administration texts (admin-strings.js) in the current
// language, falling back to the client's shared dictionaries (i18n.js t()).
import { t, lang } from './i18n.js';
import { vi, en } from './admin-strings.js';

const DICTS = { vi, en };

export function at(key, vars) {
	let s = (DICTS[lang()] || vi)[key];
	if (s === undefined)
		s = vi[key];
	if (s === undefined)
		return t(key, vars);
	for (const [k, v] of Object.entries(vars || {}))
		s = s.split('{' + k + '}').join(String(v));
	return s;
}

// Translate data-ai18n (text) and data-ai18n-label (aria-label) under root.
export function applyAdmin(root) {
	for (const n of root.querySelectorAll('[data-ai18n]'))
		n.textContent = at(n.dataset.ai18n);
	for (const n of root.querySelectorAll('[data-ai18n-label]'))
		n.setAttribute('aria-label', at(n.dataset.ai18nLabel));
}
