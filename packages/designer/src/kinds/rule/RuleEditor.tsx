import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Input, Select, Space, Tag, Tree, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import type { RuleDocument } from './index.ts';
import type { Diagnostic, JsonSchema, RuleSubject } from '../../api/types.ts';
import { rules } from '../../api/endpoints.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { Playground } from '../../rules/Playground.tsx';
import { varPaths } from '../../rules/var-paths.ts';
import RuleCodeEditor from '../../rules/RuleCodeEditor.tsx';
import { pretty } from '../../definitions/diff.ts';
import { PlainList, ProblemList } from '../../components/common.tsx';

const subjects: RuleSubject[] = ['customer', 'receivable', 'receipt', 'receipt-match'];

/** Rules: variables and operations | Monaco with completion, hover and live diagnostics | playground. */
export default function RuleEditor(p: KindEditorProps<RuleDocument>) {
  const { t } = useTranslation();
  const language = useQuery({ queryKey: ['rule-language'], queryFn: rules.language, staleTime: Infinity });
  const schema = useQuery({
    queryKey: ['subject-schema', p.doc.subject],
    queryFn: () => rules.subjectSchema(p.doc.subject),
    staleTime: 60_000,
  });
  const paths = useMemo(() => (schema.data ? varPaths(schema.data) : []), [schema.data]);
  const [text, setText] = useState(() => pretty(p.doc.logic));
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [parseError, setParseError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const editorRef = useRef<{ trigger?: (s: string, id: string, a: unknown) => void; executeEdits?: unknown } | null>(
    null,
  );
  const modelPath = `hexiao://rules/${p.defKey}.json`;
  const runRef = useRef<(() => void) | undefined>(undefined);

  // live diagnostics from the server's validate (typed var paths), 300 ms after typing stops
  useEffect(() => {
    let logic: unknown;
    try {
      logic = JSON.parse(text);
    } catch {
      return;
    }
    const ctl = new AbortController();
    const h = setTimeout(() => {
      rules
        .validate(logic, { subject: p.doc.subject }, ctl.signal)
        .then((r) => setDiagnostics(r.diagnostics))
        .catch(() => undefined);
    }, 300);
    return () => (clearTimeout(h), ctl.abort());
  }, [text, p.doc.subject]);

  const onText = (v: string) => {
    setText(v);
    try {
      const logic = JSON.parse(v);
      setParseError(null);
      p.setDoc({ ...p.doc, logic });
    } catch (e) {
      setParseError((e as Error).message);
    }
  };

  const ops = (language.data?.schema.$defs as { operation?: { properties?: Record<string, JsonSchema> } } | undefined)
    ?.operation?.properties;
  const opList = Object.entries(ops ?? {}).filter(([name]) => !filter || name.includes(filter));
  const insert = (snippet: string) => {
    const ed = editorRef.current as unknown as {
      getSelection(): unknown;
      executeEdits(s: string, e: { range: unknown; text: string }[]): void;
      focus(): void;
    } | null;
    if (!ed) return;
    ed.executeEdits('insert', [{ range: ed.getSelection(), text: snippet }]);
    ed.focus();
  };
  const tree = useMemo(() => {
    type N = { key: string; title: React.ReactNode; children: N[] };
    const root: N[] = [];
    const byPath = new Map<string, N>();
    for (const v of paths) {
      const node: N = {
        key: v.path,
        title: (
          <span title={v.description}>
            {v.path.split('.').pop()} <Tag>{v.type}</Tag>
          </span>
        ),
        children: [],
      };
      byPath.set(v.path, node);
      const parent = byPath.get(v.path.split('.').slice(0, -1).join('.'));
      (parent ? parent.children : root).push(node);
    }
    return root;
  }, [paths]);
  const errors = diagnostics.filter((d) => d.severity === 'error');

  return (
    <ThreePanes
      id="rule"
      left={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={5}>{t('rule.variables')}</Typography.Title>
          <Tree
            treeData={tree}
            defaultExpandAll
            selectable
            onSelect={(keys) => keys[0] && insert(`{"var": "${String(keys[0])}"}`)}
            data-testid="variables"
          />
          <Typography.Title level={5}>{t('rule.operations')}</Typography.Title>
          <Input.Search
            aria-label={t('rule.search')}
            placeholder={t('rule.search')}
            onChange={(e) => setFilter(e.target.value)}
            allowClear
          />
          <PlainList
            items={opList}
            itemKey={([name]) => name}
            style={{ maxHeight: 300, overflow: 'auto' }}
            render={([name, s]) => (
              <>
                <Button
                  type="link"
                  size="small"
                  onClick={() => insert(`{"${name}": []}`)}
                  title={String(s.description ?? '')}
                >
                  {name}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {String(s.description ?? '')}
                </Typography.Text>
              </>
            )}
          />
        </Space>
      }
      center={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>{t('rule.subject')}</span>
            <Select
              aria-label={t('rule.subject')}
              value={p.doc.subject}
              disabled={p.readOnly}
              onChange={(subject) => p.setDoc({ ...p.doc, subject })}
              options={subjects.map((s) => ({ value: s, label: t(`rule.subjects.${s}`) }))}
              style={{ width: 300 }}
            />
            <span>{t('rule.returns')}</span>
            <Select
              aria-label={t('rule.returns')}
              value={p.doc.returns ?? 'any'}
              disabled={p.readOnly}
              onChange={(returns) => p.setDoc({ ...p.doc, returns })}
              options={['boolean', 'decimal', 'number', 'string', 'date', 'any'].map((v) => ({ value: v, label: v }))}
              style={{ width: 120 }}
            />
          </Space>
          {parseError && <Tag color="red">{parseError}</Tag>}
          <RuleCodeEditor
            path={modelPath}
            testId="rule-editor"
            value={text}
            onChange={onText}
            schema={language.data?.schema}
            varPaths={paths}
            readOnly={p.readOnly}
            height="calc(100vh - 420px)"
            ariaLabel={t('kinds.one.rule')}
            onEditor={(e) => (editorRef.current = e as never)}
            markers={diagnostics.map((d) => ({ ...d }))}
            onRun={() => runRef.current?.()}
          />
          <section aria-label={t('rule.diagnostics')} data-testid="diagnostics" data-count={errors.length}>
            {diagnostics.length === 0 ? (
              <Alert type="success" showIcon title={t('rule.valid')} />
            ) : (
              <ProblemList
                errors={diagnostics.map((d) => ({ pointer: d.pointer, reason: `${d.code}: ${d.message}` }))}
              />
            )}
          </section>
          {p.errors.length > 0 && <ProblemList errors={p.errors} />}
          <Input.TextArea
            aria-label={t('rule.description')}
            placeholder={t('rule.description')}
            value={p.doc.description}
            disabled={p.readOnly}
            onChange={(e) => p.setDoc({ ...p.doc, description: e.target.value })}
            autoSize={{ minRows: 1, maxRows: 3 }}
          />
        </Space>
      }
      right={<Playground rule={p.doc.logic} subject={p.doc.subject} runRef={runRef} />}
    />
  );
}
