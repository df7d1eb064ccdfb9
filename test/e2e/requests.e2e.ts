import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compact, pdfText } from '../support/pdf-tools.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { expectAccessible, signInFirstTime } from './support/session.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  server.cli(['unit', 'add', '--code', 'E2EST', '--name', '中央警察署', '--kind', 'station', '--parent', 'ROOT', '--json']);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A user added by the CLI in a unit, with posts; answers the temporary password. */
function addUser(loginId: string, name: string, unit: string, posts: string[] = []): string {
  const added = JSON.parse(
    server.cli(['user', 'add', '--login', loginId, '--name', name, '--unit', unit, '--json', ...posts.flatMap((p) => ['--post', p])]),
  ) as { temporaryPassword: string };
  return added.temporaryPassword;
}

/** Logs in through the temporary-password change and the notice. */
function signIn(loginId: string, temporaryPassword: string): Promise<{ context: BrowserContext; page: Page }> {
  return signInFirstTime(browser, server.url, loginId, temporaryPassword);
}

/** `YYYY-MM-DD` in Japan, `days` from today. */
function tokyoDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('申請・決裁 in the browser (CON-3)', () => {
  it('a member of staff files an ISK 様式2 bring-in application; the 所属長 approves it and the 持込許可証 downloads', async () => {
    // isk2_bring_in routes to one stage: the unit_head post of the applicant's unit (types/isk2_bring_in.ts),
    // resolved at submission, so the 所属長 of E2EST must exist by then.
    const headPassword = addUser('e2e-shocho', '所属長 太郎', 'E2EST', ['unit_head']);
    const applicant = await signIn('e2e-shinsei', addUser('e2e-shinsei', '申請 花子', 'E2EST'));
    const staff = applicant.page;
    const nav = staff.getByRole('navigation', { name: 'メインメニュー' });
    await nav.getByRole('link', { name: '申請・決裁' }).click();
    await staff.getByRole('heading', { level: 1, name: '自分の申請' }).waitFor();
    await staff.getByRole('table', { name: '申請の一覧' }).waitFor();
    await expectAccessible(staff, 'my applications');

    await staff.getByRole('navigation', { name: '申請・決裁メニュー' }).getByRole('link', { name: '新規申請' }).click();
    await staff.getByRole('heading', { level: 1, name: '新規申請' }).waitFor();
    await staff.getByLabel('申請の種類').selectOption({ label: '別記様式第2号 情報機器等持込申請書' });
    await staff.getByRole('heading', { level: 2, name: '別記様式第2号 情報機器等持込申請書' }).waitFor();
    await expectAccessible(staff, 'new application form');

    await staff.getByLabel('申請種別').selectOption({ label: '新規' });
    await staff.getByLabel('事業所名').fill('株式会社関守システムズ');
    await staff.getByLabel('責任者名').fill('保守 一郎');
    await staff.getByLabel('持込場所').fill('中央警察署 3階 情報管理室');
    await staff.getByLabel('取扱者（部署）').fill('警務課');
    await staff.getByLabel('取扱者（氏名）').fill('申請 花子');
    await staff.getByLabel('使用目的').fill('署内端末の保守作業（定期点検）');
    await staff.getByLabel('持込期間（開始）').fill(tokyoDay(10));
    // The period ends before it starts: the server refuses and names the field.
    await staff.getByLabel('持込期間（終了）').fill(tokyoDay(5));
    await staff.getByLabel('メーカー').fill('富士通');
    await staff.getByLabel('機種・製造番号').fill('LIFEBOOK U9413 / SN-0042');
    await staff.getByLabel('OS・バージョン').fill('Windows 11 Pro 23H2');
    await staff.getByLabel('ウイルス対策ソフト').fill('Microsoft Defender（定義ファイル最新）');
    await staff.getByLabel('主なアプリケーション').fill('保守ツール一式');
    await staff.getByRole('button', { name: '下書き保存' }).click();
    const refused = staff.getByRole('alert').filter({ hasText: '入力内容に誤りがあります' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('periodTo');
    await expect.poll(() => staff.getByLabel('持込期間（終了）').getAttribute('aria-invalid')).toBe('true');
    await screenshot(staff, 'requests-01-form-refused');

    await staff.getByLabel('持込期間（終了）').fill(tokyoDay(40));
    await staff.getByRole('button', { name: '申請する' }).click();
    await staff.getByText('申請しました。').waitFor();
    const heading = staff.getByRole('heading', { level: 1 });
    await expect.poll(async () => (await heading.textContent()) ?? '').toMatch(/^R\d{4}-\d{6}/);
    const number = /R\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
    await staff.getByRole('table', { name: '決裁経路（第1回）' }).getByText('所属長 太郎（e2e-shocho）').waitFor();
    await applicant.context.close();

    // The 所属長 of E2EST: the badge in the navigation counts the decision waiting.
    const head = await signIn('e2e-shocho', headPassword);
    const page = head.page;
    const headNav = page.getByRole('navigation', { name: 'メインメニュー' });
    await headNav.getByRole('link', { name: /申請・決裁.*決裁待ち1件/ }).waitFor();
    await headNav.getByRole('link', { name: /申請・決裁/ }).click();
    await page
      .getByRole('navigation', { name: '申請・決裁メニュー' })
      .getByRole('link', { name: /決裁待ち/ })
      .click();
    await page.getByRole('heading', { level: 1, name: '決裁待ち' }).waitFor();
    const inbox = page.getByRole('table', { name: '決裁待ちの申請' });
    await inbox.getByRole('link', { name: `${number}を開く` }).waitFor();
    await expectAccessible(page, 'approvals inbox');
    await screenshot(page, 'requests-02-inbox');

    await inbox.getByRole('link', { name: `${number}を開く` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${number}`) }).waitFor();
    await page.getByRole('table', { name: '決裁経路（第1回）' }).getByText('所属長 太郎（e2e-shocho）').waitFor();
    await page.getByText('株式会社関守システムズ').first().waitFor();
    await expectAccessible(page, 'request page');
    await screenshot(page, 'requests-03-request-submitted');

    await page.getByRole('region', { name: '操作' }).getByRole('button', { name: '承認する' }).click();
    const dialog = page.getByRole('dialog', { name: '承認する' });
    await dialog.getByLabel('コメント').fill('持込を許可します。接続前に許可証を提示してください。');
    await dialog.getByRole('button', { name: '承認する' }).click();
    await page.getByText('「承認する」を行いました。').waitFor();
    await page.getByRole('heading', { level: 3, name: '持込許可証（別記様式第3号）' }).waitFor();
    const permitNumber =
      (await page
        .getByText(/^持込第\d{4}-\d{4}号$/)
        .first()
        .textContent()) ?? '';
    expect(permitNumber).toMatch(/^持込第\d{4}-\d{4}号$/);
    await page.getByRole('table', { name: '決裁経路（第1回）' }).getByText('承認', { exact: true }).waitFor();
    await expectAccessible(page, 'request page (approved)');
    await screenshot(page, 'requests-04-request-approved');

    // The preview frame's PDF is inline and framable by this origin only.
    const preview = (await page.getByTitle(`${number}の様式（PDF）のプレビュー`).getAttribute('src')) ?? '';
    const inline = await head.context.request.get(`${server.url}${preview}`);
    expect(inline.status()).toBe(200);
    expect(inline.headers()['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers()['content-security-policy']).toBe("frame-ancestors 'self'");

    const permitLink = page.getByRole('link', { name: '持込許可証（PDF）をダウンロード' });
    const href = (await permitLink.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/permit\.pdf$/);
    const answer = await head.context.request.get(`${server.url}${href}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('application/pdf');

    const [download] = await Promise.all([page.waitForEvent('download', (d) => d.url().endsWith('/permit.pdf')), permitLink.click()]);
    const bytes = readFileSync((await download.path()) ?? '');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    if (hasPdftotext()) expect(compact(pdfText(bytes))).toContain(permitNumber);

    // The inbox is empty again, and so is the badge.
    await page
      .getByRole('navigation', { name: '申請・決裁メニュー' })
      .getByRole('link', { name: /決裁待ち/ })
      .click();
    await page.getByRole('table', { name: '決裁待ちの申請' }).getByText('該当する申請はありません。').waitFor();
    expect(await headNav.getByRole('link', { name: /決裁待ち\d+件/ }).count()).toBe(0);
    await head.context.close();
  });
});
