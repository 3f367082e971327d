import { defineDefinitionKind } from '../definitions/index.ts';
import { flowMetaSchema, type FlowDocument } from './flow-schema.ts';
import { checkFlow } from './validate-flow.ts';
import { publishCheckFlow } from './publish-check.ts';

/**
 * The `flow` definition kind. Saving a draft checks the document alone (structure, loops, reachability,
 * return targets, JSON-Logic syntax); publishing also checks it against the bound form, today's people
 * and the runtime's actions (publish-check.ts).
 */
export const flowKind = defineDefinitionKind<FlowDocument>({
  kind: 'flow',
  title: 'Approval flow',
  metaSchema: flowMetaSchema,
  validate: (doc) => checkFlow(doc).errors,
  publishCheck: publishCheckFlow,
});
