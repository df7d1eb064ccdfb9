import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';

/**
 * CSV for Excel on Japanese Windows: Shift_JIS (Microsoft's cp932), CRLF line ends, RFC 4180
 * quoting. Excel opens such a file by double-click with the Japanese intact, which it does not do for
 * UTF-8 without a BOM.
 */

/**
 * Characters that Unicode spells differently from the cp932 table for the same JIS X 0208 glyph
 * (text pasted from a Mac or the web): written as the cp932 form, since the reader sees the same.
 */
const CP932_COUNTERPARTS: Readonly<Record<string, string>> = {
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE → ∥
  '\u2212': '\uFF0D', // − MINUS SIGN → －
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
  '\u2014': '\u2015', // — EM DASH → ―
};

const QUESTION_MARK = 0x3f;
const encodable = new Map<string, boolean>();

/** Whether iconv-lite's cp932 has the character (it writes `?` for those it has not). */
function inCp932(ch: string): boolean {
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return true;
  let known = encodable.get(ch);
  if (known === undefined) {
    const bytes = iconv.encode(ch, 'cp932');
    known = !(bytes.length === 1 && bytes[0] === QUESTION_MARK);
    encodable.set(ch, known);
  }
  return known;
}

export interface Cp932Text {
  text: string;
  /** Characters (code points) that cp932 cannot hold and that became `?`. */
  unencodable: number;
}

/** The text with every character cp932 cannot hold replaced by `?`, and how many there were. */
export function toCp932Repertoire(input: string): Cp932Text {
  let unencodable = 0;
  let out = '';
  let plainFrom = 0;
  let i = 0;
  for (const ch of input) {
    const counterpart = CP932_COUNTERPARTS[ch];
    const replacement = counterpart ?? (inCp932(ch) ? null : '?');
    if (replacement !== null) {
      if (counterpart === undefined) unencodable += 1;
      out += input.slice(plainFrom, i) + replacement;
      plainFrom = i + ch.length;
    }
    i += ch.length;
  }
  return { text: plainFrom === 0 ? input : out + input.slice(plainFrom), unencodable };
}

/**
 * A cell that Excel would take for a formula (= + - @, or a leading tab or CR) is prefixed with `'`
 * so that a value someone typed into the system (a login ID at a failed login, a label) can never
 * run as a formula on an auditor's machine (CSV injection).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | null | undefined;

export interface ExcelCsv {
  bytes: Buffer;
  unencodable: number;
}

/** Header and rows as cp932 CSV; text cells are neutralised against formulas. */
export function excelCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): ExcelCsv {
  const records = [header, ...rows].map((row) =>
    row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell === null || cell === undefined ? '' : String(cell))),
  );
  // csv-stringify quotes a field with the delimiter or a quote; a lone CR or LF inside a field needs
  // quoting too, which it does not do by itself with CRLF record ends.
  const csv = stringify(records, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  const { text, unencodable } = toCp932Repertoire(csv);
  return { bytes: iconv.encode(text, 'cp932'), unencodable };
}

/** An instant as Excel reads a Japanese date-time, in Japan time: `2026/04/01 10:00:00`. */
export function tokyoDateTime(at: Date): string {
  // Japan has no daylight saving time: UTC+9 all year.
  const t = new Date(at.getTime() + 9 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}
