import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { collectionsApi } from '../../api/workbench.ts';
import { ErrorAlert } from '../../components/common.tsx';

export const disputeCategories = ['price', 'quantity', 'quality', 'delivery', 'duplicate', 'terms', 'other'];

const amountPattern = /^[0-9]{1,16}(\.[0-9]{1,4})?$/;

/** On an open receivable: record the customer's promise to pay it by a date, or open a dispute on it. */
export function RecordCollection(p: { documentId: string; currency: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<'promise' | 'dispute' | null>(null);
  const [promiseForm] = Form.useForm<{ promisedDate: dayjs.Dayjs; amount?: string; note?: string }>();
  const [disputeForm] = Form.useForm<{ category: string; reason: string; amount?: string }>();
  const done = (text: string) => {
    setOpen(null);
    void message.success(text);
    p.onDone();
  };
  const promise = useMutation({
    mutationFn: (v: { promisedDate: dayjs.Dayjs; amount?: string; note?: string }) =>
      collectionsApi.promise(p.documentId, {
        promisedDate: v.promisedDate.format('YYYY-MM-DD'),
        ...(v.amount ? { amount: v.amount } : {}),
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: () => done(t('coll.promised')),
  });
  const dispute = useMutation({
    mutationFn: (v: { category: string; reason: string; amount?: string }) =>
      collectionsApi.dispute(p.documentId, {
        category: v.category,
        reason: v.reason,
        ...(v.amount ? { amount: v.amount } : {}),
      }),
    onSuccess: () => done(t('coll.disputed')),
  });
  const amountRule = { pattern: amountPattern, message: t('coll.amountFormat') };
  return (
    <Space>
      <Button onClick={() => setOpen('promise')} data-testid="record-promise">
        {t('coll.recordPromise')}
      </Button>
      <Button onClick={() => setOpen('dispute')} data-testid="open-dispute">
        {t('coll.openDispute')}
      </Button>
      <Modal
        open={open === 'promise'}
        title={t('coll.recordPromise')}
        okText={t('coll.save')}
        okButtonProps={{ loading: promise.isPending }}
        onOk={() => void promiseForm.validateFields().then((v) => promise.mutate(v))}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form form={promiseForm} layout="vertical" preserve={false}>
          <Form.Item name="promisedDate" label={t('coll.promisedDate')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="promised-date" />
          </Form.Item>
          <Form.Item name="amount" label={t('coll.amountOptional', { currency: p.currency })} rules={[amountRule]}>
            <Input inputMode="decimal" placeholder={t('coll.allOpen')} />
          </Form.Item>
          <Form.Item name="note" label={t('coll.note')}>
            <Input.TextArea maxLength={1000} />
          </Form.Item>
        </Form>
        <ErrorAlert error={promise.error} />
      </Modal>
      <Modal
        open={open === 'dispute'}
        title={t('coll.openDispute')}
        okText={t('coll.save')}
        okButtonProps={{ loading: dispute.isPending }}
        onOk={() => void disputeForm.validateFields().then((v) => dispute.mutate(v))}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form form={disputeForm} layout="vertical" preserve={false} initialValues={{ category: 'quality' }}>
          <Form.Item name="category" label={t('coll.categoryLabel')} rules={[{ required: true }]}>
            <Select options={disputeCategories.map((c) => ({ value: c, label: t(`coll.category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('coll.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea maxLength={2000} data-testid="dispute-reason" />
          </Form.Item>
          <Form.Item name="amount" label={t('coll.amountOptional', { currency: p.currency })} rules={[amountRule]}>
            <Input inputMode="decimal" placeholder={t('coll.wholeItem')} />
          </Form.Item>
        </Form>
        <ErrorAlert error={dispute.error} />
      </Modal>
    </Space>
  );
}
