// The app ships as three bundles (contract::bundles): discovery (home, search, service pages),
// forms (an application, the drafts, the receipt) and the full app (account and clerk pages,
// unknown addresses). A first visit loads only its page's bundle; a link into another bundle's
// page loads that page with its bundle; Back across bundles works.
import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, appReady } from './fixtures';
import { SCHMOELLN } from './application';

const SERVICE = `/de/leistung/99110009104000?gemeinde=${SCHMOELLN}`;

/** The bundle whose shell the current document is: the name of the module it preloads. */
async function shellBundle(page: Page): Promise<string> {
  const href = await page.locator('link[rel="modulepreload"]').getAttribute('href');
  return (href ?? '').replace(/^\//, '').replace(/-[0-9a-f]+\.js$/, '');
}

/** The WASM files the page requests (bundle names), in order; a prefetch (a hint the browser
 * follows at idle, not run) is marked "(prefetch)". */
function wasmRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', async (r) => {
    const m = new URL(r.url()).pathname.match(/^\/([a-z]+)-[0-9a-f]+_bg\.wasm$/);
    if (!m) return;
    const headers = await r.allHeaders();
    const prefetch = /prefetch/.test(headers['sec-purpose'] ?? headers['purpose'] ?? '');
    seen.push(prefetch ? `${m[1]} (prefetch)` : m[1]);
  });
  return seen;
}

test.describe('bundles', () => {
  test('the home page loads only the discovery bundle, and prefetches the forms bundle at idle', async ({ page }) => {
    const wasm = wasmRequests(page);
    await page.goto('/de/');
    await appReady(page);
    expect(await shellBundle(page)).toBe('discovery');
    // The WASM it loads to run (fetched by the bootstrap script, preloaded by the shell) is the
    // discovery bundle's only; the forms bundle is only prefetched (a hint, not run), at idle.
    const run = () => wasm.filter((w) => !w.endsWith('(prefetch)'));
    expect(run().length).toBeGreaterThan(0);
    expect(run().filter((w) => !w.startsWith('discovery'))).toEqual([]);
    await expect.poll(() => wasm).toContain('forms (prefetch)');
    expect(run().filter((w) => !w.startsWith('discovery'))).toEqual([]);
    expect(wasm.some((w) => w.startsWith('app'))).toBe(false);
    await expectNoAxeViolations(page, 'home page (discovery bundle)');
  });

  test('a link from a service page to its application loads the forms bundle; Back returns', async ({ page }) => {
    const wasm = wasmRequests(page);
    await page.goto(SERVICE);
    await appReady(page);
    expect(await shellBundle(page)).toBe('discovery');
    const service = await page.getByRole('heading', { level: 1 }).textContent();

    await page.getByRole('link', { name: 'Online-Antrag starten' }).click();
    await expect(page).toHaveURL(/\/de\/antrag\/hundesteuer-th\?gemeinde=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hund anmelden (Hundesteuer)');
    await expect(page.getByRole('button', { name: 'Antrag starten' })).toBeVisible();
    expect(await shellBundle(page)).toBe('forms');
    await expectNoAxeViolations(page, 'form start (forms bundle)');

    // Back across the bundles: the service page again, in the discovery bundle.
    await page.goBack();
    await expect(page).toHaveURL((u) => u.pathname + u.search === SERVICE);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(service ?? '');
    expect(await shellBundle(page)).toBe('discovery');
    // And forward again.
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hund anmelden (Hundesteuer)');
    expect(await shellBundle(page)).toBe('forms');
  });

  test('inside a bundle, navigation stays in the page; an account page is the full app', async ({ page }) => {
    await page.goto('/de/');
    await appReady(page);
    // Mark the document: a client-side navigation keeps it, a page load does not.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Leistungen suchen' }).click();
    await expect(page).toHaveURL(/\/de\/suche/);
    await appReady(page);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    // The header's sign-in link leads into the full app (a page load).
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anmelden' }).click();
    await expect(page).toHaveURL(/\/de\/konto\/anmelden/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    expect(await shellBundle(page)).toBe('app');
  });

  test('a direct visit to an account page and to an unknown address gets the full app', async ({ page }) => {
    const wasm = wasmRequests(page);
    await page.goto('/de/konto/anmelden');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
    expect(await shellBundle(page)).toBe('app');
    expect(wasm.filter((w) => !w.startsWith('app'))).toEqual([]);
    await expectNoAxeViolations(page, 'sign-in page (full app)');

    await page.goto('/de/gibt-es-nicht');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seite nicht gefunden');
    expect(await shellBundle(page)).toBe('app');
  });

  // A discovery page's first paint waits for one request to the API; the server names it in a
  // `Link: rel=preload` header (contract::page_data), so the browser fetches it while the app
  // downloads and the app's own request takes that answer: one request, not two.
  for (const [address, api, content] of [
    ['/de/', '/api/v1/topics', '.topics .topic'],
    ['/fr/suche?q=chien&gemeinde=ch:4001', '/api/v1/search', '.results .result'],
    [SERVICE, '/api/v1/services/', 'main h1'],
    [`/de/antrag/hundesteuer-th?gemeinde=${SCHMOELLN}`, '/api/v1/forms/', 'main h1'],
  ] as const) {
    test(`a first visit to ${address} fetches its data once, started by the page's preload`, async ({ page }) => {
      const asked: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith(api)) asked.push(url.pathname + url.search);
      });
      const response = await page.goto(address);
      const link = response?.headers()['link'] ?? '';
      expect(link).toMatch(/^<\/api\/v1\/[^>]+>; rel=preload; as=fetch; crossorigin$/);
      const preloaded = link.slice(1, link.indexOf('>'));
      await appReady(page);
      await expect(page.locator(content).first()).toBeVisible();
      expect(asked).toEqual([preloaded]);
    });
  }
});
