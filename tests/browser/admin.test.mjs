// admin.test.mjs: issue 11's "Done when" in headless Chromium, on admin.html against the real stack
// (tests/integration/t_admin_browser.sh sets PHANANH_ADMIN_BROWSER=1; without it every test skips,
// so t_browser.sh's glob over *.test.mjs does not run these against its database):
// 1. the system administrator adds a field, a group and a routing rule; a new report in that field
//    is suggested to the right agency in the reception's distribute form;
// 2. adds a holiday and a make-up Saturday next year, previews the affected deadlines and saves;
//    a report sent through the API (X-Test-Now) the day before the holiday is due on the Saturday,
//    while the deadline stored before the change stays as it was;
// 3. an agency administrator sees only their own agency's people and gets 403 on another's.
// 4. reminder rules, an Open311 question and an agency's per-field deadline through the forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, context, shot, staffLogin, openCase } from './lib.mjs';

const ON = process.env.PHANANH_ADMIN_BROWSER === '1';
let browser;

before(async () => { if (ON) browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

function atest(name, fn) {
	test(name, async (t) => {
		if (!ON) {
			t.skip('run by tests/integration/t_admin_browser.sh (PHANANH_ADMIN_BROWSER=1)');
			return;
		}
		await fn(t);
	});
}

async function adminLogin(user) {
	const ctx = await context(browser, { width: 1280 });
	const page = await ctx.newPage();
	await page.goto(BASE + '/admin.html');
	await page.fill('#username', user);
	await page.fill('#password', 'demo-pass-1');
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#work:not([hidden])');
	return page;
}

// A citizen's report through the API; now (epoch seconds) sets the business clock.
async function report(field, now) {
	const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
	if (now)
		headers['X-Test-Now'] = String(now);
	const r = await fetch(BASE + '/api/v1/reports', { method: 'POST', headers, body: JSON.stringify({
		description: 'Cây xanh bị đổ chắn ngang đường, cần xử lý gấp để bảo đảm an toàn.', field,
		lat: 13.7765, lng: 109.2235, address: '05 Trần Phú, phường Quy Nhơn', name: 'Lê Thị Kiểm Thử',
		phone: '0905 222 333', email: 'kiemthu@example.org', declaration: true,
	}) });
	assert.equal(r.status, 201, await r.clone().text());
	return r.json();
}

// Vietnam local time (UTC+7, no DST) -> epoch seconds.
const vn = (y, m, d, h, mi) => Date.UTC(y, m - 1, d, h - 7, mi) / 1000;
const ymd = (dt) => dt.toISOString().slice(0, 10);

atest('a new field with a group and a routing rule: a report in it is suggested to that agency', async () => {
	const page = await adminLogin('quantri');
	await page.click('#tab-fields');
	await page.fill('#fields-code', 'CAYXANH');
	await page.fill('#fields-name_vi', 'Cây xanh đô thị');
	await page.fill('#fields-name_en', 'Urban trees');
	await page.fill('#fields-keywords', 'cây đổ,cay do');
	await page.click('#fields-save');
	await page.waitForSelector('#fields-table tr[data-id="CAYXANH"]');
	await page.fill('#groups-code', 'CAYXANH-DO');
	await page.selectOption('#groups-field', 'CAYXANH');
	await page.fill('#groups-name_vi', 'Cây đổ, gãy cành');
	await page.click('#groups-save');
	await page.waitForSelector('#groups-table tr[data-id="CAYXANH-DO"]');
	await shot(page, 'admin-field-group');
	await page.click('#tab-routing');
	await page.selectOption('#routing-field', 'CAYXANH');
	await page.selectOption('#routing-lead', 'SNNMT');
	await page.check('input[name=routing-coord][value="UBND-QN"]');
	await page.click('#routing-save');
	await page.waitForSelector('#routing-table td:text-is("CAYXANH")');
	await shot(page, 'admin-routing');
	assert.deepEqual(page.context().problems, []);

	const r = await report('CAYXANH');
	const staff = await staffLogin(browser, 'tiepnhan');
	await openCase(staff, r.code);
	await staff.click('button[data-action="distribute"]');
	await staff.waitForSelector('#action-form[data-action="distribute"]');
	await staff.waitForFunction(() => document.querySelector('#a-lead').value !== '');
	assert.equal(await staff.inputValue('#a-lead'), 'SNNMT', 'the suggested lead agency');
	assert.equal(await staff.inputValue('#a-field'), 'CAYXANH');
	assert.ok(await staff.isChecked('#action-form input[name=coord][value="UBND-QN"]'), 'coordinating agency ticked');
	await shot(staff, 'admin-suggested');
});

atest('a holiday and a make-up Saturday next year: deadlines computed across them', async () => {
	const year = new Date().getUTCFullYear() + 1;
	const fri = new Date(Date.UTC(year, 2, 1));
	while (fri.getUTCDay() !== 5)
		fri.setUTCDate(fri.getUTCDate() + 1);
	fri.setUTCDate(fri.getUTCDate() + 7);		// the second Friday of March
	const sat = new Date(fri.getTime() + 86400e3);
	const thu = new Date(fri.getTime() - 86400e3);
	const [y, m, d] = [thu.getUTCFullYear(), thu.getUTCMonth() + 1, thu.getUTCDate()];
	const before = await report('GTVT', vn(y, m, d, 16, 30));
	assert.equal(before.intake_due_at, vn(y, m, d + 1, 7, 30), 'before the change: due Friday 07:30');

	const page = await adminLogin('quantri');
	await page.click('#tab-calendars');
	await page.waitForSelector('#cal-body');
	await page.fill('#cal-date', ymd(fri));
	await page.fill('#cal-name', 'Nghỉ thử nghiệm');
	await page.click('#cal-add-holiday');
	await page.fill('#cal-date', ymd(sat));
	await page.fill('#cal-name', 'Làm bù thử nghiệm');
	await page.click('#cal-add-workday');
	const body = await page.inputValue('#cal-body');
	assert.match(body, new RegExp(`holiday ${ymd(fri)} Nghỉ thử nghiệm\\nworkday ${ymd(sat)} Làm bù thử nghiệm\\n$`));
	await page.click('#cal-preview');
	await page.waitForSelector('#cal-affected');
	assert.match(await page.textContent('#cal-affected'), /^[1-9]\d* /, 'the preview counts the affected deadline');
	assert.ok(await page.isVisible(`#cal-sample td:text-is("${before.code}")`), 'and lists the case');
	await shot(page, 'admin-calendar-preview');
	await page.click('#cal-save');
	await page.waitForSelector('#pane .msg-ok');

	const after = await report('GTVT', vn(y, m, d, 16, 30));
	assert.equal(after.intake_due_at, vn(sat.getUTCFullYear(), sat.getUTCMonth() + 1, sat.getUTCDate(), 7, 30),
		'after the change: 30 min on Thursday, none on the holiday Friday, 30 min on the make-up Saturday');
	const staff = await staffLogin(browser, 'tiepnhan');
	await openCase(staff, before.code);
	const c = await staff.evaluate(async (code) => (await (await fetch('/api/v1/cases/' + code)).json()), before.code);
	const intake = c.timers.filter((x) => x.stage === 'intake').pop();
	assert.equal(intake.due_at, before.intake_due_at, 'the deadline stored before the change is untouched');
	assert.deepEqual(page.context().problems, []);
});

atest('an agency administrator cannot touch another agency\'s people', async () => {
	const page = await adminLogin('sxd.admin');
	await page.waitForSelector('#people-table');
	const orgs = await page.$$eval('#people-table tbody tr td:nth-child(3)', (tds) => tds.map((x) => x.textContent));
	assert.ok(orgs.length > 0 && orgs.every((o) => o === 'SXD'), 'only SXD people are listed: ' + orgs.join(','));
	assert.equal(await page.$('#people-table tr[data-id="qn.canbo"]'), null);
	const tabs = await page.$$eval('#tabs a', (as) => as.map((a) => a.id));
	assert.deepEqual(tabs, ['tab-people', 'tab-orgs', 'tab-deadlines']);
	const status = await page.evaluate(async () => {
		const me = await (await fetch('/api/v1/auth/me')).json();
		const r = await fetch('/api/v1/admin/users/qn.canbo', { method: 'PATCH',
			headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
			body: JSON.stringify({ display_name: 'Đổi tên trái phép' }) });
		return r.status;
	});
	assert.equal(status, 403, 'changing another agency\'s person is refused');
	// their own agency's person: allowed, through the form
	await page.click('#people-table tr[data-id="sxd.canbo"] button');
	await page.fill('#people-phone', '0912 345 670');
	await page.click('#people-save');
	await page.waitForSelector('#pane .msg-ok');
	await shot(page, 'admin-agency-people');
	assert.deepEqual(page.context().problems, []);
});

atest('reminder rules, an Open311 question and a per-field deadline from the workspace', async () => {
	const page = await adminLogin('quantri');
	await page.click('#tab-reminders');
	await page.waitForSelector('#rules-table');
	const before = await page.$$eval('#rules-table tbody tr', (trs) => trs.length);
	await page.selectOption('#rules-stage', 'process');
	await page.fill('#rules-offset_min', '-120');
	await page.check('input[name="rules-recipients"][value="assignee"]');
	await page.check('input[name="rules-channels"][value="email"]');
	await page.fill('#rules-template', 'reminder_process');
	await page.fill('#rules-note', 'hai giờ làm việc trước hạn');
	await page.click('#rules-save');
	await page.waitForFunction((n) => document.querySelectorAll('#rules-table tbody tr').length === n + 1, before);
	await shot(page, 'admin-reminders');
	page.once('dialog', (d) => d.accept());
	await page.click('#rules-table tr:has(td:text-is("hai giờ làm việc trước hạn")) button:text-is("Xóa")');
	await page.waitForFunction((n) => document.querySelectorAll('#rules-table tbody tr').length === n, before);

	await page.click('#tab-fields');
	await page.waitForSelector('#attrs-form');
	await page.selectOption('#attrs-field', 'DL');
	await page.fill('#attrs-code', 'loai_dich_vu');
	await page.selectOption('#attrs-datatype', 'singlevaluelist');
	await page.fill('#attrs-description', 'Loại dịch vụ du lịch');
	await page.fill('#attrs-values', 'luu_tru = Lưu trú\nan_uong = Ăn uống');
	await page.click('#attrs-save');
	await page.waitForSelector('#attrs-table td:text-is("loai_dich_vu")');
	const def = await (await fetch(BASE + '/open311/v2/services/DL.json')).json();
	const attrs = (Array.isArray(def) ? def[0] : def).attributes;
	assert.deepEqual(attrs.map((a) => a.code), ['loai_dich_vu'], 'Open311 serves the new question');
	assert.deepEqual(page.context().problems, []);

	const agency = await adminLogin('sxd.admin');
	await agency.click('#tab-deadlines');
	await agency.waitForSelector('#fdl-form');
	await agency.selectOption('#fdl-field', 'XD');
	await agency.fill('#fdl-minutes', '1920');
	await agency.click('#fdl-save');
	await agency.waitForSelector('#fdl-table td:text-is("XD")');
	assert.equal(await agency.textContent('#fdl-table tbody tr td:nth-child(3)'), '1920');
	await shot(agency, 'admin-field-deadline');
	assert.deepEqual(agency.context().problems, []);
});
