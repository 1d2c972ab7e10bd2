import { useEffect, useRef } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';
import { displayName } from '../live/reducer.ts';
import type { Offer } from '../live/types.ts';
import { Avatar } from './Avatar.tsx';

/**
 * The blue accept banner across the top of the inbox: who is asking, from which dialogue, and a countdown to the
 * server's deadline (re-based on this browser's clock when the offer arrived). `focusToken` moves keyboard focus
 * to Accept (after a click on the browser notification).
 */
export function OfferBanner({
  offer,
  now,
  onAccept,
  onDecline,
  focusToken,
}: {
  offer: Offer;
  now: number;
  onAccept(): void;
  onDecline(): void;
  focusToken?: number;
}) {
  const t = useT();
  const acceptRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusToken) acceptRef.current?.focus();
  }, [focusToken]);
  const leftMs = Math.max(0, offer.deadline - now);
  const seconds = Math.ceil(leftMs / 1000);
  const fraction = Math.min(1, leftMs / offer.windowMs);
  const name = displayName(offer.visitor);
  const email = offer.visitor.attributes.email;
  return (
    <div
      className={`offer-banner${seconds <= 10 ? ' offer-urgent' : ''}`}
      role="alert"
      data-tributary="offer"
      data-offer={offer.id}
    >
      <Avatar name={name} size={36} />
      <div className="offer-main">
        <div className="offer-title">
          {offer.transfer ? t('transferOfferTitle', { from: offer.transfer.from, name }) : t('offerTitle', { name })}
        </div>
        <div className="offer-sub">
          {email && email !== name ? <span>{email}</span> : null}
          {offer.visitor.dialogue ? <span>{t('offerFrom', { dialogue: offer.visitor.dialogue })}</span> : null}
        </div>
        {offer.transfer?.note ? (
          <div className="offer-note" data-tributary="transfer-note">
            {t('transferNoteLabel', { note: offer.transfer.note })}
          </div>
        ) : null}
      </div>
      <div className="offer-countdown" aria-live="off">
        <span className="offer-seconds" data-tributary="countdown">
          {t('offerCountdown', { seconds })}
        </span>
        <span className="offer-bar" aria-hidden="true">
          <span className="offer-bar-fill" style={{ width: `${fraction * 100}%` }} />
        </span>
      </div>
      <button type="button" className="btn offer-decline" onClick={onDecline} data-tributary="decline">
        {t('decline')}
      </button>
      <button type="button" ref={acceptRef} className="btn offer-accept" onClick={onAccept} data-tributary="accept">
        {t('accept')}
      </button>
    </div>
  );
}
