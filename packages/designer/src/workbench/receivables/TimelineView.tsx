import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../api/workbench-types.ts';
import { Money } from '../../components/common.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { UndoSettlement } from './UndoSettlement.tsx';

const colours: Record<TimelineEntry['kind'], string> = {
  posted: 'blue',
  reversed: 'red',
  settled: 'green',
  'settlement-reversed': 'orange',
  reminder: 'purple',
  promise: 'lime',
  'promise-kept': 'green',
  'promise-broken': 'volcano',
  'promise-cancelled': 'gray',
  dispute: 'magenta',
  'dispute-resolved': 'green',
  request: 'cyan',
  approval: 'geekblue',
  audit: 'gray',
};

/** What one entry says, in the UI language: the kind, the other documents, the decision, the reason. */
function Say(p: { e: TimelineEntry }) {
  const { t } = useTranslation();
  const d = p.e.detail;
  const others = ((d.with as { docType: string; number: string | null }[] | undefined) ?? [])
    .map((w) => `${w.docType} ${w.number ?? ''}`.trim())
    .join(', ');
  switch (p.e.kind) {
    case 'posted':
    case 'reversed':
      return <>{t(`tl.${p.e.kind}`, { number: p.e.ref.number ?? '', date: String(d.postingDate ?? '') })}</>;
    case 'settled':
    case 'settlement-reversed':
      return (
        <>
          {t(`tl.${p.e.kind}`, { kind: String(d.settlementKind), others })}
          {d.reason ? <Typography.Text type="secondary"> · {String(d.reason)}</Typography.Text> : null}
        </>
      );
    case 'reminder':
      return <>{t('tl.reminder', { level: String(d.level), channel: String(d.channel) })}</>;
    case 'promise':
      return (
        <>
          {t('tl.promise', { date: String(d.promisedDate) })}
          {d.note ? <Typography.Text type="secondary"> · “{String(d.note)}”</Typography.Text> : null}
        </>
      );
    case 'promise-kept':
    case 'promise-broken':
    case 'promise-cancelled':
      return (
        <>
          {t(`tl.${p.e.kind}`, { paid: String(d.paid) })}
          {d.reason ? <Typography.Text type="secondary"> · {String(d.reason)}</Typography.Text> : null}
        </>
      );
    case 'dispute':
      return <>{t('tl.dispute', { category: t(`coll.category.${String(d.category)}`), reason: String(d.reason) })}</>;
    case 'dispute-resolved':
      return <>{t('tl.dispute-resolved', { resolution: String(d.resolution) })}</>;
    case 'request':
      return <>{t('tl.request', { number: p.e.ref.number ?? '', action: String(d.action) })}</>;
    case 'approval':
      if (d.event === 'performed') return <>{t('tl.performed', { number: p.e.ref.number ?? '' })}</>;
      return (
        <>
          {t('tl.approval', {
            number: p.e.ref.number ?? '',
            step: String(d.step ?? ''),
            decision: String(d.decision ?? d.event),
          })}
          {d.comment ? <Typography.Text type="secondary"> · “{String(d.comment)}”</Typography.Text> : null}
        </>
      );
    default:
      return <>{t('tl.audit', { action: String(d.action) })}</>;
  }
}

/** A receivable's history as a vertical timeline, oldest first; a settlement not yet undone can be undone. */
export function TimelineView(p: {
  entries: TimelineEntry[];
  showAudit: boolean;
  canUndo: boolean;
  onChange: () => void;
}) {
  const lang = useLocale();
  const { t } = useTranslation();
  const shown = p.entries.filter((e) => p.showAudit || e.kind !== 'audit');
  const undone = new Set(
    p.entries.flatMap((e) => (e.kind === 'settlement-reversed' ? [String(e.detail.reverses)] : [])),
  );
  return (
    <Timeline
      data-testid="timeline"
      items={shown.map((e, i) => ({
        key: `${e.ref.id}-${i}`,
        color: colours[e.kind],
        content: (
          <div data-kind={e.kind}>
            <Tag color={colours[e.kind]}>{t(`tl.kind.${e.kind}`)}</Tag>
            <Say e={e} />
            {e.amount !== undefined && (
              <>
                {' · '}
                <Money amount={e.amount} currency={e.currency ?? 'CNY'} />
              </>
            )}
            {e.kind === 'settled' && undone.has(e.ref.id) && <Tag style={{ marginLeft: 8 }}>{t('rcv.wasUndone')}</Tag>}
            {e.kind === 'settled' && p.canUndo && !undone.has(e.ref.id) && (
              <UndoSettlement settlementId={e.ref.id} onDone={p.onChange} />
            )}
            <div>
              <Typography.Text type="secondary">
                {formatDateTime(e.at, lang)}
                {e.by ? ` · ${e.by}` : ''}
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
