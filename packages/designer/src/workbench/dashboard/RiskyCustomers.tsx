import { Table, Tag } from 'antd';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { RiskyCustomer } from '../../api/workbench-types.ts';
import { Money } from '../../components/common.tsx';

const gradeColour: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/** The customers whose score is worst, with what they owe and how far past due: each opens its receivables. */
export function RiskyCustomers(p: { items: RiskyCustomer[]; currency: string; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(r) => r.customer.id}
      loading={p.loading}
      dataSource={p.items}
      pagination={false}
      data-testid="risky-customers"
      columns={[
        {
          title: t('dash.customer'),
          render: (_, r) => (
            <Link to="/customers/$id" params={{ id: r.customer.id }}>
              {r.customer.code} {r.customer.name}
            </Link>
          ),
        },
        { title: t('dash.grade'), render: (_, r) => <Tag color={gradeColour[r.grade] ?? 'default'}>{r.grade}</Tag> },
        { title: t('dash.score'), dataIndex: 'score', align: 'right' },
        {
          title: t('dash.overdue'),
          align: 'right',
          render: (_, r) => <Money amount={r.overdue} currency={p.currency} />,
        },
        { title: t('dash.maxDays'), dataIndex: 'maxDaysPastDue', align: 'right' },
        {
          title: t('dash.available'),
          align: 'right',
          render: (_, r) => <Money amount={r.available} currency={p.currency} />,
        },
      ]}
    />
  );
}
