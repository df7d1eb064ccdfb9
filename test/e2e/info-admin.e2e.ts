import { TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { expectAccessible, signInFirstTime } from './support/session.js';

let server: RunningServer;
let browser: Browser;
let users: { loginId: string; temporaryPassword: string }[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const seeded = JSON.parse(server.cli(['demo', 'seed', '--persons', '20', '--json'])) as { users: typeof users };
  users = seeded.users;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function passwordOf(loginId: string): string {
  const user = users.find((u) => u.loginId === loginId);
  if (!user) throw new Error(`the demo seed has no ${loginId}`);
  return user.temporaryPassword;
}

/** システム管理者 is privileged (ID-7): first sign-in goes through password change, TOTP enrolment and the notice. */
async function signInAdmin(loginId: string): Promise<{ context: BrowserContext; page: Page }> {
  const temporary = passwordOf(loginId);
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByLabel('ユーザID').fill(loginId);
  await page.getByLabel('パスワード', { exact: true }).fill(temporary);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByLabel('現在のパスワード').fill(temporary);
  const strong = 'Kansa-no-mori-4821';
  await page.getByLabel('新しいパスワード', { exact: true }).fill(strong);
  await page.getByLabel('新しいパスワード（確認）').fill(strong);
  await page.getByRole('button', { name: '変更する' }).click();
  await page.getByRole('button', { name: '認証アプリを設定する' }).click();
  const secret = ((await page.locator('code').first().textContent()) ?? '').replace(/\s/g, '');
  await page.getByLabel('確認コード').fill(new TOTP({ secret }).generate());
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByLabel('上記の内容を確認しました').check();
  await page.getByRole('button', { name: '確認して利用を開始' }).click();
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  return { context, page };
}

describe('業務管理 in the browser (APP-1, APP-2, APP-3, APP-8, OUT-7)', () => {
  it('システム管理者 reads the applications and one application, the effects queue, a unit’s rights and the access records', async () => {
    const { context, page } = await signInAdmin('demo-admin');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '業務管理' }).click();
    await page.getByRole('heading', { level: 1, name: '適用業務一覧' }).waitFor();
    const list = page.getByRole('table', { name: '適用業務の一覧' });
    await list.getByRole('link', { name: '運転免許照会の詳細' }).waitFor();
    await expect
      .poll(async () => (await list.locator('tbody tr').allTextContents()).join('|'))
      .toMatch(/LIC.*運転免許照会.*運用中.*機密性3/);
    await expectAccessible(page, 'applications list');
    await screenshot(page, 'info-01-applications');

    // APP-1: the AIC 第4 particulars and the purpose codes of one application.
    await list.getByRole('link', { name: '運転免許照会の詳細' }).click();
    await page.getByRole('heading', { level: 1, name: /運転免許照会/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: '運用要領（第4の事項）' }).waitFor();
    await page.getByRole('table', { name: '照会目的' }).getByText('犯罪捜査').waitFor();
    await expectAccessible(page, 'application detail');
    await screenshot(page, 'info-02-application');

    const menu = page.getByRole('navigation', { name: '業務管理メニュー' });
    await menu.getByRole('link', { name: '承認済み申請の処理' }).click();
    await page.getByRole('heading', { level: 1, name: '承認済み申請の処理' }).waitFor();
    await page.getByRole('table', { name: '処理待ちの申請' }).waitFor();
    await expectAccessible(page, 'effects queue');
    await screenshot(page, 'info-03-effects');

    // APP-3: the demo registers use rights in 運転免許課 (D1310); oversight sees any unit.
    await menu.getByRole('link', { name: '所属の業務利用権' }).click();
    await page.getByRole('heading', { level: 1, name: '所属の業務利用権' }).waitFor();
    await page.getByLabel('所属コード').fill('D1310');
    await page.getByRole('button', { name: '表示' }).click();
    const rights = page.getByRole('table', { name: 'D1310 の業務利用権' });
    await rights.waitFor();
    await expect.poll(async () => (await rights.locator('tbody').textContent()) ?? '').toContain('LIC');
    await expectAccessible(page, 'unit rights');
    await screenshot(page, 'info-04-unit-rights');

    // APP-8: access records by application and period (the search itself is audited).
    await menu.getByRole('link', { name: '照会記録' }).click();
    await page.getByRole('heading', { level: 1, name: '照会記録' }).waitFor();
    await page.getByLabel('適用業務コード').fill('LIC');
    await page.getByRole('form', { name: '職員・所属・適用業務から調べる' }).getByRole('button', { name: '検索' }).click();
    await page.waitForURL(/applicationCode=LIC/);
    await page.getByRole('table', { name: '照会記録の検索結果' }).waitFor();
    await expectAccessible(page, 'access records');
    await screenshot(page, 'info-05-access-records');

    await menu.getByRole('link', { name: '取扱説明書管理簿' }).click();
    await page.getByRole('heading', { level: 1, name: '取扱説明書管理簿' }).waitFor();
    await page.getByRole('table', { name: '取扱説明書の一覧' }).waitFor();
    await expectAccessible(page, 'manuals ledger');
    await context.close();
  });

  it('a member of staff sees their own rights but neither the effects queue nor access records (APP-2, APP-8)', async () => {
    const { context, page } = await signInFirstTime(browser, server.url, 'demo-menkyo-shokuin', passwordOf('demo-menkyo-shokuin'));
    await page.goto(`${server.url}/info/rights`);
    await page.getByRole('heading', { level: 1, name: '自分の業務利用権' }).waitFor();
    await page.getByRole('table', { name: '自分の業務利用権の一覧' }).waitFor();
    const menu = page.getByRole('navigation', { name: '業務管理メニュー' });
    expect(await menu.getByRole('link', { name: '承認済み申請の処理' }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: '照会記録' }).count()).toBe(0);
    await expectAccessible(page, 'my rights');

    await page.goto(`${server.url}/info/effects`);
    await page.getByText('このページはシステム管理者又は総務部長のみ利用できます。').waitFor();
    await page.goto(`${server.url}/info/access-records`);
    await page.getByText(/照会記録は、監査担当・システム管理者・総務部長/).waitFor();
    await context.close();
  });
});
