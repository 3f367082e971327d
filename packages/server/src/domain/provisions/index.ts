import type { AnyDefinitionKind } from '../definitions/index.ts';
import { provisionPlanKind } from './provision-plan.kind.ts';

export {
  provisionPlanKind,
  provisionPlanMetaSchema,
  type ProvisionPlanDocument,
  type ProvisionStage,
} from './provision-plan.kind.ts';
export { compilePlan, provideLine, daysBetween, type ProvisionFacts, type ProvisionLine } from './compute.ts';
export { runProvisioning, type ProvisioningRunInput } from './run.ts';
export { provisioningRunInputSchema } from './run-input-schema.ts';
export { getProvisioningRun, listProvisioningRuns, type ProvisioningRunView } from './views.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [provisionPlanKind];
export { provisionReport, type ProvisionReport } from './report.ts';
export { provisionReportCsv, provisionReportXlsx } from './report-export.ts';
