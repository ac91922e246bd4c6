import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../core/errors.js';
import type { NotificationMessage } from '../../core/ports/notifier.js';
import { LoopbackSmtpServer } from '../../../test/support/fakes/loopback-smtp-server.js';
import { SmtpNotifier } from './smtp-notifier.js';

const USER = 'lifeboat@example.com';
const PASS = 'smtp-Pa55word-9k';
const message: NotificationMessage = {
  event: 'failover-complete',
  title: 'Failover of shop complete: RTO 4m12s, RPO 38m',
  text: 'Traffic for app.example.com now goes to region-b.',
  fields: { Run: 'run-1', RTO: '4m12s (objective 15m: met)', RPO: '38m (objective 1h: met)' },
  severity: 'info',
};

/** Headers unfolded, body decoded from quoted-printable (what a mail client shows). */
function parse(raw: string): { headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = rest.join('\r\n\r\n').replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

describe('SmtpNotifier against a real SMTP server on loopback', () => {
  let smtp: LoopbackSmtpServer;

  beforeEach(async () => { smtp = await LoopbackSmtpServer.start({ user: USER, pass: PASS }); });
  afterEach(() => smtp.close());

  const sutWith = (pass = PASS): SmtpNotifier =>
    SmtpNotifier.fromConfig({ host: smtp.host, port: smtp.listeningPort, from: USER, to: ['ic@example.com', 'sre@example.com'], auth: { user: USER, pass }, timeoutMs: 5000 });

  it('authenticates and delivers to every recipient with the subject and the fields in the body', async () => {
    await sutWith().send(message);

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.user).toBe(USER);
    expect(mail?.mailFrom).toBe(USER);
    expect(mail?.rcptTo).toEqual(['ic@example.com', 'sre@example.com']);
    const { headers, body } = parse(mail?.raw ?? '');
    expect(headers.subject).toBe('[Lifeboat] Failover of shop complete: RTO 4m12s, RPO 38m');
    expect(headers.from).toBe(USER);
    expect(headers.to).toBe('ic@example.com, sre@example.com');
    expect(headers['x-lifeboat-event']).toBe('failover-complete');
    expect(body.trim()).toBe([
      'Traffic for app.example.com now goes to region-b.',
      '',
      'Run: run-1',
      'RTO: 4m12s (objective 15m: met)',
      'RPO: 38m (objective 1h: met)',
      '',
      '-- lifeboat (failover-complete)',
    ].join('\n'));
  });

  it('reports refused credentials as not retryable, without the password or user', async () => {
    const error = await sutWith('wrong-password-77').send(message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'smtp', retryable: false, status: 535 });
    expect((error as Error).message).not.toMatch(/wrong-password-77|lifeboat@example\.com/);
    expect(smtp.mails).toHaveLength(0);
  });

  it.each([
    [550, false],
    [451, true],
  ])('a %i answer to RCPT TO is retryable: %s', async (code, retryable) => {
    smtp.rejectRecipientsWith = code;

    const error = await sutWith().send(message).catch((e: unknown) => e);

    expect(error).toMatchObject({ provider: 'smtp', retryable, status: code });
    expect((error as Error).message).not.toContain(PASS);
  });

  it('reports a server that is not listening as retryable', async () => {
    await smtp.close();

    const error = await sutWith().send(message).catch((e: unknown) => e);

    expect(error).toMatchObject({ provider: 'smtp', retryable: true });
    expect((error as Error).message).toMatch(/^SMTP 127\.0\.0\.1:\d+ did not take the message \(ESOCKET\): connect ECONNREFUSED/);
  });
});
