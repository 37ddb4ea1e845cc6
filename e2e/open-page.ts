import type { Page } from "@playwright/test";

/** Every e2e page visit of the dashboard goes through here, so signing in later is a one-place change. */
export async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
}
