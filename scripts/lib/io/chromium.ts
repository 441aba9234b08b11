import { access, constants } from 'node:fs/promises';

/** Where Debian, Ubuntu and Chrome install a browser; CHROMIUM_PATH wins when set. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for a quiet, offline, headless run (no sandbox: CI containers run as root). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export async function findChromium(env: Record<string, string | undefined>): Promise<string | undefined> {
  const list = env['CHROMIUM_PATH'] ? [env['CHROMIUM_PATH']] : CANDIDATES;
  for (const p of list) {
    try { await access(p, constants.X_OK); return p; } catch { /* next */ }
  }
  return undefined;
}

export const NO_CHROMIUM = 'no Chromium found for --pdf: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary';
