import { useStore, type ReactFlowState } from '@xyflow/react';
import { usePeers, type Peer, type PresenceStore } from '../presence/presenceStore.ts';

const transformOf = (s: ReactFlowState) => `${s.transform[0]},${s.transform[1]},${s.transform[2]}`;

/**
 * Colleagues' pointers over the canvas. Mounted only while someone's pointer is there; positioned from the viewport
 * transform rather than through React Flow's ViewportPortal, whose store selector queries the DOM on every store
 * update (every drag frame).
 */
export function CursorLayer({ presence }: { presence: PresenceStore }) {
  const peers = usePeers(presence).filter((p) => p.cursor);
  return peers.length ? <Cursors peers={peers} /> : null;
}

function Cursors({ peers }: { peers: Peer[] }) {
  const [tx, ty, zoom] = useStore(transformOf).split(',').map(Number);
  return (
    <div className="cursor-layer">
      {peers.map((p) => (
        <div
          key={p.clientId}
          className="remote-cursor"
          data-tributary="cursor"
          style={{ transform: `translate(${p.cursor!.x * zoom + tx}px, ${p.cursor!.y * zoom + ty}px)`, color: p.color }}
        >
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
            <path
              d="M3 2l7 19 2.5-7.5L20 11z"
              fill="currentColor"
              stroke="white"
              strokeWidth="1.5"
              strokeLinejoin="round"
            />
          </svg>
          <span className="remote-cursor__name" style={{ background: p.color }}>
            {p.name}
          </span>
        </div>
      ))}
    </div>
  );
}
