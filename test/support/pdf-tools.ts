import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** poppler-utils (pdftotext, pdftoppm) as the forms' golden tests use them; .ci/run's Debian has them. */

export const FORM_ARTIFACTS = join(import.meta.dirname, '../../artifacts/forms');

function withTempPdf<T>(pdf: Buffer, use: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'sekimori-pdf-'));
  try {
    const file = join(dir, 'form.pdf');
    writeFileSync(file, pdf);
    return use(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text `pdftotext -layout` extracts, as a reader of the PDF (or a search index) would get it. */
export function pdfText(pdf: Buffer): string {
  return withTempPdf(pdf, (_dir, file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

export function pdfPageCount(pdf: Buffer): number {
  const info = withTempPdf(pdf, (_dir, file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Page 1 as a PNG at 60 dpi in artifacts/forms/<name>.png (kept by CI with the other artifacts). */
export function pdfFirstPagePng(pdf: Buffer, name: string): string {
  mkdirSync(FORM_ARTIFACTS, { recursive: true });
  const target = join(FORM_ARTIFACTS, `${name}.png`);
  withTempPdf(pdf, (dir, file) => {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    copyFileSync(join(dir, 'page.png'), target);
  });
  return target;
}

/** Text compared without whitespace: pdftotext -layout spreads and breaks lines as the page lays them out. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

export function isPng(file: string): boolean {
  return readFileSync(file)
    .subarray(0, 8)
    .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
