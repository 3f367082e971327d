import { useEffect, useState, type MutableRefObject } from 'react';
import { Alert, Button, Input, Select, Space, Tabs, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { records, rules } from '../api/endpoints.ts';
import type { Explanation, RuleSubject } from '../api/types.ts';
import { ErrorAlert } from '../components/common.tsx';
import { ExplainTree } from './ExplainTree.tsx';

/** Builds the rule's data from real records chosen by id, shaped as the subject's data schema says. */
async function dataFor(subject: RuleSubject, pick: { customer?: string; receipt?: string; receivable?: string }) {
  const receipt = pick.receipt ? await records.receipt(pick.receipt) : undefined;
  const receivable = pick.receivable ? await records.receivable(pick.receivable) : undefined;
  const customerId = pick.customer ?? receivable?.customerId ?? receipt?.customerId ?? undefined;
  const customer = customerId ? await records.customer(customerId) : undefined;
  if (subject === 'customer') return { customer };
  if (subject === 'receivable') return { receivable, customer };
  if (subject === 'receipt') return { receipt, customer };
  return { receipt, receivable, customer, candidates: receivable ? [receivable] : [] };
}

export function Playground(p: {
  rule: unknown;
  subject: RuleSubject;
  onData?: (data: unknown) => void;
  /** Set to this playground's run, so the editor's Ctrl+Enter runs it. */
  runRef?: MutableRefObject<(() => void) | undefined>;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState('records');
  const [pick, setPick] = useState<{ customer?: string; receipt?: string; receivable?: string }>({});
  const [pasted, setPasted] = useState('{\n  \n}');
  const [result, setResult] = useState<Explanation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const needs = {
    customer: p.subject === 'customer',
    receipt: p.subject === 'receipt' || p.subject === 'receipt-match',
    receivable: p.subject === 'receivable' || p.subject === 'receipt-match',
  };
  const customers = useQuery({
    queryKey: ['pg-customers'],
    queryFn: () => records.customers(),
    enabled: needs.customer,
  });
  const receipts = useQuery({ queryKey: ['pg-receipts'], queryFn: records.receipts, enabled: needs.receipt });
  const receivables = useQuery({
    queryKey: ['pg-receivables'],
    queryFn: () => records.receivables(),
    enabled: needs.receivable,
  });

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const data = mode === 'paste' ? JSON.parse(pasted) : await dataFor(p.subject, pick);
      p.onData?.(data);
      setResult(await rules.explain(p.rule, data));
    } catch (e) {
      setError(e);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (p.runRef) p.runRef.current = () => void run();
  });
  const docLabel = (d: { number: string | null; amount: string; currency: string }) =>
    `${d.number ?? '—'} · ${d.amount} ${d.currency}`;
  const none = <Typography.Text type="secondary">{t('rule.noRecords')}</Typography.Text>;
  const picker = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {needs.customer &&
        (customers.data?.items.length === 0 ? (
          none
        ) : (
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('rule.chooseCustomer')}
            placeholder={t('rule.chooseCustomer')}
            data-testid="pick-customer"
            options={customers.data?.items.map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }))}
            style={{ width: '100%' }}
            onChange={(customer: string) => setPick({ ...pick, customer })}
          />
        ))}
      {needs.receipt &&
        (receipts.data?.items.length === 0 ? (
          none
        ) : (
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('rule.chooseReceipt')}
            placeholder={t('rule.chooseReceipt')}
            data-testid="pick-receipt"
            options={receipts.data?.items.map((d) => ({ value: d.id, label: docLabel(d) }))}
            style={{ width: '100%' }}
            onChange={(receipt: string) => setPick({ ...pick, receipt })}
          />
        ))}
      {needs.receivable &&
        (receivables.data?.items.length === 0 ? (
          none
        ) : (
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('rule.chooseReceivable')}
            placeholder={t('rule.chooseReceivable')}
            data-testid="pick-receivable"
            options={receivables.data?.items.map((d) => ({ value: d.id, label: docLabel(d) }))}
            style={{ width: '100%' }}
            onChange={(receivable: string) => setPick({ ...pick, receivable })}
          />
        ))}
    </Space>
  );
  return (
    <div data-testid="playground">
      <Typography.Title level={5}>{t('rule.playground')}</Typography.Title>
      <Tabs
        activeKey={mode}
        onChange={setMode}
        items={[
          { key: 'records', label: t('rule.records'), children: picker },
          {
            key: 'paste',
            label: t('rule.paste'),
            children: (
              <Input.TextArea
                aria-label={t('rule.paste')}
                data-testid="paste-data"
                value={pasted}
                onChange={(e) => setPasted(e.target.value)}
                autoSize={{ minRows: 5, maxRows: 14 }}
                style={{ fontFamily: 'ui-monospace, monospace' }}
              />
            ),
          },
        ]}
      />
      <Space style={{ margin: '12px 0' }}>
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          onClick={() => void run()}
          loading={busy}
          data-testid="run"
        >
          {t('rule.run')}
        </Button>
        <Typography.Text type="secondary">{t('rule.runHint')}</Typography.Text>
      </Space>
      {error ? <ErrorAlert error={error} /> : null}
      {result && (
        <section aria-label={t('rule.result')}>
          {result.error ? (
            <Alert
              type="error"
              showIcon
              title={t('rule.error')}
              description={`${result.error.pointer} ${result.error.message}`}
            />
          ) : (
            <Typography.Paragraph>
              {t('rule.result')}:{' '}
              <Typography.Text code data-testid="result">
                {JSON.stringify(result.result)}
              </Typography.Text>
            </Typography.Paragraph>
          )}
          <Typography.Title level={5}>{t('rule.explanation')}</Typography.Title>
          <ExplainTree explanation={result} />
        </section>
      )}
    </div>
  );
}
