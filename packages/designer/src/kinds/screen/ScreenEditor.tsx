import { Alert, Button, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { ErrorAlert, Money, ProblemList } from '../../components/common.tsx';
import { JsonPane } from '../../definitions/JsonPane.tsx';
import { definitions, rules, screens } from '../../api/endpoints.ts';

/** The parts of a screen the editor writes; the rest passes through untouched. */
export interface ScreenDoc {
  title?: string | { zh?: string; en?: string };
  description?: string;
  logic: unknown;
  form: string;
  sort?: 'daysOverdue' | 'openAmount' | 'dueDate';
  maxRows?: number;
  [k: string]: unknown;
}

const titleOf = (t: ScreenDoc['title']) => (typeof t === 'string' ? { en: t } : (t ?? {}));

/** The rule over one open item and its customer: the rule part of the document in the JSON pane. */
function LogicPane(p: KindEditorProps<ScreenDoc>) {
  const { t } = useTranslation();
  const language = useQuery({ queryKey: ['rules-language'], queryFn: () => rules.language(), staleTime: Infinity });
  const errors = p.errors
    .filter((e) => e.pointer === '/logic' || e.pointer.startsWith('/logic/'))
    .map((e) => ({ ...e, pointer: e.pointer.slice('/logic'.length) || '/' }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('screen.logicHint')}</Typography.Text>
      <JsonPane<unknown>
        {...p}
        doc={p.doc.logic}
        setDoc={(logic) => p.setDoc({ ...p.doc, logic })}
        errors={errors}
        schema={language.data?.schema}
        path={`hexiao://rules/screen-${p.defKey}.json`}
        testId="screen-logic"
        ariaLabel={t('screen.logic')}
        height="calc(100vh - 320px)"
      />
    </Space>
  );
}

/** What the draft lists now among the open receivables the analyst sees (the server runs it; nothing is saved). */
function Preview(p: { doc: ScreenDoc }) {
  const { t } = useTranslation();
  const run = useMutation({ mutationFn: () => screens.preview(p.doc) });
  const r = run.data?.result;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="screen-preview">
      <Button type="primary" onClick={() => run.mutate()} loading={run.isPending} data-testid="screen-run">
        {t('screen.run')}
      </Button>
      <ErrorAlert error={run.error} />
      {run.data && run.data.definitionErrors.length > 0 && <ProblemList errors={run.data.definitionErrors} />}
      {r && (
        <>
          <Typography.Text data-testid="screen-counts">
            {t('screen.counts', { matched: r.matched, scanned: r.scanned, asOf: r.asOf })}
          </Typography.Text>
          {r.truncated && <Alert type="warning" showIcon title={t('screen.truncated')} />}
          {r.failures.count > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('screen.failures', { count: r.failures.count, message: r.failures.first?.message ?? '' })}
            />
          )}
          <Table
            size="small"
            rowKey={(row) => row.item.id}
            dataSource={r.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="screen-rows"
            columns={[
              { title: t('recv.number'), render: (_, row) => row.item.number },
              {
                title: t('screen.customer'),
                render: (_, row) => String((row.customer as { name?: unknown }).name ?? ''),
              },
              { title: t('screen.daysOverdue'), align: 'right', render: (_, row) => row.item.daysOverdue },
              {
                title: t('recv.open'),
                align: 'right',
                render: (_, row) => <Money amount={row.item.openAmount} currency={row.item.currency} />,
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}

/** Screens: title, form, order and size | the rule (or JSON) | what the draft lists now. */
export default function ScreenEditor(p: KindEditorProps<ScreenDoc>) {
  const { t } = useTranslation();
  const forms = useQuery({ queryKey: ['definitions', 'form'], queryFn: () => definitions.list('form') });
  const formKeys = [...new Set([p.doc.form, ...(forms.data?.items ?? []).map((f) => f.key)])].filter(Boolean);
  const title = titleOf(p.doc.title);
  const others = p.errors.filter((e) => !e.pointer.startsWith('/logic'));
  return (
    <ThreePanes
      id="screen"
      left={
        <Form layout="vertical" disabled={p.readOnly}>
          <Form.Item label={t('screen.titleEn')}>
            <Input
              value={title.en ?? ''}
              onChange={(e) => p.setDoc({ ...p.doc, title: { ...title, en: e.target.value } })}
            />
          </Form.Item>
          <Form.Item label={t('screen.titleZh')}>
            <Input
              value={title.zh ?? ''}
              onChange={(e) => p.setDoc({ ...p.doc, title: { ...title, zh: e.target.value } })}
            />
          </Form.Item>
          <Form.Item label={t('screen.description')}>
            <Input.TextArea
              value={p.doc.description ?? ''}
              autoSize={{ minRows: 2, maxRows: 6 }}
              onChange={(e) => p.setDoc({ ...p.doc, description: e.target.value || undefined })}
            />
          </Form.Item>
          <Form.Item label={t('screen.form')} extra={t('screen.formHint')}>
            <Select
              showSearch
              value={p.doc.form}
              onChange={(form) => p.setDoc({ ...p.doc, form })}
              options={formKeys.map((k) => ({ value: k, label: k }))}
              data-testid="screen-form"
            />
          </Form.Item>
          <Form.Item label={t('screen.sort')}>
            <Select
              value={p.doc.sort ?? 'daysOverdue'}
              onChange={(sort) => p.setDoc({ ...p.doc, sort })}
              options={(['daysOverdue', 'openAmount', 'dueDate'] as const).map((v) => ({
                value: v,
                label: t(`screen.sorts.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('screen.maxRows')}>
            <InputNumber
              min={1}
              max={5000}
              precision={0}
              value={p.doc.maxRows ?? 500}
              onChange={(v) => p.setDoc({ ...p.doc, maxRows: v ?? undefined })}
            />
          </Form.Item>
          {others.length > 0 ? <ProblemList errors={others} /> : <Tag color="green">{t('defs.noProblems')}</Tag>}
        </Form>
      }
      center={
        <Tabs
          items={[
            { key: 'logic', label: t('screen.logic'), children: <LogicPane {...p} /> },
            { key: 'json', label: t('defs.json'), children: <JsonPane {...p} schema={p.kind.metaSchema} /> },
          ]}
        />
      }
      right={<Preview doc={p.doc} />}
    />
  );
}
