import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Statement } from './statement.ts';
import { statementLabel, statementWords, type StatementLang } from './words.ts';

// Noto Sans SC (SIL OFL 1.1) from its npm package: every Chinese character and Latin text in one face, embedded as
// a subset of the glyphs the statement uses, so the PDF reads the same on a machine without CJK fonts.
const require = createRequire(import.meta.url);
const fontFiles = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () =>
  (fonts ??= {
    regular: readFileSync(require.resolve(fontFiles.regular)),
    bold: readFileSync(require.resolve(fontFiles.bold)),
  });

/** A4 landscape in points, and the page margin. */
const page = { width: 841.89, height: 595.28, margin: 36 };
const usable = page.width - 2 * page.margin;
const rowHeight = 14;
const fontSize = 8;

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/** Draws tables row by row, starting a new page (with the header again) when a row would not fit. */
class TableWriter {
  private y: number;
  constructor(
    private doc: PDFKit.PDFDocument,
    private columns: Column[],
  ) {
    this.y = doc.y;
  }

  private room(rows: number) {
    if (this.y + rows * rowHeight <= page.height - page.margin - 16) return;
    this.doc.addPage();
    this.y = page.margin;
    this.header();
  }

  header() {
    this.room(2);
    this.row(
      this.columns.map((c) => c.title),
      { font: 'bold' },
    );
    this.doc
      .moveTo(page.margin, this.y - 2)
      .lineTo(page.margin + usable, this.y - 2)
      .lineWidth(0.6)
      .stroke('#111111');
  }

  /** One row; `span` columns take the first cell (a label over the columns it names nothing in). */
  row(cells: string[], o: { font?: 'regular' | 'bold'; rule?: boolean; span?: number } = {}) {
    this.room(1);
    const span = o.span ?? 1;
    this.doc
      .font(o.font ?? 'regular')
      .fontSize(fontSize)
      .fillColor('#111111');
    if (o.rule)
      this.doc
        .moveTo(page.margin, this.y - 1)
        .lineTo(page.margin + usable, this.y - 1)
        .lineWidth(0.6)
        .stroke('#111111');
    const spans = [this.columns.slice(0, span), ...this.columns.slice(span).map((c) => [c])];
    let x = page.margin;
    spans.forEach((cols, i) => {
      const width = cols.reduce((sum, c) => sum + c.width, 0);
      this.doc.text(cells[i] ?? '', x + 2, this.y + 3, {
        width: width - 4,
        align: i === 0 && span > 1 ? 'left' : (cols[0]!.align ?? 'left'),
        lineBreak: false,
        ellipsis: true,
      });
      x += width;
    });
    this.y += rowHeight;
    this.doc
      .moveTo(page.margin, this.y)
      .lineTo(page.margin + usable, this.y)
      .lineWidth(0.3)
      .stroke('#999999');
  }

  /** Leaves the writing position below the table. */
  end(gap = 10) {
    this.doc.x = page.margin;
    this.doc.y = this.y + gap;
  }
}

function heading(doc: PDFKit.PDFDocument, text: string, size: number) {
  if (doc.y + size * 3 > page.height - page.margin) doc.addPage();
  doc.font('bold').fontSize(size).fillColor('#111111').text(text, page.margin, doc.y, { width: usable });
  doc.moveDown(0.3);
}

/**
 * The statement as a print-ready PDF (A4 landscape): the same content as its HTML page — opening balance,
 * documents with a running balance, totals and closing balance, the aging of what is open, the period's
 * allocations — in Chinese or English, with the CJK font embedded, page numbers in the footer.
 */
export function statementPdf(s: Statement, lang: StatementLang, printedAt: string): Promise<Buffer> {
  const w = statementWords[lang];
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: page.margin,
    bufferPages: true,
    info: {
      Title: `${w.title} ${s.customer.code} ${s.from} – ${s.to}`,
      Author: s.tenant.name,
      Subject: `${s.customer.code} ${s.customer.name}`,
      Producer: 'hexiao',
      Creator: 'hexiao',
    },
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  heading(doc, w.title, 16);
  doc.font('regular').fontSize(10).text(s.tenant.name);
  doc.text(
    `${w.customer}: ${s.customer.code} ${s.customer.name}${s.customer.taxId ? ` · ${w.taxId} ${s.customer.taxId}` : ''}`,
  );
  doc.text(`${w.period}: ${s.from} – ${s.to}`);
  doc.moveDown(0.8);

  const widths = [62, 62, 62, 70, 110, 150, 80, 80, 94];
  for (const sec of s.sections) {
    heading(doc, `${w.currency} ${sec.currency}`, 12);
    const titles = [w.posted, w.date, w.due, w.type, w.number, w.reference, w.debit, w.credit, w.balance];
    const t = new TableWriter(
      doc,
      titles.map((title, i) => ({ title, width: widths[i]!, ...(i >= 6 ? { align: 'right' as const } : {}) })),
    );
    t.header();
    t.row([w.opening, '', '', sec.opening], { span: 6 });
    if (!sec.lines.length) t.row([w.none], { span: 9 });
    for (const l of sec.lines)
      t.row([
        l.postingDate,
        l.documentDate,
        l.dueDate ?? '',
        l.docType,
        l.number,
        l.reverses ? `↺ ${l.reverses}` : (l.reference ?? ''),
        l.debit ?? '',
        l.credit ?? '',
        l.balance,
      ]);
    t.row([`${w.totals} · ${w.closing}`, sec.debits, sec.credits, sec.closing], { font: 'bold', rule: true, span: 6 });
    t.end();
    if (sec.aging) {
      doc.font('regular').fontSize(9).text(w.aging, page.margin, doc.y);
      doc.moveDown(0.2);
      const n = sec.aging.columns.length + 1;
      const a = new TableWriter(
        doc,
        [...sec.aging.columns.map((c) => statementLabel(c.label, lang)), w.amount].map((title) => ({
          title,
          width: usable / n,
          align: 'right' as const,
        })),
      );
      a.header();
      a.row([...sec.aging.buckets, sec.aging.total]);
      a.end(16);
    }
  }
  if (s.settlements.length) {
    heading(doc, w.settlements, 12);
    const t = new TableWriter(doc, [
      { title: w.posted, width: 90 },
      { title: w.invoice, width: 240 },
      { title: w.payment, width: 240 },
      { title: w.currency, width: 80 },
      { title: w.amount, width: usable - 650, align: 'right' },
    ]);
    t.header();
    for (const x of s.settlements) t.row([x.postingDate, x.invoice, x.payment, x.currency, x.amount]);
    t.end();
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // the footer sits in the bottom margin: without this pdfkit would start a new page for it
    doc.page.margins.bottom = 0;
    const footer = `${s.customer.code} · ${s.from} – ${s.to} · ${w.printed} ${printedAt} · ${w.page
      .replace('{n}', String(i + 1))
      .replace('{of}', String(range.count))}`;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor('#555555')
      .text(footer, page.margin, page.height - page.margin + 8, { width: usable, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
