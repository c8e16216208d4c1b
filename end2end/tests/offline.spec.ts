// Repeat visits and no network: the service worker keeps the app and the forms of the
// applications in progress, so that a returning citizen's page appears without a network and a
// draft can be opened and continued; a new build's worker is taken on the next visit while the
// page in progress keeps working; the portal is installable, with a manifest per language.
import { chromium, type Page } from '@playwright/test';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectNoAxeViolations, screenshot, LANGS } from './fixtures';
import { FORM_START, SCHMOELLN, startDogForm, fillHolder, fillDog } from './application';
import { portalPort, portalURL } from '../hosts';

const TITLE = 'Hund anmelden (Hundesteuer)';
/** The form of the draft, as the app asks for it. */
const FORM_URL = `/api/v1/forms/hundesteuer-th?municipality=${SCHMOELLN}&lang=de`;

/** Waits until a service worker is active for the page's origin; returns its build version. */
async function workerActive(page: Page): Promise<string> {
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return reg?.active?.state === 'activated' && !reg.installing && !reg.waiting;
      }),
    )
    .toBe(true);
  return shellVersions(page).then((v) => {
    expect(v).toHaveLength(1);
    return v[0];
  });
}

/** The builds whose files the browser keeps (the worker's caches). */
async function shellVersions(page: Page): Promise<string[]> {
  const names = await page.evaluate(() => caches.keys());
  return names.filter((n) => n.startsWith('schalter-shell-')).map((n) => n.slice('schalter-shell-'.length)).sort();
}

/** The WebAssembly files of the running build the worker keeps, by bundle name. */
async function keptBundles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('schalter-shell-'));
    const cache = await caches.open(names[0]);
    return (await cache.keys())
      .map((r) => new URL(r.url).pathname.match(/^\/([a-z]+)-[0-9a-f]+_bg\.wasm$/)?.[1])
      .filter((b): b is string => !!b)
      .sort();
  });
}

/** The bundles whose scripts a page loaded (the one that shows it, and any prefetched). */
async function loadedScripts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.match(/^\/([a-z]+)-[0-9a-f]+\.js$/)?.[1])
      .filter((b): b is string => !!b),
  );
}

/** The addresses of the form definitions kept for offline use. */
async function keptForms(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('schalter-forms');
    return (await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
  });
}

/** Chromium reports the requests that failed offline; those are expected here. */
function dropOfflineNoise(consoleErrors: string[]) {
  const unexpected = consoleErrors.filter(
    (e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|FetchEvent/.test(e),
  );
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
}

test.describe('offline and repeat visits', () => {
  test('a returning citizen opens the portal and continues a draft with no network at all; online again it is sent', async ({
    page,
    context,
    consoleErrors,
  }) => {
    // A long journey: an application online, offline, online again, then an account page.
    test.slow();
    await page.goto('/de/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await workerActive(page);
    // Installed on the first visit, the worker kept the bundles a citizen's pages need, not the
    // full app's (the account and clerk pages), which is kept once it is used.
    expect(await keptBundles(page)).toEqual(['discovery', 'forms']);

    // First visit online: an application is begun and its first step answered (the draft is
    // saved in the browser with every keystroke).
    await startDogForm(page);
    await fillHolder(page);
    const dog = page.getByRole('group', { name: 'Hund 1', exact: true });
    await dog.getByLabel('Name des Hundes').fill('Luna');
    // The app kept the form of the open draft for offline use.
    await expect.poll(() => keptForms(page)).toContain(FORM_URL);

    // The app's script the server sends for the form's start page.
    const startShell = await (await page.request.get(FORM_START)).text();
    const startScript = startShell.match(/\/[a-z]+-[0-9a-f]{8,16}\.js/)?.[0];
    expect(startScript).toBeTruthy();

    // No network: a reload shows the page at once, with everything typed.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
    await expect(dog.getByLabel('Name des Hundes')).toHaveValue('Luna');
    await expectNoAxeViolations(page, 'a step reloaded offline');
    await screenshot(page, 'offline-step');

    // An address visited before under the worker gets the very shell the server gave it
    // (here the form's bundle), from the cache.
    await page.goto(FORM_START);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    expect(loaded).toContain(startScript);

    // A returning citizen, still offline, opens the portal at the list of drafts.
    await page.goto('/de/antraege');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Anträge auf diesem Gerät');
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: TITLE }) });
    await expect(item).toContainText('Schritt 2 von 3: Ihre Hunde');
    await expectNoAxeViolations(page, 'drafts list offline');
    await item.getByRole('link', { name: `Weiter ausfüllen: ${TITLE}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
    await expect(dog.getByLabel('Name des Hundes')).toHaveValue('Luna');

    // The draft goes on offline: the next step, and back, nothing lost.
    await fillDog(page, 1, { name: 'Luna', sex: 'Hündin', kind: 'Haushund', tag: 'Per Post zusenden' });
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlung');
    await page.getByRole('link', { name: 'Zurück' }).click();
    await expect(dog.getByLabel('Name des Hundes')).toHaveValue('Luna');
    await expect(dog.getByRole('radio', { name: 'Hündin' })).toBeChecked();
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.getByRole('radio', { name: 'Überweisung nach Steuerbescheid' }).check();
    await page.getByRole('button', { name: 'Weiter zur Übersicht' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');

    // Sending needs the network: the app says so, in the page's language, and keeps it all.
    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Sie sind offline' });
    await expect(problem).toContainText('Sie sind offline: Der Antrag konnte nicht gesendet werden.');
    await expect(problem).toBeFocused();
    await expectNoAxeViolations(page, 'check page offline after a reload');

    // A page never visited before under the worker shows too, by its own bundle's shell.
    await page.goto('/de/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const discovery = await loadedScripts(page);
    expect(discovery).toContain('discovery');
    expect(discovery).not.toContain('app');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Angaben prüfen');
    await expect(page.getByRole('main').getByText('Luna', { exact: true }).first()).toBeVisible();

    // Online again: the same draft is sent.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Antrag absenden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antrag eingereicht');

    // An account page loads the full app, which the worker keeps from then on: offline, an
    // account address never visited shows (the full app answers what no other bundle shows).
    await page.goto('/de/konto/anmelden');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
    await expect.poll(() => keptBundles(page)).toEqual(['app', 'discovery', 'forms']);
    await context.setOffline(true);
    await page.goto('/de/konto/registrieren');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konto erstellen');
    expect(await loadedScripts(page)).toContain('app');
    await context.setOffline(false);
    dropOfflineNoise(consoleErrors);
  });

  test('a returning citizen gets the home page with its first screen from the worker, also offline', async ({
    page,
    context,
    consoleErrors,
  }) => {
    // The first visit installs the worker; the next visit under it keeps the page, which the
    // server sent with its first screen drawn (contract::first_screen; it leaves a comment).
    await page.goto('/fr/');
    await workerActive(page);
    await page.goto('/fr/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Que souhaitez-vous faire ?');
    const drawn = () => page.evaluate(() => document.body.innerHTML.includes('<!--/first-screen-->'));
    expect(await drawn()).toBe(true);
    await expect(page.locator('#first-screen')).toHaveCount(0);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Que souhaitez-vous faire ?');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    // The kept page itself (not the bare shell the worker falls back to), taken over by the app.
    expect(await drawn()).toBe(true);
    await expect(page.locator('#first-screen')).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Rechercher une prestation' })).toBeVisible();
    await context.setOffline(false);
    dropOfflineNoise(consoleErrors);
  });

  test('a new build is taken on the next visit; the page in progress keeps working meanwhile', async ({
    page,
    consoleErrors,
  }) => {
    // The portal behind a proxy of its own (its own origin, so its own worker), which serves
    // the service worker of a next build when told to: the same files, another version.
    let nextBuild = false;
    const proxy = await startProxy(() => nextBuild);
    const base = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      await page.goto(`${base}/de/`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const first = await workerActive(page);

      await page.goto(`${base}/de/antrag/hundesteuer-th?gemeinde=${SCHMOELLN}`);
      await page.getByRole('button', { name: 'Antrag starten' }).click();
      await fillHolder(page, 'Berta');
      const dog = page.getByRole('group', { name: 'Hund 1', exact: true });
      await dog.getByLabel('Name des Hundes').fill('Bello');

      // A new build is deployed; the browser finds it (as on the next navigation).
      nextBuild = true;
      await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        await reg?.update();
      });
      const next = `${first}-next`;
      await expect.poll(() => shellVersions(page)).toEqual([first, next].sort());
      await expect
        .poll(() =>
          page.evaluate(async () => {
            const reg = await navigator.serviceWorker.getRegistration();
            return !!reg?.active && reg.active.state === 'activated' && !reg.installing && !reg.waiting;
          }),
        )
        .toBe(true);

      // The page in progress keeps working on its own build, whose files stay kept.
      await fillDog(page, 1, { name: 'Bello', sex: 'Rüde', kind: 'Haushund', tag: 'Per Post zusenden' });
      await page.getByRole('button', { name: 'Weiter', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zahlung');
      await page.getByRole('link', { name: 'Zurück' }).click();
      await expect(dog.getByLabel('Name des Hundes')).toHaveValue('Bello');
      expect(await shellVersions(page)).toEqual([first, next].sort());

      // The next visit runs the new build; the old build's files go once no page uses them.
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
      await expect(dog.getByLabel('Name des Hundes')).toHaveValue('Bello');
      await expect.poll(() => shellVersions(page)).toEqual([next]);
      await expectNoAxeViolations(page, 'a draft after the update');

      // The new build works offline too.
      await page.context().setOffline(true);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ihre Hunde');
      await expect(dog.getByLabel('Name des Hundes')).toHaveValue('Bello');
      await page.context().setOffline(false);
    } finally {
      proxy.close();
    }
    dropOfflineNoise(consoleErrors);
  });

  test('installable: a manifest per language, which Chromium reads and finds complete', async () => {
    // Installability is not checked in incognito contexts, which Playwright's are: a browser
    // profile of its own.
    const profile = mkdtempSync(join(tmpdir(), 'schalter-install-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      baseURL: portalURL,
      headless: true,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const cdp = await context.newCDPSession(page);
      for (const lang of LANGS) {
        await page.goto(`/${lang}/`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const href = `/manifest.${lang}.webmanifest`;
        await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', href);
        await expect(page.locator('link[rel="manifest"]')).toHaveCount(1);

        const res = await page.request.get(href);
        expect(res.headers()['content-type']).toBe('application/manifest+json');
        const m = await res.json();
        expect(m).toMatchObject({ id: '/', lang, start_url: `/${lang}/`, scope: '/', display: 'standalone' });
        expect(m.name).toBe('Schalter');
        expect(m.short_name).toBe('Schalter');
        expect(m.description.length).toBeGreaterThan(10);
        const theme = await page.locator('meta[name="theme-color"]').getAttribute('content');
        expect(m.theme_color).toBe(theme);

        // Chromium reads this language's manifest and finds nothing missing to install it.
        await expect
          .poll(async () => (await cdp.send('Page.getAppManifest')).url)
          .toBe(`${portalURL}${href}`);
        const manifest = await cdp.send('Page.getAppManifest');
        expect(manifest.errors).toEqual([]);
        expect(manifest.parsed?.name ?? m.name).toBe('Schalter');
        await expect
          .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors.map((e) => e.errorId))
          .toEqual([]);
      }
      // Changing the language in the app (no page load) names the other manifest.
      await page.goto('/de/');
      await page.getByRole('navigation', { name: 'Sprache wählen' }).getByRole('link', { name: 'Français' }).click();
      await expect(page).toHaveURL('/fr/');
      await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.fr.webmanifest');
      await expect
        .poll(async () => (await cdp.send('Page.getAppManifest')).url)
        .toBe(`${portalURL}/manifest.fr.webmanifest`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

/** A proxy to the portal on a port of its own; `/sw.js` is a next build's when `next()`. */
async function startProxy(next: () => boolean): Promise<Server> {
  const server = createServer((req, res) => {
    const worker = req.url === '/sw.js' && next();
    const headers = { ...req.headers };
    if (worker) {
      // The whole script, never "not modified": it is rewritten here.
      headers['accept-encoding'] = 'identity';
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port: portalPort, path: req.url, method: req.method, headers },
      (up) => {
        if (!worker) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks)
            .toString('utf8')
            .replace(/^const VERSION = '([0-9a-f]+)';$/m, "const VERSION = '$1-next';");
          const out = { ...up.headers };
          delete out['content-length'];
          delete out['etag'];
          delete out['last-modified'];
          res.writeHead(up.statusCode ?? 502, out);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

