import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

/** What the web app's browser tests share: Debian's Chromium, where screenshots go, signing in. */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, 'artifacts');
export const haveChromium = existsSync(CHROMIUM);

/** `describe`, or `describe.skip` with the reason printed when Chromium is missing (CI installs it). */
export function describeInBrowser(name: string, tests: () => void) {
  if (!haveChromium) console.warn(`Skipping "${name}": ${CHROMIUM} is missing (CI installs it with apt-get install -y chromium).`);
  (haveChromium ? describe : describe.skip)(name, tests);
}

export function launchChromium() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium calls Google, which the closed network refuses.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Signs in through the login page (a page that needs an account sends there and back). */
export async function signIn(page: Page, url: string, email: string, password = 'Demo-Password-1') {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached' });
}
