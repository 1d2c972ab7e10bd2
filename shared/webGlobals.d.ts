/**
 * The few globals shared/ may use: those every runtime it runs in provides (browsers, Node, the CLI) — the WHATWG
 * URL parser. Declared here, narrowly, because shared/ is type-checked without DOM or Node types
 * (tsconfig.shared.json); anything else platform-specific is passed in by the caller.
 */
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
