import type { LintContext } from '../../../shared/lint/context.ts';
import type { Dialogue } from '../store/dialogues.ts';
import type { Store } from '../store/store.ts';

/**
 * The workspace facts lint needs (SPEC §3 context rules): agents, teams, custom attributes and the dialogue the
 * stream is published as. The editor fetches the same object, so the canvas and publish lint alike.
 */
export async function lintContextFor(
  store: Store,
  streamId: string,
  publishing: boolean,
  dialogueId?: string,
): Promise<LintContext> {
  const dialogues = await store.dialogues.ofStream(streamId);
  // The dialogue named, else one that would fail `no-target-url`, else the first: publishing must not pass
  // while any dialogue of the stream targets nothing.
  const dialogue: Dialogue | undefined =
    (dialogueId ? dialogues.find((d) => d.id === dialogueId) : undefined) ??
    dialogues.find((d) => d.active && d.include.every((u) => u.trim() === '')) ??
    dialogues[0];
  return {
    agents: (await store.users.list()).filter((u) => u.roles.includes('agent')).map((u) => ({ id: u.id })),
    teams: (await store.teams.list()).map((t) => ({ id: t.id })),
    customAttributes: (await store.attributes.list()).map((a) => a.name),
    dialogue: dialogue ? { targetUrls: dialogue.include } : undefined,
    publishing,
  };
}
