import { createTransport } from 'nodemailer';
import { ProviderError } from '../../core/errors.js';
import type { NotificationMessage, Notifier } from '../../core/ports/notifier.js';
import { redact } from '../../core/redact.js';

export interface SmtpConfig {
  host: string;
  port: number;
  /** Envelope and header sender, e.g. lifeboat@example.com. */
  from: string;
  to: readonly string[];
  auth?: { user: string; pass: string };
  /**
   * Refuse to send without STARTTLS (default: when credentials are set and the server is not loopback),
   * so a password never crosses the network in clear. Port 465 uses implicit TLS instead.
   */
  requireTls?: boolean;
  timeoutMs?: number;
}

interface SmtpErrorShape { code?: string; responseCode?: number; response?: string; message?: string }

/**
 * Sends the message as a plain-text e-mail through an SMTP relay with nodemailer: subject
 * `[Lifeboat] <title>`, the text, then one `Label: value` line per field. SMTP 4xx answers and
 * connection failures are retryable; 5xx answers (unknown recipient, relay refused) and refused
 * credentials are not. Errors never carry the password or user name.
 */
export class SmtpNotifier implements Notifier {
  constructor(private readonly config: SmtpConfig) {}

  static fromConfig(config: SmtpConfig): SmtpNotifier {
    return new SmtpNotifier(config);
  }

  async send(message: NotificationMessage): Promise<void> {
    const { host, port, auth, timeoutMs = 15_000 } = this.config;
    const loopback = ['localhost', '127.0.0.1', '::1'].includes(host);
    const transport = createTransport({
      host, port, auth, secure: port === 465,
      requireTLS: this.config.requireTls ?? (auth !== undefined && !loopback),
      connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
    });
    try {
      await transport.sendMail({ from: this.config.from, to: [...this.config.to], subject: `[Lifeboat] ${message.title}`, text: emailText(message), headers: { 'X-Lifeboat-Event': message.event } });
    } catch (cause) {
      throw this.error(cause);
    } finally {
      transport.close();
    }
  }

  private error(cause: unknown): ProviderError {
    const e = (cause ?? {}) as SmtpErrorShape;
    const secrets = this.config.auth ? [this.config.auth.pass, this.config.auth.user] : [];
    const reason = e.response ?? e.message ?? String(cause);
    const message = redact(`SMTP ${this.config.host}:${this.config.port} did not take the message (${e.code ?? 'error'}): ${reason}`.slice(0, 500), secrets);
    const retryable = e.responseCode === undefined ? e.code !== 'EAUTH' : e.responseCode < 500;
    // No `cause`: nodemailer's error keeps the SMTP command, and AUTH PLAIN carries the password in base64.
    return new ProviderError(message, { provider: 'smtp', operation: 'sendMail', retryable, status: e.responseCode });
  }
}

/** The e-mail body: the text, a blank line, then the fields. */
export function emailText(message: NotificationMessage): string {
  const fields = Object.entries(message.fields).map(([k, v]) => `${k}: ${v}`);
  return [message.text, '', ...fields, '', `-- lifeboat (${message.event})`].join('\n');
}
