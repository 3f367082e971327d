import { useRef, useState } from 'react';
import { Alert, Button, Progress, Select, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { definitions } from '../api/endpoints.ts';
import { uploadImport, type UploadProgress } from '../api/upload.ts';
import type { ImportReport } from '../api/types.ts';
import { EmptyState, ErrorAlert } from '../components/common.tsx';
import { ImportReportView } from './ImportReportView.tsx';

/** A clerk's import: a published connector configuration, a file, a progress bar, then the report. */
export default function NewImport() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const configs = useQuery({
    queryKey: ['definitions', 'connector-config'],
    queryFn: () => definitions.list('connector-config'),
  });
  const published = (configs.data?.items ?? []).filter((d) => d.status === 'published' || d.version > 1);
  const [configKey, setConfigKey] = useState<string>();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(crypto.randomUUID());
  const config = configs.data?.items.find((d) => d.key === configKey);

  const start = async () => {
    if (!file || !config) return;
    setError(null);
    setReport(null);
    setProgress({ phase: 'upload', loaded: 0, total: file.size });
    try {
      const fields = { connector: (config.document as { connector: string }).connector, configKey: config.key };
      const r = await uploadImport(fields, file, setProgress, key.current).promise;
      setReport(r);
      key.current = crypto.randomUUID();
      void qc.invalidateQueries({ queryKey: ['imports'] });
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const percent = progress
    ? progress.phase === 'processing'
      ? 100
      : Math.round((progress.loaded / Math.max(progress.total, 1)) * 100)
    : report
      ? 100
      : 0;
  return (
    <div data-ready={!configs.isLoading}>
      <Typography.Title level={3}>{t('imports.new')}</Typography.Title>
      {configs.data && published.length === 0 ? (
        <EmptyState text={t('imports.noConfigs')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%', maxWidth: 720 }}>
          <Select
            aria-label={t('imports.config')}
            placeholder={t('imports.chooseConfig')}
            data-testid="pick-config"
            value={configKey}
            onChange={setConfigKey}
            options={published.map((d) => ({
              value: d.key,
              label: `${d.title ?? d.key} · ${(d.document as { connector: string }).connector}`,
            }))}
            style={{ width: '100%' }}
          />
          <Upload.Dragger
            beforeUpload={(f) => (setFile(f), false)}
            maxCount={1}
            showUploadList={false}
            data-testid="file-drop"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{file ? file.name : t('imports.chooseFile')}</p>
          </Upload.Dragger>
          <Button
            type="primary"
            disabled={!file || !config || !!progress}
            onClick={() => void start()}
            data-testid="start-import"
          >
            {t('imports.start')}
          </Button>
          {(progress || report) && (
            <div data-testid="progress" data-phase={progress?.phase ?? 'done'}>
              <Progress
                percent={percent}
                status={progress?.phase === 'processing' ? 'active' : report ? 'success' : 'normal'}
              />
              <Typography.Text type="secondary">
                {progress?.phase === 'upload'
                  ? t('imports.uploading')
                  : progress
                    ? t('imports.processing')
                    : t('imports.done')}
              </Typography.Text>
            </div>
          )}
          {error ? <ErrorAlert error={error} /> : null}
          {report && (
            <>
              <Alert
                type="success"
                showIcon
                title={t('imports.done')}
                action={
                  report.importId ? (
                    <Link to="/imports/$id" params={{ id: report.importId }}>
                      {t('imports.report')}
                    </Link>
                  ) : undefined
                }
              />
              <ImportReportView report={report} />
            </>
          )}
        </Space>
      )}
    </div>
  );
}
