/** Shapes of the runtime's HTTP API as the editor reads them: the route table's own types (shared/api). */
export type { User as Me } from '../../shared/api/users.ts';
export type {
  StreamSummary,
  Version as VersionDetail,
  VersionMeta as VersionSummary,
} from '../../shared/api/streams.ts';
export type { Dialogue, NewDialogue } from '../../shared/api/dialogues.ts';
