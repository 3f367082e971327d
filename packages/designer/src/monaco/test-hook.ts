import type { monaco } from './setup.ts';

const editors = new Map<string, monaco.editor.IStandaloneCodeEditor>();

/**
 * Browser tests reach editors by model path (`window.__hexiao.editor(path)`): Monaco's auto-closing
 * brackets make typed JSON unpredictable, so tests set text and place the cursor, then type the rest.
 */
export function registerEditorHook(path: string, editor: monaco.editor.IStandaloneCodeEditor) {
  editors.set(path, editor);
  const w = window as unknown as { __hexiao?: Record<string, unknown> };
  w.__hexiao ??= {};
  w.__hexiao.editor = (p: string) => editors.get(p);
  w.__hexiao.setEditorValue = (p: string, text: string, cursorAt?: string) => {
    const e = editors.get(p);
    if (!e) throw new Error(`no editor ${p}`);
    e.setValue(text);
    if (cursorAt !== undefined) {
      const offset = text.indexOf(cursorAt);
      const pos = e.getModel()!.getPositionAt(offset < 0 ? text.length : offset);
      e.setPosition(pos);
    }
    e.focus();
  };
  return () => void (editors.get(path) === editor && editors.delete(path));
}
