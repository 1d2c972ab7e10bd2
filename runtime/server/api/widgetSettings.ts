import { mergeAppearance, type Appearance } from '../../../shared/widget/appearance.ts';
import { AA_NORMAL_TEXT, contrastRatio } from '../../../shared/widget/contrast.ts';
import { api } from '../../../shared/api/routes.ts';
import { notFound } from '../http/body.ts';
import type { Req, Route } from '../http/types.ts';
import { can } from '../store/users.ts';
import type { ApiContext } from './context.ts';
import { imageRes, readImage } from './images.ts';
import { route } from './operation.ts';

/** The bot's picture is shown at 36 px: a quarter of a megabyte is plenty. */
export const MAX_WIDGET_IMAGE_BYTES = 256 * 1024;

/** A warning the form shows and the save does not refuse (a brand may insist on its colours). */
export interface AppearanceWarning {
  field: 'textColor';
  code: 'low-contrast';
  message: string;
  ratio: number;
}

/**
 * The widget's settings for marketers and admins: its appearance (the workspace's and each dialogue's override),
 * pictures for it, and the install page's data (workspace id, allowed origins, where it was seen loading).
 */
export function widgetSettingsRoutes(ctx: ApiContext): Route[] {
  const editor = (req: Req) => ctx.auth.require(req, can.editStreams);
  const repo = () => ctx.store.widget;
  const dialogue = async (id: string) => (await ctx.store.dialogues.get(id)) ?? fail('dialogue');
  return [
    route(api.getWidgetAppearance, {
      async handler(req, call) {
        await editor(req);
        return call.json(200, withWarnings(await repo().appearance()));
      },
    }),
    route(api.updateWidgetAppearance, {
      async handler(req, call) {
        await editor(req);
        const next = { ...(await repo().appearance()), ...call.body };
        await repo().setAppearance(next);
        return call.json(200, withWarnings(next));
      },
    }),
    route(api.getDialogueAppearance, {
      async handler(req, call) {
        await editor(req);
        const d = await dialogue(call.params.id);
        const override = (await repo().dialogueAppearance(d.id)) ?? {};
        return call.json(200, { override, ...withWarnings(mergeAppearance(await repo().appearance(), override)) });
      },
    }),
    route(api.updateDialogueAppearance, {
      async handler(req, call) {
        await editor(req);
        const d = await dialogue(call.params.id);
        const override = call.body;
        await repo().setDialogueAppearance(d.id, override);
        return call.json(200, { override, ...withWarnings(mergeAppearance(await repo().appearance(), override)) });
      },
    }),
    route(api.uploadWidgetImage, {
      // Within the operation's body limit the handler reads the body, so that "too large" is a 400 naming the field.
      async handler(req, call) {
        await editor(req);
        const id = await repo().addImage(readImage(req, 'avatar', MAX_WIDGET_IMAGE_BYTES));
        return call.json(201, { url: `/api/widget/images/${id}` });
      },
    }),
    route(api.getWidgetImage, {
      async handler(_req, call) {
        const img = await repo().image(call.params.id);
        if (!img) throw notFound('image');
        return imageRes(img);
      },
    }),
    route(api.getWidgetInstall, {
      async handler(req, call) {
        await editor(req);
        return call.json(200, {
          workspace: await ctx.store.meta.workspace(),
          allowedOrigins: await repo().allowedOrigins(),
          sites: await repo().sites(),
        });
      },
    }),
    route(api.updateAllowedOrigins, {
      async handler(req, call) {
        await editor(req);
        const unique = [...new Set(call.body.allowedOrigins)];
        await repo().setAllowedOrigins(unique);
        return call.json(200, { allowedOrigins: unique });
      },
    }),
  ];
}

/** The appearance and what the form should warn about (WCAG AA for the text on the brand colour). */
export function withWarnings(appearance: Appearance): { appearance: Appearance; warnings: AppearanceWarning[] } {
  const ratio = contrastRatio(appearance.textColor, appearance.brandColor);
  const warnings: AppearanceWarning[] =
    ratio < AA_NORMAL_TEXT
      ? [
          {
            field: 'textColor',
            code: 'low-contrast',
            ratio: Math.round(ratio * 100) / 100,
            message: `the text colour on the brand colour has a contrast of ${ratio.toFixed(2)}:1; WCAG AA asks for ${AA_NORMAL_TEXT}:1`,
          },
        ]
      : [];
  return { appearance, warnings };
}

function fail(what: string): never {
  throw notFound(what);
}
