/**
 * A notification addressed to a customer rather than a user: the e-mail outbox sends it to the customer's
 * billingEmail, and no user's inbox lists it (users' inboxes are read by user id).
 */
const prefix = 'customer:';

export const customerRecipient = (customerId: string) => `${prefix}${customerId}`;

export const customerOfRecipient = (recipient: string): string | undefined =>
  recipient.startsWith(prefix) ? recipient.slice(prefix.length) : undefined;
