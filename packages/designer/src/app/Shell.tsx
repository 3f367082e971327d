import { useState, type ReactNode } from 'react';
import { Button, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { auth, definitions } from '../api/endpoints.ts';
import { setLang, type Lang } from '../i18n/index.ts';
import { navItems, canDesign } from './nav.ts';
import { useSession } from './session.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { NotificationBell } from '../workbench/notifications/NotificationBell.tsx';

/** The frame every screen sits in: role-aware navigation, language switch, user and logout. */
export function Shell(p: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { me, perms } = useSession();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const kinds = useQuery({
    queryKey: ['kinds'],
    queryFn: definitions.kinds,
    staleTime: Infinity,
    enabled: canDesign(perms),
  });
  const items = navItems(
    perms,
    (kinds.data?.items ?? []).map((k) => k.kind),
    { dataScoped: me?.dataScoped === true },
  );
  const groups = [
    { key: 'home', label: null },
    { key: 'designer', label: t('nav.designer') },
    { key: 'work', label: t('nav.workbench') },
    { key: 'admin', label: t('nav.admin') },
  ];
  const menu = groups
    .map((g) => ({
      g,
      children: items
        .filter((i) => i.group === g.key)
        .map((i) => ({
          key: i.to,
          label: <Link to={i.to}>{t(i.label, { defaultValue: i.key.replace('kind:', '') })}</Link>,
        })),
    }))
    .filter((x) => x.children.length)
    .map(({ g, children }) =>
      g.label ? { type: 'group' as const, key: g.key, label: g.label, children } : children[0]!,
    );
  const selected = items
    .map((i) => i.to)
    .filter((to) => (to === '/' ? path === '/' : path.startsWith(to)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const [leaving, setLeaving] = useState(false);
  const logout = async () => {
    // a read reaching the server after the session ends comes back 401 (and the browser logs it): take the
    // screens down first (their timers and polls stop with them), let reads on their way land, end the session,
    // and only then show the login form (the login form means logged out)
    setLeaving(true);
    await qc.cancelQueries();
    for (let waited = 0; (qc.isFetching() > 0 || qc.isMutating() > 0) && waited < 1000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    await auth.logout().catch(() => undefined);
    qc.setQueryData(['me'], null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <Layout.Sider width={232} theme="light" breakpoint="lg" collapsedWidth={0}>
        <div className="brand">
          <Typography.Text strong>核销 hexiao</Typography.Text>
          <div className="brand-sub">{me?.tenant.name}</div>
        </div>
        <nav aria-label="main">
          <Menu mode="inline" selectedKeys={selected} items={menu} data-testid="nav" />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="topbar">
          <Space>
            <Segmented
              aria-label={t('nav.language')}
              data-testid="lang"
              value={i18n.language}
              onChange={(v) => setLang(v as Lang)}
              options={[
                { label: 'English', value: 'en' },
                { label: '中文', value: 'zh' },
              ]}
            />
            {leaving ? null : <NotificationBell />}
            <Typography.Text data-testid="whoami">{me?.actor.name}</Typography.Text>
            <Button onClick={() => void logout()}>{t('nav.logout')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="content">
          {leaving ? <Spin /> : <ErrorBoundary resetKey={path}>{p.children}</ErrorBoundary>}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
