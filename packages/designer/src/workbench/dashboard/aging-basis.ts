import type { TFunction } from 'i18next';
import type { AgingReport } from '../../api/workbench-types.ts';

/** Payment terms as the aging report states them (`net30`, `eom60`, `inst30:40/60:60`, `inst30/60/90`), in words. */
export function termsLabel(text: string | null, t: TFunction): string | null {
  if (!text) return null;
  const m = /^(net|eom)([0-9]+)$/.exec(text);
  if (m) return t(`dash.terms.${m[1]}`, { n: Number(m[2]) });
  if (!text.startsWith('inst')) return text;
  const parts = text
    .slice(4)
    .split('/')
    .map((p) => p.split(':'));
  const share = (p: string[]) => p[1] ?? String(Math.round((10_000 / parts.length) * 100) / 10_000);
  return t('dash.terms.inst', {
    n: parts.length,
    parts: parts.map((p) => t('dash.terms.part', { days: p[0], percent: share(p) })).join(t('dash.terms.sep')),
  });
}

/** Where the report started counting: its T0 (and terms), then each customer contract that sets its own. */
export function agingBasis(r: AgingReport, t: TFunction, t0Name: (t0: string) => string): string {
  const start = (s: { t0: string; terms: string | null }) =>
    [t0Name(s.t0), termsLabel(s.terms, t)].filter(Boolean).join(t('dash.terms.plus'));
  const contracts = Object.entries(r.byCustomer).map(([code, s]) => `${code}: ${start(s)}`);
  return [
    t('dash.basis', { start: start({ t0: r.t0, terms: r.terms }) }),
    ...(contracts.length ? [t('dash.contracts', { list: contracts.join('; ') })] : []),
  ].join(' · ');
}
