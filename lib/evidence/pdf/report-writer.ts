// Layout primitives over pdfkit: headings that feed a table of contents and the PDF outline,
// paragraphs, key/value blocks and paginated tables that repeat their header. Pages are written
// out as soon as they are full (memory stays flat however many instances): the report is laid out
// twice, and the second pass draws "Page i of n" and the contents from the plan of the first.
import PDFDocument from 'pdfkit';
import { winAnsi } from './win-ansi';

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
  mono?: boolean;
}

export interface TocEntry {
  title: string;
  level: 1 | 2;
  page: number;
  destination: string;
}

/** What the first pass learnt: the page count and where every listed heading landed. */
export interface LayoutPlan {
  pageCount: number;
  toc: TocEntry[];
}

const MARGIN = 40;
const FOOTER_GAP = 22;
const TOC_LINE = 14;

export class ReportWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly toc: TocEntry[] = [];
  private pages = 0;
  private outlineParent: PDFKit.PDFOutline | null = null;

  constructor(
    info: { title: string; author: string; subject: string },
    private readonly footer: string,
    private readonly plan?: LayoutPlan,
  ) {
    this.doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN + FOOTER_GAP, left: MARGIN, right: MARGIN }, autoFirstPage: false, info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: info.author } });
    // Also fires when pdfkit breaks a long text onto a new page by itself.
    this.doc.on('pageAdded', () => {
      this.pages += 1;
      if (this.plan) this.drawFooter(this.pages, this.plan.pageCount);
    });
  }

  get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Zero-based index of the current page. */
  private pageIndex(): number {
    return this.pages - 1;
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Makes sure `height` points fit on the current page, else starts a new one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  /** Pages right here for the contents (`entries` lines); the second pass fills them. */
  reserveContents(entries: number): void {
    const perPage = Math.floor((this.doc.page.height - MARGIN * 2 - FOOTER_GAP - 40) / TOC_LINE);
    const pages = Math.max(1, Math.ceil(entries / perPage));
    const listed = this.plan?.toc ?? [];
    if (listed.length > pages * perPage) throw new Error('the contents do not fit the pages reserved for them');
    for (let i = 0; i < pages; i++) {
      this.newPage();
      this.drawContents(listed.slice(i * perPage, (i + 1) * perPage), i === 0);
    }
  }

  private drawContents(entries: TocEntry[], first: boolean): void {
    const doc = this.doc;
    if (first) doc.font('Helvetica-Bold').fontSize(16).fillColor('#0c4a6e').text('Contents', MARGIN, MARGIN).fillColor('black').moveDown(0.8);
    for (const entry of entries) {
      const indent = entry.level === 1 ? 0 : 16;
      const y = doc.y;
      doc.font(entry.level === 1 ? 'Helvetica-Bold' : 'Helvetica').fontSize(entry.level === 1 ? 10 : 9);
      doc.text(winAnsi(entry.title), MARGIN + indent, y, { width: this.width - indent - 40, lineBreak: false, ellipsis: true, height: TOC_LINE, goTo: entry.destination });
      doc.text(String(entry.page + 1), MARGIN + this.width - 40, y, { width: 40, align: 'right', lineBreak: false, goTo: entry.destination });
      doc.y = y + TOC_LINE;
    }
  }

  /** "Page i of n" in the bottom margin, leaving the text state as it was (pdfkit may be mid-paragraph). */
  private drawFooter(page: number, count: number): void {
    const doc = this.doc as PDFKit.PDFDocument & { _font: unknown; _fontSize: number };
    const saved = { font: doc._font, size: doc._fontSize, x: doc.x, y: doc.y, bottom: doc.page.margins.bottom };
    // Writing into the bottom margin would make pdfkit open a new page: lift the margin meanwhile.
    doc.page.margins.bottom = 0;
    doc.save();
    const y = doc.page.height - MARGIN;
    doc.font('Helvetica').fontSize(7.5).fillColor('#475569');
    doc.text(winAnsi(this.footer), MARGIN, y, { width: this.width - 90, lineBreak: false, ellipsis: true, height: 10 });
    doc.text(`Page ${page} of ${count}`, MARGIN + this.width - 90, y, { width: 90, align: 'right', lineBreak: false });
    doc.restore();
    doc.page.margins.bottom = saved.bottom;
    doc._font = saved.font;
    doc._fontSize = saved.size;
    doc.x = saved.x;
    doc.y = saved.y;
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

  /** Ends the document and returns what this pass learnt. */
  finish(): LayoutPlan {
    this.doc.end();
    return { pageCount: this.pages, toc: this.toc };
  }
}
