// staff-diff.js: a word diff (longest common subsequence) for showing a leader's or publisher's
// edit against the officer's text: removed words in <del>, added words in <ins>.
import { el } from './ui.js';

const MAX = 3000;	// tokens per side; longer texts are shown as one replacement

function tokens(s) {
	return String(s || '').match(/\s+|[^\s]+/g) || [];
}

// diff(a, b) -> [{op: '=', '-', '+', text}]
export function diff(a, b) {
	const x = tokens(a), y = tokens(b);
	if (x.length > MAX || y.length > MAX)
		return [{ op: '-', text: String(a || '') }, { op: '+', text: String(b || '') }];
	const n = x.length, m = y.length;
	const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
	for (let i = n - 1; i >= 0; i--)
		for (let j = m - 1; j >= 0; j--)
			L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
	const out = [];
	const push = (op, text) => {
		if (out.length && out[out.length - 1].op === op)
			out[out.length - 1].text += text;
		else
			out.push({ op, text });
	};
	let i = 0, j = 0;
	while (i < n && j < m) {
		if (x[i] === y[j]) {
			push('=', x[i]); i++; j++;
		} else if (L[i + 1][j] >= L[i][j + 1]) {
			push('-', x[i]); i++;
		} else {
			push('+', y[j]); j++;
		}
	}
	while (i < n)
		push('-', x[i++]);
	while (j < m)
		push('+', y[j++]);
	return out;
}

export function renderDiff(a, b) {
	const parts = diff(a, b).map((p) => p.op === '=' ? document.createTextNode(p.text)
		: el(p.op === '-' ? 'del' : 'ins', { text: p.text }));
	return el('div', { class: 'diff' }, ...parts);
}
