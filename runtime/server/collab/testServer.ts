import * as Y from 'yjs';
import { startCollabServer } from './harness.ts';

/**
 * The collab server as its own process, for the crash test (killed with SIGKILL mid-load):
 *   node --import tsx runtime/server/collab/testServer.ts DATA_DIR [STREAM_ID…]
 * Creates an empty draft for each listed stream that has none, then prints `{"port":N}` on one line.
 */
const [dataDir, ...streams] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: testServer.ts DATA_DIR [STREAM_ID…]');
  process.exit(2);
}
const server = await startCollabServer(dataDir);
for (const id of streams)
  if (!(await server.drafts.exists(id))) await server.drafts.create(id, Y.encodeStateAsUpdate(new Y.Doc()));
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
