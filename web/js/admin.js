// admin.js: the administration workspace (admin.html): sign-in, the sections a system
// administrator (everything) or an agency administrator (their agency's people, focal points and
// deadlines) may use, and the router between them (#t=fields). The sections are admin-views.js.
import { $, el, clear, say, errorText } from './ui.js';
import { lang, setLang, onLangChange } from './i18n.js';
import { adm } from './admin-api.js';
import { at, applyAdmin } from './admin-i18n.js';
import { VIEWS } from './admin-views.js';

const SYS_TABS = ['orgs', 'people', 'fields', 'units', 'routing', 'calendars', 'deadlines', 'reminders',
	'templates', 'settings', 'keys', 'audit'];
const AGENCY_TABS = ['people', 'orgs', 'deadlines'];
let user = null, tabs = [];

function current() {
	const h = new URLSearchParams(location.hash.replace(/^#/, ''));
	return tabs.includes(h.get('t')) ? h.get('t') : tabs[0];
}

function renderTabs(active) {
	const nav = clear($('#tabs'));
	for (const x of tabs)
		nav.append(el('a', { href: '#t=' + x, id: 'tab-' + x, class: 'queue' + (x === active ? ' active' : ''),
			'aria-current': x === active ? 'page' : null, text: at('tab.' + x) }));
}

// Each view renders into its own container: a view still loading when another tab is chosen
// finishes into a detached node instead of under the new one.
async function show() {
	const tab = current();
	renderTabs(tab);
	const view = el('div');
	clear($('#pane')).append(view);
	try {
		await VIEWS[tab](view, user);
	} catch (e) {
		view.append(el('div', { class: 'msg msg-error', role: 'alert', text: errorText(e) }));
	}
}

function signedIn(u) {
	user = u;
	user.sysadmin = u.roles.includes('sysadmin');
	tabs = user.sysadmin ? SYS_TABS : u.roles.includes('agency_admin') ? AGENCY_TABS : [];
	$('#login').hidden = true;
	$('#admin-nav').hidden = false;
	$('#who').textContent = `${u.display_name} (${u.org ? u.org.code : ''})`;
	if (!tabs.length) {
		say($('#msg'), 'error', at('adm.not_admin'));
		return;
	}
	$('#work').hidden = false;
	show();
}

function showLogin() {
	$('#login').hidden = false;
	$('#work').hidden = true;
	$('#admin-nav').hidden = true;
	$('#username').focus();
}

function initLang() {
	applyAdmin(document);
	const b = $('#lang-toggle');
	const label = () => { b.textContent = lang() === 'vi' ? 'English' : 'Tiếng Việt'; };
	label();
	b.addEventListener('click', () => { setLang(lang() === 'vi' ? 'en' : 'vi'); label(); });
	onLangChange(() => {
		applyAdmin(document);
		if (user && tabs.length)
			show();
	});
	document.documentElement.lang = lang();
}

async function main() {
	initLang();
	$('#login-form').addEventListener('submit', async (ev) => {
		ev.preventDefault();
		try {
			signedIn(await adm.login($('#username').value, $('#password').value));
		} catch (e) {
			say($('#login-msg'), 'error', errorText(e));
		}
	});
	$('#logout').addEventListener('click', async () => {
		await adm.logout();
		location.hash = '';
		location.reload();
	});
	window.addEventListener('hashchange', () => { if (user && tabs.length) show(); });
	try {
		signedIn(await adm.me());
	} catch (e) {
		showLogin();
	}
}

main();
