import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Input, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roles as rolesApi, users } from '../api/endpoints.ts';
import { errorsUnder, isApiError, type FieldError } from '../api/problem.ts';
import type { Role } from '../api/types.ts';
import { ErrorAlert, PlainList, ProblemList } from '../components/common.tsx';
import { pretty } from '../definitions/diff.ts';
import { CodeEditor } from '../monaco/CodeEditor.tsx';

/** Roles: permissions grouped by area, the data-scope rule, and how many customers a chosen user would see. */
export default function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['roles'], queryFn: rolesApi.list });
  const catalogue = useQuery({ queryKey: ['permissions'], queryFn: rolesApi.permissions, staleTime: Infinity });
  const userList = useQuery({ queryKey: ['users'], queryFn: users.list });
  const [selected, setSelected] = useState<string>();
  const role = list.data?.items.find((r) => r.key === selected) ?? list.data?.items[0];
  const [draft, setDraft] = useState<Role | null>(null);
  const [scopeText, setScopeText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [userId, setUserId] = useState<string>();
  useEffect(() => {
    if (role) {
      setDraft(role);
      setScopeText(role.dataScope ? pretty(role.dataScope) : '');
      setErrors([]);
    }
  }, [role]);
  const scope = useMemo(() => {
    try {
      return scopeText.trim() ? JSON.parse(scopeText) : null;
    } catch {
      return undefined;
    }
  }, [scopeText]);
  const preview = useQuery({
    queryKey: ['scope-preview', userId, draft?.key, scopeText],
    queryFn: () => rolesApi.preview(userId!, draft!.key, scope),
    enabled: !!userId && !!draft && scope !== undefined,
    retry: false,
  });
  const groups = useMemo(() => {
    const g = new Map<string, string[]>();
    for (const p of catalogue.data?.permissions ?? []) g.set(p.split('.')[0]!, [...(g.get(p.split('.')[0]!) ?? []), p]);
    return [...g.entries()];
  }, [catalogue.data]);
  if (!draft) return <ErrorAlert error={list.error} />;
  const save = async () => {
    setError(null);
    setErrors([]);
    try {
      await rolesApi.save(draft.key, { name: draft.name, permissions: draft.permissions, dataScope: scope ?? null });
      message.success(t('roles.saved'));
      void qc.invalidateQueries({ queryKey: ['roles'] });
    } catch (e) {
      if (isApiError(e)) setErrors(e.fieldErrors);
      setError(e);
    }
  };
  const scopeErrors = [
    ...errorsUnder(errors, '/dataScope'),
    ...(preview.error && isApiError(preview.error) ? errorsUnder(preview.error.fieldErrors, '/dataScope') : []),
  ];
  return (
    <div data-ready="true">
      <Typography.Title level={3}>{t('roles.title')}</Typography.Title>
      <Row gutter={16}>
        <Col span={5}>
          <PlainList
            className="selectable"
            items={list.data?.items ?? []}
            itemKey={(r) => r.key}
            render={(r) => (
              <button
                type="button"
                className="linklike"
                aria-current={r.key === draft.key}
                style={{ fontWeight: r.key === draft.key ? 600 : undefined }}
                onClick={() => setSelected(r.key)}
              >
                {r.name}
              </button>
            )}
            actions={(r) => (r.builtIn ? <Tag>{t('roles.builtIn')}</Tag> : null)}
          />
        </Col>
        <Col span={11}>
          <Card
            title={
              <Input
                aria-label={t('roles.name')}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            }
          >
            <Typography.Title level={5}>{t('roles.permissions')}</Typography.Title>
            {groups.map(([area, perms]) => (
              <div key={area} style={{ marginBottom: 6 }}>
                <Typography.Text strong style={{ display: 'inline-block', width: 110 }}>
                  {area}
                </Typography.Text>
                <Checkbox.Group
                  value={draft.permissions}
                  onChange={(v) =>
                    setDraft({
                      ...draft,
                      permissions: [...draft.permissions.filter((p) => !perms.includes(p)), ...(v as string[])],
                    })
                  }
                  options={perms.map((p) => ({ value: p, label: p.slice(area.length + 1) }))}
                />
              </div>
            ))}
            <Typography.Title level={5}>{t('roles.dataScope')}</Typography.Title>
            <Radio.Group
              data-testid="scope-mode"
              value={scopeText.trim() ? 'rule' : 'all'}
              onChange={(e) =>
                setScopeText(
                  e.target.value === 'all'
                    ? ''
                    : pretty({ '==': [{ var: 'customer.region' }, { var: '$user.region' }] }),
                )
              }
              options={[
                { value: 'all', label: t('roles.allRows') },
                { value: 'rule', label: t('roles.scoped') },
              ]}
            />
            {scopeText.trim() !== '' && (
              <CodeEditor
                path={`hexiao://scopes/${draft.key}.json`}
                value={scopeText}
                onChange={setScopeText}
                height={180}
                ariaLabel={t('roles.dataScope')}
                markers={scopeErrors.map((e) => ({
                  pointer: e.pointer,
                  message: e.reason,
                  severity: 'error' as const,
                }))}
              />
            )}
            {scopeErrors.length > 0 && <ProblemList errors={scopeErrors} />}
            {error ? <ErrorAlert error={error} /> : null}
            <Button type="primary" onClick={() => void save()} style={{ marginTop: 12 }} disabled={scope === undefined}>
              {t('roles.save')}
            </Button>
          </Card>
        </Col>
        <Col span={8}>
          <Card title={t('roles.preview')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Select
                showSearch
                optionFilterProp="label"
                aria-label={t('roles.previewUser')}
                data-testid="preview-user"
                placeholder={t('roles.chooseUser')}
                value={userId}
                onChange={setUserId}
                options={(userList.data?.items ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.email} (${u.roles.join(', ')})`,
                }))}
                style={{ width: '100%' }}
              />
              {preview.data && (
                <Typography.Paragraph data-testid="scope-preview">
                  {t('roles.previewResult', {
                    user: preview.data.user.email,
                    n: preview.data.customers,
                    total: preview.data.total,
                  })}
                </Typography.Paragraph>
              )}
              <Typography.Title level={5}>{t('roles.scopeFields')}</Typography.Title>
              <ul>
                {Object.entries(catalogue.data?.scopeFields ?? {}).map(([f, ty]) => (
                  <li key={f}>
                    <Typography.Text code>{f}</Typography.Text> {ty}
                  </li>
                ))}
                <li>
                  <Typography.Text code>$user.email</Typography.Text>,{' '}
                  <Typography.Text code>$user.&lt;attribute&gt;</Typography.Text>
                </li>
              </ul>
            </Space>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
