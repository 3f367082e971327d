import { useState } from 'react';
import { Alert, Button, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { flows } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { useLocale } from '../../app/locale.ts';
import { textOf, type Text } from './graph.ts';
import { jsonObject } from './json-object.ts';

const outcomeColor = { approved: 'green', rejected: 'red', failed: 'orange' } as const;

/** A labelled monospace text area for a small JSON object. */
function JsonArea(p: { label: string; testId: string; value: string; onChange: (v: string) => void; rows: number }) {
  return (
    <Form.Item label={p.label}>
      <Input.TextArea
        aria-label={p.label}
        data-testid={p.testId}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        autoSize={{ minRows: p.rows, maxRows: 12 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace' }}
      />
    </Form.Item>
  );
}

/**
 * Runs the flow (its saved draft or its published version) on a submission the analyst types: the outcome, the
 * path, who each step would ask today and what each guard decided. The server creates nothing.
 */
export function FlowSimulator(p: {
  defKey: string;
  /** The steps the last run entered (the diagram marks them), or undefined when there is none. */
  onRoute?: (route: string[] | undefined) => void;
}) {
  const { t } = useTranslation();
  const lang = useLocale();
  const [version, setVersion] = useState<'draft' | 'current'>('draft');
  const [form, setForm] = useState('{\n  "amount": "10000.00"\n}');
  const [customer, setCustomer] = useState('{}');
  const [requester, setRequester] = useState('');
  const parsedForm = jsonObject(form);
  const parsedCustomer = jsonObject(customer);
  const run = useMutation({
    mutationFn: () =>
      flows.simulate(p.defKey, {
        ...(version === 'draft' ? { version: 'draft' as const } : {}),
        form: parsedForm.value ?? {},
        ...(parsedCustomer.value ? { customer: parsedCustomer.value } : {}),
        ...(requester.trim() ? { requester: requester.trim() } : {}),
      }),
    onSuccess: (r) => p.onRoute?.(r.route),
    onError: () => p.onRoute?.(undefined),
  });
  const badJson = [
    parsedForm.error && t('flow.sim.badJson', { field: 'form', reason: parsedForm.error }),
    parsedCustomer.error && t('flow.sim.badJson', { field: 'customer', reason: parsedCustomer.error }),
  ].filter(Boolean);
  const r = run.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="flow-simulator">
      <Typography.Paragraph type="secondary">{t('flow.sim.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => run.mutate()}>
        <Form.Item label={t('flow.sim.version')}>
          <Radio.Group value={version} onChange={(e) => setVersion(e.target.value as 'draft' | 'current')}>
            <Radio.Button value="draft">{t('flow.sim.draft')}</Radio.Button>
            <Radio.Button value="current">{t('flow.sim.published')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <JsonArea label={t('flow.sim.form')} testId="sim-form" value={form} onChange={setForm} rows={3} />
        <JsonArea
          label={t('flow.sim.customer')}
          testId="sim-customer"
          value={customer}
          onChange={setCustomer}
          rows={1}
        />
        <Form.Item label={t('flow.sim.requester')}>
          <Input
            aria-label={t('flow.sim.requester')}
            value={requester}
            onChange={(e) => setRequester(e.target.value)}
          />
        </Form.Item>
        {badJson.map((m) => (
          <Alert key={m} type="error" showIcon title={m} style={{ marginBottom: 8 }} />
        ))}
        <Button
          type="primary"
          htmlType="submit"
          disabled={badJson.length > 0}
          loading={run.isPending}
          data-testid="sim-run"
        >
          {t('flow.sim.run')}
        </Button>
      </Form>
      <ErrorAlert error={run.error} />
      {r && !run.isPending && (
        <div data-testid="sim-result">
          <Space wrap>
            <Tag color={outcomeColor[r.outcome]} data-testid="sim-outcome" data-outcome={r.outcome}>
              {t(`flow.sim.outcome.${r.outcome}`)}
            </Tag>
            <Typography.Text type="secondary">
              {t('flow.sim.ranOn', { version: r.flow.version, status: r.flow.status })}
            </Typography.Text>
          </Space>
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t('flow.sim.path')}: <Typography.Text code>{r.summary || '—'}</Typography.Text>
          </Typography.Paragraph>
          {r.problem && <Alert type="warning" showIcon title={r.problem} data-testid="sim-problem" />}
          {r.steps.length > 0 && (
            <Table
              size="small"
              rowKey="step"
              pagination={false}
              dataSource={r.steps}
              data-testid="sim-steps"
              columns={[
                { title: t('flow.step'), render: (_, s) => textOf(s.title as Text | undefined, lang, s.step) },
                { title: t('flow.sim.mode'), render: (_, s) => `${s.mode} · ${s.order}` },
                {
                  title: t('flow.sim.people'),
                  render: (_, s) =>
                    s.assignees.length === 0 ? (
                      <Typography.Text type="warning">{t('flow.sim.nobody')}</Typography.Text>
                    ) : (
                      s.assignees
                        .map((a) =>
                          a.onBehalfOf ? `${a.name} (${t('flow.sim.onBehalfOf', { name: a.onBehalfOf })})` : a.name,
                        )
                        .join(', ')
                    ),
                },
              ]}
            />
          )}
          {r.guards.length > 0 && (
            <>
              <Typography.Title level={5}>{t('flow.sim.guards')}</Typography.Title>
              <ul className="plain-list" data-testid="sim-guards">
                {r.guards.map((g, i) => (
                  <li key={`${g.pointer}:${i}`}>
                    <Typography.Text code>{g.pointer}</Typography.Text> → {JSON.stringify(g.result ?? null)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Space>
  );
}
