import { DefinitionKinds } from './kinds.ts';
import { objectTypeKind } from './object-type.kind.ts';
import { accountMappingKind } from './account-mapping.kind.ts';
import { connectorConfigKind } from '../imports/connector-config.kind.ts';
import { flowKind } from '../flows/flow.kind.ts';
import { ruleKind } from '../rules/rule.kind.ts';

/** The kinds this server knows; capabilities add theirs (rule-set, flow, form, provision-plan, connector-config). */
export function createDefinitionKinds(): DefinitionKinds {
  return new DefinitionKinds()
    .register(objectTypeKind)
    .register(accountMappingKind)
    .register(connectorConfigKind as never)
    .register(flowKind as never)
    .register(ruleKind as never);
}

export const definitionKinds = createDefinitionKinds();
