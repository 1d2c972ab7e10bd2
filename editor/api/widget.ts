import type { Appearance, AppearanceOverride } from '../../shared/widget/appearance.ts';
import { api, ApiError, auth } from './client.ts';

export interface AppearanceWarning {
  field: 'textColor';
  code: 'low-contrast';
  message: string;
  ratio: number;
}

export interface WidgetSite {
  origin: string;
  lastSeen: number;
  lastPage: string;
  allowed: boolean;
}

export interface InstallInfo {
  workspace: string;
  allowedOrigins: string[];
  sites: WidgetSite[];
}

type Saved = { appearance: Appearance; warnings: AppearanceWarning[] };

/** The widget's settings (docs/widget.md): appearance, its pictures, allowed origins and the installation check. */
export const widgetApi = {
  appearance: () => api<Saved>('/api/widget/appearance'),
  saveAppearance: (patch: Partial<Appearance>) => api<Saved>('/api/widget/appearance', { method: 'PUT', body: patch }),
  dialogueAppearance: (id: string) =>
    api<Saved & { override: AppearanceOverride }>(`/api/dialogues/${encodeURIComponent(id)}/appearance`),
  saveDialogueAppearance: (id: string, override: AppearanceOverride) =>
    api<Saved & { override: AppearanceOverride }>(`/api/dialogues/${encodeURIComponent(id)}/appearance`, {
      method: 'PUT',
      body: override,
    }),
  install: () => api<InstallInfo>('/api/widget/install'),
  saveAllowedOrigins: (allowedOrigins: string[]) =>
    api<{ allowedOrigins: string[] }>('/api/widget/allowed-origins', { method: 'PUT', body: { allowedOrigins } }),
  /** Uploads a picture as it is (its type in the request); answers the URL to put in the appearance. */
  async uploadImage(file: File): Promise<string> {
    const headers: Record<string, string> = { 'content-type': file.type || 'application/octet-stream' };
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    const res = await fetch('/api/widget/images', { method: 'POST', headers, body: file, credentials: 'same-origin' });
    const body = (await res.json().catch(() => ({}))) as { url?: string; error?: { code: string; message: string } };
    if (!res.ok || !body.url)
      throw new ApiError(res.status, body.error?.code ?? String(res.status), body.error?.message ?? res.statusText);
    return body.url;
  },
};
