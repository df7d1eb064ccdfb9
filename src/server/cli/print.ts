import type { CommandName } from './commands.js';

interface SeededUser {
  loginId: string;
  name: string;
  unitCode: string;
  posts: string[];
  roles: string[];
  temporaryPassword: string;
}

/** Human-readable output for operators; `--json` prints the result as it is. */
export function printResult(command: CommandName, result: unknown, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const r = result as Record<string, unknown>;
  switch (command) {
    case 'user.add':
    case 'user.reset-password':
      process.stdout.write(
        `ユーザID: ${String(r.loginId)}\n仮パスワード: ${String(r.temporaryPassword)}\n（初回ログイン時に変更が必要です）\n`,
      );
      return;
    case 'demo.seed': {
      const users = (r.users as SeededUser[]) ?? [];
      process.stdout.write(`デモ組織を作成しました（所属 ${String(r.units)} 件、職員 ${users.length} 名）\n\n`);
      for (const u of users) {
        const duties = [...u.roles, ...u.posts].join(', ') || '一般職員';
        process.stdout.write(`${u.loginId.padEnd(22)} ${u.temporaryPassword}  ${u.unitCode}  ${u.name}（${duties}）\n`);
      }
      return;
    }
    case 'requests.list': {
      const rows =
        (r.requests as {
          number: string;
          state: string;
          type: { form: string | null };
          title: string;
          applicant: { loginId: string } | null;
          overdue: boolean;
        }[]) ?? [];
      for (const q of rows) {
        process.stdout.write(
          `${q.number}  ${q.state.padEnd(9)} ${String(q.type.form ?? '').padEnd(8)} ${q.applicant?.loginId ?? ''}  ${q.title}${q.overdue ? '  [期限超過]' : ''}\n`,
        );
      }
      process.stdout.write(`${rows.length} 件\n`);
      return;
    }
    default:
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
}
