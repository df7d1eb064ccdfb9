import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { expectAccessible, signInFirstTime } from './support/session.js';

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

/** A user added by the CLI, logged in through the temporary-password change and the notice. */
async function signIn(loginId: string, name: string, roles: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const { temporaryPassword } = JSON.parse(
    server.cli(['user', 'add', '--login', loginId, '--name', name, '--unit', 'ROOT', '--json', ...roles.flatMap((r) => ['--role', r])]),
  ) as { temporaryPassword: string };
  return signInFirstTime(browser, server.url, loginId, temporaryPassword);
}

describe('監査ログ in the browser (AUD-4)', () => {
  it('an auditor searches, opens an entry, exports CSV and sees the verification page', async () => {
    const { context, page } = await signIn('e2e-kansa', '監査 一郎', ['auditor']);
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    await nav.getByRole('link', { name: '監査ログ' }).click();
    await page.getByRole('heading', { level: 1, name: '監査ログ検索' }).waitFor();
    await page.getByRole('table', { name: '検索結果（新しい順）' }).waitFor();
    await expectAccessible(page, 'audit search');
    await screenshot(page, 'audit-01-search');

    await page.getByLabel('操作', { exact: true }).fill('auth.login');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.waitForURL(/action=auth\.login/);
    const table = page.getByRole('table', { name: '検索結果（新しい順）' });
    await expect
      .poll(async () => {
        const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
        return actions.length > 0 && actions.every((text) => text.includes('auth.login'));
      })
      .toBe(true);
    await screenshot(page, 'audit-02-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV出力（Excel用）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sekimori-audit-log-\d{8}-\d{6}\.csv$/);
    const csv = iconv.decode(readFileSync((await download.path()) ?? ''), 'cp932');
    expect(csv.split('\r\n')[0]).toBe('連番,日時,操作,結果,利用者ID,所属,対象種別,対象ID,対象名,理由');
    expect(csv).toContain(',auth.login,成功,e2e-kansa,');
    await page.getByText(/CSVファイル（\d+件）を出力しました。/).waitFor();

    await table.locator('tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^連番\d+（監査ログ）$/ }).waitFor();
    const canonical = await page.locator('pre').first().textContent();
    expect(JSON.parse(canonical ?? '')).toMatchObject({ action: 'auth.login' });
    await page.getByRole('heading', { level: 2, name: '包含証明' }).waitFor();
    await expectAccessible(page, 'audit entry');
    await screenshot(page, 'audit-03-entry');

    await page.getByRole('button', { name: '検索結果へ戻る' }).click();
    await page.waitForURL(/\/audit\?action=auth\.login/);

    await page.getByRole('navigation', { name: '監査ログメニュー' }).getByRole('link', { name: '検証状況' }).click();
    await page.getByRole('heading', { level: 1, name: '検証状況' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'audit status');
    await screenshot(page, 'audit-04-status');
    await context.close();
  });

  it('shows an inclusion proof and the verification status in the shapes the API promises', async () => {
    const { context, page } = await signIn('e2e-kansa2', '監査 二郎', ['auditor']);
    const checkpoint = 'sekimori.example/audit\n42\nq1w2e3r4t5y6u7i8o9p0AAAAAAAAAAAAAAAAAAAAAAA=\n\n— sekimori AAAABBBBCCCC\n';
    await page.route('**/api/audit/status', (route) =>
      route.fulfill({
        json: {
          head: { size: 42, root: 'q1w2e3r4t5y6u7i8o9p0AAAAAAAAAAAAAAAAAAAAAAA=' },
          latestCheckpoint: { size: 40, root: 'zzzz', signedAt: '2026-11-22T05:00:00.000Z', note: checkpoint },
          clock: { source: 'chrony', synchronized: true, checkedAt: '2026-11-22T05:00:00.000Z' },
          lastVerification: { at: '2026-11-22T04:00:00.000Z', ok: false, entries: 40, firstBad: 17 },
        },
      }),
    );
    await page.goto(`${server.url}/audit/status`);
    await page.getByRole('heading', { level: 2, name: '最新のチェックポイント' }).waitFor();
    await page.getByText('同期済み').waitFor();
    await page.getByText('不一致あり').waitFor();
    await page.getByText('令和8年11月22日 14:00:00').first().waitFor();
    expect(await page.locator('pre').first().textContent()).toBe(checkpoint);
    await expectAccessible(page, 'audit status with data');
    await screenshot(page, 'audit-05-status-mocked');

    const seq = '1';
    const real = await page.evaluate(async (url) => (await fetch(url)).json(), `${server.url}/api/audit/entries/${seq}`);
    await page.route(`**/api/audit/entries/${seq}`, (route) =>
      route.fulfill({ json: { ...real, proof: { treeSize: 40, proof: ['AAAA', 'BBBB', 'CCCC'], checkpoint } } }),
    );
    await page.goto(`${server.url}/audit/entries/${seq}`);
    await page.getByRole('heading', { level: 2, name: '包含証明' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'チェックポイント（署名付き）' }).waitFor();
    expect(await page.locator('ol li').allTextContents()).toEqual(['AAAA', 'BBBB', 'CCCC']);
    await expectAccessible(page, 'audit entry with proof');
    await screenshot(page, 'audit-06-entry-proof');

    // Defensive: a status of another shape does not break the page.
    await page.unroute('**/api/audit/status');
    await page.route('**/api/audit/status', (route) => route.fulfill({ json: { head: 'odd', latestCheckpoint: null } }));
    await page.goto(`${server.url}/audit/status`);
    await page.getByText('署名付きチェックポイントはまだありません。').waitFor();
    await page.getByText('検証の記録はまだありません。', { exact: false }).waitFor();
    await context.close();
  });

  it('ordinary staff see no 監査ログ and are refused the page', async () => {
    const { context, page } = await signIn('e2e-ippan', '一般 次郎', []);
    expect(await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '監査ログ' }).count()).toBe(0);
    await page.goto(`${server.url}/audit`);
    await page.getByRole('heading', { level: 1, name: '権限がありません' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toContain('監査担当者とシステム管理者');
    await context.close();
  });
});
