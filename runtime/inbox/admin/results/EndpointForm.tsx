import { useState, type FormEvent } from 'react';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../../shared/api/webhooks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';

/**
 * An endpoint's URL and event types: the form that adds one, and the same form, filled in, that edits one.
 * `onSubmit` resolves true when the server took it (the add form then empties itself).
 */
export function EndpointForm({
  url: initialUrl = '',
  events: initialEvents = [...WEBHOOK_EVENTS],
  submitLabel,
  onSubmit,
  onCancel,
  hook,
  submitHook,
}: {
  url?: string;
  events?: readonly string[];
  submitLabel: string;
  onSubmit(url: string, events: WebhookEvent[]): Promise<boolean>;
  onCancel?(): void;
  /** The `data-tributary` names of the form and of its submit button. */
  hook: string;
  submitHook: string;
}) {
  const t = useT();
  const [url, setUrl] = useState(initialUrl);
  const [events, setEvents] = useState<WebhookEvent[]>(WEBHOOK_EVENTS.filter((e) => initialEvents.includes(e)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await onSubmit(url.trim(), events)) && !onCancel) setUrl('');
  };
  return (
    <form className="wh-form" onSubmit={submit} data-tributary={hook}>
      <label className="field">
        <span>{t('whUrl')}</span>
        <input
          type="url"
          required
          placeholder="https://crm.example.com/hooks/tributary"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          data-tributary="webhook-url"
        />
      </label>
      <fieldset className="wh-events">
        <legend>{t('whEvents')}</legend>
        {WEBHOOK_EVENTS.map((ev) => (
          <label key={ev} className="check">
            <input
              type="checkbox"
              checked={events.includes(ev)}
              data-event={ev}
              onChange={(e) =>
                setEvents(
                  e.target.checked
                    ? WEBHOOK_EVENTS.filter((x) => x === ev || events.includes(x))
                    : events.filter((x) => x !== ev),
                )
              }
            />
            <code>{ev}</code>
          </label>
        ))}
      </fieldset>
      <div className="wh-form__actions">
        <button type="submit" className="btn btn-primary" disabled={!events.length} data-tributary={submitHook}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
