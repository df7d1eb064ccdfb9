import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';
import { expectAccessible, signInFirstTime } from './support/session.js';

/** The parts of `sekimori demo seed --json` this test reads. */
interface DemoSeed {
  users: { loginId: string; name: string; unitCode: string; temporaryPassword: string; useRights: string[] }[];
  samplePersons: { name: string; kana: string; birthDate: string; licenceNumber: string | null }[];
}

let server: RunningServer;
let browser: Browser;
let demo: DemoSeed;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The demo organisation, the LIC/VEH/LOST applications, use rights and synthetic records (SEC-5).
  demo = JSON.parse(server.cli(['demo', 'seed', '--persons', '200', '--json'])) as DemoSeed;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function demoUser(loginId: string) {
  const user = demo.users.find((u) => u.loginId === loginId);
  if (!user) throw new Error(`demo seed has no ${loginId}`);
  return user;
}

describe('照会 and 出力資料管理簿 in the browser (APP-7 … APP-10, OUT-2, OUT-3)', () => {
  it('staff with a LIC right query under a watermark, hide the screen with Esc, export to the ledger; the 所属長 confirms the entry', async () => {
    // 運転免許課 (D1310): a member of staff holding LIC only, and the unit's 所属長.
    const staffUser = demoUser('demo-menkyo-shokuin');
    const headUser = demoUser('demo-menkyo-kacho');
    expect(staffUser.useRights).toEqual(['LIC']);
    const person = demo.samplePersons.find((p) => p.licenceNumber !== null);
    if (!person) throw new Error('demo seed has no person with a licence');

    const staff = await signInFirstTime(browser, server.url, staffUser.loginId, staffUser.temporaryPassword);
    const page = staff.page;
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '照会' }).click();
    await page.getByRole('heading', { level: 1, name: '照会' }).waitFor();
    await page.getByLabel('適用業務').selectOption({ label: '運転免許照会（LIC）利用権あり' });
    await expectAccessible(page, 'inquiry form');

    // APP-8: the purpose is mandatory — the page says so before anything is sent.
    await page.getByRole('button', { name: '照会する' }).click();
    await page.getByText('目的の区分を選択してください。').waitFor();
    await page.getByText('目的の内容を入力してください。').waitFor();
    expect(await page.getByLabel('目的の内容').getAttribute('aria-invalid')).toBe('true');

    // APP-8: 犯罪捜査 needs a case number.
    await page.getByLabel('目的の区分').selectOption({ label: '犯罪捜査（事件番号必須）' });
    await page.getByLabel('目的の内容').fill('窃盗事件の被疑者の免許確認');
    await page.getByRole('button', { name: '照会する' }).click();
    await page.getByText('この目的では事件番号の入力が必要です。').waitFor();

    // APP-7: an application without a right is selectable, and the refusal is shown in the server's words.
    await page.getByLabel('適用業務').selectOption({ label: '自動車登録照会（VEH）' });
    await page.getByLabel('目的の区分').selectOption({ label: '交通指導取締り' });
    await page.getByLabel('目的の内容').fill('駐車違反車両の使用者確認');
    await page.getByLabel('自動車登録番号').fill('関守 300 あ 12-34');
    await page.getByRole('button', { name: '照会する' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '照会できませんでした' });
    await refusal.waitFor();
    expect(await page.getByTestId('watermark').count()).toBe(0);
    await screenshot(page, 'inquiry-01-refused-no-right');

    // APP-7 … APP-9: the licence query itself.
    await page.getByLabel('適用業務').selectOption({ label: '運転免許照会（LIC）利用権あり' });
    await page.getByLabel('目的の区分').selectOption({ label: '交通指導取締り' });
    await page.getByLabel('目的の内容').fill('交通違反者の運転免許の確認');
    await page.getByLabel('氏名（漢字またはカナ）').fill(person.name);
    await page.getByLabel('生年月日').fill(person.birthDate);
    await page.getByRole('button', { name: '照会する' }).click();
    await page.getByRole('heading', { level: 2, name: /^照会結果（[1-9]\d*件）$/ }).waitFor();
    await page.getByText(person.name, { exact: false }).first().waitFor();

    // APP-9: the tiled watermark names the viewer; hidden from assistive technology, said once in a caption.
    const watermark = page.getByTestId('watermark');
    expect(await watermark.count()).toBe(1);
    expect(await watermark.getAttribute('aria-hidden')).toBe('true');
    const text = (await watermark.getAttribute('data-watermark')) ?? '';
    expect(text).toContain(staffUser.name);
    expect(text).toContain(staffUser.loginId);
    const background = await watermark.evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(decodeURIComponent(background)).toContain(staffUser.loginId);
    expect(await watermark.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');
    await page.getByText(`透かし（閲覧者の識別）：${staffUser.name}（${staffUser.loginId}）`).waitFor();
    await expectAccessible(page, 'inquiry results');
    await screenshot(page, 'inquiry-02-watermarked-result');

    // APP-10: one key hides the results; showing them again takes a deliberate click.
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: '照会結果を隠しています' }).waitFor();
    expect(await page.getByTestId('inquiry-results').count()).toBe(0);
    expect(await page.getByText(person.name).count()).toBe(0);
    await screenshot(page, 'inquiry-03-hidden');
    await page.getByRole('button', { name: '表示する' }).click();
    await page.getByTestId('inquiry-results').waitFor();

    // APP-9, OUT-2: the export registers a ledger entry and the CSV (cp932) starts with the watermark.
    const downloading = page.waitForEvent('download', { timeout: 20_000 });
    await page.getByRole('button', { name: 'CSVで出力' }).click();
    const download = await downloading.catch(async (cause: unknown) => {
      const shown = await page.getByRole('alert').allTextContents();
      throw new Error(`no download; the page says: ${shown.join(' / ')}`, { cause });
    });
    const saved = await download.path();
    const csv = iconv.decode(readFileSync(saved), 'cp932');
    const firstLine = csv.split(/\r?\n/)[0] ?? '';
    expect(firstLine).toContain(staffUser.loginId);
    expect(firstLine).toContain(staffUser.name);
    expect(csv).toContain(person.name);
    const registered = page.getByRole('status').filter({ hasText: '出力資料管理簿に登録しました' });
    await registered.waitFor();
    const number = /番号 ([^）]+)）/.exec((await registered.textContent()) ?? '')?.[1] ?? '';
    expect(number).not.toBe('');
    expect(download.suggestedFilename()).toContain(number);

    await page.getByRole('link', { name: `出力資料 ${number} を開く` }).click();
    await page.getByRole('heading', { level: 1, name: '個人情報出力資料管理簿' }).waitFor();
    const ledger = page.getByRole('table', { name: '出力資料の一覧' });
    await ledger.getByRole('link', { name: `${number}を開く` }).waitFor();
    await ledger.getByText('未確認 1件').waitFor();
    await expectAccessible(page, 'output ledger');
    await screenshot(page, 'inquiry-04-ledger');
    await staff.context.close();

    // OUT-3: the 所属長 of 運転免許課 confirms the 作成 entry.
    const head = await signInFirstTime(browser, server.url, headUser.loginId, headUser.temporaryPassword);
    const hp = head.page;
    await hp.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '出力資料' }).click();
    await hp
      .getByRole('table', { name: '出力資料の一覧' })
      .getByRole('link', { name: `${number}を開く` })
      .click();
    await hp.getByRole('heading', { level: 1, name: `出力資料 ${number}` }).waitFor();
    await hp.getByText(`${staffUser.name}（${staffUser.loginId}）`).first().waitFor();
    await expectAccessible(hp, 'output entry');
    await hp.getByRole('button', { name: /（作成）を確認$/ }).click();
    await hp.getByText('「作成」の記録を確認しました。').waitFor();
    await hp.getByRole('cell', { name: new RegExp(`確認済み.*${headUser.loginId}`) }).waitFor();
    expect(await hp.getByRole('button', { name: /（作成）を確認$/ }).count()).toBe(0);
    await screenshot(hp, 'inquiry-05-confirmed');

    await hp.getByRole('navigation', { name: '出力資料メニュー' }).getByRole('link', { name: '管理簿' }).click();
    await hp.getByRole('table', { name: '出力資料の一覧' }).getByText('確認済み').first().waitFor();
    await hp.getByRole('navigation', { name: '出力資料メニュー' }).getByRole('link', { name: '確認期限超過' }).click();
    await hp.getByRole('heading', { level: 1, name: '確認期限超過' }).waitFor();
    await hp.getByText('確認期限を過ぎた出力資料はありません。').waitFor();
    await expectAccessible(hp, 'overdue report');
    await head.context.close();
  });
});
