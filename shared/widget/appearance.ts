import { BRAND_COLOR } from '../brand.ts';

/**
 * How the visitor widget looks: the workspace's appearance, optionally overridden per dialogue. Plain data with
 * no zod, because the widget's loader reads it (its schema for the API is in ./schema.ts). The runtime sends the
 * merged appearance with the dialogue the loader resolves; the loader and the conversation UI turn it into CSS
 * custom properties (runtime/widget/theme.ts).
 */
export interface Appearance {
  /** Launcher, header, the visitor's bubbles and buttons; `#rrggbb`. */
  brandColor: string;
  /** Text and icons on the brand colour; `#rrggbb`. */
  textColor: string;
  /** The panel's title; empty: the widget's own words in the visitor's language ("Chat with us"). */
  title: string;
  /** The line under the title; empty: the widget's own words ("Ask us anything"). */
  subtitle: string;
  /** Shown above the bot's messages; empty: none. */
  botName: string;
  /** The bot's picture (an image uploaded with POST /api/widget/images); null: the bot icon. */
  botAvatarUrl: string | null;
  launcherIcon: LauncherIcon;
  /** Which bottom corner of the page the launcher sits in. */
  position: 'left' | 'right';
  /** Distance from the side of the page, px. */
  offsetX: number;
  /** Distance from the bottom of the page, px. */
  offsetY: number;
  /** Corner radius of the panel and its bubbles, px. */
  radius: number;
  /** `system`: the widget's own font stack; `page`: the host page's font (read from its <body>). */
  font: 'system' | 'page';
  mode: 'light' | 'dark';
}

export const LAUNCHER_ICONS = ['chat', 'help', 'spark'] as const;
export type LauncherIcon = (typeof LAUNCHER_ICONS)[number];

/** Bounds of the numeric fields, shared by the API schema, the form and the widget (which clamps). */
export const APPEARANCE_BOUNDS = {
  offsetX: { min: 0, max: 200 },
  offsetY: { min: 0, max: 200 },
  radius: { min: 0, max: 24 },
  title: 60,
  subtitle: 80,
  botName: 40,
} as const;

/** What a workspace looks like until someone changes it: the widget as it always looked. */
export const DEFAULT_APPEARANCE: Appearance = {
  brandColor: BRAND_COLOR,
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
};

/** A dialogue's own appearance: the fields it changes; the rest comes from the workspace. */
export type AppearanceOverride = Partial<Appearance>;

/** The appearance a dialogue shows: the workspace's, with the dialogue's own fields on top. */
export function mergeAppearance(workspace: Appearance, override: AppearanceOverride | null | undefined): Appearance {
  return { ...workspace, ...(override ?? {}) };
}

/** The only colour notation the appearance keeps: `#rrggbb`, lower case. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/;
