import { useEffect, useRef, useState } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeEditor } from '../monaco/CodeEditor.tsx';
import type { KindEditorProps } from '../kinds/contract.ts';
import { pretty } from './diff.ts';

/**
 * The document as JSON in Monaco: another view of the same document as the visual editor. Text that does
 * not parse stays in the editor (marked) and the last valid document stays applied.
 */
export function JsonPane<Doc>(
  p: KindEditorProps<Doc> & {
    schema?: unknown;
    height?: number | string;
    /** Another model than the whole document's (a part of it, e.g. a screen's rule). */
    path?: string;
    ariaLabel?: string;
    testId?: string;
  },
) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => pretty(p.doc));
  const [parseError, setParseError] = useState<string | null>(null);
  const last = useRef(p.doc);
  useEffect(() => {
    if (p.doc !== last.current) {
      last.current = p.doc;
      setText(pretty(p.doc));
      setParseError(null);
    }
  }, [p.doc]);
  return (
    <div className="json-pane">
      {parseError && <Tag color="red">{parseError}</Tag>}
      <CodeEditor
        path={p.path ?? `hexiao://definitions/${p.kind.kind}/${p.defKey}.json`}
        testId={p.testId}
        value={text}
        schema={p.schema}
        readOnly={p.readOnly}
        ariaLabel={p.ariaLabel ?? t('defs.json')}
        height={p.height ?? 'calc(100vh - 230px)'}
        markers={p.errors.map((e) => ({ pointer: e.pointer, message: e.reason, severity: 'error' as const }))}
        onChange={(v) => {
          setText(v);
          try {
            const doc = JSON.parse(v) as Doc;
            last.current = doc;
            setParseError(null);
            p.setDoc(doc);
          } catch (e) {
            setParseError((e as Error).message);
          }
        }}
      />
    </div>
  );
}
