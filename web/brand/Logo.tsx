import { BRAND_COLOR, MARK_PATH } from '../../shared/brand.ts';

/** The Tributary mark (streams joining into one), optionally with the name: the same in the editor and the inbox. */
export function Logo({ size = 28, withName = false }: { size?: number; withName?: boolean }) {
  return (
    <span className="logo">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill={BRAND_COLOR} />
        <path d={MARK_PATH} stroke="white" strokeWidth="2.6" strokeLinecap="round" fill="none" />
        <circle cx="16" cy="25" r="2" fill="white" />
      </svg>
      {withName ? <span className="logo__name">Tributary</span> : null}
    </span>
  );
}
