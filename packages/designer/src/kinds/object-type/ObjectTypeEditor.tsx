import { useMemo } from 'react';
import { Button, Checkbox, Input, InputNumber, Select, Space, Table, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import type { ObjectTypeDocument } from './index.ts';
import { fieldsToSchema, fieldTypes, schemaToFields, suggestName, type FieldSpec } from './fields.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { EmptyState, ProblemList } from '../../components/common.tsx';
import { JsonPane } from '../../definitions/JsonPane.tsx';
import { SchemaForm } from '../../rjsf/SchemaForm.tsx';

const core: Record<ObjectTypeDocument['appliesTo'], string[]> = {
  customer: ['code', 'name', 'taxId', 'region', 'salesOwner', 'currency', 'paymentTermsDays', 'creditLimit'],
  receivable: ['customerId', 'amount', 'currency', 'documentDate', 'dueDate', 'number', 'reference'],
  receipt: ['customerId', 'amount', 'currency', 'valueDate', 'reference', 'description'],
};

export default function ObjectTypeEditor(p: KindEditorProps<ObjectTypeDocument>) {
  const { t } = useTranslation();
  const fields = useMemo(() => schemaToFields(p.doc.fields), [p.doc.fields]);
  const setFields = (next: FieldSpec[]) => p.setDoc({ ...p.doc, fields: fieldsToSchema(next) });
  const update = (i: number, patch: Partial<FieldSpec>) =>
    setFields(fields.map((f, j) => (j === i ? { ...f, ...patch, ...(patch.type ? { raw: undefined } : {}) } : f)));
  const errorFor = (name: string) => p.errors.filter((e) => e.pointer.startsWith(`/fields/properties/${name}`));

  const visual = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('objectType.appliesTo')}</Typography.Text>
        <Select
          aria-label={t('objectType.appliesTo')}
          value={p.doc.appliesTo}
          disabled={p.readOnly}
          onChange={(appliesTo) => p.setDoc({ ...p.doc, appliesTo })}
          options={(['customer', 'receivable', 'receipt'] as const).map((v) => ({
            value: v,
            label: t(`objectType.${v}`),
          }))}
          style={{ width: 180 }}
        />
      </Space>
      {fields.length === 0 ? (
        <EmptyState text={t('objectType.noFields')} />
      ) : (
        <Table
          size="small"
          rowKey={(f) => String(fields.indexOf(f))}
          pagination={false}
          dataSource={fields}
          data-testid="fields"
          columns={[
            {
              title: t('objectType.label'),
              render: (_, f, i) => (
                <Input
                  aria-label={`${t('objectType.label')} ${i + 1}`}
                  value={f.title}
                  disabled={p.readOnly}
                  onChange={(e) => update(i, { title: e.target.value })}
                />
              ),
            },
            {
              title: t('objectType.name'),
              render: (_, f, i) => (
                <>
                  <Input
                    aria-label={`${t('objectType.name')} ${i + 1}`}
                    value={f.name}
                    disabled={p.readOnly}
                    status={errorFor(f.name).length ? 'error' : undefined}
                    onChange={(e) => update(i, { name: e.target.value })}
                  />
                  {errorFor(f.name).map((e) => (
                    <Typography.Text type="danger" key={e.pointer + e.reason} style={{ fontSize: 12 }}>
                      {e.reason}
                    </Typography.Text>
                  ))}
                </>
              ),
            },
            {
              title: t('objectType.type'),
              render: (_, f, i) => (
                <Select
                  aria-label={`${t('objectType.type')} ${i + 1}`}
                  value={f.raw ? undefined : f.type}
                  placeholder="JSON"
                  disabled={p.readOnly}
                  onChange={(type) => update(i, { type })}
                  options={fieldTypes.map((v) => ({ value: v, label: t(`objectType.types.${v}`) }))}
                  style={{ width: 150 }}
                />
              ),
            },
            {
              title: t('objectType.options'),
              render: (_, f, i) =>
                f.type === 'enum' ? (
                  <Input
                    aria-label={t('objectType.enumValues')}
                    placeholder={t('objectType.enumValues')}
                    defaultValue={(f.enumValues ?? []).join(', ')}
                    disabled={p.readOnly}
                    onBlur={(e) =>
                      update(i, {
                        enumValues: e.target.value
                          .split(/[,，]/)
                          .map((s) => s.trim())
                          .filter(Boolean),
                      })
                    }
                  />
                ) : f.type === 'text' ? (
                  <InputNumber
                    aria-label={t('objectType.maxLength')}
                    placeholder={t('objectType.maxLength')}
                    min={1}
                    value={f.maxLength}
                    disabled={p.readOnly}
                    onChange={(v) => update(i, { maxLength: v ?? undefined })}
                  />
                ) : null,
            },
            {
              title: t('objectType.required'),
              render: (_, f, i) => (
                <Checkbox
                  aria-label={`${t('objectType.required')} ${i + 1}`}
                  checked={f.required}
                  disabled={p.readOnly}
                  onChange={(e) => update(i, { required: e.target.checked })}
                />
              ),
            },
            {
              render: (_, __, i) => (
                <Button
                  aria-label={t('objectType.remove')}
                  icon={<DeleteOutlined />}
                  disabled={p.readOnly}
                  onClick={() => setFields(fields.filter((_, j) => j !== i))}
                />
              ),
            },
          ]}
        />
      )}
      <Button
        icon={<PlusOutlined />}
        disabled={p.readOnly}
        data-testid="add-field"
        onClick={() =>
          setFields([
            ...fields,
            {
              name: suggestName(
                'field',
                fields.map((f) => f.name),
              ),
              type: 'text',
              required: false,
            },
          ])
        }
      >
        {t('objectType.addField')}
      </Button>
      {p.errors.length > 0 && <ProblemList errors={p.errors} />}
    </Space>
  );

  return (
    <ThreePanes
      id="object-type"
      left={
        <>
          <Typography.Title level={5}>{t('objectType.coreFields')}</Typography.Title>
          <ul className="core-fields">
            {core[p.doc.appliesTo].map((f) => (
              <li key={f}>
                <Typography.Text code>{f}</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      }
      center={
        <Tabs
          items={[
            { key: 'visual', label: t('defs.visual'), children: visual },
            { key: 'json', label: t('defs.json'), children: <JsonPane {...p} schema={p.kind.metaSchema} /> },
          ]}
        />
      }
      right={
        <>
          <Typography.Title level={5}>{t('objectType.formPreview')}</Typography.Title>
          <SchemaForm schema={p.doc.fields as never} formData={{}} idPrefix="preview" liveValidate={false} />
        </>
      }
    />
  );
}
