import type { NotificationMessage, Notifier } from '../../core/ports/notifier.js';
import { postJson } from './post-json.js';

export interface SlackWebhookConfig {
  /** The incoming webhook URL (https://hooks.slack.com/services/T.../B.../...): it is the secret. */
  url: string;
}

const EMOJI: Record<NotificationMessage['severity'], string> = { info: ':white_check_mark:', warning: ':warning:', error: ':x:', critical: ':rotating_light:' };

/**
 * Posts to a Slack incoming webhook: `text` (the fallback shown in notifications) plus Block Kit
 * `blocks` (a header, the text, the fields as a two-column section). Slack answers `ok` or an error
 * word such as `no_service`, which the ProviderError keeps; the URL never appears in it.
 */
export class SlackWebhookNotifier implements Notifier {
  constructor(private readonly config: SlackWebhookConfig) {}

  static fromConfig(config: SlackWebhookConfig): SlackWebhookNotifier {
    return new SlackWebhookNotifier(config);
  }

  async send(message: NotificationMessage): Promise<void> {
    await postJson(this.config.url, JSON.stringify(slackPayload(message)), { provider: 'slack', secrets: [this.config.url] });
  }
}

/** Block Kit limits: header 150 characters, section text 3000, at most 10 fields of 2000 each. */
export function slackPayload(message: NotificationMessage): { text: string; blocks: unknown[] } {
  const fields = Object.entries(message.fields).slice(0, 10).map(([k, v]) => ({ type: 'mrkdwn', text: `*${escape(k)}*\n${escape(v)}`.slice(0, 2000) }));
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: `${EMOJI[message.severity]} ${escape(message.text)}`.slice(0, 3000) } },
  ];
  if (fields.length > 0) blocks.push({ type: 'section', fields });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `lifeboat · ${message.event}` }] });
  return { text: `${message.title}: ${message.text}`.slice(0, 3000), blocks };
}

/** Slack's mrkdwn reserves &, < and > (links, mentions): escape them as Slack documents. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
