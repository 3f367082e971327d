import { useState } from 'react';
import { App, Button, Card, Input, Select, Space } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { records } from '../../api/endpoints.ts';
import { matching } from '../../api/workbench.ts';
import { ErrorAlert } from '../../components/common.tsx';

/** Gives an unidentified receipt its customer, with a reason (an audited assignment; the receipt stays as posted). */
export function AssignCustomer(p: { receiptId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [customerId, setCustomerId] = useState<string>();
  const [reason, setReason] = useState('');
  const found = useQuery({ queryKey: ['customers', q], queryFn: () => records.customers(q || undefined) });
  const assign = useMutation({
    mutationFn: () => matching.assign(p.receiptId, customerId!, reason.trim()),
    onSuccess: () => {
      void message.success(t('match.assigned'));
      p.onDone();
    },
  });
  return (
    <Card size="small" title={t('match.assignTitle')} data-testid="assign-customer">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          showSearch
          aria-label={t('match.customer')}
          placeholder={t('match.searchCustomer')}
          filterOption={false}
          onSearch={setQ}
          value={customerId}
          onChange={setCustomerId}
          loading={found.isFetching}
          style={{ width: '100%' }}
          options={(found.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
        />
        <Input
          aria-label={t('match.reason')}
          placeholder={t('match.assignReason')}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <ErrorAlert error={assign.error} />
        <Button
          type="primary"
          disabled={!customerId || !reason.trim()}
          loading={assign.isPending}
          onClick={() => assign.mutate()}
        >
          {t('match.assign')}
        </Button>
      </Space>
    </Card>
  );
}
