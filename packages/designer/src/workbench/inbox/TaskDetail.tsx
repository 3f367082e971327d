import { lazy, Suspense, useState } from 'react';
import { App, Button, Card, Descriptions, Input, Select, Space, Steps, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { inbox } from '../../api/workbench.ts';
import type { FlowDoc } from '../../kinds/flow/graph.ts';
import type { InboxItem } from '../../api/workbench-types.ts';
import { ErrorAlert, Money } from '../../components/common.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';
import { localText } from '../../i18n/local-text.ts';

const show = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

// the diagram (React Flow) loads only when a task is opened
const FlowProgress = lazy(() => import('../../kinds/flow/FlowProgress.tsx').then((m) => ({ default: m.FlowProgress })));

/** One task: the request as filed (read-only), where the flow stands, its history, and the decision with a comment. */
export function TaskDetail(p: { item: InboxItem; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const { message } = App.useApp();
  const { task, request } = p.item;
  const [comment, setComment] = useState('');
  const [returnTo, setReturnTo] = useState<string>();
  const [delegateTo, setDelegateTo] = useState('');
  const req = useQuery({ queryKey: ['request', request.id], queryFn: () => inbox.request(request.id) });
  const approval = useQuery({
    queryKey: ['approval', p.item.approval.id],
    queryFn: () => inbox.approval(p.item.approval.id),
  });
  const decide = useMutation({
    mutationFn: (action: 'approve' | 'reject' | 'return' | 'delegate') =>
      action === 'return'
        ? inbox.giveBack(task.id, returnTo!, comment.trim())
        : action === 'delegate'
          ? inbox.delegate(task.id, delegateTo.trim(), comment.trim())
          : inbox.decide(task.id, action, comment.trim()),
    onSuccess: () => {
      void message.success(t('inbox.decided'));
      setComment('');
      p.onDone();
    },
  });
  const open = task.status === 'open';
  const tasks = approval.data?.tasks ?? [];
  const decided = [...new Set(tasks.filter((x) => x.status === 'approved').map((x) => x.step))];
  const steps = [...new Map(tasks.map((x) => [x.step, x])).values()];
  const current = steps.findIndex((s) => approval.data?.openSteps.includes(s.step));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="task-detail">
      <Card
        size="small"
        title={`${request.number} · ${request.action}`}
        extra={task.overdue ? <Tag color="red">{t('inbox.overdue')}</Tag> : null}
      >
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('inbox.customer')}>{request.customer?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inbox.amount')}>
            {request.amount ? <Money amount={request.amount} currency={request.currency ?? 'CNY'} /> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('inbox.requestedBy')}>{request.requestedBy.name}</Descriptions.Item>
          <Descriptions.Item label={t('inbox.requestedAt')}>
            {formatDateTime(request.createdAt, lang)}
          </Descriptions.Item>
        </Descriptions>
        {req.data && (
          <Descriptions
            size="small"
            bordered
            column={1}
            title={t('inbox.form', { key: req.data.form.key })}
            data-testid="request-data"
          >
            {[
              ...req.data.fields.filter((f) => req.data.data[f.name] !== undefined),
              ...(Array.isArray(req.data.data.receivableIds)
                ? [{ name: 'receivableIds', title: t('inbox.receivables') }]
                : []),
            ].map(({ name: k, title }) => {
              const v = req.data.data[k];
              return (
                <Descriptions.Item key={k} label={title ?? k}>
                  {k === 'receivableIds' && Array.isArray(v) ? (
                    <Space wrap>
                      {v.map((id) => (
                        <Link key={String(id)} to="/receivables/$id" params={{ id: String(id) }}>
                          {t('inbox.history')} {String(id).slice(-8)}
                        </Link>
                      ))}
                    </Space>
                  ) : (
                    show(v)
                  )}
                </Descriptions.Item>
              );
            })}
          </Descriptions>
        )}
      </Card>
      {steps.length > 0 && (
        <Card
          size="small"
          title={t('inbox.flow', { key: p.item.approval.flow.key, version: p.item.approval.flow.version })}
        >
          {approval.data?.diagram && (
            <Suspense fallback={null}>
              <FlowProgress doc={approval.data.diagram as FlowDoc} current={approval.data.openSteps} done={decided} />
            </Suspense>
          )}
          <Steps
            size="small"
            current={current < 0 ? steps.length : current}
            items={steps.map((s) => ({ title: localText(s.stepTitle, lang) ?? s.step, description: s.assignee.name }))}
          />
        </Card>
      )}
      {approval.data?.history && (
        <Card size="small" title={t('inbox.history')}>
          <Timeline
            items={approval.data.history.map((h) => ({
              key: h.seq,
              content: (
                <span>
                  {formatDateTime(h.at, lang)} · {h.type}
                  {h.step ? ` · ${h.step}` : ''}
                  {h.by ? ` · ${h.by.name}` : ''}
                </span>
              ),
            }))}
          />
        </Card>
      )}
      {open && (
        <Card size="small" title={t('inbox.decide')}>
          <Input.TextArea
            aria-label={t('inbox.comment')}
            placeholder={t('inbox.comment')}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <ErrorAlert error={decide.error} />
          <Space style={{ marginTop: 8 }} wrap>
            {task.actions.includes('approve') && (
              <Button
                type="primary"
                loading={decide.isPending}
                onClick={() => decide.mutate('approve')}
                data-testid="approve"
              >
                {t('inbox.approve')}
              </Button>
            )}
            {task.actions.includes('reject') && (
              <Button danger disabled={!comment.trim()} onClick={() => decide.mutate('reject')} data-testid="reject">
                {t('inbox.reject')}
              </Button>
            )}
            {task.actions.includes('return') && task.returnTo.length > 0 && (
              <>
                <Select
                  aria-label={t('inbox.returnTo')}
                  placeholder={t('inbox.returnTo')}
                  style={{ width: 180 }}
                  value={returnTo}
                  onChange={setReturnTo}
                  options={task.returnTo.map((s) => ({
                    value: s,
                    label: s === '$initiator' ? t('inbox.requester') : s,
                  }))}
                />
                <Button disabled={!returnTo || !comment.trim()} onClick={() => decide.mutate('return')}>
                  {t('inbox.return')}
                </Button>
              </>
            )}
            {task.actions.includes('delegate') && (
              <Space.Compact>
                <Input
                  aria-label={t('inbox.delegateTo')}
                  placeholder={t('inbox.delegateTo')}
                  style={{ width: 220 }}
                  value={delegateTo}
                  onChange={(e) => setDelegateTo(e.target.value)}
                  data-testid="delegate-to"
                />
                <Button disabled={!delegateTo.trim()} onClick={() => decide.mutate('delegate')} data-testid="delegate">
                  {t('inbox.delegate')}
                </Button>
              </Space.Compact>
            )}
          </Space>
          {task.requires.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('inbox.requires', { what: task.requires.join(', ') })}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </Space>
  );
}
