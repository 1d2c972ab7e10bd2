import type { SuccessOf } from '../../shared/api/operation.ts';
import type { getWidgetInstall } from '../../shared/api/widget.ts';
import type { Appearance, AppearanceOverride } from '../../shared/widget/appearance.ts';
import { call } from '../../web/api/client.ts';

export type InstallInfo = SuccessOf<typeof getWidgetInstall>;
export type WidgetSite = InstallInfo['sites'][number];

/** The widget's settings (docs/widget.md): appearance, its pictures, allowed origins and the installation check. */
export const widgetApi = {
  appearance: () => call('getWidgetAppearance'),
  saveAppearance: (patch: Partial<Appearance>) => call('updateWidgetAppearance', { body: patch }),
  dialogueAppearance: (id: string) => call('getDialogueAppearance', { params: { id } }),
  saveDialogueAppearance: (id: string, override: AppearanceOverride) =>
    call('updateDialogueAppearance', { params: { id }, body: override }),
  install: () => call('getWidgetInstall'),
  saveAllowedOrigins: (allowedOrigins: string[]) => call('updateAllowedOrigins', { body: { allowedOrigins } }),
  /** Uploads a picture as it is (its type in the request); answers the URL to put in the appearance. */
  uploadImage: async (file: File) => (await call('uploadWidgetImage', { raw: file })).url,
};
