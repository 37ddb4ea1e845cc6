/** The formats a group's results table is written in (route, CLI, download). */
export const GROUP_FORMATS = ["json", "csv", "md", "tex"] as const;
export type GroupFormat = (typeof GROUP_FORMATS)[number];

export function isGroupFormat(value: string): value is GroupFormat {
  return (GROUP_FORMATS as readonly string[]).includes(value);
}
