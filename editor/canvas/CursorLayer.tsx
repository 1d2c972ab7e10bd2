import { ViewportPortal } from '@xyflow/react';
import { usePeers, type PresenceStore } from '../presence/presenceStore.ts';

/** Colleagues' pointers, drawn in flow coordinates so they stay on the card they point at while you pan or zoom. */
export function CursorLayer({ presence }: { presence: PresenceStore }) {
  const peers = usePeers(presence);
  return (
    <ViewportPortal>
      {peers
        .filter((p) => p.cursor)
        .map((p) => (
          <div
            key={p.clientId}
            className="remote-cursor"
            style={{ transform: `translate(${p.cursor!.x}px, ${p.cursor!.y}px)`, color: p.color }}
          >
            <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M3 2l7 19 2.5-7.5L20 11z" fill="currentColor" stroke="white" strokeWidth="1.5" strokeLinejoin="round" />
            </svg>
            <span className="remote-cursor__name" style={{ background: p.color }}>
              {p.name}
            </span>
          </div>
        ))}
    </ViewportPortal>
  );
}
