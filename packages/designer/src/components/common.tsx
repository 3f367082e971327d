import type { ReactNode } from 'react';
import { Alert, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../app/format.ts';
import { useLocale } from '../app/locale.ts';
import { isApiError, type FieldError } from '../api/problem.ts';

/** An empty state that says what to do next. */
export function EmptyState(p: { text: string; action?: ReactNode }) {
  return (
    <Empty description={p.text} data-testid="empty-state">
      {p.action}
    </Empty>
  );
}

/** An amount in the current locale, right-aligned in tabular figures; negatives keep their minus sign. */
export function Money(p: { amount: string | null | undefined; currency: string }) {
  const lang = useLocale();
  return (
    <span className="money" data-amount={p.amount ?? ''}>
      {formatMoney(p.amount, p.currency, lang)}
    </span>
  );
}

/** A problem+json error as a message with each field's reason listed by pointer. */
export function ErrorAlert(p: { error: unknown }) {
  const { t } = useTranslation();
  if (!p.error) return null;
  const detail = p.error instanceof Error ? p.error.message : String(p.error);
  const errors = isApiError(p.error) ? p.error.fieldErrors : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.error')}
      description={
        <>
          <div>{detail}</div>
          {errors.length > 0 && <ProblemList errors={errors} />}
        </>
      }
    />
  );
}

/** Field errors by pointer; clicking one calls onPick (editors move the cursor there). */
export function ProblemList(p: { errors: readonly FieldError[]; onPick?: (pointer: string) => void }) {
  return (
    <ul className="plain-list" data-testid="problems">
      {p.errors.map((e, i) => (
        <li key={`${e.pointer}:${i}`}>
          <button type="button" className="linklike" onClick={() => p.onPick?.(e.pointer)}>
            <Typography.Text code>{e.pointer}</Typography.Text>
          </button>{' '}
          {e.reason}
        </li>
      ))}
    </ul>
  );
}

/** A plain list (ul/li): antd's List is deprecated in antd 6.6. */
export function PlainList<T>(p: {
  items: readonly T[];
  itemKey: (item: T) => string;
  render: (item: T) => ReactNode;
  actions?: (item: T) => ReactNode;
  empty?: ReactNode;
  testId?: string;
  className?: string;
  style?: React.CSSProperties;
}) {
  if (!p.items.length && p.empty) return <>{p.empty}</>;
  return (
    <ul className={`plain-list ${p.className ?? ''}`} data-testid={p.testId} style={p.style}>
      {p.items.map((x) => (
        <li key={p.itemKey(x)}>
          <div className="plain-list-main">{p.render(x)}</div>
          {p.actions && <div className="plain-list-actions">{p.actions(x)}</div>}
        </li>
      ))}
    </ul>
  );
}
