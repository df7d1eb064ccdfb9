import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { expectAccessible } from './support/session.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** WCAG 2.2 AA checks that axe can automate (JIS X 8341-3). */
function addUser(loginId: string, name: string, extra: string[] = []): { temporaryPassword: string } {
  return JSON.parse(server.cli(['user', 'add', '--login', loginId, '--name', name, '--unit', 'ROOT', '--json', ...extra]));
}

describe('first login in the browser (ID-3, ID-13)', () => {
  it('temporary password → forced change → monitoring notice → home', async () => {
    const { temporaryPassword } = addUser('e2e-shokuin', '山田 花子');
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('ユーザID').fill('e2e-shokuin');
    await page.getByLabel('パスワード', { exact: true }).fill(temporaryPassword);
    // ID-2: the password field masks what is typed.
    expect(await page.getByLabel('パスワード', { exact: true }).getAttribute('type')).toBe('password');
    await expectAccessible(page, 'login');
    await screenshot(page, '01-login');
    await page.getByRole('button', { name: 'ログイン' }).click();

    await page.getByLabel('現在のパスワード').waitFor();
    await expectAccessible(page, 'password change');
    // A weak password is refused with the server's explanation.
    await page.getByLabel('現在のパスワード').fill(temporaryPassword);
    await page.getByLabel('新しいパスワード', { exact: true }).fill('password1234');
    await page.getByLabel('新しいパスワード（確認）').fill('password1234');
    await page.getByRole('button', { name: '変更する' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('alert').first().textContent()).toContain('パスワード');
    await screenshot(page, '02-weak-password-refused');

    const strong = 'Sora-no-ao-kawa-7913';
    await page.getByLabel('新しいパスワード', { exact: true }).fill(strong);
    await page.getByLabel('新しいパスワード（確認）').fill(strong);
    await page.getByRole('button', { name: '変更する' }).click();

    await page.getByLabel('上記の内容を確認しました').waitFor();
    await expectAccessible(page, 'monitoring notice');
    await screenshot(page, '03-monitoring-notice');
    await page.getByLabel('上記の内容を確認しました').check();
    await page.getByRole('button', { name: '確認して利用を開始' }).click();

    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    await page.getByText('山田 花子').first().waitFor({ state: 'visible' });
    await expectAccessible(page, 'home');
    await screenshot(page, '04-home');

    // English is one click away.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, '05-home-en');
    await page.getByRole('button', { name: '日本語' }).click();

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByLabel('ユーザID').waitFor();
    // After logout the API refuses the old session.
    const me = await page.request.get(`${server.url}/api/me`);
    expect(me.status()).toBe(401);
    await context.close();
  });

  it('the same refusal for an unknown ID and a wrong password (ID-5)', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('ユーザID').fill('nobody-here');
    await page.getByLabel('パスワード', { exact: true }).fill('whatever-password-1');
    await page.getByRole('button', { name: 'ログイン' }).click();
    const unknown = await page.getByRole('alert').first().textContent();
    addUser('e2e-wrongpw', '佐藤 次郎');
    await page.getByLabel('ユーザID').fill('e2e-wrongpw');
    await page.getByLabel('パスワード', { exact: true }).fill('whatever-password-1');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForTimeout(300);
    const wrong = await page.getByRole('alert').first().textContent();
    expect(unknown).toContain('ユーザIDまたはパスワードが正しくない');
    expect(wrong).toBe(unknown);
    await context.close();
  });
});
