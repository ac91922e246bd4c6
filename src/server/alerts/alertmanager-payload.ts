import { z } from '@hono/zod-openapi';

const labels = z.record(z.string(), z.string());

/** One alert of Alertmanager's webhook (version 4); unknown fields are kept, as Alertmanager adds some over time. */
export const alertmanagerAlertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels,
  annotations: labels.default({}),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1).max(128),
}).openapi('AlertmanagerAlert');

/**
 * The body Alertmanager POSTs to a webhook receiver (`webhook_configs`, payload version 4). Alerts
 * with a `lifeboat_plan` (or `plan`) and a `region` label feed the plan's trigger.
 */
export const alertmanagerPayloadSchema = z.looseObject({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labels.optional(),
  commonLabels: labels.optional(),
  commonAnnotations: labels.optional(),
  externalURL: z.string().optional(),
  alerts: z.array(alertmanagerAlertSchema).max(1000),
}).openapi('AlertmanagerWebhook');

export type AlertmanagerPayload = z.output<typeof alertmanagerPayloadSchema>;
export type AlertmanagerAlert = z.output<typeof alertmanagerAlertSchema>;
