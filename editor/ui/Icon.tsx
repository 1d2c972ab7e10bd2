/** A 24×24 stroke icon from SVG path data (the icon set lives in ui/icons.ts and in each card view). */
export function Icon({ path, size = 16, className }: { path: string; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={path} />
    </svg>
  );
}
