// Layout primitives over pdfkit: headings that feed a table of contents and the PDF outline,
// paragraphs, key/value blocks and paginated tables that repeat their header; page numbers and
// the contents are filled in at the end (pages are buffered until then).
import PDFDocument from 'pdfkit';
import { winAnsi } from './win-ansi';

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
  mono?: boolean;
}

interface TocEntry {
  title: string;
  level: 1 | 2;
  page: number;
  destination: string;
}

const MARGIN = 40;
const FOOTER_GAP = 22;
const TOC_LINE = 14;

export class ReportWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly toc: TocEntry[] = [];
  private tocPages: number[] = [];
  private outlineParent: PDFKit.PDFOutline | null = null;

  constructor(info: { title: string; author: string; subject: string }, private readonly footer: string) {
    this.doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN + FOOTER_GAP, left: MARGIN, right: MARGIN }, bufferPages: true, autoFirstPage: false, info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: info.author } });
  }

  get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Makes sure `height` points fit on the current page, else starts a new one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  /** Reserves pages right here for a contents listing of about `entries` lines. */
  reserveContents(entries: number): void {
    const perPage = Math.floor((this.doc.page.height - MARGIN * 2 - FOOTER_GAP - 40) / TOC_LINE);
    const pages = Math.max(1, Math.ceil(entries / perPage));
    for (let i = 0; i < pages; i++) {
      this.newPage();
      this.tocPages.push(this.pageIndex());
    }
  }

  private anchor(title: string, level: 1 | 2): void {
    const destination = `s${this.toc.length + 1}`;
    this.doc.addNamedDestination(destination);
    this.toc.push({ title, level, page: this.pageIndex(), destination });
    if (level === 1) this.outlineParent = this.doc.outline.addItem(winAnsi(title));
    else (this.outlineParent ?? this.doc.outline).addItem(winAnsi(title));
  }

  /** A top-level section: always on a new page, listed in the contents. */
  section(title: string): void {
    this.newPage();
    this.anchor(title, 1);
    this.doc.font('Helvetica-Bold').fontSize(16).fillColor('#0c4a6e').text(winAnsi(title));
    this.doc.moveDown(0.6).fillColor('black');
  }

  /** A sub-heading; `listed` puts it into the contents as well. */
  subsection(title: string, options: { listed?: boolean; keepWith?: number } = {}): void {
    this.ensureSpace(28 + (options.keepWith ?? 40));
    this.doc.moveDown(0.4);
    if (options.listed) this.anchor(title, 2);
    this.doc.font('Helvetica-Bold').fontSize(11.5).fillColor('#0c4a6e').text(winAnsi(title), MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).fillColor('black');
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; mono?: boolean; color?: string; gap?: number } = {}): void {
    this.doc
      .font(options.mono ? 'Courier' : options.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(options.size ?? 9.5)
      .fillColor(options.color ?? 'black')
      .text(winAnsi(text), MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(options.gap ?? 0.4).fillColor('black');
  }

  bullets(items: string[], size = 9.5): void {
    for (const item of items) {
      this.doc.font('Helvetica').fontSize(size).text(winAnsi(`•  ${item}`), MARGIN + 8, this.doc.y, { width: this.width - 8 });
      this.doc.moveDown(0.15);
    }
    this.doc.moveDown(0.3);
  }

  keyValues(rows: [string, string][], options: { keyWidth?: number; size?: number; mono?: boolean } = {}): void {
    const keyWidth = options.keyWidth ?? 130;
    const size = options.size ?? 9.5;
    for (const [key, value] of rows) {
      const text = winAnsi(value);
      const font = options.mono ? 'Courier' : 'Helvetica';
      const height = Math.max(this.doc.font(font).fontSize(size).heightOfString(text, { width: this.width - keyWidth }), size * 1.2);
      this.ensureSpace(height + 2);
      const y = this.doc.y;
      this.doc.font('Helvetica-Bold').fontSize(size).text(winAnsi(key), MARGIN, y, { width: keyWidth - 8 });
      this.doc.font(font).fontSize(size).text(text, MARGIN + keyWidth, y, { width: this.width - keyWidth });
      this.doc.y = y + height + 3;
    }
    this.doc.x = MARGIN;
    this.doc.moveDown(0.3);
  }

  /**
   * A table that breaks across pages and repeats its header. `wrap: false` keeps every row one line
   * high (long cells are cut with an ellipsis) — for the large per-instance tables.
   */
  table(columns: Column[], rows: string[][], options: { size?: number; wrap?: boolean } = {}): void {
    const size = options.size ?? 8;
    const pad = 3;
    const lineHeight = size * 1.25;
    const drawHeader = () => {
      const height = Math.max(...columns.map((c) => this.doc.font('Helvetica-Bold').fontSize(size).heightOfString(winAnsi(c.header), { width: c.width - pad * 2 }))) + pad * 2;
      this.ensureSpace(height + lineHeight + pad * 2);
      const y = this.doc.y;
      this.doc.rect(MARGIN, y, this.width, height).fill('#e2e8f0').fillColor('black');
      let x = MARGIN;
      for (const c of columns) {
        this.doc.font('Helvetica-Bold').fontSize(size).text(winAnsi(c.header), x + pad, y + pad, { width: c.width - pad * 2, align: c.align ?? 'left' });
        x += c.width;
      }
      this.doc.y = y + height;
    };
    drawHeader();
    rows.forEach((row, r) => {
      const cells = row.map(winAnsi);
      const height =
        options.wrap === false
          ? lineHeight + pad
          : Math.max(lineHeight, ...cells.map((cell, i) => this.doc.font(columns[i].mono ? 'Courier' : 'Helvetica').fontSize(size).heightOfString(cell, { width: columns[i].width - pad * 2 }))) + pad;
      if (this.doc.y + height > this.bottom) {
        this.newPage();
        drawHeader();
      }
      const y = this.doc.y;
      if (r % 2 === 1) this.doc.rect(MARGIN, y, this.width, height).fill('#f8fafc').fillColor('black');
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const c = columns[i];
        this.doc
          .font(c.mono ? 'Courier' : 'Helvetica')
          .fontSize(size)
          .text(cell, x + pad, y + pad / 2 + 1, { width: c.width - pad * 2, align: c.align ?? 'left', ...(options.wrap === false ? { lineBreak: false, ellipsis: true, height: lineHeight } : {}) });
        x += c.width;
      });
      this.doc.y = y + height;
    });
    this.doc.x = MARGIN;
    this.doc.moveDown(0.6);
  }

  /** Fills the reserved contents pages and numbers every page. Call once, before end(). */
  finish(): void {
    const doc = this.doc;
    let tocIndex = 0;
    const openTocPage = (first: boolean) => {
      doc.switchToPage(this.tocPages[tocIndex++]);
      doc.y = MARGIN;
      if (first) doc.font('Helvetica-Bold').fontSize(16).fillColor('#0c4a6e').text('Contents', MARGIN, MARGIN).fillColor('black').moveDown(0.8);
    };
    openTocPage(true);
    for (const entry of this.toc) {
      if (doc.y + TOC_LINE > this.bottom && tocIndex < this.tocPages.length) openTocPage(false);
      const indent = entry.level === 1 ? 0 : 16;
      const y = doc.y;
      doc.font(entry.level === 1 ? 'Helvetica-Bold' : 'Helvetica').fontSize(entry.level === 1 ? 10 : 9);
      doc.text(winAnsi(entry.title), MARGIN + indent, y, { width: this.width - indent - 40, lineBreak: false, ellipsis: true, height: TOC_LINE, goTo: entry.destination });
      doc.text(String(entry.page + 1), MARGIN + this.width - 40, y, { width: 40, align: 'right', lineBreak: false, goTo: entry.destination });
      doc.y = y + TOC_LINE;
    }
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing into the bottom margin would make pdfkit open a new page: lift the margin meanwhile.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - MARGIN;
      doc.font('Helvetica').fontSize(7.5).fillColor('#475569');
      doc.text(winAnsi(this.footer), MARGIN, y, { width: this.width - 90, lineBreak: false, ellipsis: true, height: 10 });
      doc.text(`Page ${i + 1} of ${range.count}`, MARGIN + this.width - 90, y, { width: 90, align: 'right', lineBreak: false });
      doc.fillColor('black');
      doc.page.margins.bottom = bottom;
    }
  }
}
