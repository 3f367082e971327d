import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The shared sample folder (../shared/samples beside the repository root), for tests. */
export const samplesRoot = path.resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../../../../shared/samples',
);

export const sample = (folder: string, file: string) => path.join(samplesRoot, folder, file);
