// Loaded only with the first editor (React.lazy): the bundled Monaco, its workers, no CDN.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { loader } from '@monaco-editor/react';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};
loader.config({ monaco });

const schemas = new Map<string, { uri: string; fileMatch: string[]; schema: unknown }>();

/** Associates a JSON Schema with one model path (completion, hover and structure checks come from it). */
export function setModelSchema(modelPath: string, schema: unknown | undefined) {
  if (schema === undefined) schemas.delete(modelPath);
  else schemas.set(modelPath, { uri: `${modelPath}#schema`, fileMatch: [modelPath], schema });
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas: [...schemas.values()],
  });
}

export { monaco };
