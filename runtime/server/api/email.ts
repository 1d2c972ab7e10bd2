import { api } from '../../../shared/api/routes.ts';
import type { EmailSettings, EmailSettingsView } from '../../../shared/api/email.ts';
import { notFound } from '../http/body.ts';
import { HttpError, type Route } from '../http/types.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { route } from './operation.ts';

/** The outgoing mail server (admins) and the transcript a visitor asked for (the agents of the conversation). */
export function emailRoutes(ctx: ApiContext): Route[] {
  const { meta, conversations } = ctx.store;
  const view = (s: EmailSettings | null): EmailSettingsView =>
    s && { host: s.host, port: s.port, security: s.security, user: s.user, from: s.from, passwordSet: !!s.password };
  return [
    route(api.getEmailSettings, {
      async handler(req, call) {
        await ctx.auth.require(req, can.admin);
        return call.json(200, view(await meta.emailSettings()));
      },
    }),
    route(api.updateEmailSettings, {
      async handler(req, call) {
        await ctx.auth.require(req, can.admin);
        const b = call.body;
        if (!b) {
          await meta.setEmailSettings(null);
          return call.json(200, null);
        }
        const { password, ...rest } = b;
        // The password is write-only: left out, the stored one stays.
        const next: EmailSettings = { ...rest, password: password ?? (await meta.emailSettings())?.password ?? '' };
        await meta.setEmailSettings(next);
        return call.json(200, view(next));
      },
    }),
    route(api.sendTestEmail, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, can.admin);
        if (!(await meta.emailSettings())) throw new HttpError(422, 'email-off', 'no mail server is set');
        const r = await ctx.mailer.sendNow(user.email, {
          subject: 'Tributary test email',
          text: 'Your Tributary workspace can send email: missed chats, offline messages and transcripts will arrive.',
        });
        return call.json(200, { to: user.email, ...r });
      },
    }),
    route(api.emailTranscript, {
      async handler(req, call) {
        const { user } = await ctx.auth.require(req, (u) => can.liveChat(u) || can.viewAllConversations(u));
        const c = await conversations.get(call.params.id);
        if (!c) throw notFound('conversation');
        if (!can.viewAllConversations(user) && c.agentId !== user.id)
          throw new HttpError(403, 'forbidden', 'not one of your conversations');
        const to = call.body.email ?? (await conversations.visitor(c.visitorId))?.profile.email;
        if (!to) throw new HttpError(422, 'no-email', 'email: the visitor gave no email; give one');
        if (!(await meta.emailSettings())) throw new HttpError(422, 'email-off', 'no mail server is set');
        await ctx.mailer.transcript(c.id, to);
        return call.json(200, { to });
      },
    }),
  ];
}
