import type { AnyDefinitionKind } from '../definitions/index.ts';
import { agingBucketsKind } from './aging-buckets.kind.ts';

export { agingBucketsKind, agingBucketsMetaSchema, type AgingBucketsDocument } from './aging-buckets.kind.ts';
export { bucketErrors, bucketIndex, bucketsFromBounds, defaultBuckets, type Bucket } from './buckets.ts';
export { isT0, parseTerms, t0Columns, type T0, type Terms } from './t0.ts';
export {
  agingReport,
  defaultBucketsKey,
  groupings,
  type AgingColumn,
  type AgingReport,
  type AgingReportInput,
  type AgingRow,
} from './report.ts';
export { agingCsv, agingXlsx, collectionPlanCsv, collectionPlanXlsx, kpiCsv, kpiXlsx } from './export.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [agingBucketsKind];
export { collectionPlan, type CollectionPlan } from './collection-plan.ts';
export { receivableKpis, type KpiReport, type KpiRow } from './kpis.ts';
