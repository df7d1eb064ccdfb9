import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** No WCAG 2.2 AA violation that axe can find on the page as it stands. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(', ')}`);
  expect(summary, `accessibility violations on ${where}`).toEqual([]);
}

/** First sign-in of a user with a temporary password: login, password change, monitoring notice. */
export async function signInFirstTime(
  browser: Browser,
  baseUrl: string,
  loginId: string,
  temporaryPassword: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('ユーザID').fill(loginId);
  await page.getByLabel('パスワード', { exact: true }).fill(temporaryPassword);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByLabel('現在のパスワード').fill(temporaryPassword);
  const strong = 'Kansa-no-mori-4821';
  await page.getByLabel('新しいパスワード', { exact: true }).fill(strong);
  await page.getByLabel('新しいパスワード（確認）').fill(strong);
  await page.getByRole('button', { name: '変更する' }).click();
  await page.getByLabel('上記の内容を確認しました').check();
  await page.getByRole('button', { name: '確認して利用を開始' }).click();
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  return { context, page };
}
