// i18n.js: Vietnamese first, English second. The strings are two dictionaries (strings-vi.js,
// strings-en.js, same keys); the choice is kept in localStorage ("phananh.lang").
import vi from './strings-vi.js';
import en from './strings-en.js';

const DICTS = { vi, en };
const KEY = 'phananh.lang';
const listeners = [];
let current = 'vi';

try {
	const saved = localStorage.getItem(KEY);
	if (saved && DICTS[saved])
		current = saved;
} catch (e) { /* storage disabled: stay Vietnamese */ }

export function lang() {
	return current;
}

// t('key', {n: 3}) -> the string with {n} replaced; the Vietnamese text, then the key, as fallbacks.
export function t(key, vars) {
	let s = DICTS[current][key];
	if (s === undefined)
		s = vi[key];
	if (s === undefined)
		return key;
	if (vars) {
		for (const [k, v] of Object.entries(vars))
			s = s.split('{' + k + '}').join(String(v));
	}
	return s;
}

export function has(key) {
	return DICTS[current][key] !== undefined || vi[key] !== undefined;
}

export function setLang(l) {
	if (!DICTS[l] || l === current)
		return;
	current = l;
	try { localStorage.setItem(KEY, l); } catch (e) { /* not kept */ }
	apply(document);
	for (const fn of listeners)
		fn(l);
}

export function onLangChange(fn) {
	listeners.push(fn);
}

// Translate the static page: data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label),
// data-i18n-title (the document title when on <title>).
export function apply(root) {
	document.documentElement.lang = current;
	for (const n of root.querySelectorAll('[data-i18n]'))
		n.textContent = t(n.dataset.i18n);
	for (const n of root.querySelectorAll('[data-i18n-placeholder]'))
		n.placeholder = t(n.dataset.i18nPlaceholder);
	for (const n of root.querySelectorAll('[data-i18n-label]'))
		n.setAttribute('aria-label', t(n.dataset.i18nLabel));
}

// The name of a reference-data object in the current language: name_vi/name_en, vi/en, or name.
export function nameOf(o) {
	if (o === null || o === undefined)
		return '';
	if (typeof o !== 'object')
		return String(o);
	return o['name_' + current] || o[current] || o.name_vi || o.vi || o.name || o.label || o.code || '';
}

// A state's label: from /api/v1/meta when given, else from the dictionaries.
export function stateLabel(state, meta) {
	const m = meta && meta.states && meta.states[state];
	if (m)
		return nameOf(m);
	return has('state.' + state) ? t('state.' + state) : state;
}
