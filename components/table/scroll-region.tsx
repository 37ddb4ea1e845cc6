import type { ReactNode } from "react";

/**
 * A box that scrolls sideways when its table is wider than the page. It takes focus, so a keyboard user
 * can scroll it too (axe: scrollable-region-focusable), and is named so a screen reader says what it is.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`overflow-x-auto outline-none focus-visible:ring-2 focus-visible:ring-sky-600 ${className ?? ""}`}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </div>
  );
}
