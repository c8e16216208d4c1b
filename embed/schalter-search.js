/*! Schalter search widget v1: <schalter-search municipality="ch:4001" lang="de"></schalter-search>
 * The municipality's services, searched on its own website; results lead into the portal with the
 * municipality chosen. Shadow DOM: the page's CSS does not reach in, the widget's does not leak
 * out. The ARIA 1.2 combobox pattern (list autocomplete), as the portal's own search box.
 * Documentation: docs/embedding.md. Licence: EUPL-1.2. */
(() => {
  'use strict';
  if (!window.customElements || customElements.get('schalter-search')) return;

  // Texts per language, filled in by the server from the portal's text catalogue.
  const TEXTS = "__SCHALTER_TEXTS__";
  // The portal: where this script came from (or the element's `portal` attribute).
  const script = document.currentScript;
  const HOME = script && script.src ? new URL('/', script.src).href : '';
  const LIMIT = 6;
  const MIN_CHARS = 2;
  const DEBOUNCE_MS = 200;
  const COLOUR = /^#[0-9a-f]{6}$/;

  // Sizes in px, never rem: the host page's root font size must not change the widget.
  const CSS = `
:host{all:initial;display:block}
:host([hidden]){display:none}
.r{all:initial;display:block;box-sizing:border-box;padding:16px;border:1px solid var(--t);border-top:4px solid var(--a);border-radius:6px;
 font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--t);background:var(--b);
 overflow-wrap:break-word;text-align:start;--a:#0a4a7c;--o:#fff;--t:#1b1f23;--b:#fff}
*,*::before,*::after{box-sizing:inherit}
[hidden]{display:none!important}
.h{display:flex;align-items:center;gap:10px;margin:0 0 12px;font-size:18px;font-weight:700;line-height:1.3}
.h img{height:40px;width:auto;flex:none}
label{display:block;font-weight:700}
.d{margin:0 0 8px;font-size:14px}
.w{display:flex;gap:8px}
input,button{font:inherit;margin:0;min-height:44px;border-radius:4px}
input{flex:1 1 auto;min-width:0;padding:8px 10px;color:var(--t);background:var(--b);border:2px solid var(--t)}
button{flex:none;padding:8px 16px;font-weight:700;color:var(--o);background:var(--a);border:2px solid var(--a);cursor:pointer}
input:focus,button:focus,a:focus{outline:3px solid var(--a);outline-offset:2px}
ul{list-style:none;margin:8px 0 0;padding:0;max-height:336px;overflow-y:auto;border:1px solid var(--t);border-radius:4px}
li{padding:8px 12px;min-height:44px;cursor:pointer}
li+li{border-top:1px solid color-mix(in srgb,var(--t) 35%,transparent)}
li[aria-selected=true],li:hover{background:var(--a);color:var(--o)}
mark{background:none;color:inherit;font-weight:700;text-decoration:underline}
li small{display:block;font-size:14px}
.s:not(:empty){margin:8px 0 0}
div[hidden]+.s:not(:empty){margin:0}
a{color:var(--a);text-decoration:underline;font-size:14px}
p{margin:0}
.m{margin:12px 0 0}`;

  let baseSheet;
  // Constructed style sheets are not inline styles: a host page's CSP (style-src) allows them.
  function sheet(css) {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    return s;
  }
  const constructable = 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype;

  function el(tag, attrs, parent) {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.append(e);
    return e;
  }

  // A portal address from the server's template (its one spelling, contract::paths), encoded as
  // the portal does: `:` stays readable (`gemeinde=ch:4001`).
  const enc = (s) => encodeURIComponent(s).replace(/%3A/g, ':');
  function fill(tpl, m, q) {
    return tpl.replace('MUNICIPALITY', enc(m)).replace('QUERY', enc(q || ''));
  }

  // `text` with UTF-16 ranges in <mark>; ranges that do not fit are ignored, not trusted.
  function highlighted(parent, text, ranges) {
    let at = 0;
    for (const [a0, b] of ranges.slice().sort((x, y) => x[0] - y[0])) {
      const a = Math.max(a0, at);
      if (!(a < b && b <= text.length)) continue;
      parent.append(text.slice(at, a), el('mark', {}));
      parent.lastChild.textContent = text.slice(a, b);
      at = b;
    }
    parent.append(text.slice(at));
  }

  class SchalterSearch extends HTMLElement {
    static get observedAttributes() {
      return ['municipality', 'lang', 'portal'];
    }

    constructor() {
      super();
      // Open, so that assistive technology checkers (axe) and tests can look inside.
      this._s = this.attachShadow({ mode: 'open' });
      this._opts = [];
      this._active = -1;
      this._seq = 0;
    }

    connectedCallback() {
      if (!this._r) this._build();
      this._load();
    }

    disconnectedCallback() {
      this._cancel();
      if (this._cfg) this._cfg.abort();
    }

    attributeChangedCallback() {
      if (this._r && this.isConnected) this._load();
    }

    _build() {
      const s = this._s;
      this._theme = '';
      if (constructable) {
        baseSheet = baseSheet || sheet(CSS);
        this._sheet = sheet('');
        s.adoptedStyleSheets = [baseSheet, this._sheet];
      } else {
        this._style = el('style', {}, s);
        this._style.textContent = CSS;
      }
      const r = (this._r = el('div', { class: 'r' }, s));
      const form = (this._form = el('form', { role: 'search', novalidate: '' }, r));
      const head = (this._head = el('div', { class: 'h', hidden: '' }, form));
      this._logo = el('img', { alt: '', hidden: '' }, head);
      this._name = el('span', { id: 'n' }, head);
      const fields = (this._fields = el('div', {}, form));
      this._label = el('label', { for: 'i', id: 'l' }, fields);
      this._hint = el('p', { class: 'd', id: 'd' }, fields);
      const row = el('div', { class: 'w' }, fields);
      const input = (this._input = el(
        'input',
        {
          id: 'i',
          type: 'text',
          role: 'combobox',
          autocomplete: 'off',
          autocapitalize: 'off',
          spellcheck: 'false',
          enterkeyhint: 'search',
          'aria-autocomplete': 'list',
          'aria-expanded': 'false',
          'aria-controls': 'x',
          'aria-describedby': 'd',
        },
        row,
      ));
      this._button = el('button', { type: 'submit' }, row);
      this._list = el('ul', { id: 'x', role: 'listbox', 'aria-labelledby': 'l', hidden: '' }, fields);
      this._status = el('p', { class: 's', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, form);
      this._more = el('a', {}, el('p', { class: 'm' }, form));

      input.addEventListener('input', () => this._typed());
      input.addEventListener('keydown', (e) => this._key(e));
      input.addEventListener('blur', () => setTimeout(() => this._close(), 150));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        this._submit();
      });
      this._list.addEventListener('mousedown', (e) => e.preventDefault());
      this._list.addEventListener('click', (e) => {
        const li = e.target.closest('li');
        if (li) this._pick(+li.dataset.i);
      });
    }

    // Reads the attributes, shows the texts at once, then fetches the municipality's settings.
    _load() {
      this._cancel();
      if (this._cfg) this._cfg.abort();
      this._m = (this.getAttribute('municipality') || '').trim();
      try {
        this._home = new URL('/', this.getAttribute('portal') || HOME || location.href).href;
      } catch {
        this._home = new URL('/', location.href).href;
      }
      this._setLang(this._wantedLang());
      this._clear();
      this._fields.hidden = false;
      this._status.textContent = '';
      if (!this._m) return this._unavailable();
      // Its own controller: typing (which cancels searches) must not cancel the settings.
      const ctl = (this._cfg = new AbortController());
      this._get('config', { municipality: this._m, lang: this._lang }, ctl)
        .then((c) => ctl === this._cfg && this._configure(c))
        .catch((e) => ctl === this._cfg && e.name !== 'AbortError' && this._unavailable());
    }

    _wantedLang() {
      const a = this.closest('[lang]');
      const l = ((a && a.getAttribute('lang')) || 'de').slice(0, 2).toLowerCase();
      return TEXTS[l] ? l : 'de';
    }

    _setLang(l) {
      const t = (this._t = TEXTS[l]);
      this._lang = l;
      this._r.setAttribute('lang', l);
      this._label.textContent = t.label;
      this._hint.textContent = t.hint;
      this._button.textContent = t.button;
      this._more.textContent = t.portal;
      this._more.href = this._url(fill(t.search, this._m));
    }

    _url(path) {
      return new URL(path, this._home).href;
    }

    _configure(c) {
      if (c.lang !== this._lang && TEXTS[c.lang]) this._setLang(c.lang);
      this._name.textContent = c.name;
      this._head.hidden = false;
      this._form.setAttribute('aria-labelledby', 'n');
      if (c.logo_url) {
        this._logo.src = this._url(c.logo_url);
        this._logo.hidden = false;
      } else {
        this._logo.hidden = true;
      }
      const k = c.colours || {};
      const v = { a: k.accent, o: k.on_accent, t: k.text, b: k.background };
      let css = '.r{';
      for (const n in v) if (COLOUR.test(v[n])) css += `--${n}:${v[n]};`;
      css += '}';
      if (this._sheet) this._sheet.replaceSync(css);
      else this._style.textContent = CSS + css;
    }

    // The portal refuses this website (or cannot be reached): say so, and link to the portal.
    _unavailable() {
      this._clear();
      this._fields.hidden = true;
      this._head.hidden = true;
      this._status.textContent = this._t.unavailable;
    }

    _get(what, params, ctl) {
      const q = new URLSearchParams(params).toString();
      return fetch(`${this._home}api/v1/embed/${what}?${q}`, {
        signal: ctl.signal,
        credentials: 'omit',
      }).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json();
      });
    }

    // Forgets the waiting keystrokes and the answer still under way.
    _cancel() {
      clearTimeout(this._timer);
      if (this._ctl) this._ctl.abort();
      this._ctl = null;
      this._seq++;
    }

    _typed() {
      this._cancel();
      const q = this._input.value.trim();
      if ([...q].length < MIN_CHARS) {
        this._clear();
        this._status.textContent = '';
        return;
      }
      this._timer = setTimeout(() => this._search(q), DEBOUNCE_MS);
    }

    _search(q) {
      const seq = ++this._seq;
      const ctl = (this._ctl = new AbortController());
      this._get('search', { municipality: this._m, q, lang: this._lang, limit: LIMIT }, ctl)
        .then((res) => {
          if (seq !== this._seq) return;
          this._show(res.results);
          const t = this._t;
          this._status.textContent = res.results.length ? t.counts[Math.min(res.results.length, t.counts.length - 1)] : t.none.replace('{q}', q);
        })
        .catch((e) => {
          if (seq !== this._seq || e.name === 'AbortError') return;
          this._clear();
          this._status.textContent = this._t.network;
        });
    }

    _show(results) {
      this._opts = results;
      this._active = -1;
      const list = this._list;
      list.textContent = '';
      results.forEach((r, i) => {
        const li = el('li', { id: `o${i}`, role: 'option', 'aria-selected': 'false' }, list);
        li.dataset.i = i;
        const title = el('span', r.lang !== this._lang ? { lang: r.lang } : {}, li);
        highlighted(title, r.title, r.highlights || []);
        if (r.online) el('small', {}, li).textContent = this._t.online;
      });
      this._open(results.length > 0);
    }

    _open(yes) {
      this._list.hidden = !yes;
      this._input.setAttribute('aria-expanded', String(yes));
      if (!yes) this._activate(-1);
    }

    _close() {
      this._open(false);
    }

    _clear() {
      this._opts = [];
      this._list.textContent = '';
      this._close();
    }

    _activate(i) {
      this._active = i;
      this._list.querySelectorAll('li').forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
      if (i < 0) return this._input.removeAttribute('aria-activedescendant');
      this._input.setAttribute('aria-activedescendant', `o${i}`);
      const li = this._list.children[i];
      const list = this._list;
      if (li.offsetTop < list.scrollTop) list.scrollTop = li.offsetTop;
      else if (li.offsetTop + li.offsetHeight > list.scrollTop + list.clientHeight)
        list.scrollTop = li.offsetTop + li.offsetHeight - list.clientHeight;
    }

    _key(e) {
      const n = this._opts.length;
      const open = !this._list.hidden;
      const i = open ? this._active : -1;
      switch (e.key) {
        case 'ArrowDown':
        case 'ArrowUp':
          if (!n) return;
          e.preventDefault();
          this._open(true);
          this._activate(e.key === 'ArrowDown' ? (i + 1) % n : i < 0 ? n - 1 : (i + n - 1) % n);
          break;
        case 'Enter':
          e.preventDefault();
          if (i >= 0) this._pick(i);
          else this._submit();
          break;
        case 'Escape':
          if (open) {
            e.preventDefault();
            this._close();
          } else if (this._input.value) {
            e.preventDefault();
            this._cancel();
            this._input.value = '';
            this._clear();
            this._status.textContent = '';
          }
          break;
        default:
      }
    }

    _pick(i) {
      const r = this._opts[i];
      if (r) this._go(r.url);
    }

    _submit() {
      const q = this._input.value.trim();
      this._go(fill(q ? this._t.results : this._t.search, this._m, q));
    }

    // Into the portal; in the iframe variant (target="_top") the whole page goes there.
    _go(path) {
      this._cancel();
      this._close();
      const target = this.getAttribute('target');
      if (target) window.open(this._url(path), target);
      else location.assign(this._url(path));
    }
  }

  customElements.define('schalter-search', SchalterSearch);
})();
