import { useEffect } from 'react';
import CodeEditorImpl from '../monaco/CodeEditorImpl.tsx';
import type { CodeEditorProps } from '../monaco/CodeEditor.tsx';
import { setRuleVarPaths } from './providers.ts';
import type { VarPath } from './var-paths.ts';

/** Monaco for a JSON-Logic rule: op completion and hover from the rule schema, var paths from the data schema. */
export default function RuleCodeEditor(p: CodeEditorProps & { varPaths: readonly VarPath[] }) {
  useEffect(() => setRuleVarPaths(p.path, p.varPaths), [p.path, p.varPaths]);
  return <CodeEditorImpl {...p} />;
}
