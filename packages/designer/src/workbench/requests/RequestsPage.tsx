import { useState } from 'react';
import { Segmented, Space, Typography } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { StartedForm } from '../../api/workbench-types.ts';
import { MyRequests } from './MyRequests.tsx';
import { RequestForm } from './RequestForm.tsx';
import { ScreenPicker } from './ScreenPicker.tsx';

/** Requests: screen the candidates, file the screen's form for a selection, and follow what I filed. */
export default function RequestsPage(p: { tab: 'new' | 'mine' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [started, setStarted] = useState<StartedForm>();
  return (
    <div data-testid="requests" data-ready="true">
      <Space className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('req.title')}
        </Typography.Title>
        <Segmented
          data-testid="requests-tab"
          value={p.tab}
          onChange={(v) => {
            setStarted(undefined);
            void navigate({ to: '/requests', search: { tab: v as 'new' | 'mine' } });
          }}
          options={[
            { value: 'new', label: t('req.new') },
            { value: 'mine', label: t('req.mine') },
          ]}
        />
      </Space>
      {p.tab === 'mine' ? (
        <MyRequests />
      ) : started ? (
        <RequestForm started={started} onCancel={() => setStarted(undefined)} />
      ) : (
        <ScreenPicker onStarted={setStarted} />
      )}
    </div>
  );
}
