import { DefinitionKinds } from '../domain/definitions/index.ts';
import * as aging from '../domain/aging/index.ts';
import * as credit from '../domain/credit/index.ts';
import * as definitions from '../domain/definitions/index.ts';
import * as flows from '../domain/flows/index.ts';
import * as forms from '../domain/forms/index.ts';
import * as imports from '../domain/imports/index.ts';
import * as ledger from '../domain/ledger/index.ts';
import * as matching from '../domain/matching/index.ts';
import * as provisions from '../domain/provisions/index.ts';
import * as reminders from '../domain/reminders/index.ts';
import * as rules from '../domain/rules/index.ts';
import * as screens from '../domain/screens/index.ts';

/**
 * The contexts that declare definition kinds. Each exports `definitionKinds` from its door (index.ts):
 * to add a kind, declare it in its context's folder with `defineDefinitionKind({ kind, title, metaSchema,
 * validate })` and add it to that context's `definitionKinds` list; a new context that declares kinds is
 * listed here once. The set is built once at start-up and passed to use-cases as `deps.kinds`.
 */
const declaringContexts = [
  definitions,
  ledger,
  imports,
  flows,
  forms,
  rules,
  screens,
  matching,
  aging,
  reminders,
  credit,
  provisions,
];

export function createDefinitionKinds(): DefinitionKinds {
  return new DefinitionKinds(declaringContexts.flatMap((c) => c.definitionKinds));
}
