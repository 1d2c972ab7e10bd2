import WebSocket from 'ws';

/**
 * A scripted website visitor speaking the visitor protocol (docs/protocol.md) over a real WebSocket, for the
 * inbox's browser tests and screenshots: it resolves the demo dialogue, answers "Yes", gives its name and email
 * and so asks for a live agent; then it can chat, type and end.
 */
export class ScriptedVisitor {
  readonly received: any[] = [];
  private waiters: { pred: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  private n = 0;
  conversationId = '';
  visitorId = '';

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const m = JSON.parse(String(data));
      this.received.push(m);
      for (const w of [...this.waiters]) {
        if (w.pred(m)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
      if (m.type === 'ask') this.answer(m);
    });
  }

  /** Connects and walks the demo stream up to its live-chat card. */
  static async askForAgent(
    base: string,
    profile: { firstName: string; email: string },
    path = '/demo',
  ): Promise<ScriptedVisitor> {
    const url = base + path;
    const settings = (await (
      await fetch(`${base}/api/settings`, { headers: { accept: 'application/json' } })
    )
      .json()
      .catch(() => ({}))) as { workspace?: string };
    const workspace = settings.workspace ?? 'demo';
    const resolved = (await (
      await fetch(`${base}/api/widget/resolve`, { method: 'POST', body: JSON.stringify({ workspace, url }) })
    ).json()) as {
      dialogue: { id: string } | null;
    };
    if (!resolved.dialogue) throw new Error(`no dialogue for ${url}`);
    const socket = new WebSocket(base.replace(/^http/, 'ws') + '/ws/visitor');
    await new Promise<void>((ok, fail) => {
      socket.once('open', () => ok());
      socket.once('error', fail);
    });
    const v = new ScriptedVisitor(socket);
    v.profile = profile;
    v.send({ type: 'hello', v: 2, workspace, url });
    const welcome = await v.next((m) => m.type === 'welcome');
    v.visitorId = welcome.visitorId;
    v.send({ type: 'start', id: 's1', dialogueId: resolved.dialogue.id, url });
    const started = await v.next((m) => m.type === 'started');
    v.conversationId = started.conversationId;
    await v.next((m) => m.type === 'waiting');
    return v;
  }

  private profile: { firstName: string; email: string } = { firstName: '', email: '' };

  private answer(ask: any): void {
    if (ask.kind === 'question') {
      const yes = ask.answers.find((a: any) => /^yes$/i.test(a.label)) ?? ask.answers[0];
      this.send({ type: 'reply', id: `r${++this.n}`, cardId: ask.cardId, answerId: yes.id });
    } else {
      const value =
        ask.attribute === 'email' ? this.profile.email : ask.attribute === 'firstName' ? this.profile.firstName : 'n/a';
      this.send({ type: 'reply', id: `r${++this.n}`, cardId: ask.cardId, text: value });
    }
  }

  send(msg: unknown): void {
    this.socket.send(JSON.stringify(msg));
  }

  say(text: string): string {
    const id = `m${++this.n}`;
    this.send({ type: 'message', id, text });
    return id;
  }

  typing(on: boolean): void {
    this.send({ type: 'typing', on });
  }

  end(): void {
    this.send({ type: 'end' });
  }

  /** The first message received so far, or the next one to arrive, that matches. */
  next(pred: (m: any) => boolean, ms = 20_000): Promise<any> {
    const seen = this.received.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`visitor: nothing matching in ${ms} ms; got ${JSON.stringify(this.received.slice(-5))}`)),
        ms,
      );
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
