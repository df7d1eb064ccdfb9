import { COMMON_BASE_WORDS, COMMON_PASSWORDS, isTrivialPattern } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
export const PASSWORD_HISTORY_DEPTH = 5;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_login_id' | 'contains_name' | 'common' | 'reused';

const PROBLEM_TEXT: Record<PasswordProblem, { ja: string; en: string }> = {
  too_short: {
    ja: `${MIN_PASSWORD_LENGTH}文字以上にしてください`,
    en: `use at least ${MIN_PASSWORD_LENGTH} characters`,
  },
  too_long: { ja: `${MAX_PASSWORD_LENGTH}文字以内にしてください`, en: `use at most ${MAX_PASSWORD_LENGTH} characters` },
  contains_login_id: { ja: 'ユーザIDを含めないでください', en: 'do not include your user ID' },
  contains_name: { ja: '氏名を含めないでください', en: 'do not include your name' },
  common: {
    ja: 'よく使われる推測されやすいパスワードです',
    en: 'this password is too common or easy to guess',
  },
  reused: {
    ja: `直近${PASSWORD_HISTORY_DEPTH}回に使ったパスワードは使えません`,
    en: `do not reuse any of your last ${PASSWORD_HISTORY_DEPTH} passwords`,
  },
};

const SUBSTITUTIONS: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
};
const COMMON_SET = new Set([...COMMON_PASSWORDS]);
const BASE_SET = new Set(COMMON_BASE_WORDS);

function normalise(lower: string): string {
  return [...lower].map((c) => SUBSTITUTIONS[c] ?? c).join('');
}

/** Strips what people append to a dictionary word to pass a length rule: digits, symbols, years. */
function stripDecoration(s: string): string {
  return s.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_SET.has(lower) || isTrivialPattern(lower)) return true;
  const stripped = stripDecoration(lower);
  const substituted = stripDecoration(normalise(lower.replace(/[0-9!$+@]+$/, '')));
  for (const candidate of [stripped, substituted, stripDecoration(normalise(lower))]) {
    if (candidate.length === 0) continue;
    if (BASE_SET.has(candidate)) return true;
    // A common word repeated ("passwordpassword") is no stronger than the word.
    for (const word of BASE_SET) {
      if (word.length >= 4 && candidate.replaceAll(word, '').length === 0) return true;
    }
  }
  return false;
}

/**
 * Folds the ways one name can be typed into one: full-width letters and half-width kana (NFKC),
 * upper and lower case, katakana and hiragana ("ヤマダ", "ﾔﾏﾀﾞ" and "やまだ" are the same name).
 */
function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

function nameParts(name: string): string[] {
  return name
    .split(/[\s\u3000・,]+/)
    .concat(name.replace(/[\s\u3000・,]+/g, ''))
    .map(fold)
    .filter((p) => [...p].length >= 2);
}

/** ID-4: the rules that need no history. `reused` is decided by the caller against stored hashes. */
export function checkPasswordRules(password: string, user: { loginId: string; name: string; nameKana?: string | null }): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push('too_short');
  if (length > MAX_PASSWORD_LENGTH) problems.push('too_long');
  const folded = fold(password);
  if (user.loginId.length >= 3 && folded.includes(fold(user.loginId))) problems.push('contains_login_id');
  const parts = [...nameParts(user.name), ...(user.nameKana ? nameParts(user.nameKana) : [])];
  if (parts.some((p) => folded.includes(p))) problems.push('contains_name');
  if (isCommon(password)) problems.push('common');
  return problems;
}

export function describeProblems(problems: PasswordProblem[]): { ja: string; en: string } {
  return {
    ja: `パスワードが規則を満たしていません：${problems.map((p) => PROBLEM_TEXT[p].ja).join('、')}。`,
    en: `The password does not meet the policy: ${problems.map((p) => PROBLEM_TEXT[p].en).join('; ')}.`,
  };
}

/** Temporary passwords: 20 characters from an alphabet without look-alikes, always policy-compliant. */
export function generateTemporaryPassword(randomBytes: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(40);
  let out = '';
  for (const b of bytes) {
    if (b >= alphabet.length * Math.floor(256 / alphabet.length)) continue;
    out += alphabet[b % alphabet.length];
    if (out.length === 20) break;
  }
  return out.length === 20 ? out : generateTemporaryPassword(randomBytes);
}
