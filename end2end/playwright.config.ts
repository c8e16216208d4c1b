import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The portal under test: the release server over a fresh SQLite file and a fresh attachments
// folder, serving ../dist.
const port = process.env.SCHALTER_E2E_PORT ?? '3107';
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'schalter-e2e-'));
const bin = process.env.SCHALTER_BIN ?? '../target/release/schalter';
const openData = process.env.SCHALTER_DATA_DIR ?? '../../shared/data';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot work on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // A fresh database with the demo catalogue, then the server.
    command:
      `${bin} import --database-url sqlite://${dataDir}/e2e.db --data-dir ${openData} && ` +
      `${bin} serve --bind 127.0.0.1:${port} --dist ../dist --database-url sqlite://${dataDir}/e2e.db ` +
      `--attachments ${dataDir}/attachments`,
    url: `${baseURL}/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
