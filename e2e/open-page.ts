import type { Page } from "@playwright/test";

/** Every page visit of these specs goes through here, so signing in later is a change in one place. */
export async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
}
