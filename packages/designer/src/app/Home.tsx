import { lazy, Suspense } from 'react';
import { Card, Col, Row, Skeleton, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from './session.ts';
import { canDesign, designerKinds } from './nav.ts';
import { EmptyState } from '../components/common.tsx';

const DashboardPage = lazy(() => import('../workbench/dashboard/DashboardPage.tsx'));

/** Who may read receivables opens on the risk dashboard; everyone else on what their roles let them do. */
export function Home() {
  const { perms } = useSession();
  if (perms.has('receivable.read'))
    return (
      <Suspense fallback={<Skeleton active />}>
        <DashboardPage />
      </Suspense>
    );
  return <Welcome />;
}

function Welcome() {
  const { t } = useTranslation();
  const { me, perms } = useSession();
  const design = canDesign(perms);
  const imports = perms.has('import.run') || perms.has('import.read');
  return (
    <div data-ready="true">
      <Typography.Title level={3}>{t('home.welcome', { name: me?.actor.name ?? '' })}</Typography.Title>
      {!design && !imports && <EmptyState text={t('home.nothing')} />}
      {design && (
        <>
          <Typography.Paragraph>{t('home.designerIntro')}</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {designerKinds.map((k) => (
              <Col key={k} xs={24} md={8}>
                <Link to="/designer/$kind" params={{ kind: k }}>
                  <Card hoverable title={t(`kinds.${k}`)} />
                </Link>
              </Col>
            ))}
          </Row>
        </>
      )}
      {imports && (
        <>
          <Typography.Paragraph style={{ marginTop: 24 }}>{t('home.clerkIntro')}</Typography.Paragraph>
          <Link to="/imports/new">
            <Card hoverable title={t('imports.new')} style={{ maxWidth: 360 }} />
          </Link>
        </>
      )}
    </div>
  );
}
