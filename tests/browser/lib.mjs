// lib.mjs: shared helpers of the browser tests: Debian's Chromium driven by playwright-core (from
// web/node_modules), a fresh profile per run, map tiles blocked (the pages must work without
// them), a new profile per launch, one screenshot per step into $PHANANH_SHOT_DIR, staff sign-in.
// Environment: PHANANH_WEB_BASE (e.g. http://127.0.0.1:8080, required), PHANANH_SHOT_DIR,
// PHANANH_CHROMIUM (default /usr/bin/chromium).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'web', 'package.json'));
const { chromium } = require('playwright-core');

export const BASE = (process.env.PHANANH_WEB_BASE || '').replace(/\/$/, '');
export const FIXTURES = path.join(here, 'fixtures');
export const SHOTS = process.env.PHANANH_SHOT_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'phananh-shots-'));
fs.mkdirSync(SHOTS, { recursive: true });

// playwright's launch() gives Chromium a new empty profile (--user-data-dir in a temp dir) itself
// and refuses one passed by hand.
export async function launch() {
	if (!BASE)
		throw new Error('PHANANH_WEB_BASE is not set');
	return chromium.launch({
		executablePath: process.env.PHANANH_CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

// A context: {width, lang: 'vi'|'en', geo: true}. Page errors and failed API calls are collected
// in ctx.problems so the test can assert there were none.
export async function context(browser, opts) {
	opts = opts || {};
	const ctx = await browser.newContext({
		viewport: { width: opts.width || 1280, height: opts.height || 900 },
		locale: opts.lang === 'en' ? 'en-GB' : 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		geolocation: { latitude: 13.7765, longitude: 109.2237 },
		permissions: opts.geo ? ['geolocation'] : [],
	});
	ctx.problems = [];
	await ctx.route(/tile\.openstreetmap\.org/, (r) => r.abort());
	if (opts.lang)
		await ctx.addInitScript((l) => { try { localStorage.setItem('phananh.lang', l); } catch (e) { /* none */ } }, opts.lang);
	ctx.on('page', (p) => watch(ctx, p));
	return ctx;
}

function watch(ctx, page) {
	page.setDefaultTimeout(15000);
	page.on('pageerror', (e) => ctx.problems.push('page error: ' + e.message));
	page.on('console', (m) => {
		if (/Content Security Policy|SyntaxError|TypeError|ReferenceError/.test(m.text()))
			ctx.problems.push('console: ' + m.text());
	});
}

let n = 0;
export async function shot(page, name) {
	n++;
	const file = path.join(SHOTS, `${String(n).padStart(2, '0')}-${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

// Sign in on staff.html in a fresh context; returns the page.
export async function staffLogin(browser, username) {
	const ctx = await context(browser, { width: 1280 });
	const page = await ctx.newPage();
	await page.goto(BASE + '/staff.html');
	await page.fill('#username', username);
	await page.fill('#password', 'demo-pass-1');
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#work:not([hidden])');
	return page;
}

// Open case `code` in the workspace and wait for its action bar.
export async function openCase(page, code) {
	const url = BASE + '/staff.html#case=' + code;
	if (page.url() === url)
		await page.reload();	// same hash: no hashchange, so load it afresh
	else
		await page.goto(url);
	await page.waitForSelector('#pane .actions');
}

// Click the action button, fill the form with fill(page), submit, wait for the success message.
export async function doAction(page, action, fill) {
	await page.click(`button[data-action="${action}"]`);
	await page.waitForSelector(`#action-form[data-action="${action}"]`);
	if (fill)
		await fill(page);
	await page.click('#a-submit');
	await page.waitForSelector('#pane .msg-ok');
}

// Does the API serve this route yet? A route the worker does not know answers 404 (nginx 502 when
// no worker runs); an existing one answers 2xx, 400, 401, 403, 409 or 422 to a probe without a
// session or a body. Results are cached per route.
const probed = new Map();
export async function missingRoutes(routes) {
	const missing = [];
	for (const [method, p] of routes) {
		const key = method + ' ' + p;
		if (!probed.has(key)) {
			const r = await fetch(BASE + '/api/v1' + p, {
				method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: method === 'GET' ? undefined : '{}',
			});
			probed.set(key, ![404, 405, 501, 502].includes(r.status));
		}
		if (!probed.get(key))
			missing.push(key);
	}
	return missing;
}
