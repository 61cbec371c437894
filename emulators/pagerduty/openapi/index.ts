/** Conformance of PagerDuty REST exchanges and v3 webhook payloads to PagerDuty's published contracts. */
export { createOpenApiValidator } from './validator';
export type { OpenApiValidator, OpenApiValidatorOptions, RequestExchange, ResponseExchange, ValidationResult } from './validator';
export { overlayCorrections } from './overlay';
export type { OverlayCorrection } from './overlay';
export { validateWebhookData, validateWebhookPayload, webhookEnvelopeSchema } from './webhookEnvelope';
export type { WebhookEnvelope } from './webhookEnvelope';
