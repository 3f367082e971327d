import { useEffect, useMemo, useState } from 'react';
import { Alert, Input, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import { formActions, type FormDoc } from './doc.ts';
import { dataErrors, effectiveForm, ruleText, withRule } from './preview.ts';
import { forms, type FormPreview } from '../../api/endpoints.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { JsonPane } from '../../definitions/JsonPane.tsx';
import { ProblemList } from '../../components/common.tsx';
import { SchemaForm } from '../../rjsf/SchemaForm.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One JSON-Logic member of a field (prefill, show, require): applied when its text parses. */
function RuleInput(p: {
  label: string;
  value: unknown;
  readOnly: boolean;
  onChange: (text: string) => void;
  testId: string;
}) {
  const [text, setText] = useState(() => ruleText(p.value));
  const [bad, setBad] = useState(false);
  useEffect(() => setText(ruleText(p.value)), [p.value]);
  return (
    <Input
      size="small"
      prefix={<span className="rule-label">{p.label}</span>}
      value={text}
      data-testid={p.testId}
      status={bad ? 'error' : undefined}
      disabled={p.readOnly}
      placeholder="JSON-Logic"
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        try {
          p.onChange(text);
          setBad(false);
        } catch {
          setBad(true);
        }
      }}
    />
  );
}

/** Forms: action, flow and each field's rules | the document as JSON | a live preview the server evaluates. */
export default function FormEditor(p: KindEditorProps<FormDoc>) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [selection, setSelection] = useState('');
  const [preview, setPreview] = useState<FormPreview | null>(null);
  const ids = useMemo(
    () =>
      selection
        .split(/[\s,，]+/)
        .map((s) => s.trim())
        .filter((s) => uuid.test(s)),
    [selection],
  );

  // the server evaluates prefill and conditions (the hexiao DSL) 300 ms after the last change
  useEffect(() => {
    const ctl = new AbortController();
    const h = setTimeout(() => {
      forms
        .preview({ document: p.doc, data: values, receivableIds: ids }, ctl.signal)
        .then(setPreview)
        .catch(() => undefined);
    }, 300);
    return () => (clearTimeout(h), ctl.abort());
  }, [p.doc, values, ids]);

  const fields = Object.keys(p.doc.schema?.properties ?? {});
  const title = typeof p.doc.title === 'object' ? p.doc.title : { en: p.doc.title };
  const setRule = (where: 'prefill' | 'show' | 'require', field: string) => (text: string) =>
    p.setDoc(withRule(p.doc, where, field, text));
  const rendered = preview && !preview.definitionErrors.length ? effectiveForm(p.doc, preview.states) : null;

  const settings = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t('form.action')}</Typography.Text>
      <Select
        aria-label={t('form.action')}
        value={p.doc.action}
        disabled={p.readOnly}
        onChange={(action) => p.setDoc({ ...p.doc, action })}
        options={formActions.map((a) => ({ value: a, label: t(`form.actions.${a}`) }))}
        style={{ width: '100%' }}
      />
      <Typography.Text>{t('form.flow')}</Typography.Text>
      <Input
        aria-label={t('form.flow')}
        value={p.doc.flow ?? ''}
        disabled={p.readOnly}
        placeholder="bad-debt-write-off"
        onChange={(e) => {
          const { flow: _flow, ...rest } = p.doc;
          void _flow;
          p.setDoc(e.target.value ? { ...rest, flow: e.target.value } : rest);
        }}
      />
      {(['zh', 'en'] as const).map((lang) => (
        <Input
          key={lang}
          prefix={<span className="rule-label">{`${t('defs.title')} ${lang}`}</span>}
          aria-label={`${t('defs.title')} ${lang}`}
          value={title?.[lang] ?? ''}
          disabled={p.readOnly}
          onChange={(e) => p.setDoc({ ...p.doc, title: { ...title, [lang]: e.target.value } })}
        />
      ))}
      <Typography.Title level={5}>{t('form.fields')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('form.rulesHint')}</Typography.Paragraph>
      {fields.map((f) => (
        <div key={f} className="form-field-rules" data-testid={`field-${f}`}>
          <Typography.Text code>{f}</Typography.Text>
          <RuleInput
            label={t('form.prefill')}
            value={p.doc.prefill?.[f]}
            readOnly={p.readOnly}
            onChange={setRule('prefill', f)}
            testId={`prefill-${f}`}
          />
          <RuleInput
            label={t('form.show')}
            value={p.doc.conditions?.[f]?.show}
            readOnly={p.readOnly}
            onChange={setRule('show', f)}
            testId={`show-${f}`}
          />
          <RuleInput
            label={t('form.require')}
            value={p.doc.conditions?.[f]?.require}
            readOnly={p.readOnly}
            onChange={setRule('require', f)}
            testId={`require-${f}`}
          />
        </div>
      ))}
    </Space>
  );

  return (
    <ThreePanes
      id="form"
      left={settings}
      center={
        <Tabs
          items={[
            {
              key: 'json',
              label: t('defs.json'),
              children: (
                <>
                  <JsonPane {...p} schema={p.kind.metaSchema} />
                  {p.errors.length > 0 && <ProblemList errors={p.errors} />}
                </>
              ),
            },
          ]}
        />
      }
      right={
        <div data-testid="form-preview">
          <Typography.Title level={5}>{t('form.preview')}</Typography.Title>
          <Input
            aria-label={t('form.selection')}
            placeholder={t('form.selection')}
            value={selection}
            onChange={(e) => setSelection(e.target.value)}
          />
          {preview?.subject && (
            <Typography.Paragraph type="secondary">
              {t('form.subject', {
                open: preview.subject.openAmount,
                currency: preview.subject.currency ?? '',
                days: preview.subject.daysOverdue,
              })}
            </Typography.Paragraph>
          )}
          {preview?.definitionErrors.length ? <Alert type="warning" showIcon title={t('form.fixFirst')} /> : null}
          {rendered && (
            <SchemaForm
              key={`${i18n.language}:${preview?.states.hidden.join()}`}
              schema={rendered.schema as never}
              uiSchema={rendered.uiSchema}
              formData={{ ...preview!.data, ...values }}
              onChange={(d) => setValues(d as Record<string, unknown>)}
              serverErrors={dataErrors(preview!.errors)}
              idPrefix="form-preview"
              liveValidate={false}
            />
          )}
          {preview && preview.requiredAttachments.length > 0 && (
            <Space wrap>
              <Typography.Text>{t('form.evidence')}</Typography.Text>
              {preview.requiredAttachments.map((l) => (
                <Tag key={l}>{l}</Tag>
              ))}
            </Space>
          )}
          {preview?.notes.map((n) => (
            <Typography.Paragraph key={n} type="warning">
              {n}
            </Typography.Paragraph>
          ))}
        </div>
      }
    />
  );
}
