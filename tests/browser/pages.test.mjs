// pages.test.mjs: every page of the web client through nginx (its real Content-Security-Policy),
// with map tiles unreachable: loads without script errors or CSP violations, works at 360 px,
// keyboard and language switch, and degrades cleanly where the API is not there.
// Run: PHANANH_WEB_BASE=http://127.0.0.1:PORT node --test --test-reporter=tap tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, context, shot } from './lib.mjs';

const PAGES = ['index.html', 'track.html', 'public.html', 'case.html', 'staff.html', 'dashboard.html'];
let browser;

before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

test('every page loads at 360 px without script errors, CSP violations or sideways scrolling', async () => {
	const ctx = await context(browser, { width: 360, height: 740 });
	const page = await ctx.newPage();
	for (const p of PAGES) {
		const res = await page.goto(BASE + '/' + p);
		assert.equal(res.status(), 200, p);
		await page.waitForLoadState('networkidle');
		assert.equal(await page.getAttribute('html', 'lang'), 'vi', p + ' is Vietnamese first');
		assert.ok(await page.isVisible('header.top'), p + ' has the header');
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(width <= 360, `${p}: scrollWidth ${width} at 360 px`);
		await shot(page, 'page-' + p.replace('.html', ''));
	}
	assert.deepEqual(ctx.problems, []);
	await ctx.close();
});

test('the map works without tiles (Leaflet from web/vendor, tile server unreachable)', async () => {
	const ctx = await context(browser, { width: 1024 });
	const page = await ctx.newPage();
	await page.goto(BASE + '/index.html');
	await page.fill('#description', 'Ổ gà lớn giữa đường, xe máy dễ té ngã.');
	await page.click('#next');
	await page.click('#next');
	await page.waitForSelector('#map.leaflet-container');
	await page.click('#map', { position: { x: 200, y: 120 } });
	await page.waitForFunction(() => document.querySelector('#lat').value !== '');
	assert.match(await page.inputValue('#lng'), /^\d+\.\d{6}$/, 'a tap on the map sets the point');
	await shot(page, 'map-without-tiles');
	assert.deepEqual(ctx.problems, []);
	await ctx.close();
});

test('the form checks each step and moves focus to the step heading', async () => {
	const ctx = await context(browser, { width: 360, height: 740 });
	const page = await ctx.newPage();
	await page.goto(BASE + '/index.html');
	await page.click('#next');
	assert.ok(await page.isVisible('#form-msg.msg-error'), 'an empty description is refused');
	assert.equal(await page.getAttribute('#description', 'aria-invalid'), 'true');
	await page.fill('#description', 'Cây xanh đổ chắn ngang đường sau cơn mưa lớn.');
	await page.click('#next');
	assert.ok(await page.isVisible('section.step[data-step="2"]'));
	assert.equal(await page.evaluate(() => document.activeElement.id), 'h-media');
	assert.equal(await page.getAttribute('#steps li[data-step="2"]', 'aria-current'), 'step');
	await shot(page, 'form-step-2');
	await ctx.close();
});

test('keyboard: the skip link comes first and every control has a label', async () => {
	const ctx = await context(browser, { width: 1024 });
	const page = await ctx.newPage();
	for (const p of ['index.html', 'public.html', 'staff.html']) {
		await page.goto(BASE + '/' + p);
		await page.waitForLoadState('networkidle');
		if (p !== 'staff.html') {	// the sign-in page puts the focus on the username itself
			await page.keyboard.press('Tab');
			assert.equal(await page.evaluate(() => document.activeElement.className), 'skip', p);
		}
		const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
			.filter((n) => n.type !== 'hidden' && !n.closest('[hidden]') && !n.labels.length && !n.getAttribute('aria-label'))
			.map((n) => n.id || n.name));
		assert.deepEqual(unlabelled, [], p + ': controls without a label');
	}
	await ctx.close();
});

test('the language switch translates the page and is remembered', async () => {
	const ctx = await context(browser, { width: 360, height: 740 });
	const page = await ctx.newPage();
	await page.goto(BASE + '/index.html');
	assert.equal(await page.textContent('h1'), 'Gửi phản ánh hiện trường');
	await page.click('#lang-toggle');
	assert.equal(await page.textContent('h1'), 'Report a field situation');
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	await page.goto(BASE + '/public.html');
	assert.equal(await page.textContent('h1'), 'Answered reports', 'the choice is kept across pages');
	await shot(page, 'public-english');
	await ctx.close();
});

test('pages without their parameter or session explain themselves', async () => {
	const ctx = await context(browser, { width: 1024 });
	const page = await ctx.newPage();
	await page.goto(BASE + '/track.html');
	await page.waitForSelector('#msg.msg-error');
	await page.goto(BASE + '/case.html');
	await page.waitForSelector('#msg.msg-error');
	await page.goto(BASE + '/staff.html');
	await page.waitForSelector('#login:not([hidden])');
	assert.ok(await page.isVisible('#username'), 'staff.html asks for a sign-in without a session');
	await shot(page, 'staff-login');
	assert.deepEqual(ctx.problems, []);
	await ctx.close();
});
