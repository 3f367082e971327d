import type { DirectoryUser, People } from './directory.ts';
import type { AssigneeSource } from './flow-schema.ts';
import { evaluate, type GuardTrace } from './guards.ts';
import type { FlowData } from './state.ts';

export interface Resolved {
  users: DirectoryUser[];
  /** Which source yielded them (index), or -1 when none did. */
  source: number;
  guards: GuardTrace[];
  /** Why sources yielded no one, for the empty-assignee message. */
  notes: string[];
}

const isRule = (v: unknown) => typeof v === 'object' && v !== null;

/** The users one source names: a role (optionally in an org unit), or user ids / e-mails, literal or computed. */
function fromSource(
  src: AssigneeSource,
  at: string,
  data: FlowData,
  people: People,
  guards: GuardTrace[],
  notes: string[],
): DirectoryUser[] {
  const refs = (v: unknown, ptr: string): DirectoryUser[] => {
    const value = isRule(v) && !Array.isArray(v) ? record(evaluate(v, data, ptr), guards).result : v;
    const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    const found = list.flatMap((r) => people.find(r) ?? []);
    if (found.length === 0) notes.push(`${ptr} names no active user (${JSON.stringify(value ?? null).slice(0, 80)})`);
    return found;
  };
  const out: DirectoryUser[] = [];
  if (src.user !== undefined) out.push(...refs(src.user, `${at}/user`));
  if (src.expression !== undefined) out.push(...refs(src.expression, `${at}/expression`));
  if (src.role !== undefined) {
    let holders = people.withRole(src.role);
    if (src.orgUnit !== undefined) {
      const unit = isRule(src.orgUnit)
        ? record(evaluate(src.orgUnit, data, `${at}/orgUnit`), guards).result
        : src.orgUnit;
      // no org unit on the subject: every holder of the role
      if (unit !== null && unit !== undefined && unit !== '')
        holders = holders.filter((u) => u.attributes.orgUnit === unit);
    }
    if (holders.length === 0) notes.push(`${at}/role: no active user holds role ${src.role} here`);
    out.push(...holders);
  }
  return out;
}

const record = (g: GuardTrace, into: GuardTrace[]) => {
  into.push(g);
  return g;
};

/**
 * Resolves an assignee list in order: `first-non-empty` stops at the first source that yields someone,
 * `all` takes the union (in source order, without repeats). Excluded users (the requester, people who
 * already decided in this round) are dropped before a source counts as non-empty.
 */
export function resolveAssignees(
  sources: readonly AssigneeSource[],
  mode: 'first-non-empty' | 'all',
  at: string,
  data: FlowData,
  people: People,
  exclude: ReadonlySet<string>,
): Resolved {
  const guards: GuardTrace[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const users: DirectoryUser[] = [];
  let source = -1;
  for (const [i, src] of sources.entries()) {
    const found = fromSource(src, `${at}/${i}`, data, people, guards, notes).filter((u) => {
      if (exclude.has(u.id)) {
        notes.push(`${at}/${i}: ${u.email} is excluded (the requester, or already decided in this round)`);
        return false;
      }
      return true;
    });
    const fresh = found.filter((u) => !seen.has(u.id) && seen.add(u.id));
    if (fresh.length && source < 0) source = i;
    users.push(...fresh);
    if (mode === 'first-non-empty' && users.length) break;
  }
  return { users, source, guards, notes };
}

/** The most approvers a source list can ever yield from today's directory (Infinity when computed). */
export function maxApprovers(sources: readonly AssigneeSource[], mode: 'first-non-empty' | 'all', people: People) {
  const sets = sources.map((s) => {
    if (s.expression !== undefined || (s.user !== undefined && isRule(s.user))) return null;
    const ids = new Set<string>();
    const u = s.user !== undefined ? people.find(s.user) : undefined;
    if (u) ids.add(u.id);
    if (s.role !== undefined) for (const h of people.withRole(s.role)) ids.add(h.id);
    return ids;
  });
  if (sets.some((s) => s === null)) return Infinity;
  if (mode === 'first-non-empty') return Math.max(0, ...sets.map((s) => s!.size));
  return new Set(sets.flatMap((s) => [...s!])).size;
}
