import PDFDocument from 'pdfkit';
import { japaneseFonts } from './font.js';

/**
 * A small layout kit for the official forms (様式): form number at the top left, title, addressee and
 * applicant lines, and boxed tables of label and value cells whose Japanese text wraps and, when a
 * value is longer than a page, continues on the next one. Everything is placed by coordinates so the
 * same document always gives the same bytes (tests compare text and pictures of page 1).
 */

const REGULAR = 'ja';
const BOLD = 'ja-bold';
const PAGE_MARGIN = { top: 48, bottom: 56, left: 50, right: 50 };
const CELL_PAD = 4;
const LINE_GAP = 2;
export const BODY_SIZE = 10.5;
/** Wide enough for the longest AIC item label (キ その他適正な運用に関する事項) on one line. */
export const LABEL_WIDTH = 175;
const SMALL_SIZE = 9;
/** Rows up to this height move to the next page whole; taller ones are split. */
const SPLIT_THRESHOLD = 150;
const MIN_SPLIT_ROOM = 60;
const CONTINUED = '（続き）';

export interface Cell {
  text: string;
  /** Width in points; the row's widths should add up to the content width. */
  width: number;
  /** Label cells are shaded, centred vertically, and never split across pages. */
  label?: boolean;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  size?: number;
}

export interface FormMeta {
  title: string;
  subject: string;
  /** Printed at the foot of every page with the page number, e.g. the request number. */
  footer: string;
  /** The PDF's CreationDate; taken from the document, never the clock, so output is reproducible. */
  createdAt: Date;
}

export class FormWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;
  private readonly footer: string;
  y: number;
  /** Width of the label column of field() and group(); forms with short labels narrow it. */
  labelWidth = LABEL_WIDTH;

  constructor(meta: FormMeta) {
    const fonts = japaneseFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: PAGE_MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      lang: 'ja-JP',
      info: {
        Title: meta.title,
        Subject: meta.subject,
        Creator: 'Sekimori',
        Producer: 'Sekimori (pdfkit)',
        CreationDate: meta.createdAt,
        ModDate: meta.createdAt,
      },
    });
    this.doc.registerFont(REGULAR, fonts.regular);
    this.doc.registerFont(BOLD, fonts.bold);
    this.doc.font(REGULAR).fontSize(BODY_SIZE).lineWidth(0.6);
    this.footer = meta.footer;
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.y = PAGE_MARGIN.top;
  }

  get left(): number {
    return PAGE_MARGIN.left;
  }
  get width(): number {
    return this.doc.page.width - PAGE_MARGIN.left - PAGE_MARGIN.right;
  }
  private get bottom(): number {
    return this.doc.page.height - PAGE_MARGIN.bottom;
  }

  gap(points: number): void {
    this.y += points;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = PAGE_MARGIN.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  private use(bold: boolean | undefined, size: number | undefined): void {
    this.doc.font(bold ? BOLD : REGULAR).fontSize(size ?? BODY_SIZE);
  }

  private measure(text: string, width: number, bold?: boolean, size?: number): number {
    this.use(bold, size);
    if (text === '') return this.doc.currentLineHeight(true);
    return this.doc.heightOfString(text, { width, lineGap: LINE_GAP });
  }

  /** A free-standing line or paragraph across the content width. */
  text(text: string, options: { align?: 'left' | 'center' | 'right'; bold?: boolean; size?: number; indent?: number } = {}): void {
    const indent = options.indent ?? 0;
    const width = this.width - indent;
    const height = this.measure(text, width, options.bold, options.size);
    this.ensureSpace(height);
    this.use(options.bold, options.size);
    this.doc.text(text, this.left + indent, this.y, { width, align: options.align ?? 'left', lineGap: LINE_GAP });
    this.y += height;
  }

  /** 様式第1 etc., small, at the top left of the first page. */
  formNumber(text: string): void {
    this.text(text, { size: SMALL_SIZE });
    this.gap(6);
  }

  /** The form's name, centred and spaced out like the printed forms. */
  title(text: string): void {
    this.gap(8);
    this.text(text, { align: 'center', bold: true, size: 16 });
    this.gap(12);
  }

  /** One row of boxed cells. A row taller than a page is split, its values continuing on the next page. */
  row(cells: Cell[]): void {
    const heights = cells.map((c) => this.measure(c.text, c.width - 2 * CELL_PAD, c.bold, c.size) + 2 * CELL_PAD);
    const height = Math.max(...heights);
    if (this.y + height <= this.bottom) {
      this.drawRow(cells, height);
      return;
    }
    // A short row moves to the next page whole; a tall one (long free text) fills this page first and
    // continues on the next, as a paper form would, rather than leaving most of a page blank.
    const room = this.bottom - this.y;
    if (height <= SPLIT_THRESHOLD || room < MIN_SPLIT_ROOM) {
      this.newPage();
      if (height <= this.bottom - this.y) {
        this.drawRow(cells, height);
        return;
      }
    }
    const textRoom = this.bottom - this.y - 2 * CELL_PAD;
    const head: Cell[] = [];
    const rest: Cell[] = [];
    for (const cell of cells) {
      if (cell.label) {
        head.push(cell);
        rest.push({ ...cell, text: cell.text.endsWith(CONTINUED) ? cell.text : `${cell.text}${CONTINUED}` });
        continue;
      }
      const [fits, remainder] = this.split(cell, textRoom);
      head.push({ ...cell, text: fits });
      rest.push({ ...cell, text: remainder });
    }
    this.drawRow(head, this.bottom - this.y);
    this.newPage();
    this.row(rest);
  }

  /** The longest prefix of the cell's text (whole code points) that fits `room` points of height. */
  private split(cell: Cell, room: number): [string, string] {
    const chars = Array.from(cell.text);
    const width = cell.width - 2 * CELL_PAD;
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.measure(chars.slice(0, mid).join(''), width, cell.bold, cell.size) <= room) low = mid;
      else high = mid - 1;
    }
    return [chars.slice(0, low).join(''), chars.slice(low).join('')];
  }

  private drawRow(cells: Cell[], height: number): void {
    this.drawRowAt(this.left, cells, height);
  }

  /** Label | value across the content width. */
  field(label: string, value: string, labelWidth = this.labelWidth): void {
    this.row([
      { text: label, width: labelWidth, label: true },
      { text: value, width: this.width - labelWidth },
    ]);
  }

  /**
   * A group label spanning several label | value rows, as ISK 様式2/3 print 持込機器 beside メーカー,
   * 機種・製造番号 … The group is kept on one page.
   */
  group(label: string, rows: [string, string][], groupWidth = 60, labelWidth = this.labelWidth - groupWidth): void {
    const valueWidth = this.width - groupWidth - labelWidth;
    const heights = rows.map(
      ([l, v]) => Math.max(this.measure(l, labelWidth - 2 * CELL_PAD), this.measure(v, valueWidth - 2 * CELL_PAD)) + 2 * CELL_PAD,
    );
    const total = heights.reduce((a, b) => a + b, 0);
    this.ensureSpace(total);
    const top = this.y;
    const x = this.left;
    this.doc.save().rect(x, top, groupWidth, total).fill('#f2f2f2').restore();
    this.doc.rect(x, top, groupWidth, total).stroke('#000000');
    const labelHeight = this.measure(label, groupWidth - 2 * CELL_PAD);
    this.use(false, BODY_SIZE);
    this.doc.text(label, x + CELL_PAD, top + (total - labelHeight) / 2, {
      width: groupWidth - 2 * CELL_PAD,
      align: 'center',
      lineGap: LINE_GAP,
    });
    rows.forEach(([l, v], i) => {
      const height = heights[i] ?? 0;
      this.drawRowAt(
        x + groupWidth,
        [
          { text: l, width: labelWidth, label: true },
          { text: v, width: valueWidth },
        ],
        height,
      );
    });
  }

  private drawRowAt(x0: number, cells: Cell[], height: number): void {
    let x = x0;
    for (const cell of cells) {
      if (cell.label) this.doc.save().rect(x, this.y, cell.width, height).fill('#f2f2f2').restore();
      this.doc.rect(x, this.y, cell.width, height).stroke('#000000');
      const inner = cell.width - 2 * CELL_PAD;
      const textHeight = this.measure(cell.text, inner, cell.bold, cell.size);
      const top = cell.label ? this.y + (height - textHeight) / 2 : this.y + CELL_PAD;
      this.use(cell.bold, cell.size);
      this.doc.fillColor('#000000').text(cell.text, x + CELL_PAD, top, {
        width: inner,
        align: cell.align ?? (cell.label ? 'center' : 'left'),
        lineGap: LINE_GAP,
      });
      x += cell.width;
    }
    this.y += height;
  }

  /** Page footers (needs every page buffered), then the finished PDF. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Writing below the bottom margin would make pdfkit start a new page; lift the margin meanwhile.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.use(false, 8);
      this.doc.text(`${this.footer}　　${i - range.start + 1} / ${range.count}`, this.left, this.doc.page.height - 36, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      this.doc.page.margins.bottom = margin;
    }
    this.doc.end();
    return this.ended;
  }
}

/** ■ / □ for the check boxes the printed forms have (e.g. ISK 様式2 申請種別). */
export function box(checked: boolean): string {
  return checked ? '■' : '□';
}
