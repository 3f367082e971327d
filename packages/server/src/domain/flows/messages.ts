import type { NotificationInput } from '../notifications/index.ts';
import type { FlowDocument, LocalText } from './flow-schema.ts';
import type { Advanced } from './reducer.ts';
import type { NotifyTemplate } from './state.ts';

/** A title in English when the document has one, else Chinese, else the fallback (the step id). */
export const textOf = (t: LocalText | undefined | null, fallback: string): string =>
  t === undefined || t === null ? fallback : typeof t === 'string' ? t : (t.en ?? t.zh ?? fallback);

const zhTextOf = (t: LocalText | undefined | null, fallback: string): string =>
  t === undefined || t === null ? fallback : typeof t === 'string' ? t : (t.zh ?? t.en ?? fallback);

const lines: Record<NotifyTemplate, (number: string, flow: string, step: string) => string> = {
  'task.assigned': (n, f, s) => `Approval needed: ${n} (${f} · ${s})`,
  'task.reminder': (n, f, s) => `Reminder: ${n} awaits your decision (${f} · ${s})`,
  'task.escalated': (n, f, s) => `Escalated: ${n} passed its escalation time at ${s} (${f})`,
  'task.closed': (n, f, s) => `${n}: your task at ${s} was closed by another decision (${f})`,
  'request.approved': (n, f) => `${n} was approved (${f})`,
  'request.rejected': (n, f) => `${n} was rejected (${f})`,
  'request.returned': (n, f) => `${n} was returned to you for changes (${f})`,
  'request.withdrawn': (n, f) => `${n} was withdrawn (${f})`,
};

const zhLines: typeof lines = {
  'task.assigned': (n, f, s) => `待审批：${n}（${f} · ${s}）`,
  'task.reminder': (n, f, s) => `提醒：${n} 等待您审批（${f} · ${s}）`,
  'task.escalated': (n, f, s) => `已升级：${n} 在 ${s} 超过升级时限（${f}）`,
  'task.closed': (n, f, s) => `${n}：您在 ${s} 的任务已因其他决定关闭（${f}）`,
  'request.approved': (n, f) => `${n} 已批准（${f}）`,
  'request.rejected': (n, f) => `${n} 已驳回（${f}）`,
  'request.returned': (n, f) => `${n} 已退回给您修改（${f}）`,
  'request.withdrawn': (n, f) => `${n} 已撤回（${f}）`,
};

/** The in-app notifications of one command's notify effects. */
export function notificationsOf(
  def: FlowDocument,
  request: { id: string; number: string },
  instanceId: string,
  r: Advanced,
): NotificationInput[] {
  const flow = textOf(def.title, def.id ?? 'approval');
  const flowZh = zhTextOf(def.title, def.id ?? 'approval');
  return r.effects.flatMap((e) => {
    if (e.type !== 'notify') return [];
    const step = e.step ? textOf(def.steps[e.step]?.title, e.step) : '';
    const stepZh = e.step ? zhTextOf(def.steps[e.step]?.title, e.step) : '';
    return e.to.map((recipient) => ({
      recipient,
      source: 'flows',
      kind: e.template,
      title: lines[e.template](request.number, flow, step),
      titleZh: zhLines[e.template](request.number, flowZh, stepZh),
      entityType: e.taskId ? 'flow-task' : 'request',
      entityId: e.taskId ?? request.id,
      payload: {
        requestId: request.id,
        requestNumber: request.number,
        instanceId,
        ...(e.taskId ? { taskId: e.taskId } : {}),
        ...(e.step ? { step: e.step } : {}),
      },
    }));
  });
}
