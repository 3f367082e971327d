export {
  createEndpoint,
  listEndpoints,
  disableEndpoint,
  listDeliveries,
  type EndpointInput,
  type WebhookEndpoint,
  type WebhookDeliveryView,
} from './endpoints.ts';
export { queueWebhookEvents, eventMatches, type WebhookEvent } from './events.ts';
export {
  deliverWebhooks,
  webhooksDue,
  type WebhookPost,
  type WebhookRun,
  type WebhookDeliveryOptions,
} from './deliver.ts';
export { webhookSignature, verifyWebhookSignature } from './sign.ts';
