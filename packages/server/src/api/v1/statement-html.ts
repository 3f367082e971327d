import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import {
  statementLabel as label,
  statementWords,
  type Statement,
  type StatementLang as Lang,
} from '../../domain/statements/index.ts';

// CJK text renders with the fonts the reader's system has (Noto Sans CJK, PingFang, YaHei, …)
const style = `
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif;
    font-size: 10pt; color: #111; }
  h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
  th, td { border-bottom: 0.3pt solid #999; padding: 1.2mm 1.5mm; text-align: left; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tr.total td { font-weight: bold; border-top: 0.6pt solid #111; }
  section { page-break-inside: avoid; }`;

/** The statement as a print-ready HTML page (every value escaped). */
export function statementHtml(s: Statement, lang: Lang): HtmlEscapedString | Promise<HtmlEscapedString> {
  const w = statementWords[lang];
  return html`<!doctype html>
    <html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <title>${w.title} ${s.customer.code} ${s.from} – ${s.to}</title>
        <style>
          ${style}
        </style>
      </head>
      <body>
        <h1>${w.title}</h1>
        <p>${s.tenant.name}</p>
        <p>
          ${w.customer}:
          <strong>${s.customer.code} ${s.customer.name}</strong
          >${s.customer.taxId ? html` · ${w.taxId} ${s.customer.taxId}` : ''}<br />
          ${w.period}: ${s.from} – ${s.to}
        </p>
        ${s.sections.map(
          (sec) =>
            html`<section>
              <h2>${w.currency} ${sec.currency}</h2>
              <table>
                <thead>
                  <tr>
                    <th>${w.posted}</th>
                    <th>${w.date}</th>
                    <th>${w.due}</th>
                    <th>${w.type}</th>
                    <th>${w.number}</th>
                    <th>${w.reference}</th>
                    <th class="n">${w.debit}</th>
                    <th class="n">${w.credit}</th>
                    <th class="n">${w.balance}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td colspan="8">${w.opening}</td>
                    <td class="n">${sec.opening}</td>
                  </tr>
                  ${
                    sec.lines.length
                      ? ''
                      : html`<tr>
                          <td colspan="9">${w.none}</td>
                        </tr>`
                  }
                  ${sec.lines.map(
                    (l) =>
                      html`<tr>
                        <td>${l.postingDate}</td>
                        <td>${l.documentDate}</td>
                        <td>${l.dueDate ?? ''}</td>
                        <td>${l.docType}</td>
                        <td>${l.number}</td>
                        <td>${l.reverses ? `↺ ${l.reverses}` : (l.reference ?? '')}</td>
                        <td class="n">${l.debit ?? ''}</td>
                        <td class="n">${l.credit ?? ''}</td>
                        <td class="n">${l.balance}</td>
                      </tr>`,
                  )}
                  <tr class="total">
                    <td colspan="6">${w.totals} · ${w.closing}</td>
                    <td class="n">${sec.debits}</td>
                    <td class="n">${sec.credits}</td>
                    <td class="n">${sec.closing}</td>
                  </tr>
                </tbody>
              </table>
              ${
                sec.aging
                  ? html`<table>
                      <caption style="text-align:left">
                        ${w.aging}
                      </caption>
                      <thead>
                        <tr>
                          ${sec.aging.columns.map((c) => html`<th class="n">${label(c.label, lang)}</th>`)}
                          <th class="n">${w.amount}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <tr>
                          ${sec.aging.buckets.map((b) => html`<td class="n">${b}</td>`)}
                          <td class="n">${sec.aging.total}</td>
                        </tr>
                      </tbody>
                    </table>`
                  : ''
              }
            </section>`,
        )}
        ${
          s.settlements.length
            ? html`<h2>${w.settlements}</h2>
                <table>
                  <thead>
                    <tr>
                      <th>${w.posted}</th>
                      <th>${w.invoice}</th>
                      <th>${w.payment}</th>
                      <th>${w.currency}</th>
                      <th class="n">${w.amount}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${s.settlements.map(
                      (x) =>
                        html`<tr>
                          <td>${x.postingDate}</td>
                          <td>${x.invoice}</td>
                          <td>${x.payment}</td>
                          <td>${x.currency}</td>
                          <td class="n">${x.amount}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
            : ''
        }
      </body>
    </html>`;
}
