import type { ReactNode } from 'react';
import { Alert, Empty, List, Typography } from 'antd';
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
    <List
      size="small"
      data-testid="problems"
      dataSource={[...p.errors]}
      renderItem={(e) => (
        <List.Item>
          <button type="button" className="linklike" onClick={() => p.onPick?.(e.pointer)}>
            <Typography.Text code>{e.pointer}</Typography.Text>
          </button>{' '}
          {e.reason}
        </List.Item>
      )}
    />
  );
}
