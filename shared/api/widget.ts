import { z } from 'zod';
import { resolveRequestSchema, resolveResponseSchema, visitorTokenSchema } from '../protocol/visitor.ts';
import { allowedOriginsSchema, appearancePatchSchema, appearanceSchema } from '../widget/schema.ts';
import { accessErrors, defineOperation, idParam } from './operation.ts';
import { AVATAR_TYPES } from './users.ts';

export const resolveSchema = resolveResponseSchema.meta({
  id: 'Resolve',
  examples: [
    {
      dialogue: { id: 'd_02aa', version: 1, triggers: {}, poke: 'Hi there! Welcome to the demo.' },
      resume: null,
      visitorToken: 'v_Qm9sZG5lc3Mx.Vb1yb3fT2l0cXh2c3RhcmJ5dGVzMTIzNDU2',
      appearance: {
        brandColor: '#4f46e5',
        textColor: '#ffffff',
        title: '',
        subtitle: '',
        botName: '',
        botAvatarUrl: null,
        launcherIcon: 'chat',
        position: 'right',
        offsetX: 20,
        offsetY: 20,
        radius: 18,
        font: 'system',
        mode: 'light',
      },
    },
  ],
});

export const resolveWidget = defineOperation({
  operationId: 'resolveWidget',
  method: 'POST',
  path: '/api/widget/resolve',
  tag: 'widget',
  summary:
    "The widget loader's one call: which dialogue the page shows, how the widget looks, the conversation to resume",
  description:
    'Public and readable cross-origin (`Access-Control-Allow-Origin: *`), never cached (docs/protocol.md). The body ' +
    'is JSON sent as `text/plain` (no CORS preflight), so that the visitor credential never travels in a URL; the ' +
    "answer carries the credential to keep (a new visitor's when none or a foreign one was given). Records the " +
    "page's origin for the installation check; 403 `origin-not-allowed` for an origin the allowed origins leave out.",
  access: 'public',
  body: resolveRequestSchema,
  bodyExample: { workspace: 'demo', url: 'https://www.example.com/pricing' },
  maxBody: 4096,
  responses: {
    200: { description: 'The dialogue, or null; the conversation to resume, or null', schema: resolveSchema },
  },
  errors: [400, 403, 404],
});

const appearanceExample = {
  brandColor: '#0f766e',
  textColor: '#ffffff',
  title: 'Northwind help',
  subtitle: 'We answer within minutes',
  botName: 'Nora',
  botAvatarUrl: null,
  launcherIcon: 'chat',
  position: 'right',
  offsetX: 20,
  offsetY: 20,
  radius: 18,
  font: 'system',
  mode: 'light',
};

export const appearanceWarningSchema = z
  .object({
    field: z.literal('textColor'),
    code: z.literal('low-contrast'),
    message: z.string(),
    ratio: z.number(),
  })
  .meta({
    id: 'AppearanceWarning',
    description: 'The text on the brand colour is below WCAG AA (4.5:1); saved anyway',
  });

const savedAppearance = z.object({
  appearance: appearanceSchema.meta({ id: 'Appearance' }),
  warnings: z.array(appearanceWarningSchema),
});
const savedOverride = savedAppearance.extend({
  override: appearancePatchSchema.meta({
    description: 'The fields the dialogue sets itself ({} follows the workspace)',
  }),
});
const dialogueParams = z.object({ id: idParam });
const overrideExample = {
  override: { title: 'Pricing questions?' },
  appearance: { ...appearanceExample, title: 'Pricing questions?' },
  warnings: [],
};

export const trackWidget = defineOperation({
  operationId: 'trackWidget',
  method: 'POST',
  path: '/api/widget/track',
  tag: 'widget',
  summary: "The loader's beacon when it shows a dialogue (launcher or poke): `triggered`, opened or not",
  description:
    'Public, sent with `navigator.sendBeacon` (a `text/plain` body holding JSON, so no CORS preflight). A show-once ' +
    'dialogue is not shown to that visitor again. Refused for origins the allowed origins leave out, for a ' +
    'visitorToken this workspace did not issue (400), and past the beacons per address per minute (429).',
  access: 'public',
  body: z.object({
    workspace: z.string().max(100),
    visitorToken: visitorTokenSchema.meta({ description: 'The visitorToken the resolve call answered' }),
    dialogue: idParam,
    name: z.literal('triggered'),
    url: z.string().min(1).max(2048),
  }),
  bodyExample: {
    workspace: 'demo',
    visitorToken: 'v_Qm9sZG5lc3Mx.Vb1yb3fT2l0cXh2c3RhcmJ5dGVzMTIzNDU2',
    dialogue: 'd_demo',
    name: 'triggered',
    url: 'https://www.example.com/pricing',
  },
  maxBody: 4096,
  responses: { 204: { description: 'Recorded' } },
  errors: [400, 403, 404, 429],
});

export const getWidgetAppearance = defineOperation({
  operationId: 'getWidgetAppearance',
  method: 'GET',
  path: '/api/widget/appearance',
  tag: 'widget',
  summary: "The workspace's widget appearance, with contrast warnings",
  access: 'marketer',
  responses: {
    200: {
      description: 'The appearance',
      schema: savedAppearance,
      example: { appearance: appearanceExample, warnings: [] },
    },
  },
  errors: accessErrors('marketer'),
});

export const updateWidgetAppearance = defineOperation({
  operationId: 'updateWidgetAppearance',
  method: 'PUT',
  path: '/api/widget/appearance',
  tag: 'widget',
  summary: "Changes the workspace's widget appearance (the fields given; the rest stays)",
  description: 'Open widgets take it on their next conversation, never in the middle of one.',
  access: 'marketer',
  body: appearancePatchSchema,
  bodyExample: { brandColor: '#0f766e', title: 'Northwind help' },
  maxBody: 16384,
  responses: {
    200: { description: 'Saved', schema: savedAppearance, example: { appearance: appearanceExample, warnings: [] } },
  },
  errors: [400, ...accessErrors('marketer')],
});

export const getDialogueAppearance = defineOperation({
  operationId: 'getDialogueAppearance',
  method: 'GET',
  path: '/api/dialogues/{id}/appearance',
  tag: 'widget',
  summary: "A dialogue's own appearance fields and the appearance it shows",
  access: 'marketer',
  params: dialogueParams,
  responses: {
    200: { description: 'Override and the merged appearance', schema: savedOverride, example: overrideExample },
  },
  errors: [400, 404, ...accessErrors('marketer')],
});

export const updateDialogueAppearance = defineOperation({
  operationId: 'updateDialogueAppearance',
  method: 'PUT',
  path: '/api/dialogues/{id}/appearance',
  tag: 'widget',
  summary: "Replaces a dialogue's own appearance fields ({}: follow the workspace in everything)",
  access: 'marketer',
  params: dialogueParams,
  body: appearancePatchSchema,
  bodyExample: { title: 'Pricing questions?' },
  maxBody: 16384,
  responses: { 200: { description: 'Saved', schema: savedOverride, example: overrideExample } },
  errors: [400, 404, ...accessErrors('marketer')],
});

export const uploadWidgetImage = defineOperation({
  operationId: 'uploadWidgetImage',
  method: 'POST',
  path: '/api/widget/images',
  tag: 'widget',
  summary: "Uploads a picture for the widget (the bot's avatar): raw PNG, JPEG, GIF or WebP body, at most 256 kB",
  description: 'Not an image, an unsupported type or too large: 400 naming `avatar`.',
  access: 'marketer',
  rawBody: AVATAR_TYPES,
  maxBody: 1024 * 1024,
  responses: {
    201: {
      description: "Stored: use `url` as the appearance's botAvatarUrl",
      schema: z.object({ url: z.string() }),
      example: { url: '/api/widget/images/img_x1Yz' },
    },
  },
  errors: [400, 413, ...accessErrors('marketer')],
});

export const getWidgetImage = defineOperation({
  operationId: 'getWidgetImage',
  method: 'GET',
  path: '/api/widget/images/{id}',
  tag: 'widget',
  summary: 'A picture uploaded for the widget (public; never changes, cached for a year)',
  access: 'public',
  params: z.object({ id: idParam }),
  responses: { 200: { description: 'The image', contentType: 'image/*' } },
  errors: [400, 404],
});

export const widgetSiteSchema = z
  .object({
    origin: z.string(),
    lastSeen: z.number().meta({ description: 'epoch ms of the last page view that loaded the widget' }),
    lastPage: z.string().meta({ description: 'its path (no query string)' }),
    allowed: z.boolean().meta({ description: 'false: refused by the allowed origins' }),
  })
  .meta({ id: 'WidgetSite' });

export const getWidgetInstall = defineOperation({
  operationId: 'getWidgetInstall',
  method: 'GET',
  path: '/api/widget/install',
  tag: 'widget',
  summary: 'The install page: workspace id, allowed origins, and where the widget was last seen loading',
  access: 'marketer',
  responses: {
    200: {
      description: 'Sites newest first (at most 100)',
      example: {
        workspace: 'demo',
        allowedOrigins: ['https://www.example.com'],
        sites: [
          { origin: 'https://www.example.com', lastSeen: 1767225600000, lastPage: '/pricing', allowed: true },
          { origin: 'https://copycat.example', lastSeen: 1767225000000, lastPage: '/', allowed: false },
        ],
      },
      schema: z.object({
        workspace: z.string(),
        allowedOrigins: z.array(z.string()),
        sites: z.array(widgetSiteSchema),
      }),
    },
  },
  errors: accessErrors('marketer'),
});

export const updateAllowedOrigins = defineOperation({
  operationId: 'updateAllowedOrigins',
  method: 'PUT',
  path: '/api/widget/allowed-origins',
  tag: 'widget',
  summary: 'Which sites may embed the widget ([]: any site)',
  access: 'marketer',
  body: allowedOriginsSchema,
  bodyExample: { allowedOrigins: ['https://www.example.com'] },
  maxBody: 16384,
  responses: {
    200: {
      description: 'Saved (normalised, without duplicates)',
      schema: z.object({ allowedOrigins: z.array(z.string()) }),
      example: { allowedOrigins: ['https://www.example.com'] },
    },
  },
  errors: [400, ...accessErrors('marketer')],
});
