import type { AnyDefinitionKind } from '../definitions/index.ts';
import { reminderPlanKind } from './reminder-plan.kind.ts';

export {
  reminderPlanKind,
  reminderPlanMetaSchema,
  reminderFactsSchema,
  type ReminderPlanDocument,
} from './reminder-plan.kind.ts';
export { runReminderSweep, defaultPlanKey, type SweepInput, type SweepReport } from './sweep.ts';
export { listSentReminders, type SentReminder } from './sent.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [reminderPlanKind];
export { deliverByEmail, type Mailer, type MailMessage, type EmailDelivery } from './deliver-email.ts';
export { sweepAllTenants, scheduleReminders, type TenantSweep } from './schedule.ts';
export { deliverAllTenants, scheduleDeliveries, type TenantDelivery } from './outbox.ts';
