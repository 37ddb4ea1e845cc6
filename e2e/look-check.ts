import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Where screenshots go when a run of the suite asks for them (E2E_SHOTS_DIR); none otherwise. */
export const SHOTS = process.env.E2E_SHOTS_DIR;

/** axe-core's WCAG 2.x A/AA violations of impact serious or critical on the page as it is now, one line each. */
export async function findSeriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0]?.target.join(" ")}`);
}

/**
 * In the light and then the dark theme: no serious or critical axe violation, then a screenshot when a
 * folder for them is given. The theme is switched in place, as the theme script does before paint.
 */
export async function checkLooks(page: Page, label: string, options: { fullPage?: boolean } = {}) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((t) => {
      localStorage.setItem("espl-theme", t);
      // What the theme script does before paint (lib/client/theme/theme-script.ts).
      document.documentElement.classList.toggle("dark", t === "dark");
      document.documentElement.dataset.theme = t;
    }, theme);
    const serious = await findSeriousViolations(page);
    expect(serious, serious.map((v) => `${theme} ${v}`).join("\n")).toEqual([]);
    if (SHOTS)
      await page.screenshot({ path: `${SHOTS}/${label}-${theme}.png`, fullPage: options.fullPage ?? false });
  }
}
