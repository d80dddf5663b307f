// flow.test.mjs: issue 6's "Done when" scenario in headless Chromium: a citizen submits a report
// with a photo and a video at 360 px (Vietnamese), reception distributes it to Sở Xây dựng, the
// officer accepts and submits a result, the leader edits and approves, the publisher publishes,
// the citizen reads the notice and rates (then changes the rating), the public page shows the
// timeline without the reporter's identity; a second citizen submits in English.
// Run: PHANANH_WEB_BASE=http://127.0.0.1:PORT node --test --test-reporter=tap tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, FIXTURES, SHOTS, launch, context, shot, staffLogin, openCase, doAction, missingRoutes } from './lib.mjs';

const REPORTER = { name: 'Nguyễn Thị Phản Ánh', phone: '0905123456', email: 'nguoidan.test@example.org' };
const DRAFT = 'Sở Xây dựng đã kiểm tra hiện trường và thay bóng đèn đường hỏng.';
const EDIT = ' Tuyến đường đã được chiếu sáng trở lại từ ngày hôm nay.';
let browser;
const s = {};	// state across the steps: code, link, problems
let broken = null;

// The API routes each step needs; a step whose routes are not served yet is skipped (and so are
// the steps after it), naming the route, so this file runs on a partly built API.
const CASE = '/cases/1';
const NEEDS = {
	submit: [['GET', '/meta'], ['POST', '/reports']],
	staff: [['POST', '/auth/login'], ['GET', '/auth/me'], ['GET', '/queues/intake'], ['GET', CASE],
		['POST', CASE + '/actions/accept']],
	distribute: [['GET', CASE + '/suggestions']],
	public: [['GET', '/public/cases']],
	stats: [['GET', '/stats/overview']],
	reveal: [['POST', CASE + '/reveal-requests'], ['POST', '/reveal-requests/1/decision'], ['GET', '/notifications']],
};

// independent: runs even when an earlier step did not pass (and does not stop later ones)
function step(name, needs, fn, independent) {
	test(name, async (t) => {
		if (broken && !independent) {
			t.skip('an earlier step did not pass: ' + broken);
			return;
		}
		const missing = await missingRoutes(needs.flatMap((k) => NEEDS[k]));
		if (missing.length) {
			if (!independent)
				broken = name;
			t.skip('API not served yet: ' + missing.join(', '));
			return;
		}
		try {
			await fn(t);
		} catch (e) {
			if (!independent)
				broken = name;
			throw e;
		}
	});
}

before(async () => {
	browser = await launch();
	if (!process.env.PHANANH_SHOT_DIR)
		console.log('screenshots: ' + SHOTS);
});
after(async () => {
	if (browser)
		await browser.close();
});

async function fillReport(page, desc, who, withMedia) {
	await page.fill('#description', desc);
	await page.click('#next');
	if (withMedia) {
		await page.setInputFiles('#files', [path.join(FIXTURES, 'photo.jpg'), path.join(FIXTURES, 'clip.webm')]);
		// each file ends uploaded, or the server has no upload endpoint yet (skipped gracefully)
		await page.waitForFunction(() => {
			const st = [...document.querySelectorAll('#uploads .upstatus')];
			return st.length === 2 && st.every((x) => !/…|\.\.\./.test(x.textContent));
		});
	}
	await page.click('#next');
	await page.click('#locate');
	await page.waitForFunction(() => document.querySelector('#lat').value !== '');
	await page.fill('#address', '12 Nguyễn Huệ, Quy Nhơn');
	await page.click('#next');
	await page.click('#next');	// the time defaults to now
	await page.fill('#name', who.name);
	await page.fill('#phone', who.phone);
	await page.fill('#email', who.email);
	await page.check('#truthful');
}

step('citizen submits a report with a photo and a video at 360 px (vi)', ['submit'], async () => {
	const ctx = await context(browser, { width: 360, height: 740, lang: 'vi', geo: true });
	s.citizen = ctx;
	const page = await ctx.newPage();
	await page.goto(BASE + '/index.html');
	await page.waitForSelector('#field option:nth-child(2)', { state: 'attached' });
	await page.fill('#description', 'Đèn đường hỏng trên đường Nguyễn Huệ, cả đoạn tối om vào ban đêm.');
	await page.waitForSelector('#field-suggest:not([hidden])');
	await page.click('#field-suggest button');
	assert.equal(await page.inputValue('#field'), 'XD', 'the field suggested from the keywords');
	await fillReport(page, 'Đèn đường hỏng trên đường Nguyễn Huệ, cả đoạn tối om vào ban đêm.', REPORTER, true);
	const uploads = await page.locator('#uploads li').allTextContents();
	console.log('uploads: ' + uploads.join(' | '));
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 360, `no horizontal scrolling at 360 px (scrollWidth ${width})`);
	await shot(page, 'citizen-form-360');
	await page.click('#send');
	await page.waitForSelector('#done:not([hidden])');
	s.code = (await page.textContent('#done-code')).trim();
	s.link = await page.getAttribute('#done-link', 'href');
	assert.match(s.code, /^\d+$/);
	assert.match(s.link, /track\.html#.{16,}/);
	await shot(page, 'citizen-confirmation');
	assert.deepEqual(ctx.problems, []);
});

step('reception distributes to Sở Xây dựng', ['staff', 'distribute'], async () => {
	const page = await staffLogin(browser, 'tiepnhan');
	await page.goto(BASE + '/staff.html#q=intake');
	await page.waitForSelector(`a[href="#case=${s.code}"]`);
	await shot(page, 'reception-queue');
	await openCase(page, s.code);
	// the server stores phones in E.164 (+84…)
	assert.ok(await page.isVisible(`text=+84${REPORTER.phone.slice(1)}`), 'reception sees the reporter');
	await doAction(page, 'distribute', async (p) => {
		await p.selectOption('#a-field', 'XD');
		await p.selectOption('#a-group', 'XD-DENDUONG');
		await p.selectOption('#a-lead', { label: 'Sở Xây dựng' });
		await shot(p, 'reception-distribute-form');
	});
	await shot(page, 'reception-distributed');
	assert.deepEqual(page.context().problems, []);
	await page.context().close();
});

step('officer sxd.canbo accepts and submits a result', ['staff'], async () => {
	const page = await staffLogin(browser, 'sxd.canbo');
	await page.goto(BASE + '/staff.html#q=inbox');
	await page.waitForSelector(`a[href="#case=${s.code}"]`);
	await openCase(page, s.code);
	assert.ok(!(await page.isVisible(`text=${REPORTER.phone}`)), 'the agency does not see the reporter');
	await doAction(page, 'accept');
	await shot(page, 'officer-accepted');
	await doAction(page, 'submit_result', (p) => p.fill('#a-text', DRAFT));
	await shot(page, 'officer-submitted');
	await page.context().close();
});

step('officer asks for the reporter identity, the monitor approves, notifications', ['staff', 'reveal'], async (t) => {
	if (!s.code)
		return t.skip('no case from the submission step');
	const page = await staffLogin(browser, 'sxd.canbo');
	await page.click('#notif-btn');
	await page.waitForSelector('#notif:not([hidden]) #notif-list li');
	await shot(page, 'officer-notifications');
	await openCase(page, s.code);
	await page.fill('#reveal-purpose', 'Cần liên hệ người phản ánh để xác định vị trí cột đèn.');
	await page.click('#reveal-form button[type=submit]');
	await page.waitForSelector('#pane .msg-ok');
	const mon = await staffLogin(browser, 'giamsat');
	await openCase(mon, s.code);
	await mon.click('button[data-reveal="approve"]');
	await mon.waitForSelector('#pane .msg-ok');
	await shot(mon, 'monitor-reveal-approved');
	await mon.context().close();
	await openCase(page, s.code);
	assert.ok(await page.isVisible(`text=+84${REPORTER.phone.slice(1)}`), 'after the approval the officer sees the reporter');
	await shot(page, 'officer-identity-revealed');
	await page.context().close();
}, true);

step('leader sxd.lanhdao edits and approves (diff shown)', ['staff'], async () => {
	const page = await staffLogin(browser, 'sxd.lanhdao');
	await openCase(page, s.code);
	await doAction(page, 'approve', async (p) => {
		await p.fill('#a-text', DRAFT + EDIT);
		await p.waitForSelector('#action-form .diff ins');
		assert.match(await p.textContent('#action-form .diff ins'), /chiếu sáng trở lại/);
		await shot(p, 'leader-edit-diff');
	});
	await shot(page, 'leader-approved');
	await page.context().close();
});

step('publisher bientap publishes with a preview of the notice', ['staff'], async () => {
	const page = await staffLogin(browser, 'bientap');
	await page.goto(BASE + '/staff.html#q=publication');
	await page.waitForSelector(`a[href="#case=${s.code}"]`);
	await openCase(page, s.code);
	await doAction(page, 'publish', async (p) => {
		await p.waitForSelector('#action-form .preview .notice');
		assert.match(await p.textContent('#action-form .preview .notice'), /chiếu sáng trở lại/);
		await shot(p, 'publisher-preview');
	});
	await shot(page, 'publisher-published');
	await page.context().close();
});

step('citizen reads the notice and rates, then changes the rating', ['submit'], async () => {
	const page = await s.citizen.newPage();
	await page.goto(s.link);
	await page.waitForSelector('.notice');
	assert.match(await page.textContent('.notice'), /chiếu sáng trở lại/);
	await shot(page, 'citizen-notice');
	await page.check('input[name="rating"][value="satisfied"]');
	await page.click('#rate-form button[type=submit]');
	await page.waitForSelector('#view .msg-ok');
	assert.ok(await page.isChecked('input[name="rating"][value="satisfied"]'));
	await page.check('input[name="rating"][value="very_satisfied"]');
	await page.click('#rate-form button[type=submit]');
	await page.waitForSelector('#view .msg-ok');
	assert.ok(await page.isChecked('input[name="rating"][value="very_satisfied"]'), 'the rating can be changed');
	await shot(page, 'citizen-rated');
	assert.deepEqual(s.citizen.problems, []);
});

step('the public page shows the timeline without the reporter identity', ['public'], async () => {
	const ctx = await context(browser, { width: 360, height: 740 });
	const page = await ctx.newPage();
	await page.goto(BASE + '/public.html');
	await page.waitForSelector(`a[href="case.html?code=${s.code}"]`);
	await shot(page, 'public-list');
	await page.goto(BASE + '/case.html?code=' + s.code);
	await page.waitForSelector('.timeline li');
	const text = await page.textContent('body');
	for (const v of Object.values(REPORTER))
		assert.ok(!text.includes(v), `the public page does not show "${v}"`);
	assert.match(text, /chiếu sáng trở lại/);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 360, `no horizontal scrolling at 360 px (scrollWidth ${width})`);
	await shot(page, 'public-case');
	assert.deepEqual(ctx.problems, []);
	await ctx.close();
});

step('a citizen submits in English', ['submit'], async () => {
	const ctx = await context(browser, { width: 1024, lang: 'en', geo: true });
	const page = await ctx.newPage();
	await page.goto(BASE + '/index.html');
	assert.equal(await page.textContent('h1'), 'Report a field situation');
	assert.equal(await page.getAttribute('html', 'lang'), 'en');
	await fillReport(page, 'Illegal dumping of construction waste next to the canal.', {
		name: 'John Reporter', phone: '+84905000111', email: 'john@example.org' }, false);
	await page.click('#send');
	await page.waitForSelector('#done:not([hidden])');
	assert.equal(await page.textContent('#h-done'), 'Your report has been received');
	await shot(page, 'citizen-english-confirmation');
	await page.goto(await page.getAttribute('#done-link', 'href'));
	await page.waitForSelector('.timeline li');
	assert.match(await page.textContent('#view'), /Received, awaiting check/);
	await page.click('#lang-toggle');
	assert.equal(await page.textContent('#lang-toggle'), 'English');
	assert.match(await page.textContent('#view'), /Mới tiếp nhận/);
	await shot(page, 'citizen-english-track');
	assert.deepEqual(ctx.problems, []);
	await ctx.close();
}, true);

step('dashboards: the agency leader and the province view', ['staff', 'stats'], async () => {
	const page = await staffLogin(browser, 'sxd.lanhdao');
	await page.goto(BASE + '/dashboard.html');
	await page.waitForSelector('#kpis .kpi');
	assert.equal(await page.locator('#kpis .kpi').count(), 6);
	assert.match(await page.textContent('#title'), /Sở Xây dựng/);
	await shot(page, 'dashboard-agency');
	assert.deepEqual(page.context().problems, []);
	await page.context().close();
	const p2 = await staffLogin(browser, 'giamsat');
	await p2.goto(BASE + '/dashboard.html');
	await p2.waitForSelector('#kpis .kpi');
	assert.equal(await p2.textContent('#title'), 'Tổng hợp toàn tỉnh');
	await shot(p2, 'dashboard-province');
	assert.deepEqual(p2.context().problems, []);
	await p2.context().close();
}, true);
