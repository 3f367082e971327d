import { useEffect, useRef } from 'react';
import Editor, { DiffEditor, type OnMount } from '@monaco-editor/react';
import { monaco, setModelSchema } from './setup.ts';
import { pointerRange } from './pointer-range.ts';
import type { CodeEditorProps, DiffViewProps } from './CodeEditor.tsx';
import { registerEditorHook } from './test-hook.ts';

/** Monaco over one JSON document: a schema per model path, markers at JSON pointers, onChange with the text. */
export default function CodeEditorImpl(p: CodeEditorProps) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    setModelSchema(p.path, p.schema);
  }, [p.path, p.schema]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const text = model.getValue();
    monaco.editor.setModelMarkers(
      model,
      'hexiao',
      (p.markers ?? []).map((m) => {
        const r = pointerRange(text, m.pointer);
        const start = model.getPositionAt(r.offset);
        const end = model.getPositionAt(r.offset + Math.max(r.length, 1));
        return {
          severity: m.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
          message: m.message,
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
          source: m.code ?? 'hexiao',
        };
      }),
    );
  }, [p.markers]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    p.onEditor?.(editor);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => p.onRun?.());
    const unhook = registerEditorHook(p.path, editor);
    editor.onDidDispose(unhook);
  };

  return (
    <div
      data-testid={p.testId ?? 'code-editor'}
      data-path={p.path}
      style={{ height: p.height ?? '100%', minHeight: 160 }}
    >
      <Editor
        path={p.path}
        language="json"
        value={p.value}
        onChange={(v) => p.onChange?.(v ?? '')}
        onMount={onMount}
        options={{
          minimap: { enabled: false },
          automaticLayout: true,
          fontSize: 13,
          tabSize: 2,
          readOnly: p.readOnly,
          scrollBeyondLastLine: false,
          quickSuggestions: { strings: true, other: true, comments: false },
          fixedOverflowWidgets: true,
          ariaLabel: p.ariaLabel,
          accessibilitySupport: 'auto',
          tabFocusMode: false,
        }}
      />
    </div>
  );
}

export function DiffViewImpl(p: DiffViewProps) {
  return (
    <div style={{ height: p.height ?? 360 }} data-testid="diff-editor">
      <DiffEditor
        language="json"
        original={p.original}
        modified={p.modified}
        // the models outlive the widget (reused by path): disposing them first throws in Monaco's diff widget
        originalModelPath={`hexiao://diff/${p.id ?? 'doc'}/original.json`}
        modifiedModelPath={`hexiao://diff/${p.id ?? 'doc'}/modified.json`}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        options={{ readOnly: true, minimap: { enabled: false }, automaticLayout: true, renderSideBySide: true }}
      />
    </div>
  );
}
