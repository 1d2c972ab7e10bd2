/** Markup that would run if any page put it into the DOM as HTML; `tag` tells which field it came from. */
export const evil = (tag: string) =>
  `<img src=x onerror="window.__pwned='${tag}'"><script>window.__pwned='${tag}-script'</script><svg onload="window.__pwned='${tag}-svg'"></svg>`;

/** A stream with hostile markup in every text a marketer writes: texts, prompts, labels, values, names. */
export function hostileStream(url = 'https://example.com/prices.pdf') {
  return {
    format: 'tributary.stream/1',
    name: `Hostile ${evil('stream-name')}`,
    start: 'hello',
    cards: [
      {
        id: 'hello',
        type: 'message',
        data: { text: `Hello ${evil('text')} {{firstName:"<i>there</i>"}}` },
        position: { x: 0, y: 0 },
      },
      {
        id: 'ask',
        type: 'question',
        data: {
          prompt: `Talk? ${evil('prompt')}`,
          answers: [
            { id: 'yes', label: `Yes ${evil('label')}`, value: evil('value') },
            { id: 'no', label: 'No' },
          ],
          attribute: 'company',
        },
        position: { x: 0, y: 160 },
      },
      {
        id: 'name',
        type: 'capture',
        data: { attribute: 'firstName', prompt: `Name? ${evil('capture')}`, input: 'text', ifKnown: 'overwrite' },
        position: { x: 0, y: 320 },
      },
      {
        id: 'echo',
        type: 'message',
        data: { text: 'Thanks {{firstName}} from {{company}}' },
        position: { x: 0, y: 480 },
      },
      { id: 'doc', type: 'document', data: { name: `prices ${evil('file')}.pdf`, url }, position: { x: 0, y: 640 } },
      {
        id: 'email',
        type: 'capture',
        data: { attribute: 'email', prompt: 'Email?', input: 'text', ifKnown: 'overwrite' },
        position: { x: 0, y: 800 },
      },
      { id: 'agent', type: 'liveChat', data: { routing: { mode: 'roundRobin' } }, position: { x: 0, y: 960 } },
    ],
    edges: [
      { from: 'hello', to: 'ask' },
      { from: 'ask', port: 'yes', to: 'name' },
      { from: 'name', to: 'echo' },
      { from: 'echo', to: 'doc' },
      { from: 'doc', to: 'email' },
      { from: 'email', to: 'agent' },
    ],
  };
}

/**
 * Runs in a page: whether any hostile markup ran or became an element, looking inside open shadow roots too.
 * Answers `{ pwned, injected }`; both must stay empty.
 */
export function injectionProbe(): { pwned: unknown; injected: string[] } {
  const walk = (root: Document | ShadowRoot): Element[] =>
    [...root.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e, ...walk(e.shadowRoot)] : [e]));
  const injected = walk(document)
    .filter(
      (e) =>
        e.hasAttribute('onerror') ||
        e.hasAttribute('onload') ||
        (e.tagName === 'SCRIPT' && (e.textContent ?? '').includes('__pwned')),
    )
    .map((e) => e.outerHTML.slice(0, 80));
  return { pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null, injected };
}
