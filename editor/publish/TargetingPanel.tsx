import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { samePageConflicts } from '../../shared/targeting/samePageConflicts.ts';
import { streamsApi } from '../api/streams.ts';
import type { Dialogue } from '../api/types.ts';
import type { EditorSession } from '../collab/editorSession.ts';
import { useT } from '../i18n/I18n.tsx';
import { Field } from '../ui/Field.tsx';
import { SidePanel } from '../ui/SidePanel.tsx';

type Form = Omit<Dialogue, 'id' | 'streamId' | 'createdAt' | 'updatedAt'>;

/** The fields a marketer edits (a PATCH names only those: the server refuses unknown fields). */
const formOf = ({ name, include, exclude, priority, triggers, showOnce, active }: Dialogue): Form => ({
  name,
  include,
  exclude,
  priority,
  triggers,
  showOnce,
  active,
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const optionalInt = (text: string) => (text.trim() === '' ? undefined : Math.max(0, Math.round(Number(text))));

/** The dialogue of this stream: URL include/exclude patterns, priority, triggers, show-once, active (SPEC §1). */
export function TargetingPanel({
  session,
  canPublish,
  onClose,
}: {
  session: EditorSession;
  canPublish: boolean;
  onClose(): void;
}) {
  const t = useT();
  const store = session.binding.store;
  const streamName = useSyncExternalStore(store.subscribe, () => store.getSnapshot().name);
  const [dialogue, setDialogue] = useState<Dialogue | null | undefined>(undefined);
  const [form, setForm] = useState<Form>();
  const [include, setInclude] = useState('');
  const [exclude, setExclude] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const [others, setOthers] = useState<readonly Dialogue[]>([]);

  useEffect(() => {
    streamsApi
      .dialogues()
      .then((all) => {
        const d = all.find((x) => x.streamId === session.streamId) ?? null;
        setDialogue(d);
        setOthers(all.filter((x) => x.streamId !== session.streamId && x.active));
        const f: Form = d
          ? formOf(d)
          : {
              name: streamName || session.streamId,
              include: [],
              exclude: [],
              priority: 1,
              triggers: {},
              showOnce: false,
              active: true,
            };
        setForm(f);
        setInclude(f.include.join('\n'));
        setExclude(f.exclude.join('\n'));
      })
      .catch((e: Error) => setStatus({ ok: false, text: e.message }));
    // Loaded once per opening of the panel.
  }, [session.streamId]);

  const save = async () => {
    if (!form) return;
    const body = { ...form, include: lines(include), exclude: lines(exclude) };
    try {
      const saved = dialogue
        ? await streamsApi.updateDialogue(dialogue.id, body)
        : await streamsApi.createDialogue({ ...body, streamId: session.streamId });
      setDialogue(saved);
      setStatus({ ok: true, text: t('targeting.saved') });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };

  // Another active dialogue on the same pages at the same priority: only one of the two ever shows there.
  const conflicts = useMemo(() => {
    if (!form?.active) return [];
    const self = {
      id: dialogue?.id ?? '',
      targeting: { include: lines(include), exclude: lines(exclude), priority: form.priority },
    };
    return samePageConflicts(
      self,
      others.map((o) => ({
        id: o.id,
        name: o.name,
        targeting: { include: o.include, exclude: o.exclude, priority: o.priority },
      })),
    );
  }, [form?.active, form?.priority, include, exclude, others, dialogue?.id]);

  const triggers = form?.triggers ?? {};
  const setTrigger = (key: keyof Form['triggers'], text: string) => {
    if (!form) return;
    const next = { ...form.triggers };
    const v = optionalInt(text);
    if (v === undefined || Number.isNaN(v)) delete next[key];
    else next[key] = v;
    setForm({ ...form, triggers: next });
  };

  return (
    <SidePanel title={t('targeting.title')} onClose={onClose}>
      {!form ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <fieldset className="inspector__form" disabled={!canPublish}>
          {!canPublish ? <p className="field__hint">{t('targeting.noPermission')}</p> : null}
          {dialogue === null ? <p className="field__hint">{t('targeting.none')}</p> : null}
          <Field label={t('targeting.name')}>
            {(id) => (
              <input
                id={id}
                className="input"
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('targeting.include')}>
            {(id) => (
              <textarea
                id={id}
                className="input mono"
                rows={3}
                placeholder="/pricing*"
                value={include}
                onChange={(e) => setInclude(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('targeting.exclude')}>
            {(id) => (
              <textarea
                id={id}
                className="input mono"
                rows={2}
                placeholder="/careers*"
                value={exclude}
                onChange={(e) => setExclude(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('targeting.priority')}>
            {(id) => (
              <input
                id={id}
                className="input"
                type="number"
                min={1}
                value={form.priority}
                onChange={(e) => setForm({ ...form, priority: Math.max(1, Math.round(Number(e.target.value) || 1)) })}
              />
            )}
          </Field>
          <fieldset className="group">
            <legend>{t('targeting.triggers')}</legend>
            <div className="field-row field-row--3">
              {(
                [
                  ['secondsOnPage', 'targeting.secondsOnPage'],
                  ['secondsOnSite', 'targeting.secondsOnSite'],
                  ['scrollPercent', 'targeting.scrollPercent'],
                ] as const
              ).map(([key, label]) => (
                <Field key={key} label={t(label)}>
                  {(id) => (
                    <input
                      id={id}
                      className="input"
                      type="number"
                      min={0}
                      max={key === 'scrollPercent' ? 100 : undefined}
                      value={triggers[key] ?? ''}
                      onChange={(e) => setTrigger(key, e.target.value)}
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={form.showOnce}
              onChange={(e) => setForm({ ...form, showOnce: e.target.checked })}
            />
            {t('targeting.showOnce')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={form.active}
              onChange={(e) => setForm({ ...form, active: e.target.checked })}
            />
            {t('targeting.active')}
          </label>
          {conflicts.map((c) => (
            <div key={c.other.id} className="warn-banner" role="status">
              {t('targeting.samePage', { name: c.other.name, page: c.page, priority: form.priority })}
            </div>
          ))}
          {status ? <div className={status.ok ? 'ok-banner' : 'error-banner'}>{status.text}</div> : null}
          <button type="button" className="btn btn--primary" onClick={() => void save()}>
            {t('targeting.save')}
          </button>
        </fieldset>
      )}
    </SidePanel>
  );
}
