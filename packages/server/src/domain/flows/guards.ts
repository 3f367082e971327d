import { explain, sampleCalendars, type TraceNode } from '@hexiao/dsl';
import { HexiaoError } from '../errors.ts';

/** What a routing decision records: the guard's pointer in the flow, its result and the DSL's trace. */
export interface GuardTrace {
  pointer: string;
  result: unknown;
  trace: TraceNode | null;
}

/** JSON-Logic truthiness: JavaScript's, except that an empty array is false. */
export const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !!v);

/**
 * Evaluates one JSON-Logic member of a flow with its explain trace. A guard that fails to evaluate stops
 * the command (nothing changes) rather than routing the request on a guess.
 */
export function evaluate(rule: unknown, data: unknown, pointer: string): GuardTrace {
  const x = explain(rule, data, { calendars: sampleCalendars, maxTraceNodes: 200 });
  if (x.error)
    throw new HexiaoError('invalid_data', `the flow's rule at ${pointer} failed: ${x.error.message}`, {
      pointer,
      errors: [{ pointer: `${pointer}${x.error.pointer === '/' ? '' : x.error.pointer}`, reason: x.error.message }],
    });
  return { pointer, result: x.result, trace: x.trace };
}
