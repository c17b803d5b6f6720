import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

/** What the browser tests share: Debian's Chromium (skipped when missing), its flags, screenshots, signing in. */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, 'artifacts');
export const haveChromium = existsSync(CHROMIUM);

/** `describe`, or `describe.skip` with a printed reason when Chromium is missing. */
export function describeInBrowser(what: string) {
  if (!haveChromium) console.warn(`Skipping ${what}: ${CHROMIUM} is missing (CI installs it with apt-get install -y chromium).`);
  return haveChromium ? describe : describe.skip;
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

/** Opens `path` signed out, signs in on the login page it sends to, and waits to be back on `path`. */
export async function signInAt(page: Page, url: string, path: string, email: string, password = 'Demo-Password-1') {
  await page.goto(`${url}${path}`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}${path}`);
}
