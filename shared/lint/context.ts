/**
 * What lint knows about the workspace beyond the stream. Every field is optional: a rule whose facts are absent does
 * not run (the CLI lints a file without a workspace; the editor and publish pass what they have).
 */
export interface LintContext {
  /** The workspace's agents; `live-chat-unknown-target` checks `agent` routing against them. */
  agents?: readonly { id: string }[];
  /** The workspace's teams; `live-chat-unknown-target` checks `team` routing against them. */
  teams?: readonly { id: string }[];
  /** Custom attributes the admin defined; tokens may name them (`unknown-token`). */
  customAttributes?: readonly string[];
  /** The dialogue this stream is published as, when there is one (`no-target-url`). */
  dialogue?: { targetUrls: readonly string[] } | undefined;
  /** True when linting for publish: `no-target-url` only blocks publishing. */
  publishing?: boolean;
}
