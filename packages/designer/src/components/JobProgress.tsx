import { Button, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { jobs } from '../api/workbench.ts';
import type { JobView } from '../api/workbench-types.ts';

/** A job's bar: percent of records done, the phase, time left, and a cancel button while it runs. */
export function JobProgress({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const p = job.progress;
  const active = job.state === 'queued' || job.state === 'running';
  const status = job.state === 'failed' ? 'exception' : job.state === 'succeeded' ? 'success' : 'active';
  return (
    <Space data-testid="job-progress" data-state={job.state} align="center" wrap>
      <Progress
        percent={p.percent ?? 0}
        status={status}
        size="small"
        style={{ width: 220 }}
        aria-label={t('job.progress')}
      />
      <Typography.Text type="secondary">
        {job.state === 'queued'
          ? t('job.queued')
          : [
              p.phase ? t(`job.phases.${p.phase}`, { defaultValue: p.phase }) : null,
              p.total !== null ? t('job.records', { done: p.done, total: p.total }) : null,
              active && p.etaSeconds !== null ? t('job.eta', { seconds: p.etaSeconds }) : null,
              job.state === 'cancelled' ? t('job.cancelled') : null,
              job.error && job.state === 'failed' ? job.error.message : null,
            ]
              .filter(Boolean)
              .join(' · ')}
      </Typography.Text>
      {active && !job.cancelRequested && (
        <Button size="small" onClick={() => void jobs.cancel(job.id)} data-testid="job-cancel">
          {t('job.cancel')}
        </Button>
      )}
    </Space>
  );
}
