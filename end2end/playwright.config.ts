import { defineConfig } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portalPort, portalURL, registeredHost, registeredHostPort, unregisteredHostPort } from './hosts';

// The portal under test: the release server over a fresh SQLite file and a fresh attachments
// folder, serving ../dist.
const port = String(portalPort);
const baseURL = portalURL;
// Made once: the workers load this file again and inherit the environment set here.
const dataDir = process.env.SCHALTER_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'schalter-e2e-'));
process.env.SCHALTER_E2E_DATA_DIR = dataDir;
const bin = process.env.SCHALTER_BIN ?? '../target/release/schalter';
const openData = process.env.SCHALTER_DATA_DIR ?? '../../shared/data';
const database = `sqlite://${dataDir}/e2e.db`;
// The tests make staff members and tokens with the command line on the same database.
process.env.SCHALTER_E2E_DATABASE_URL = database;
process.env.SCHALTER_BIN = bin;
// E-mails go to the SMTP server of the test command where it runs (account.spec.ts reads them).
const smtp = process.env.SCHALTER_TEST_SMTP_URL;
const mail = smtp ? `--smtp-url ${smtp} ` : '';
// The eID sign-in goes to the OpenID provider of the test command where it runs, with AGOV's
// levels (account.spec.ts signs in through its pages).
const issuer = process.env.SCHALTER_TEST_OIDC_ISSUER;
let eid = '';
if (issuer) {
  const acr = [
    [100, 'low'],
    [200, 'low'],
    [300, 'substantial'],
    [400, 'high'],
  ].map(([n, level]) => ({ value: `urn:qa.agov.ch:names:tc:ac:classes:${n}`, level }));
  const file = join(dataDir, 'providers.json');
  writeFileSync(
    file,
    JSON.stringify({
      providers: [
        { id: 'agov', name: 'AGOV', issuer, client_id: 'schalter', client_secret: 'schalter-test-secret', acr },
      ],
    }),
  );
  eid = `--identity-providers ${file} --staff-identity-providers ${file} `;
}

// Fees are paid through the payment sandbox of the test command where it runs.
const sandbox = process.env.SCHALTER_TEST_PAYSANDBOX_URL;
const pay = sandbox
  ? `--payment-provider datatrans --payment-api-url ${sandbox} --payment-page-url ${sandbox} ` +
    `--payment-merchant-id 1100000000 --payment-password sandbox-password ` +
    `--payment-sign-key 73616e64626f782d7369676e2d6b6579 `
  : '';

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
  webServer: [
    {
      // A fresh database with the demo catalogue, the test website registered for Aarau's
      // search widget, then the server.
      command:
        `${bin} import --database-url sqlite://${dataDir}/e2e.db --data-dir ${openData} && ` +
        `${bin} tenant allow-origin ch:4001 ${registeredHost} --database-url sqlite://${dataDir}/e2e.db && ` +
        `${bin} serve --bind 127.0.0.1:${port} --dist ../dist --database-url sqlite://${dataDir}/e2e.db ` +
        `--attachments ${dataDir}/attachments ` +
        // The suite submits, uploads and searches far more often from one address than a
        // citizen would; the limits themselves are tested in the server's tests.
        `--limit-submissions-per-hour 100000 --limit-uploads-per-hour 100000 ` +
        `--limit-emails-per-day 100000 --limit-searches-per-minute 100000 ` +
        `--limit-sign-ins-per-address 100000 --limit-registrations-per-hour 100000 ` +
        `--limit-account-emails-per-hour 100000 ` +
        // A short idle timeout, so that the warning before it can be seen (half-way through).
        `--session-idle-secs 60 --public-url ${baseURL} ${mail}${eid}${pay}`,
      url: `${baseURL}/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // A municipality's website on two other origins (host/server.mjs).
      command: 'node host/server.mjs',
      env: { PORTAL: baseURL, HOST_PORTS: `${registeredHostPort},${unregisteredHostPort}` },
      url: `http://127.0.0.1:${registeredHostPort}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
