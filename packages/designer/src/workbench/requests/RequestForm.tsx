import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, List, Result, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { RJSFSchema } from '@rjsf/utils';
import { requestsApi } from '../../api/workbench.ts';
import type { StartedForm } from '../../api/workbench-types.ts';
import { isApiError } from '../../api/problem.ts';
import { SchemaForm } from '../../rjsf/SchemaForm.tsx';
import { ErrorAlert } from '../../components/common.tsx';
import { useLocale } from '../../app/locale.ts';
import { localText } from '../../i18n/local-text.ts';
import { hideFields } from './hide-fields.ts';

type Attached = { id: string; name: string; label: string };

/** The published form, prefilled from the selection: conditions and required evidence follow the values as typed. */
export function RequestForm(p: { started: StartedForm; onCancel: () => void }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const { message } = App.useApp();
  const { form } = p.started;
  const [data, setData] = useState<Record<string, unknown>>(p.started.data);
  const [attached, setAttached] = useState<Attached[]>([]);
  const [debounced, setDebounced] = useState(data);
  const submitKey = useRef(crypto.randomUUID());
  useEffect(() => {
    const h = setTimeout(() => setDebounced(data), 400);
    return () => clearTimeout(h);
  }, [data]);
  const ids = attached.map((a) => a.id);
  const [submitted, setSubmitted] = useState(false);
  const check = useQuery({
    queryKey: ['request-check', form.ref, debounced, ids],
    queryFn: () => requestsApi.check(form.ref, debounced, ids),
    placeholderData: (prev) => prev,
    enabled: !submitted,
  });
  const states = check.data?.states ?? p.started.states;
  const requiredEvidence = check.data?.requiredAttachments ?? p.started.requiredAttachments;
  const uiSchema = useMemo(() => hideFields(form.uiSchema, states.hidden), [form.uiSchema, states.hidden]);
  const submit = useMutation({
    mutationFn: () => requestsApi.submit(form.ref, data, ids, submitKey.current),
    onMutate: () => setSubmitted(true),
    onError: () => setSubmitted(false),
    onSuccess: () => void message.success(t('req.filed')),
  });
  const upload = useMutation({
    mutationFn: (x: { file: File; label: string }) => requestsApi.upload(x.file, x.label),
    onSuccess: (a) => setAttached((l) => [...l, a]),
  });
  if (submit.data) {
    const tasks = submit.data.approval?.tasks ?? [];
    return (
      <Result
        status="success"
        data-testid="request-filed"
        title={t('req.filedTitle', { number: submit.data.number })}
        subTitle={
          tasks.length ? t('req.nextApprovers', { names: tasks.map((x) => x.assignee.name).join(', ') }) : undefined
        }
        extra={
          <Link to="/requests" search={{ tab: 'mine' }}>
            <Button type="primary">{t('req.mine')}</Button>
          </Link>
        }
      />
    );
  }
  const serverErrors = isApiError(submit.error) ? submit.error.fieldErrors : (check.data?.errors ?? []);
  return (
    <Card
      title={localText(form.title, lang) ?? form.key}
      extra={<Typography.Text type="secondary">{form.ref}</Typography.Text>}
      data-testid="request-form"
    >
      {form.description && <Typography.Paragraph>{form.description}</Typography.Paragraph>}
      {p.started.notes.map((n) => (
        <Alert key={n} type="info" showIcon title={n} style={{ marginBottom: 8 }} />
      ))}
      <SchemaForm
        schema={form.schema as RJSFSchema}
        uiSchema={uiSchema}
        formData={data}
        onChange={setData}
        serverErrors={submit.error ? serverErrors : []}
        idPrefix="req"
      />
      {form.attachments.length > 0 && (
        <List
          size="small"
          header={t('req.evidence')}
          dataSource={form.attachments}
          renderItem={(a) => {
            const files = attached.filter((x) => x.label === a.label);
            const needed = requiredEvidence.includes(a.label);
            return (
              <List.Item
                data-testid={`evidence-${a.label}`}
                actions={[
                  <Upload
                    key="up"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      upload.mutate({ file, label: a.label });
                      return false;
                    }}
                  >
                    <Button icon={<UploadOutlined />} size="small">
                      {t('req.attach')}
                    </Button>
                  </Upload>,
                ]}
              >
                <Space>
                  {localText(a.title, lang) ?? a.label}
                  {needed && files.length === 0 && <Tag color="red">{t('req.required')}</Tag>}
                  {files.map((f) => (
                    <Tag key={f.id} color="green">
                      {f.name}
                    </Tag>
                  ))}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      <ErrorAlert error={submit.error ?? upload.error} />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()} data-testid="submit-request">
          {t('req.submit')}
        </Button>
        <Button onClick={p.onCancel}>{t('common.cancel')}</Button>
        {check.data && !check.data.valid && (
          <Typography.Text type="warning">{t('req.notYet', { n: check.data.errors.length })}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
