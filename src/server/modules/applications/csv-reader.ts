/**
 * A strict RFC 4180 reader for 様式6 input files (APP-11): comma-separated, fields optionally in
 * double quotes with "" for a quote, CRLF, LF or CR between records, line breaks allowed inside
 * quotes. Records of one empty field (blank lines) are skipped. Anything else — a quote inside an
 * unquoted field, text after a closing quote, an unclosed quote — is an error naming the record,
 * because a guessed reading of a malformed file would import the wrong values.
 */

export type CsvReadResult = { ok: true; records: string[][] } | { ok: false; record: number; message: { ja: string; en: string } };

export function readCsv(text: string): CsvReadResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  /** Whether the current field started with a quote (and so ended at its closing quote). */
  let quotedDone = false;

  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === '' && !quotedDone)) records.push(record);
    record = [];
    field = '';
    quotedDone = false;
  };
  const fail = (ja: string, en: string): CsvReadResult => ({ ok: false, record: records.length + 1, message: { ja, en } });

  while (i < n) {
    const ch = text[i];
    if (ch === '"') {
      if (field !== '' || quotedDone) return fail('引用符の位置が正しくありません。', 'A quote appears inside an unquoted field.');
      i += 1;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q === -1) break;
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed) return fail('引用符が閉じられていません。', 'A quoted field is not closed.');
      quotedDone = true;
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      quotedDone = false;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (quotedDone) return fail('引用符の後に文字があります。', 'Text follows a closing quote.');
    // Copy the plain run up to the next special character in one step.
    let j = i;
    while (j < n && text[j] !== ',' && text[j] !== '"' && text[j] !== '\r' && text[j] !== '\n') j += 1;
    field += text.slice(i, j);
    i = j;
  }
  if (field !== '' || quotedDone || record.length > 0) endRecord();
  return { ok: true, records };
}
