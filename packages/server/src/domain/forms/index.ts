import type { AnyDefinitionKind } from '../definitions/index.ts';
import { formKind } from './form.kind.ts';

export {
  formMetaSchema,
  formActions,
  type FormAction,
  type FormDocument,
  type FormAttachmentSpec,
} from './form-schema.ts';
export {
  boundActions,
  boundAction,
  overrideAdjustmentKinds,
  type BoundActionSpec,
  type SubjectSource,
} from './actions.ts';
export {
  flowDataSchema,
  prefillDataSchema,
  customerSchema,
  subjectSchema,
  receivableSnapshotSchema,
} from './data-schema.ts';
export {
  checkSubmission,
  prefillForm,
  fieldStates,
  requiredAttachments,
  compileFormSchema,
  type FormFacts,
  type FieldStates,
  type CheckedSubmission,
} from './submission.ts';
export { parseFormRef, publishedForm } from './published.ts';
export { formKind, checkForm } from './form.kind.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [formKind];
