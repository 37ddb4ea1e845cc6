/**
 * The theme: "system" follows prefers-color-scheme, "light" and "dark" are the user's explicit choice, kept
 * in localStorage. The same rule runs twice: inline in <head> before the first paint (so a dark page never
 * flashes light) and in the toggle when the choice or the system setting changes.
 */
export const THEME_STORAGE_KEY = "espl-theme";
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export function parseThemeChoice(value: string | null): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/** Plain ES5 so it runs before any bundle; a blocked localStorage (privacy mode) falls back to the system. */
export const THEME_SCRIPT = `(function(){var c="system";try{c=localStorage.getItem(${JSON.stringify(
  THEME_STORAGE_KEY,
)})||"system"}catch(e){}var d=c==="dark"||(c!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.dataset.theme=d?"dark":"light"})()`;
