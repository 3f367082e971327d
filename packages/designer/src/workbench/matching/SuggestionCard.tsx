import { useState } from 'react';
import { App, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { matching } from '../../api/workbench.ts';
import type { QueueEntry } from '../../api/workbench-types.ts';
import { ErrorAlert, Money } from '../../components/common.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';

/** A suggestion with its evidence (each point and where it came from), and Accept / Reject with a reason. */
export function SuggestionCard(p: { entry: QueueEntry; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const d = p.entry.decision!;
  const [rejecting, setRejecting] = useState(false);
  const accept = useMutation({
    mutationFn: () => matching.accept(d.id),
    onSuccess: () => {
      void message.success(t('match.accepted'));
      p.onDone();
    },
  });
  const reject = useMutation({
    mutationFn: (reason: string) => matching.reject(d.id, reason),
    onSuccess: () => {
      setRejecting(false);
      void message.success(t('match.rejected'));
      p.onDone();
    },
  });
  return (
    <Card
      size="small"
      data-testid="suggestion"
      title={
        <Space>
          {t('match.suggestion')}
          <Tag color="blue">{d.rule ?? d.outcome}</Tag>
          <Tag>{t('match.score', { score: d.score })}</Tag>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {d.ruleSet.key} v{d.ruleSet.version}
        </Typography.Text>
      }
    >
      <List
        size="small"
        header={t('match.evidence')}
        dataSource={d.detail.evidence}
        renderItem={(e) => (
          <List.Item>
            <Space>
              <Tag color="green">+{e.points}</Tag>
              <Typography.Text type="secondary">{e.family}</Typography.Text>
              {e.detail}
            </Space>
          </List.Item>
        )}
      />
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        {d.detail.allocations.map((a) => (
          <Descriptions.Item key={a.documentId} label={a.number ?? a.documentId.slice(0, 8)}>
            <Money amount={a.amount} currency={a.currency} />
          </Descriptions.Item>
        ))}
        {d.detail.adjustments.map((a, i) => (
          <Descriptions.Item key={`adj${i}`} label={t('match.adjustment', { kind: a.kind })}>
            <Money amount={a.amount} currency={p.entry.receipt.currency} />
          </Descriptions.Item>
        ))}
      </Descriptions>
      {d.detail.reasons.length > 0 && (
        <Typography.Paragraph type="warning">{d.detail.reasons.join('; ')}</Typography.Paragraph>
      )}
      <ErrorAlert error={accept.error ?? reject.error} />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate()} data-testid="accept">
          {t('match.accept')}
        </Button>
        <Button danger onClick={() => setRejecting(true)} data-testid="reject">
          {t('match.reject')}
        </Button>
      </Space>
      <ReasonModal
        open={rejecting}
        title={t('match.rejectTitle')}
        okText={t('match.reject')}
        busy={reject.isPending}
        onOk={(reason) => reject.mutate(reason)}
        onCancel={() => setRejecting(false)}
      />
    </Card>
  );
}
