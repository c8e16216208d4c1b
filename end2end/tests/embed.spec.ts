import { type Locator, type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot, hasHorizontalScroll } from './fixtures';
import { portalURL, registeredHost, unregisteredHost } from '../hosts';

// The search widget on a municipality's own website (another origin than the portal's).

const AARAU = 'ch:4001';

/** The portal's own search for the municipality: what the widget must show, no more. */
async function portalTitles(page: Page, q: string, municipality: string, limit = 6, lang = 'de') {
  const res = await page.request.get(
    `${portalURL}/api/v1/search?q=${encodeURIComponent(q)}&municipality=${municipality}&lang=${lang}&limit=${limit}`,
  );
  expect(res.ok()).toBe(true);
  return ((await res.json()).results as { title: string }[]).map((r) => r.title);
}

/** Lets through the console errors a refusing browser writes, and only those. */
function dropExpectedErrors(errors: string[], pattern: RegExp) {
  const unexpected = errors.filter((e) => !pattern.test(e));
  errors.splice(0, errors.length, ...unexpected);
}

/** The widget's computed styles that a leaking host style would change. */
async function widgetLook(widget: Locator) {
  return widget.evaluate((host) => {
    const root = host.shadowRoot!;
    const pick = (sel: string) => {
      const s = getComputedStyle(root.querySelector(sel)!);
      return [s.color, s.fontSize, s.fontFamily, s.letterSpacing, s.lineHeight, s.textTransform, s.backgroundColor].join(' | ');
    };
    const box = host.getBoundingClientRect();
    return { label: pick('label'), input: pick('input'), button: pick('button'), hint: pick('p'), height: Math.round(box.height) };
  });
}

test.describe('the search widget on a registered website', () => {
  test('loads, searches only the municipality, and leads into the portal with it chosen', async ({ page }) => {
    await page.goto(`${registeredHost}/`);
    const widget = page.locator('schalter-search');
    const box = widget.getByRole('combobox', { name: 'Leistung suchen' });
    await expect(box).toBeVisible();
    await expect(widget.getByText('Stadt Aarau', { exact: true })).toBeVisible();
    await expect(widget.getByRole('search', { name: 'Stadt Aarau' })).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toHaveAttribute('aria-autocomplete', 'list');
    await expect(widget.getByRole('link', { name: 'Alle Leistungen im Portal' })).toHaveAttribute(
      'href',
      `${portalURL}/de/suche?gemeinde=ch:4001`,
    );
    await expectNoAxeViolations(page, 'host page with the widget');

    await box.pressSequentially('Hund', { delay: 30 });
    const list = widget.getByRole('listbox', { name: 'Leistung suchen' });
    const options = list.getByRole('option');
    await expect(options.first()).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(box).toHaveAttribute('aria-controls', (await list.getAttribute('id'))!);
    const expected = await portalTitles(page, 'Hund', AARAU);
    await expect(options).toHaveCount(expected.length);
    await expect(widget.getByRole('status')).toHaveText(expected.length === 1 ? '1 Ergebnis' : `${expected.length} Ergebnisse`);
    for (let i = 0; i < expected.length; i++) await expect(options.nth(i)).toContainText(expected[i]);
    await expect(options.first().locator('mark').first()).toHaveText(/hund/i);
    // Not what another municipality offers: Schmölln's dog tax is a German service.
    const schmoelln = await portalTitles(page, 'Hund', 'de:16077043');
    expect(schmoelln.filter((t) => !expected.includes(t)).length).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'host page with the list open');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'embed-host-list-open-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'embed-host-list-open-360');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Keyboard: down to the first option, Escape closes, a second Escape clears.
    await box.press('ArrowDown');
    const first = options.first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
    await box.press('ArrowUp');
    await expect(options.last()).toHaveAttribute('aria-selected', 'true');
    await box.press('Escape');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).not.toHaveAttribute('aria-activedescendant');
    await box.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(first).toHaveAttribute('aria-selected', 'true');

    // Enter opens the service in the portal, with the municipality chosen.
    const title = expected[0];
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`^${portalURL}/de/leistung/\\d+\\?gemeinde=ch:4001$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('Zuständig für Aarau (AG):')).toBeVisible();
  });

  test('speaks every portal language: label, results, count, links, accessible', async ({ page }) => {
    await page.goto(`${registeredHost}/`);
    const widget = page.locator('schalter-search');
    await expect(widget.getByRole('combobox', { name: 'Leistung suchen' })).toBeVisible();
    for (const l of [
      { lang: 'fr', label: 'Rechercher une prestation', q: 'chien', more: 'Toutes les prestations sur le portail', count: /^\d+ résultats?$/ },
      { lang: 'it', label: 'Cerca una prestazione', q: 'cane', more: 'Tutte le prestazioni sul portale', count: /^\d+ risultat[oi]$/ },
      { lang: 'en', label: 'Search for a service', q: 'dog', more: 'All services on the portal', count: /^\d+ results?$/ },
    ]) {
      // As a municipality's page in that language embeds it (the element follows its attribute).
      await widget.evaluate((el, lang) => el.setAttribute('lang', lang), l.lang);
      const box = widget.getByRole('combobox', { name: l.label });
      await expect(box).toBeVisible();
      await expect(widget.getByRole('link', { name: l.more })).toHaveAttribute(
        'href',
        new RegExp(`^${portalURL}/${l.lang}/`),
      );
      await box.fill('');
      await box.pressSequentially(l.q, { delay: 30 });
      const expected = await portalTitles(page, l.q, AARAU, 6, l.lang);
      expect(expected.length, `${l.lang}: the portal finds ${l.q}`).toBeGreaterThan(0);
      const options = widget.getByRole('listbox', { name: l.label }).getByRole('option');
      await expect(options).toHaveCount(expected.length);
      for (let i = 0; i < expected.length; i++) await expect(options.nth(i)).toContainText(expected[i]);
      await expect(widget.getByRole('status')).toHaveText(l.count);
      await expectNoAxeViolations(page, `widget in ${l.lang} with the list open`);
    }
    // Enter on the first English result opens the English service page, Aarau chosen.
    const box = widget.getByRole('combobox', { name: 'Search for a service' });
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`^${portalURL}/en/leistung/\\d+\\?gemeinde=ch:4001$`));
  });

  test('Enter without a chosen option opens the full result list in the portal', async ({ page }) => {
    await page.goto(`${registeredHost}/`);
    const box = page.locator('schalter-search').getByRole('combobox', { name: 'Leistung suchen' });
    await box.pressSequentially('umzug', { delay: 30 });
    await expect(page.locator('schalter-search').getByRole('option').first()).toBeVisible();
    await box.press('Enter');
    await expect(page).toHaveURL(`${portalURL}/de/suche?q=umzug&gemeinde=ch:4001`);
    await expect(page.getByRole('heading', { level: 2, name: /für «umzug»/ })).toBeVisible();
  });

  test('the page\'s CSS does not reach into the widget, and the widget\'s does not leak out', async ({ page }) => {
    await page.goto(`${registeredHost}/`);
    const widget = page.locator('schalter-search');
    await expect(widget.getByText('Stadt Aarau', { exact: true })).toBeVisible();
    const before = await widgetLook(widget);
    // The widget's own sizes, not the page's 62.5 % root or its serif font.
    expect(before.input).toContain('16px');
    expect(before.input).not.toContain('Georgia');

    // The page's elements that share the widget's class names and tags keep the page's look.
    const pageLook = await page.evaluate(() => {
      const s = (sel: string) => {
        const c = getComputedStyle(document.querySelector(sel)!);
        return [c.display, c.color, c.fontFamily.split(',')[0], c.fontWeight, c.backgroundColor, c.padding].join(' | ');
      };
      return { h: s('p.h'), li: s('li.w'), mark: s('mark'), button: s('main form button') };
    });
    // (`.h` and `li.w` are blocks with 2px padding by the page's own rule for those classes.)
    expect(pageLook.h).toBe('block | rgb(59, 10, 10) | Georgia | 400 | rgba(0, 0, 0, 0) | 2px');
    expect(pageLook.li).toBe('block | rgb(59, 10, 10) | Georgia | 400 | rgba(0, 0, 0, 0) | 2px');
    expect(pageLook.mark).toBe('inline | rgb(59, 10, 10) | Georgia | 400 | rgb(255, 243, 168) | 0px');
    expect(pageLook.button).toMatch(/^inline-block \| rgb\(255, 255, 255\) \| .+ \| 400 \| rgb\(59, 10, 10\) \| 1px 6px$/);

    // A page that styles everything, even with !important, changes nothing inside.
    await page.addStyleTag({
      content:
        '* { color: red !important; font-size: 40px !important; font-family: "Comic Sans MS", cursive !important; ' +
        'letter-spacing: 5px !important; line-height: 3 !important; text-transform: uppercase !important; } ' +
        'html { font-size: 10px !important; }',
    });
    expect(await widgetLook(widget)).toEqual(before);
  });
});

test.describe('a website that is not registered', () => {
  test('is refused: the widget says so politely and links to the portal', async ({ page, consoleErrors }) => {
    await page.goto(`${unregisteredHost}/`);
    const widget = page.locator('schalter-search');
    await expect(widget.getByRole('status')).toHaveText('Die Suche ist auf dieser Website zurzeit nicht verfügbar.');
    await expect(widget.getByRole('combobox')).toBeHidden();
    await expect(widget.getByRole('link', { name: 'Alle Leistungen im Portal' })).toHaveAttribute(
      'href',
      `${portalURL}/de/suche?gemeinde=ch:4001`,
    );
    await expectNoAxeViolations(page, 'unregistered host page');
    await screenshot(page, 'embed-host-refused-1280');

    // The page's own requests get nothing from the portal.
    const fromPage = await page.evaluate(
      (url) => fetch(url).then((r) => `HTTP ${r.status}`, () => 'blocked'),
      `${portalURL}/api/v1/embed/search?municipality=${AARAU}&q=Hund`,
    );
    expect(fromPage).toBe('blocked');
    // What the portal answers that origin: 403, no CORS header.
    const res = await page.request.get(`${portalURL}/api/v1/embed/search?municipality=${AARAU}&q=Hund`, {
      headers: { Origin: unregisteredHost },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).code).toBe('origin_not_allowed');
    expect(res.headers()['access-control-allow-origin']).toBeUndefined();
    dropExpectedErrors(consoleErrors, /CORS policy|403 \(Forbidden\)|net::ERR_FAILED/);
  });
});

test.describe('the iframe variant', () => {
  test('shows the search on the registered website; a result opens the portal in the whole window', async ({ page }) => {
    await page.goto(`${registeredHost}/frame.html`);
    const frame = page.frameLocator('iframe[title="Leistung suchen – Stadt Aarau"]');
    const box = frame.getByRole('combobox', { name: 'Leistung suchen' });
    await expect(frame.getByText('Stadt Aarau', { exact: true })).toBeVisible();
    await box.pressSequentially('Hund', { delay: 30 });
    await expect(frame.getByRole('option').first()).toBeVisible();
    await expectNoAxeViolations(page, 'host page with the iframe');
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`^${portalURL}/de/leistung/\\d+\\?gemeinde=ch:4001$`));
    await expect(page.getByText('Zuständig für Aarau (AG):')).toBeVisible();
  });

  test('is refused by frame-ancestors on a website that is not registered', async ({ page, consoleErrors }) => {
    const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.goto(`${unregisteredHost}/frame.html`);
    expect((await refused).text()).toContain(`frame-ancestors 'self'`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame, 'the iframe element is there').toBeTruthy();
    expect(await frame!.locator('schalter-search').count()).toBe(0);
    dropExpectedErrors(consoleErrors, /frame-ancestors/);
  });
});

test.describe('the demo page for municipal web teams', () => {
  test('shows the snippets with both variants working, accessible at 1280 and 360 px', async ({ page }) => {
    await page.goto('/embed-demo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("The Schalter search on your municipality's website");
    await expect(page.getByText('<schalter-search municipality="ch:4001" lang="de"></schalter-search>')).toBeVisible();
    const widgets = page.locator('schalter-search');
    await expect(widgets.nth(0).getByText('Stadt Aarau', { exact: true })).toBeVisible();
    // Glarus: its own colours and French.
    const glarus = widgets.nth(1);
    await expect(glarus.getByText('Gemeinde Glarus', { exact: true })).toBeVisible();
    const fr = glarus.getByRole('combobox', { name: 'Rechercher une prestation' });
    await expect(fr).toBeVisible();
    const frame = page.frameLocator('iframe');
    await expect(frame.getByText('Stadt Schmölln', { exact: true })).toBeVisible();
    await expect(frame.getByRole('combobox', { name: 'Leistung suchen' })).toBeVisible();

    await fr.pressSequentially('chien', { delay: 30 });
    await expect(glarus.getByRole('option').first()).toBeVisible();
    await expect(glarus.getByRole('status')).toHaveText(/\d+ résultats?/);

    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoAxeViolations(page, 'embed demo at 1280px');
    await screenshot(page, 'embed-demo-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await hasHorizontalScroll(page), 'no sideways scrolling at 360 px').toBe(false);
    await expectNoAxeViolations(page, 'embed demo at 360px');
    await screenshot(page, 'embed-demo-360');
  });
});
