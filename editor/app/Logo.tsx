/** The Tributary mark: streams joining into one. */
export function Logo({ size = 28, withName = false }: { size?: number; withName?: boolean }) {
  return (
    <span className="logo">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <path
          d="M8 8c0 6 8 5 8 11v5M24 8c0 6-8 5-8 11"
          stroke="white"
          strokeWidth="2.6"
          strokeLinecap="round"
          fill="none"
        />
        <circle cx="16" cy="25" r="2" fill="white" />
      </svg>
      {withName ? <span className="logo__name">Tributary</span> : null}
    </span>
  );
}
