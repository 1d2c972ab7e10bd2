import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export interface Operation {
  method: string;
  path: string;
  /** Property names of the JSON request body's schema (after one `$ref`), when it has any. */
  bodyProps: string[];
}

/** Every operation of docs/openapi.yaml, read with a YAML parser. */
export function openapiOperations(): Operation[] {
  const doc = parse(readFileSync(resolve(import.meta.dirname, '../../docs/openapi.yaml'), 'utf8'));
  const deref = (s: any): any => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const schema = deref(op.requestBody?.content?.['application/json']?.schema);
      const props = schema?.properties ?? deref(schema?.allOf?.[0])?.properties ?? {};
      ops.push({ method: method.toUpperCase(), path, bodyProps: Object.keys(props) });
    }
  }
  return ops;
}
