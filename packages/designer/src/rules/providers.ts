// Registered once, inside the lazy editor chunk: var-path completion and hover for rule models.
import { monaco } from '../monaco/setup.ts';
import { varCompletions, varHoverAt } from './completion.ts';
import type { VarPath } from './var-paths.ts';

const pathsByModel = new Map<string, readonly VarPath[]>();
let registered = false;

/** Sets the var paths offered in one rule model (by its path); providers are global, so they filter on it. */
export function setRuleVarPaths(modelPath: string, paths: readonly VarPath[]) {
  pathsByModel.set(monaco.Uri.parse(modelPath).toString(), paths);
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"', '.'],
    provideCompletionItems(model, position) {
      const paths = pathsByModel.get(model.uri.toString());
      if (!paths) return { suggestions: [] };
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const items = varCompletions(text, offset, paths);
      return {
        suggestions: items.map((c, i) => {
          const s = model.getPositionAt(c.replace.start);
          const e = model.getPositionAt(c.replace.end);
          return {
            label: c.label,
            kind: monaco.languages.CompletionItemKind.Field,
            detail: c.detail,
            documentation: c.documentation,
            insertText: c.label,
            sortText: String(i).padStart(4, '0'),
            range: new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column),
          };
        }),
      };
    },
  });
  monaco.languages.registerHoverProvider('json', {
    provideHover(model, position) {
      const paths = pathsByModel.get(model.uri.toString());
      if (!paths) return null;
      const hit = varHoverAt(model.getValue(), model.getOffsetAt(position), paths);
      if (!hit) return null;
      return {
        contents: [
          { value: `**${hit.path}** · \`${hit.type}\`` },
          ...(hit.description ? [{ value: hit.description }] : []),
        ],
      };
    },
  });
}
