import { useEffect, useState } from 'react';
import { App, Button, Drawer, Empty, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { definitions } from '../api/endpoints.ts';
import { DiffView } from '../monaco/CodeEditor.tsx';
import { ErrorAlert, PlainList } from '../components/common.tsx';
import { formatDateTime } from '../app/format.ts';
import { useLocale } from '../app/locale.ts';
import { pretty, preview } from './diff.ts';

/** Every version of a definition; a diff between any two (changes by pointer, and side by side); roll back. */
export function HistoryDrawer(p: {
  open: boolean;
  onClose: () => void;
  kind: string;
  defKey: string;
  canRollback: boolean;
  onRolledBack: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLocale();
  const { message } = App.useApp();
  const history = useQuery({
    queryKey: ['history', p.kind, p.defKey],
    queryFn: () => definitions.history(p.kind, p.defKey),
    enabled: p.open,
  });
  const versions = history.data?.items ?? [];
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (versions.length >= 2 && from === undefined) {
      const sorted = [...versions].sort((a, b) => b.version - a.version);
      setTo(sorted[0]!.version);
      setFrom(sorted[1]!.version);
    }
  }, [versions, from]);
  const diff = useQuery({
    queryKey: ['diff', p.kind, p.defKey, from, to],
    queryFn: () => definitions.diff(p.kind, p.defKey, from!, to!),
    enabled: p.open && from !== undefined && to !== undefined,
  });
  const docOf = (v?: number) => versions.find((x) => x.version === v)?.document;
  const current = versions.filter((v) => v.status === 'published').sort((a, b) => b.version - a.version)[0];
  const options = versions.map((v) => ({ value: v.version, label: `v${v.version} · ${t(`defs.status.${v.status}`)}` }));

  const rollback = async (version: number) => {
    setError(null);
    try {
      const v = await definitions.rollback(p.kind, p.defKey, version);
      message.success(t('defs.rollbackDone', { from: version, to: v.version }));
      await history.refetch();
      p.onRolledBack();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Drawer open={p.open} onClose={p.onClose} size={760} title={`${t('defs.history')} · ${p.defKey}`} destroyOnHidden>
      {error ? <ErrorAlert error={error} /> : null}
      <PlainList
        testId="versions"
        items={[...versions].sort((a, b) => b.version - a.version)}
        itemKey={(v) => String(v.version)}
        empty={<Empty description={t('defs.neverPublished')} />}
        actions={(v) =>
          p.canRollback && v.status !== 'draft' && v.version !== current?.version ? (
            <Button
              key="rb"
              size="small"
              onClick={() => void rollback(v.version)}
              data-testid={`rollback-${v.version}`}
            >
              {t('defs.rollback', { n: v.version })}
            </Button>
          ) : null
        }
        render={(v) => (
          <Space>
            <Typography.Text strong>v{v.version}</Typography.Text>
            <Tag color={v.status === 'published' ? 'green' : v.status === 'draft' ? 'gold' : 'default'}>
              {t(`defs.status.${v.status}`)}
            </Tag>
            {v.version === current?.version && <Tag color="blue">current</Tag>}
            <Typography.Text type="secondary">
              {formatDateTime(v.publishedAt ?? v.createdAt, lang)} ·{' '}
              {t('defs.by', { who: v.publishedBy ?? v.createdBy ?? '—' })}
            </Typography.Text>
            {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
          </Space>
        )}
      />
      {versions.length >= 2 && (
        <section aria-label={t('defs.compare')}>
          <Typography.Title level={5}>{t('defs.compare')}</Typography.Title>
          <Space>
            <span>{t('defs.from')}</span>
            <Select
              aria-label={t('defs.from')}
              value={from}
              onChange={setFrom}
              options={options}
              style={{ width: 160 }}
            />
            <span>{t('defs.to')}</span>
            <Select aria-label={t('defs.to')} value={to} onChange={setTo} options={options} style={{ width: 160 }} />
          </Space>
          {diff.data && diff.data.changes.length === 0 && <Empty description={t('defs.noChanges')} />}
          <PlainList
            testId="diff-changes"
            items={diff.data?.changes ?? []}
            itemKey={(c) => `${c.op}:${c.pointer}`}
            render={(c) => (
              <span>
                <Tag color={c.op === 'add' ? 'green' : c.op === 'remove' ? 'red' : 'blue'}>
                  {t(`defs.change.${c.op}`)}
                </Tag>
                <Typography.Text code>{c.pointer}</Typography.Text> {preview(c.from)} {c.op === 'replace' ? '→ ' : ''}
                {preview(c.to)}
              </span>
            )}
          />
          {from !== undefined && to !== undefined && (
            <DiffView
              id={`${p.kind}/${p.defKey}`}
              original={pretty(docOf(from))}
              modified={pretty(docOf(to))}
              height={320}
            />
          )}
        </section>
      )}
    </Drawer>
  );
}
