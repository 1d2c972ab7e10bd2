import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless, with the flags every browser test and benchmark here uses (Debian's chromium package; Playwright's own browser download is not used). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
