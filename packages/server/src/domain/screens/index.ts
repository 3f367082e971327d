import type { AnyDefinitionKind } from '../definitions/index.ts';
import { screenKind } from './screen.kind.ts';

export { screenKind, screenMetaSchema, screenRowSchema, type ScreenDocument } from './screen.kind.ts';
export {
  runScreen,
  previewScreen,
  startFromScreen,
  maxScanned,
  type ScreenResult,
  type ScreenRow,
  type ScreenPreview,
} from './run-screen.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [screenKind];
