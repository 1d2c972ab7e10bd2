/** Shapes of the runtime's HTTP API as the editor reads them (docs/openapi.yaml). Unknown fields are ignored. */
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  canPublish?: boolean;
}

export interface StreamSummary {
  id: string;
  name: string;
  updatedAt?: number;
  createdAt?: number;
  latestVersion?: number | null;
  /** Who has the stream open in the editor now. */
  editors?: { userId?: string; name: string }[];
}

export interface VersionSummary {
  version: number;
  hash: string;
  publishedAt: number;
  publishedBy?: string | null;
  publishedByName?: string | null;
}

export interface VersionDetail extends VersionSummary {
  compiled?: unknown;
  /** The interchange document it was compiled from. */
  source?: unknown;
}

export interface Dialogue {
  id: string;
  name: string;
  streamId: string;
  include: string[];
  exclude: string[];
  /** 1 is the highest. */
  priority: number;
  triggers: { secondsOnPage?: number; secondsOnSite?: number; scrollPercent?: number };
  showOnce: boolean;
  active: boolean;
}
