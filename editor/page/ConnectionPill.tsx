import type { StreamConnection } from '../collab/connectStream.ts';
import { useT } from '../i18n/I18n.tsx';
import { useConnectionState } from './useEditorConnection.ts';
import { CLOSE } from '../../shared/protocol/closeCodes.ts';

/** Live / connecting / offline (edits kept and merged on reconnect) / access refused. */
export function ConnectionPill({ conn }: { conn: StreamConnection }) {
  const t = useT();
  const { state, synced } = useConnectionState(conn);
  const live = state === 'connected' && synced;
  const label =
    state === 'denied'
      ? t(
          conn.deniedCode() === CLOSE.notFound
            ? 'conn.notFound'
            : conn.deniedCode() === CLOSE.forbidden
              ? 'conn.forbidden'
              : conn.deniedCode() === CLOSE.layoutOutdated
                ? 'conn.outdated'
                : 'conn.signedOut',
        )
      : live
        ? t('conn.connected')
        : state === 'offline'
          ? t('conn.offline')
          : t('conn.connecting');
  return (
    <span
      className={`conn-pill conn-pill--${live ? 'live' : state}`}
      data-tributary="connection"
      data-state={live ? 'live' : state}
      role="status"
    >
      <span className="conn-pill__dot" />
      {label}
    </span>
  );
}
