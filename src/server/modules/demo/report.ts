import type { DemoSeedResult } from './service.js';

/** What `sekimori demo seed` prints without --json: a Japanese table an operator hands to demo users. */

const BAR_WIDTH = 30;

/** One line of the progress bar, e.g. `記録を登録中 [#########.....]  45% 123,456 / 274,000 件`. */
export function progressLine(done: number, total: number): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * BAR_WIDTH);
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `記録を登録中 [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent}% ${done.toLocaleString('ja-JP')} / ${total.toLocaleString('ja-JP')} 件`;
}

/** Display width: full-width characters take two columns, so the table's columns line up. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1;
  return w;
}

function pad(s: string, columns: number): string {
  return s + ' '.repeat(Math.max(0, columns - width(s)));
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    `${cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd()}\n`;
  return line(header) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}

export function formatDemoSeed(raw: unknown): string {
  const r = raw as DemoSeedResult;
  const out: string[] = [];
  out.push(
    `デモデータを作成しました（所属 ${r.units} 件、職員 ${r.users.length} 名、架空の人物 ${r.persons.toLocaleString('ja-JP')} 名、記録 ${r.records.total.toLocaleString('ja-JP')} 件、${r.elapsedSeconds} 秒）\n`,
    '※ すべて架空のデータです。仮パスワードは初回ログイン時に変更が必要です。\n\n',
  );
  out.push('■ 職員（ユーザID・仮パスワード・業務利用権）\n');
  out.push(
    table(
      ['ユーザID', '仮パスワード', '所属', '氏名', '役職・役割', '業務利用権'],
      r.users.map((u) => [
        u.loginId,
        u.temporaryPassword,
        u.unitCode,
        u.name,
        [...u.roles, ...u.posts].join(', ') || '一般職員',
        u.useRights.join(', ') || 'なし',
      ]),
    ),
  );
  out.push('\n■ 適用業務（様式第1の承認を経て登録）\n');
  out.push(
    table(
      ['コード', '名称', '申請番号', '状態'],
      r.applications.map((a) => [a.code, a.name, a.requestNumber, a.state]),
    ),
  );
  out.push(
    `\n■ 記録: 運転免許 ${r.records.licence.toLocaleString('ja-JP')} 件、自動車登録 ${r.records.vehicle.toLocaleString('ja-JP')} 件、遺失物 ${r.records.lost_property.toLocaleString('ja-JP')} 件\n`,
  );
  out.push('\n■ 照会の例（氏名・読み・生年月日で照会できる架空の人物）\n');
  out.push(
    table(
      ['氏名', '読み', '生年月日', '免許証番号', '登録番号'],
      r.samplePersons.map((p) => [p.name, p.kana, p.birthDate, p.licenceNumber ?? '', p.plateNumbers.join(', ')]),
    ),
  );
  return out.join('');
}
