import { useRef, useState } from 'react';
import { APPEARANCE_BOUNDS as B, LAUNCHER_ICONS, type Appearance } from '../../shared/widget/appearance.ts';
import { AA_NORMAL_TEXT, contrastRatio } from '../../shared/widget/contrast.ts';
import { widgetApi } from '../api/widget.ts';
import { useT } from '../i18n/I18n.tsx';
import { Field } from '../ui/Field.tsx';
import { ColorField } from './ColorField.tsx';

/** Largest bot picture the runtime takes (checked here first, so that nothing big is sent for nothing). */
const MAX_PICTURE_BYTES = 256 * 1024;
const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/**
 * The appearance's fields. Every change is shown at once in the preview beside it; `errors` are the server's
 * refusals by field (a 400 names the field), shown under that field.
 */
export function AppearanceForm({
  value,
  onChange,
  errors,
}: {
  value: Appearance;
  onChange(patch: Partial<Appearance>): void;
  errors: Partial<Record<keyof Appearance | 'avatar', string>>;
}) {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<{ busy?: boolean; error?: string }>({});
  const ratio = contrastRatio(value.textColor, value.brandColor);
  const num = (k: 'offsetX' | 'offsetY' | 'radius') => (raw: string) => onChange({ [k]: raw === '' ? 0 : Number(raw) });

  const pick = async (f: File) => {
    if (!PICTURE_TYPES.includes(f.type)) return setUpload({ error: t('widget.avatarType') });
    if (f.size > MAX_PICTURE_BYTES)
      return setUpload({ error: t('widget.avatarSize', { kb: MAX_PICTURE_BYTES / 1024 }) });
    setUpload({ busy: true });
    try {
      onChange({ botAvatarUrl: await widgetApi.uploadImage(f) });
      setUpload({});
    } catch (e) {
      setUpload({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="appearance-form">
      <fieldset className="group">
        <legend>{t('widget.colours')}</legend>
        <div className="field-row">
          <ColorField
            label={t('widget.brandColor')}
            name="brandColor"
            value={value.brandColor}
            error={errors.brandColor}
            onChange={(brandColor) => onChange({ brandColor })}
          />
          <ColorField
            label={t('widget.textColor')}
            name="textColor"
            value={value.textColor}
            error={errors.textColor}
            onChange={(textColor) => onChange({ textColor })}
          />
        </div>
        {Number.isNaN(ratio) ? null : ratio >= AA_NORMAL_TEXT ? (
          <div className="contrast contrast--ok" data-testid="contrast">
            {t('widget.contrastOk', { ratio: ratio.toFixed(1) })}
          </div>
        ) : (
          <div className="contrast contrast--low" role="alert" data-testid="contrast">
            {t('widget.contrastLow', { ratio: ratio.toFixed(1), aa: AA_NORMAL_TEXT })}
          </div>
        )}
      </fieldset>

      <fieldset className="group">
        <legend>{t('widget.header')}</legend>
        <Field label={t('widget.title')} error={errors.title} hint={t('widget.titleHint')}>
          {(id) => (
            <input
              id={id}
              name="title"
              className="input"
              maxLength={B.title}
              placeholder={t('widget.titleDefault')}
              value={value.title}
              onChange={(e) => onChange({ title: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('widget.subtitle')} error={errors.subtitle}>
          {(id) => (
            <input
              id={id}
              name="subtitle"
              className="input"
              maxLength={B.subtitle}
              placeholder={t('widget.subtitleDefault')}
              value={value.subtitle}
              onChange={(e) => onChange({ subtitle: e.target.value })}
            />
          )}
        </Field>
      </fieldset>

      <fieldset className="group">
        <legend>{t('widget.bot')}</legend>
        <Field label={t('widget.botName')} error={errors.botName}>
          {(id) => (
            <input
              id={id}
              name="botName"
              className="input"
              maxLength={B.botName}
              value={value.botName}
              onChange={(e) => onChange({ botName: e.target.value })}
            />
          )}
        </Field>
        <div className="field">
          <span className="field__label">{t('widget.botAvatar')}</span>
          <div className="avatar-pick">
            {value.botAvatarUrl ? <img src={value.botAvatarUrl} alt="" className="avatar-pick__img" /> : null}
            <input
              ref={file}
              type="file"
              name="avatar"
              accept={PICTURE_TYPES.join(',')}
              hidden
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void pick(f);
              }}
            />
            <button
              type="button"
              className="btn btn--small"
              disabled={upload.busy}
              onClick={() => file.current?.click()}
            >
              {upload.busy ? t('widget.uploading') : t('widget.upload')}
            </button>
            {value.botAvatarUrl ? (
              <button
                type="button"
                className="btn btn--small btn--ghost"
                onClick={() => onChange({ botAvatarUrl: null })}
              >
                {t('widget.removePicture')}
              </button>
            ) : null}
          </div>
          {upload.error || errors.avatar || errors.botAvatarUrl ? (
            <div className="field__error" role="alert">
              {upload.error ?? errors.avatar ?? errors.botAvatarUrl}
            </div>
          ) : (
            <div className="field__hint">{t('widget.avatarHint', { kb: MAX_PICTURE_BYTES / 1024 })}</div>
          )}
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>{t('widget.launcher')}</legend>
        <div className="segmented" role="radiogroup" aria-label={t('widget.launcherIcon')}>
          {LAUNCHER_ICONS.map((icon) => (
            <label key={icon} className={'segmented__item' + (value.launcherIcon === icon ? ' is-active' : '')}>
              <input
                type="radio"
                name="launcherIcon"
                value={icon}
                checked={value.launcherIcon === icon}
                onChange={() => onChange({ launcherIcon: icon })}
              />
              {t(`widget.icon.${icon}`)}
            </label>
          ))}
        </div>
        <div className="field-row field-row--3">
          <Field label={t('widget.position')} error={errors.position}>
            {(id) => (
              <select
                id={id}
                name="position"
                className="input"
                value={value.position}
                onChange={(e) => onChange({ position: e.target.value as Appearance['position'] })}
              >
                <option value="right">{t('widget.right')}</option>
                <option value="left">{t('widget.left')}</option>
              </select>
            )}
          </Field>
          <Field label={t('widget.offsetX')} error={errors.offsetX}>
            {(id) => (
              <input
                id={id}
                name="offsetX"
                className="input"
                type="number"
                min={B.offsetX.min}
                max={B.offsetX.max}
                value={value.offsetX}
                onChange={(e) => num('offsetX')(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('widget.offsetY')} error={errors.offsetY}>
            {(id) => (
              <input
                id={id}
                name="offsetY"
                className="input"
                type="number"
                min={B.offsetY.min}
                max={B.offsetY.max}
                value={value.offsetY}
                onChange={(e) => num('offsetY')(e.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>{t('widget.style')}</legend>
        <Field label={t('widget.radius', { px: value.radius })} error={errors.radius}>
          {(id) => (
            <input
              id={id}
              name="radius"
              type="range"
              min={B.radius.min}
              max={B.radius.max}
              value={value.radius}
              onChange={(e) => num('radius')(e.target.value)}
            />
          )}
        </Field>
        <div className="field-row">
          <Field label={t('widget.font')} error={errors.font}>
            {(id) => (
              <select
                id={id}
                name="font"
                className="input"
                value={value.font}
                onChange={(e) => onChange({ font: e.target.value as Appearance['font'] })}
              >
                <option value="system">{t('widget.fontSystem')}</option>
                <option value="page">{t('widget.fontPage')}</option>
              </select>
            )}
          </Field>
          <Field label={t('widget.mode')} error={errors.mode}>
            {(id) => (
              <select
                id={id}
                name="mode"
                className="input"
                value={value.mode}
                onChange={(e) => onChange({ mode: e.target.value as Appearance['mode'] })}
              >
                <option value="light">{t('widget.light')}</option>
                <option value="dark">{t('widget.dark')}</option>
              </select>
            )}
          </Field>
        </div>
      </fieldset>
    </div>
  );
}
