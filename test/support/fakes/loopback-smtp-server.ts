import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  user: string | undefined;
  /** The raw RFC 5322 message (headers + body). */
  raw: string;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 with a random port: AUTH PLAIN/LOGIN
 * against one user, no STARTTLS (loopback only), and an optional SMTP reply code to refuse recipients.
 */
export class LoopbackSmtpServer {
  readonly mails: ReceivedMail[] = [];
  /** When set, RCPT TO is answered with this code (e.g. 550 unknown user, 451 try later). */
  rejectRecipientsWith: number | undefined;
  private port = 0;
  private readonly server: SMTPServer;

  private constructor(credentials: { user: string; pass: string }) {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: false,
      logger: false,
      onAuth: (auth, _session, cb) => (auth.username === credentials.user && auth.password === credentials.pass ? cb(null, { user: auth.username }) : cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))),
      onRcptTo: (_address, _session, cb) => (this.rejectRecipientsWith ? cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: this.rejectRecipientsWith })) : cb()),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const from = session.envelope.mailFrom;
          this.mails.push({ mailFrom: from ? from.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
  }

  static async start(credentials: { user: string; pass: string }): Promise<LoopbackSmtpServer> {
    const self = new LoopbackSmtpServer(credentials);
    await new Promise<void>((resolve) => self.server.listen(0, '127.0.0.1', resolve));
    self.port = ((self.server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    return self;
  }

  get host(): string { return '127.0.0.1'; }
  get listeningPort(): number { return this.port; }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
