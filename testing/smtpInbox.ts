import { SMTPServer } from 'smtp-server';

/** A local SMTP server that keeps what it receives; `refuse` makes it answer 451 to that many recipients first. */
export class SmtpInbox {
  readonly mails: { to: string[]; raw: string }[] = [];
  refuse = 0;
  refused = 0;
  private waiters: (() => void)[] = [];
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (_addr, _session, cb) => {
      if (this.refuse > 0) {
        this.refuse--;
        this.refused++;
        return cb(Object.assign(new Error('try again later'), { responseCode: 451 }));
      }
      cb();
    },
    onData: (stream, session, cb) => {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        for (const w of this.waiters.splice(0)) w();
        cb();
      });
    },
  });
  port = 0;
  async listen() {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.port = (this.server.server.address() as { port: number }).port;
  }
  async waitFor(n: number) {
    while (this.mails.length < n) await new Promise<void>((ok) => this.waiters.push(ok));
    return this.mails;
  }
  /** The first email to `address` received at or after index `from`. */
  async to(address: string, from = 0) {
    for (;;) {
      const m = this.mails.slice(from).find((x) => x.to.includes(address));
      if (m) return m;
      await new Promise<void>((ok) => this.waiters.push(ok));
    }
  }
  close = () => new Promise<void>((ok) => this.server.close(() => ok()));
}

/** A received email's body, quoted-printable decoded enough to read it (soft breaks, =XX bytes). */
export function mailBody(raw: string): string {
  return Buffer.from(
    raw
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n\n')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}
