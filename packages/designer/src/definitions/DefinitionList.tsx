import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { definitions } from '../api/endpoints.ts';
import { EmptyState, ErrorAlert } from '../components/common.tsx';
import { formatDateTime } from '../app/format.ts';
import { useLocale } from '../app/locale.ts';
import { kindEditor } from '../kinds/registry.ts';
import { useSession } from '../app/session.ts';

/** The definitions of one kind, newest version each, and "New" (key + title) that opens the editor. */
export function DefinitionList(p: { kind: string }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const navigate = useNavigate();
  const { perms } = useSession();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['definitions', p.kind], queryFn: () => definitions.list(p.kind) });
  const kindName = t(`kinds.one.${p.kind}`, { defaultValue: p.kind });
  const spec = kindEditor(p.kind);
  const open = (key: string) => void navigate({ to: '/designer/$kind/$key', params: { kind: p.kind, key } });
  const newButton = perms.has('definition.write') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-definition">
      {t('defs.new')}
    </Button>
  );
  return (
    <div>
      <Space className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t(`kinds.${p.kind}`, { defaultValue: p.kind })}
        </Typography.Title>
        {newButton}
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? (
        <EmptyState text={t('defs.empty', { kind: kindName })} action={newButton} />
      ) : (
        <Table
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(r) => ({
            onClick: () => open(r.key),
            onKeyDown: (e) => e.key === 'Enter' && open(r.key),
            tabIndex: 0,
          })}
          rowClassName="clickable"
          columns={[
            {
              title: t('defs.key'),
              dataIndex: 'key',
              render: (k: string) => (
                <a href={`/designer/${p.kind}/${k}`} onClick={(e) => (e.preventDefault(), open(k))}>
                  {k}
                </a>
              ),
            },
            { title: t('defs.title'), dataIndex: 'title', render: (v: string | null) => v ?? t('defs.untitled') },
            { title: '', render: (_, r) => spec.summary?.(r.document as never) ?? '' },
            {
              title: t('defs.version', { n: '' }).trim() || 'v',
              render: (_, r) => (
                <Tag
                  color={r.status === 'published' ? 'green' : 'gold'}
                >{`v${r.version} · ${t(`defs.status.${r.status}`)}`}</Tag>
              ),
            },
            { title: '', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
          ]}
        />
      )}
      <NewDefinition
        open={creating}
        onClose={() => setCreating(false)}
        kindName={kindName}
        onCreate={async (key, title) => {
          // the draft exists before the editor opens: the editor never asks for a definition that is not there
          await definitions.saveDraft(p.kind, key, spec.newDocument(), title || undefined);
          await list.refetch();
          open(key);
        }}
      />
    </div>
  );
}

function NewDefinition(p: {
  open: boolean;
  onClose: () => void;
  kindName: string;
  onCreate: (key: string, title: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ key: string; title: string }>();
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { key: string; title: string }) => {
    setError(null);
    try {
      await p.onCreate(v.key, v.title);
      p.onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open={p.open}
      title={t('defs.newTitle', { kind: p.kindName })}
      okText={t('defs.create')}
      cancelText={t('common.cancel')}
      onCancel={p.onClose}
      onOk={() => void form.validateFields().then(submit)}
      destroyOnHidden
    >
      {error ? <ErrorAlert error={error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="key"
          label={t('defs.key')}
          extra={t('defs.keyHelp')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{0,62}$/, message: t('defs.keyHelp') }]}
        >
          <Input autoFocus data-testid="new-key" onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="title" label={t('defs.title')}>
          <Input data-testid="new-title" onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
