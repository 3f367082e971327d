import { Suspense, useState } from 'react';
import { Alert, App, Button, Input, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { HistoryOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { definitions } from '../api/endpoints.ts';
import { kindEditor } from '../kinds/registry.ts';
import { useDraft, type SaveState } from './useDraft.ts';
import { HistoryDrawer } from './HistoryDrawer.tsx';
import { ErrorAlert } from '../components/common.tsx';
import { useSession } from '../app/session.ts';

const stateColor: Record<SaveState, string> = {
  loading: 'default',
  clean: 'default',
  dirty: 'orange',
  saving: 'blue',
  saved: 'green',
  invalid: 'red',
  offline: 'red',
};

/** One definition: header (title, version, save state, publish, history) over the kind's three-pane editor. */
export function DefinitionPage(p: { kind: string; defKey: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { me, perms } = useSession();
  const kinds = useQuery({ queryKey: ['kinds'], queryFn: definitions.kinds, staleTime: Infinity });
  const info = kinds.data?.items.find((k) => k.kind === p.kind);
  const spec = kindEditor(p.kind);
  const d = useDraft({ tenant: me?.tenant.slug ?? '', kind: p.kind, key: p.defKey, newDocument: spec.newDocument });
  const [history, setHistory] = useState(false);
  const [revision, setRevision] = useState(0);
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<unknown>(null);
  const canWrite = perms.has('definition.write');

  if (d.loadError) return <ErrorAlert error={d.loadError} />;
  if (!info || d.doc === undefined) return <Skeleton active />;

  const publish = async () => {
    setPublishing(true);
    setPublishError(null);
    try {
      await d.flush();
      const v = await definitions.publish(p.kind, p.defKey);
      message.success(t('defs.published', { n: v.version }));
      await d.reload();
      void qc.invalidateQueries({ queryKey: ['history', p.kind, p.defKey] });
      void qc.invalidateQueries({ queryKey: ['definitions'] });
    } catch (e) {
      setPublishError(e);
    } finally {
      setPublishing(false);
    }
  };

  const stateText: Record<SaveState, string> = {
    loading: t('common.loading'),
    clean: d.draft ? t('defs.saved') : t('defs.status.published'),
    dirty: t('defs.unsaved'),
    saving: t('defs.saving'),
    saved: t('defs.saved'),
    invalid: t('defs.problems') + ` (${d.errors.length})`,
    offline: t('defs.offline'),
  };
  const Editor = spec.Editor;
  const blocked = !d.canPublish || !perms.has('definition.publish');
  return (
    <div className="definition-page" data-ready={d.state !== 'loading'}>
      <header className="definition-header">
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t(`kinds.one.${p.kind}`, { defaultValue: info.title })}: {p.defKey}
          </Typography.Title>
          <Input
            aria-label={t('defs.title')}
            placeholder={t('defs.title')}
            defaultValue={d.title}
            style={{ width: 220 }}
            onChange={(e) => d.setTitle(e.target.value)}
            disabled={!canWrite}
          />
          {d.draft && (
            <Tag color="gold">{`${t('defs.status.draft')} · ${t('defs.version', { n: d.draft.version })}`}</Tag>
          )}
          {d.current ? (
            <Tag color="green" data-testid="current-version">
              {`${t('defs.status.published')} · ${t('defs.version', { n: d.current.version })}`}
            </Tag>
          ) : (
            <Tag>{t('defs.neverPublished')}</Tag>
          )}
          <Tag color={stateColor[d.state]} data-testid="save-state" data-state={d.state} role="status">
            {stateText[d.state]}
          </Tag>
        </Space>
        <Space>
          <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
            {t('defs.history')}
          </Button>
          <Tooltip title={blocked ? t('defs.publishDisabled') : undefined}>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={blocked}
              loading={publishing}
              onClick={() => void publish()}
              data-testid="publish"
            >
              {t('defs.publish')}
            </Button>
          </Tooltip>
        </Space>
      </header>
      {d.restored && <Alert type="info" showIcon closable title={t('defs.restored')} />}
      {d.state === 'invalid' && (
        <Alert type="warning" showIcon title={t('defs.saveFailed')} data-testid="save-refused" />
      )}
      {d.state === 'offline' && <Alert type="error" showIcon title={t('defs.offline')} />}
      {publishError ? <ErrorAlert error={publishError} /> : null}
      <Suspense fallback={<Skeleton active />}>
        <Editor
          key={revision}
          kind={info}
          defKey={p.defKey}
          doc={d.doc}
          setDoc={d.setDoc}
          errors={d.errors}
          readOnly={!canWrite}
        />
      </Suspense>
      <HistoryDrawer
        open={history}
        onClose={() => setHistory(false)}
        kind={p.kind}
        defKey={p.defKey}
        canRollback={perms.has('definition.publish')}
        onRolledBack={() => void d.reloadDocument().then(() => setRevision((r) => r + 1))}
      />
    </div>
  );
}
