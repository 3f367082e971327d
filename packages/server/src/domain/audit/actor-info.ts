import type { ActionCtx } from '../context.ts';
import type { AuditActorInfo } from './chain.ts';

export function actorInfo(ctx: ActionCtx): AuditActorInfo {
  return {
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    ip: ctx.request?.ip,
    userAgent: ctx.request?.userAgent,
    requestId: ctx.request?.requestId,
  };
}
