import { Alert, Descriptions, Select, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import type { ConnectorConfigDocument } from './index.ts';
import { connectors } from '../../api/endpoints.ts';
import { errorsUnder } from '../../api/problem.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { ProblemList } from '../../components/common.tsx';
import { JsonPane } from '../../definitions/JsonPane.tsx';
import { SchemaForm } from '../../rjsf/SchemaForm.tsx';

/** Connector configs: choose a connector | its settings from its configSchema (RJSF) and import options | JSON. */
export default function ConnectorConfigEditor(p: KindEditorProps<ConnectorConfigDocument>) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['connectors'], queryFn: connectors.list, staleTime: Infinity });
  const connector = list.data?.items.find((c) => c.id === p.doc.connector);
  const optionsSchema = (p.kind.metaSchema.properties as Record<string, unknown> | undefined)?.options;
  const settings = connector ? (
    Object.keys(connector.configSchema.properties ?? {}).length ? (
      <SchemaForm
        schema={connector.configSchema as never}
        formData={p.doc.config}
        idPrefix="config"
        readOnly={p.readOnly}
        serverErrors={errorsUnder(p.errors, '/config')}
        onChange={(config) =>
          JSON.stringify(config) !== JSON.stringify(p.doc.config) &&
          p.setDoc({ ...p.doc, config: config as Record<string, unknown> })
        }
      />
    ) : (
      <Typography.Text type="secondary">{t('connector.noSchema')}</Typography.Text>
    )
  ) : null;
  return (
    <ThreePanes
      id="connector-config"
      left={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={5}>{t('connector.connector')}</Typography.Title>
          <Select
            aria-label={t('connector.choose')}
            data-testid="pick-connector"
            value={p.doc.connector}
            disabled={p.readOnly}
            showSearch
            optionFilterProp="label"
            onChange={(id) =>
              p.setDoc({
                ...p.doc,
                connector: id,
                config: { ...(list.data?.items.find((c) => c.id === id)?.defaults ?? {}) },
              })
            }
            options={(list.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title} (${c.kind})` }))}
            style={{ width: '100%' }}
          />
          {connector && (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="id">{connector.id}</Descriptions.Item>
              <Descriptions.Item label="kind">{connector.kind}</Descriptions.Item>
              <Descriptions.Item label="version">{connector.version}</Descriptions.Item>
              {connector.accepts.length > 0 && (
                <Descriptions.Item label="files">{connector.accepts.join(', ')}</Descriptions.Item>
              )}
              {connector.description && <Descriptions.Item label="">{connector.description}</Descriptions.Item>}
            </Descriptions>
          )}
        </Space>
      }
      center={
        <Tabs
          items={[
            { key: 'settings', label: t('connector.settings'), children: settings },
            {
              key: 'options',
              label: t('connector.options'),
              children: optionsSchema ? (
                <SchemaForm
                  schema={optionsSchema as never}
                  formData={p.doc.options ?? {}}
                  idPrefix="options"
                  readOnly={p.readOnly}
                  serverErrors={errorsUnder(p.errors, '/options')}
                  onChange={(options) =>
                    JSON.stringify(options) !== JSON.stringify(p.doc.options ?? {}) &&
                    p.setDoc({ ...p.doc, options: options as Record<string, unknown> })
                  }
                />
              ) : null,
            },
            { key: 'json', label: t('defs.json'), children: <JsonPane {...p} schema={p.kind.metaSchema} /> },
          ]}
        />
      }
      right={
        p.errors.length ? (
          <ProblemList errors={p.errors} />
        ) : (
          <Alert type="success" showIcon title={t('defs.noProblems')} />
        )
      }
    />
  );
}
