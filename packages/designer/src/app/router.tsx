import { lazy, Suspense, type ReactNode } from 'react';
import { Result, Skeleton } from 'antd';
import { createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Shell } from './Shell.tsx';
import { Home } from './Home.tsx';
import { useSession } from './session.ts';
import { canDesign } from './nav.ts';
import { DefinitionList } from '../definitions/DefinitionList.tsx';
import { DefinitionPage } from '../definitions/DefinitionPage.tsx';
import { parseReceivablesSearch } from '../workbench/receivables/search.ts';

const ImportsPage = lazy(() => import('../imports/ImportsPage.tsx'));
const NewImport = lazy(() => import('../imports/NewImport.tsx'));
const ImportDetail = lazy(() => import('../imports/ImportDetail.tsx'));
const RolesPage = lazy(() => import('../roles/RolesPage.tsx'));
const OpenItemsPage = lazy(() => import('../workbench/receivables/OpenItemsPage.tsx'));
const MatchingQueuePage = lazy(() => import('../workbench/matching/MatchingQueuePage.tsx'));
const InboxPage = lazy(() => import('../workbench/inbox/InboxPage.tsx'));
const RequestsPage = lazy(() => import('../workbench/requests/RequestsPage.tsx'));
const ReceivablePage = lazy(() => import('../workbench/receivables/ReceivablePage.tsx'));
const CustomerPage = lazy(() => import('../workbench/customers/CustomerPage.tsx'));
const JobsPage = lazy(() => import('../workbench/jobs/JobsPage.tsx'));

function Guard(p: { allow: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (!p.allow) return <Result status="403" title={t('common.forbidden')} />;
  return <Suspense fallback={<Skeleton active />}>{p.children}</Suspense>;
}

function DesignerGuard(p: { children: ReactNode }) {
  const { perms } = useSession();
  return <Guard allow={canDesign(perms)}>{p.children}</Guard>;
}

function ImportsGuard(p: { children: ReactNode }) {
  const { perms } = useSession();
  return <Guard allow={perms.has('import.read') || perms.has('import.run')}>{p.children}</Guard>;
}

const root = createRootRoute({
  component: () => (
    <Shell>
      <Outlet />
    </Shell>
  ),
  notFoundComponent: () => {
    const { t } = useTranslation();
    return <Result status="404" title={t('common.notFound')} />;
  },
});

const home = createRoute({ getParentRoute: () => root, path: '/', component: Home });
const kindList = createRoute({
  getParentRoute: () => root,
  path: '/designer/$kind',
  component: function KindList() {
    const { kind } = kindList.useParams();
    return (
      <DesignerGuard>
        <DefinitionList kind={kind} key={kind} />
      </DesignerGuard>
    );
  },
});
const definition = createRoute({
  getParentRoute: () => root,
  path: '/designer/$kind/$key',
  component: function Definition() {
    const { kind, key } = definition.useParams();
    return (
      <DesignerGuard>
        <DefinitionPage kind={kind} defKey={key} key={`${kind}/${key}`} />
      </DesignerGuard>
    );
  },
});
const importsList = createRoute({
  getParentRoute: () => root,
  path: '/imports',
  component: () => (
    <ImportsGuard>
      <ImportsPage />
    </ImportsGuard>
  ),
});
const importsNew = createRoute({
  getParentRoute: () => root,
  path: '/imports/new',
  component: () => (
    <ImportsGuard>
      <NewImport />
    </ImportsGuard>
  ),
});
const importDetail = createRoute({
  getParentRoute: () => root,
  path: '/imports/$id',
  component: function Detail() {
    const { id } = importDetail.useParams();
    return (
      <ImportsGuard>
        <ImportDetail id={id} />
      </ImportsGuard>
    );
  },
});
const roles = createRoute({
  getParentRoute: () => root,
  path: '/admin/roles',
  component: function Roles() {
    const { perms } = useSession();
    return (
      <Guard allow={perms.has('tenant.admin')}>
        <RolesPage />
      </Guard>
    );
  },
});

const receivables = createRoute({
  getParentRoute: () => root,
  path: '/receivables',
  validateSearch: parseReceivablesSearch,
  component: function Receivables() {
    const search = receivables.useSearch();
    const { perms } = useSession();
    return (
      <Guard allow={perms.has('receivable.read')}>
        <OpenItemsPage search={search} />
      </Guard>
    );
  },
});
const receivable = createRoute({
  getParentRoute: () => root,
  path: '/receivables/$id',
  component: function Receivable() {
    const { id } = receivable.useParams();
    const { perms } = useSession();
    return (
      <Guard allow={perms.has('receivable.read')}>
        <ReceivablePage id={id} key={id} />
      </Guard>
    );
  },
});
const customer = createRoute({
  getParentRoute: () => root,
  path: '/customers/$id',
  component: function Customer() {
    const { id } = customer.useParams();
    const { perms } = useSession();
    return (
      <Guard allow={perms.has('receivable.read')}>
        <CustomerPage id={id} key={id} />
      </Guard>
    );
  },
});
const matchingQueue = createRoute({
  getParentRoute: () => root,
  path: '/matching',
  component: function Matching() {
    const { me, perms } = useSession();
    return (
      <Guard allow={perms.has('settlement.read') && me?.dataScoped !== true}>
        <MatchingQueuePage />
      </Guard>
    );
  },
});
const inboxPage = createRoute({
  getParentRoute: () => root,
  path: '/inbox',
  component: () => (
    <Guard allow>
      <InboxPage />
    </Guard>
  ),
});

const requestsPage = createRoute({
  getParentRoute: () => root,
  path: '/requests',
  validateSearch: (raw: Record<string, unknown>): { tab?: 'new' | 'mine' } =>
    raw.tab === 'mine' || raw.tab === 'new' ? { tab: raw.tab } : {},
  component: function Requests() {
    const { tab } = requestsPage.useSearch();
    const { perms } = useSession();
    return (
      <Guard allow={perms.has('writeoff.request')}>
        <RequestsPage tab={tab ?? 'new'} />
      </Guard>
    );
  },
});

const jobsPage = createRoute({
  getParentRoute: () => root,
  path: '/jobs',
  component: () => (
    <Guard allow>
      <JobsPage />
    </Guard>
  ),
});

export const router = createRouter({
  routeTree: root.addChildren([
    home,
    kindList,
    definition,
    importsList,
    importsNew,
    importDetail,
    roles,
    receivables,
    receivable,
    customer,
    matchingQueue,
    inboxPage,
    requestsPage,
    jobsPage,
  ]),
  defaultPreload: false,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
