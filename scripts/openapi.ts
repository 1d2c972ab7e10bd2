import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document } from 'yaml';
import { openapiDocument } from '../shared/api/openapi.ts';
import { operations } from '../shared/api/routes.ts';

/** Where the document is committed. */
export const OPENAPI_FILE = fileURLToPath(new URL('../docs/openapi.yaml', import.meta.url));

/** docs/openapi.yaml as the route table makes it: a route list for people, then the document. */
export function renderOpenapi(): string {
  const doc = new Document(openapiDocument(), { aliasDuplicateObjects: false });
  const width = Math.max(...operations.map((o) => o.path.length));
  doc.commentBefore = [
    ' Tributary runtime HTTP API. GENERATED from shared/api by `npm run openapi`: edit the schemas, not this file.',
    '',
    ' Route list:',
    ...operations.map((o) => `   ${o.method.padEnd(6)} ${o.path.padEnd(width)}  ${o.operationId}`),
  ].join('\n');
  return doc.toString({ lineWidth: 120 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderOpenapi();
  const old = (() => {
    try {
      return readFileSync(OPENAPI_FILE, 'utf8');
    } catch {
      return '';
    }
  })();
  if (process.argv.includes('--check')) {
    if (old !== text) {
      console.error('docs/openapi.yaml is not what shared/api describes: run npm run openapi');
      process.exit(1);
    }
  } else {
    writeFileSync(OPENAPI_FILE, text);
    console.log(old === text ? 'docs/openapi.yaml is up to date' : 'wrote docs/openapi.yaml');
  }
}
