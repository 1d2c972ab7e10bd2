import { DEFAULT_APPEARANCE, type Appearance, type AppearanceOverride } from '../../../shared/widget/appearance.ts';

/** A site the widget was loaded on: the page's origin, when the loader last asked from it, and the page. */
export interface WidgetSite {
  origin: string;
  lastSeen: number;
  /** The last page of that site that asked (path only: no query string, which may carry personal data). */
  lastPage: string;
  /** Whether the allowed origins let it show the widget at that time. */
  allowed: boolean;
}

export interface WidgetImage {
  type: string;
  data: Buffer;
}

/** The installation check keeps the sites seen most recently, so that forged page URLs cannot fill the store. */
export const MAX_SITES = 100;
/** `scope` of the workspace's appearance; a dialogue's is `d:<dialogue id>`. */
export const WORKSPACE_SCOPE = '';
export const dialogueScope = (dialogueId: string) => `d:${dialogueId}`;

/** The workspace's appearance as stored (JSON), with defaults for fields added after it was saved. */
export const toAppearance = (json: string | undefined): Appearance => ({
  ...DEFAULT_APPEARANCE,
  ...(json ? (JSON.parse(json) as Partial<Appearance>) : {}),
});

export const toSite = (r: { origin: string; last_seen: number; last_page: string; allowed: number | boolean }) => ({
  origin: r.origin,
  lastSeen: r.last_seen,
  lastPage: r.last_page,
  allowed: !!r.allowed,
});

/**
 * The widget's own settings: its appearance (the workspace's, and each dialogue's override), the origins allowed
 * to embed it, the sites it was seen loading on, and the pictures uploaded for it (part of the workspace
 * aggregate). Writes resolve once durable.
 */
export interface WidgetSettings {
  appearance(): Promise<Appearance>;
  setAppearance(a: Appearance): Promise<void>;
  /** A dialogue's override, or null when it follows the workspace in everything. */
  dialogueAppearance(dialogueId: string): Promise<AppearanceOverride | null>;
  setDialogueAppearance(dialogueId: string, o: AppearanceOverride | null): Promise<void>;
  allowedOrigins(): Promise<string[]>;
  setAllowedOrigins(origins: string[]): Promise<void>;
  sites(): Promise<WidgetSite[]>;
  siteSeen(site: WidgetSite): Promise<void>;
  addImage(img: WidgetImage): Promise<string>;
  image(id: string): Promise<WidgetImage | undefined>;
}
