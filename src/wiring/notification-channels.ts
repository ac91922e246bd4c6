import { InputError } from '../core/errors.js';
import type { NotificationEvent, Notifier } from '../core/ports/notifier.js';
import type { DRPlan } from '../core/plan/schema.js';
import { PagerDutyNotifier } from '../providers/notify/pagerduty-notifier.js';
import { SignedWebhookNotifier } from '../providers/notify/signed-webhook-notifier.js';
import { SlackWebhookNotifier } from '../providers/notify/slack-webhook-notifier.js';
import { SmtpNotifier } from '../providers/notify/smtp-notifier.js';
import { resolveSecretRef } from './secret-ref.js';

type Channel = DRPlan['spec']['notifications'][number];

/** One of the plan's channels; its notifier is built (and its secret read) only when a message goes out. */
export interface NotificationChannel {
  name: string;
  /** Events this channel receives; undefined = all. */
  events: readonly NotificationEvent[] | undefined;
  connect(): Notifier;
}

/**
 * The plan's notification channels. What each `secret` reference must hold (docs/notifications.md):
 * slack: the incoming-webhook URL; webhook: `URL|SECRET` (HMAC key after the first `|`);
 * pagerduty: the Events v2 routing key (`server`: the events URL, for EU accounts);
 * smtp: optional `USER:PASSWORD` (the sender is USER when it is an address, else lifeboat@<host>).
 * Secrets are read when a message is sent, so a channel's missing secret fails that channel, not the failover.
 */
export function notificationChannels(plan: DRPlan, env: NodeJS.ProcessEnv = process.env): NotificationChannel[] {
  return plan.spec.notifications.map((c, i) => ({ name: c.name, events: c.events, connect: () => connect(plan, c, { path: `spec.notifications[${i}]`, env }) }));
}

function connect(plan: DRPlan, c: Channel, at: { path: string; env: NodeJS.ProcessEnv }): Notifier {
  const secret = (): string => {
    if (!c.secret) throw new InputError([{ path: `${at.path}.secret`, message: `${c.type} channel ${c.name} needs a secret reference, e.g. env:NAME` }]);
    return resolveSecretRef(c.secret, `${at.path}.secret`, at.env);
  };
  switch (c.type) {
    case 'slack':
      return SlackWebhookNotifier.fromConfig({ url: secret() });
    case 'webhook':
      return signedWebhook(secret(), `${at.path}.secret`);
    case 'pagerduty':
      return PagerDutyNotifier.fromConfig({ routingKey: secret(), endpoint: c.server, source: `lifeboat/${plan.metadata.name}` });
    case 'smtp':
      return smtp(c, c.secret ? secret() : undefined, at.path);
  }
}

function signedWebhook(value: string, path: string): SignedWebhookNotifier {
  const bar = value.indexOf('|');
  if (bar <= 0 || bar === value.length - 1) throw new InputError([{ path, message: 'a webhook secret must hold "URL|SECRET": the endpoint, a "|", then the HMAC signing secret' }]);
  return SignedWebhookNotifier.fromConfig({ url: value.slice(0, bar), secret: value.slice(bar + 1) });
}

function smtp(c: Channel, credentials: string | undefined, path: string): SmtpNotifier {
  const [host = '', portText = '587'] = (c.server ?? '').split(/:(?=\d+$)/);
  const auth = credentials === undefined ? undefined : userAndPassword(credentials, `${path}.secret`);
  const from = auth?.user.includes('@') ? auth.user : `lifeboat@${host}`;
  return SmtpNotifier.fromConfig({ host, port: Number(portText), from, to: c.to ?? [], auth });
}

function userAndPassword(value: string, path: string): { user: string; pass: string } {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new InputError([{ path, message: 'an smtp secret must hold "USER:PASSWORD"' }]);
  return { user: value.slice(0, colon), pass: value.slice(colon + 1) };
}
