/**
 * Measures a rendered page for the elder-friendly numbers (PLATFORM.md, issue 6): smallest text,
 * line spacing, smallest tap target, lowest text contrast, accessible names, and whether the
 * layout holds at 1.4 × text. Everything is read from the live DOM in Chromium with
 * `page.evaluate`, so a new page is covered by listing it in pages.ts — no per-page code.
 *
 * What counts (all decided from the DOM, in `inspect` below):
 * - Text: every element with a non-empty direct text node, plus form fields (their value or
 *   placeholder is text too). Visible means: a non-zero box inside the document, no ancestor with
 *   display:none / visibility:hidden / opacity:0 / aria-hidden="true". Text under aria-hidden is
 *   left out (as the brief defines "visible") but listed in `ignored`, so nothing is skipped silently.
 * - Contrast: the text colour (placeholder colour for an empty field) over the effective
 *   background — each ancestor's background-color composited from the root (white) down, alpha and
 *   opacity included — by WCAG 2 relative luminance. A background image is not read; it is
 *   reported in `notes` when one is under text.
 * - Clickable: native controls (a[href], button, input, textarea, select, summary), a focusable
 *   [tabindex], an ARIA widget role (button, link, switch, tab, radio, checkbox, menuitem, option),
 *   Taro's H5 form components (taro-button-core, taro-input-core, …), taro-ui's tappable parts
 *   (.at-button, .at-switch, .at-list__item, …), and anything whose computed cursor is pointer.
 *   A clickable inside another clickable is part of it: only the outermost is a target. Its size
 *   is min(width, height) of its box.
 * - Names: every target needs an accessible name (aria-label, aria-labelledby, title, its text, an
 *   image alt inside, or for a field a label/placeholder); every visible <img> needs an alt
 *   attribute (alt="" declares it decorative — Taro's tab bar icons, which sit next to their label).
 * - 1.4 × text: Taro H5 sizes everything in rem (pxtransform; html font-size is 20 px at 375 px),
 *   so a larger text setting is emulated by multiplying the root font size by 1.4. That grows the
 *   text and the boxes around it together, which is what a Taro page does under a larger setting,
 *   and it is stricter than enlarging text alone. (CSS zoom is not used: it scales the layout
 *   viewport too, so nothing could ever overflow.) Then: the document must not scroll sideways, no
 *   visible text may stick out of the viewport or out of an ancestor that clips (overflow other
 *   than visible) — nothing cut off — and no text of 3+ characters may be squeezed into a column
 *   narrower than two characters (it would read one character a line).
 */
import type { Page } from 'playwright-core';

/** Where a reading was taken: enough to find the element. */
export interface Spot {
  tag: string;
  cls: string;
  text: string;
  /** Box in CSS px, for targets and overflow. */
  box?: string;
}

export interface Reading {
  value: number;
  at: Spot | null;
}

/** One visible piece of text. */
export interface TextItem {
  at: Spot;
  /** Computed font-size, CSS px. */
  font: number;
  /** line-height ÷ font-size ('normal' counts as 1.2); null for a form field (one line). */
  lineHeight: number | null;
  contrast: number;
  /** h1–h6, role=heading, or a class naming a title. */
  title: boolean;
}

/** One tap target: min(width, height) of its box, CSS px. */
export interface TargetItem {
  at: Spot;
  size: number;
}

export interface Snapshot {
  texts: TextItem[];
  targets: TargetItem[];
  unlabelled: Spot[];
  ignored: Spot[];
  notes: string[];
}

export interface Overflow {
  scale: number;
  scrollWidth: number;
  clientWidth: number;
  /** Text outside the viewport, clipped by an ancestor, or squeezed to one character a line. */
  cut: Spot[];
}

export interface Measurement extends Snapshot {
  overflow: Overflow;
  /** How long the page is: the height of the page on screen ÷ the viewport's, at 1× text. */
  screens: number;
}

/** Runs in the page. Self-contained: no imports or outer variables (it is sent as source). */
function inspect(): Snapshot {
  const CLICKABLE = [
    'a[href]',
    'button',
    'input:not([type=hidden])',
    'textarea',
    'select',
    'summary',
    '[tabindex]:not([tabindex="-1"])',
    ...['button', 'link', 'switch', 'tab', 'radio', 'checkbox', 'menuitem', 'option'].map((r) => `[role=${r}]`),
    ...['button', 'input', 'textarea', 'switch', 'checkbox', 'radio', 'picker', 'navigator', 'slider'].map((c) => `taro-${c}-core`),
    ...['at-button', 'at-switch', 'at-list__item', 'at-tabs__item', 'at-tab-bar__item', 'at-checkbox__option', 'at-radio__option', 'at-segmented-control__item', 'at-search-bar__action', 'at-nav-bar__left-view', 'at-nav-bar__right-view', 'at-accordion__header', 'at-input__icon'].map((c) => `.${c}`),
  ].join(',');
  const TITLE = 'h1,h2,h3,h4,h5,h6,[role=heading],[class*="title"]';

  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top: RGBA, below: RGBA): RGBA => {
    const a = top[3];
    return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
  };
  const lerp = (from: RGBA, to: RGBA, t: number): RGBA => [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, from[2] + (to[2] - from[2]) * t, 1];
  const luminance = (c: RGBA) => {
    const ch = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const ratio = (a: RGBA, b: RGBA) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };

  const spot = (el: Element, withBox = false): Spot => {
    const r = el.getBoundingClientRect();
    const text = ((el as HTMLInputElement).value || (el as HTMLInputElement).placeholder || el.textContent || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    return {
      tag: el.tagName.toLowerCase(),
      cls: (el.getAttribute('class') || '').trim(),
      text: text.slice(0, 30),
      ...(withBox ? { box: `${Math.round(r.width * 10) / 10}×${Math.round(r.height * 10) / 10}` } : {}),
    };
  };

  const chainOf = (el: Element): Element[] => {
    const chain: Element[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
    return chain;
  };
  /** Rendered, in the document, and not hidden by any ancestor. Returns why not, or ''. */
  const hiddenBecause = (el: Element): string => {
    const r = el.getBoundingClientRect();
    if (r.width < 0.5 || r.height < 0.5) return 'no box';
    const doc = document.documentElement;
    if (r.right <= 0 || r.left >= Math.max(doc.scrollWidth, innerWidth) || r.bottom <= -scrollY) return 'outside';
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible') return 'visibility';
    for (const e of chainOf(el)) {
      const s = getComputedStyle(e);
      if (s.display === 'none') return 'display';
      if (Number(s.opacity) === 0) return 'opacity';
    }
    return '';
  };
  const ariaHidden = (el: Element) => !!el.closest('[aria-hidden="true"]');

  const notes = new Set<string>();
  /** Colour of the pixel under `el`'s text: backgrounds from the root down, opacity as groups. */
  const contrastOf = (el: Element, fg: RGBA): number => {
    const chain = chainOf(el);
    const paint = (i: number, behind: RGBA, withText: boolean): RGBA => {
      if (i === chain.length) return withText ? over(fg, behind) : behind;
      const s = getComputedStyle(chain[i]);
      if (s.backgroundImage !== 'none' && !s.backgroundImage.startsWith('url("data:image/svg')) notes.add(`background image under text (${chain[i].tagName.toLowerCase()}.${chain[i].className})`);
      const inner = paint(i + 1, over(parse(s.backgroundColor), behind), withText);
      return lerp(behind, inner, Number(s.opacity));
    };
    const white: RGBA = [255, 255, 255, 1];
    return ratio(paint(0, white, true), paint(0, white, false));
  };

  const isField = (el: Element) => el.matches('input:not([type=hidden]):not([type=checkbox]):not([type=radio]),textarea');
  const texts: Element[] = [];
  const ignored: Spot[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el.closest('script,style,noscript,template,svg')) continue;
    const hasText = isField(el)
      ? !!((el as HTMLInputElement).value || (el as HTMLInputElement).placeholder)
      : Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent || '').trim());
    if (!hasText || hiddenBecause(el)) continue;
    if (ariaHidden(el)) ignored.push(spot(el));
    else texts.push(el);
  }

  const round = (v: number) => Math.round(v * 100) / 100;
  const textItems: TextItem[] = texts.map((el) => {
    const s = getComputedStyle(el);
    const font = parseFloat(s.fontSize);
    const field = isField(el);
    const colour = field && !(el as HTMLInputElement).value ? getComputedStyle(el, '::placeholder').color : s.color;
    return {
      at: spot(el),
      font,
      lineHeight: field ? null : round((s.lineHeight === 'normal' ? 1.2 * font : parseFloat(s.lineHeight)) / font),
      contrast: round(contrastOf(el, parse(colour))),
      title: el.matches(TITLE),
    };
  });

  // Targets: the outermost clickables (by selector or a pointer cursor).
  const candidates = new Set<Element>(Array.from(document.body.querySelectorAll(CLICKABLE)));
  for (const el of Array.from(document.body.querySelectorAll('*'))) if (getComputedStyle(el).cursor === 'pointer') candidates.add(el);
  const targets = Array.from(candidates).filter((el) => {
    if (hiddenBecause(el)) return false;
    for (let p = el.parentElement; p; p = p.parentElement) if (candidates.has(p)) return false;
    return true;
  });
  const targetItems: TargetItem[] = targets.map((el) => {
    const r = el.getBoundingClientRect();
    return { at: spot(el, true), size: Math.round(Math.min(r.width, r.height) * 10) / 10 };
  });

  const nameOf = (el: Element): string => {
    const own = el.getAttribute('aria-label') || el.getAttribute('title') || '';
    if (own.trim()) return own;
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join('');
    if ((el as HTMLElement).innerText?.trim()) return (el as HTMLElement).innerText;
    const alt = Array.from(el.querySelectorAll('img[alt]')).map((i) => i.getAttribute('alt')).join('');
    if (alt.trim()) return alt;
    const field = el.matches('input,textarea,select') ? el : el.querySelector('input,textarea,select');
    if (field) {
      const id = field.id || el.id;
      const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
      return label?.textContent || (field as HTMLInputElement).placeholder || field.getAttribute('aria-label') || '';
    }
    return '';
  };
  const unlabelled = targets.filter((el) => !nameOf(el).trim()).map((el) => spot(el, true));
  for (const img of Array.from(document.body.querySelectorAll('img,[role=img]'))) {
    if (hiddenBecause(img)) continue;
    const ok = img.tagName === 'IMG' ? img.hasAttribute('alt') : !!nameOf(img).trim();
    if (!ok) unlabelled.push(spot(img, true));
  }

  return { texts: textItems, targets: targetItems, unlabelled, ignored, notes: Array.from(notes) };
}

/** Runs in the page: after the root font size was scaled, is anything cut off or off to the side? */
function overflowAfterScale(scale: number): Overflow {
  const doc = document.scrollingElement || document.documentElement;
  const cut: Spot[] = [];
  const vw = document.documentElement.clientWidth;
  const spot = (el: Element, why: string): Spot => {
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      cls: (el.getAttribute('class') || '').trim(),
      text: `${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 24)} — ${why}`,
      box: `x ${Math.round(r.left)}…${Math.round(r.right)}, y ${Math.round(r.top)}…${Math.round(r.bottom)}`,
    };
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width < 0.5 || r.height < 0.5 || el.closest('[aria-hidden="true"]')) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    return true;
  };
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el.closest('script,style,svg')) continue;
    const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent || '').trim());
    if (!hasText || !visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.right > vw + 0.5) {
      cut.push(spot(el, 'outside the viewport'));
      continue;
    }
    // Squeezed: a column so narrow that the text breaks after every character.
    const chars = (el.textContent || '').replace(/\s+/g, '').length;
    if (chars >= 3 && r.width < 1.9 * parseFloat(getComputedStyle(el).fontSize)) {
      cut.push(spot(el, 'squeezed to one character a line'));
      continue;
    }
    // Ranges of the text itself (an element's box can be wider than its text, e.g. a flex item).
    const range = document.createRange();
    range.selectNodeContents(el);
    const t = range.getBoundingClientRect();
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const s = getComputedStyle(p);
      const pr = p.getBoundingClientRect();
      const clipsX = s.overflowX !== 'visible';
      const clipsY = s.overflowY === 'hidden' || s.overflowY === 'clip';
      if (clipsX && (t.left < pr.left - 0.5 || t.right > pr.right + 0.5)) {
        cut.push(spot(el, `clipped sideways by ${p.tagName.toLowerCase()}.${p.className}`));
        break;
      }
      if (clipsY && (t.top < pr.top - 0.5 || t.bottom > pr.bottom + 0.5) && p.scrollHeight > p.clientHeight + 1) {
        cut.push(spot(el, `clipped by ${p.tagName.toLowerCase()}.${p.className}`));
        break;
      }
    }
  }
  return { scale, scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, cut };
}

const nextFrame = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** Measures the page as it is, then again for overflow with the root font size × `scale`. */
export async function measure(page: Page, scale = 1.4): Promise<Measurement> {
  const snapshot = await page.evaluate(inspect);
  // The page scrolls inside Taro's container: its root's full height is the page's length.
  const screens = await page.evaluate(() => {
    const roots = Array.from(document.querySelectorAll('.taro_page_show .jl-page')).filter((el) => el.getBoundingClientRect().height > 0);
    const height = roots.length ? Math.max(...roots.map((el) => (el as HTMLElement).scrollHeight)) : document.documentElement.scrollHeight;
    return Math.round((height / innerHeight) * 10) / 10;
  });
  const base = await page.evaluate((s) => {
    const html = document.documentElement;
    const before = html.style.fontSize;
    html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * s}px`;
    return before;
  }, scale);
  try {
    await nextFrame(page);
    const overflow = await page.evaluate(overflowAfterScale, scale);
    return { ...snapshot, overflow, screens };
  } finally {
    await page.evaluate((before) => {
      document.documentElement.style.fontSize = before;
    }, base);
    await nextFrame(page);
  }
}

export type Mode = 'normal' | 'elder';

/** The numbers (PLATFORM.md "Elder-friendly", issue 6). */
export const THRESHOLDS = {
  normal: {
    // Normal mode has no MIIT minimum for text; 12 CSS px is the floor below which text is
    // unreadable for anyone on a phone (and Chromium's own minimum font setting for CJK).
    minFont: 12,
    minTarget: 44,
    minContrast: 4.5,
  },
  elder: {
    minFont: 18,
    // MIIT's "largest ≥ 30" is a token (--jl-font-largest); per page the title must be ≥ 24.
    minTitleFont: 24,
    minLineHeight: 1.3,
    minTarget: 60,
    minContrast: 4.5,
  },
} as const;

/** The lowest (or, with `max`, highest) of some readings, and where it was taken. */
function extreme<T>(items: T[], value: (t: T) => number | null, at: (t: T) => Spot, max = false): Reading {
  let best: Reading = { value: max ? -Infinity : Infinity, at: null };
  for (const item of items) {
    const v = value(item);
    if (v !== null && (max ? v > best.value : v < best.value)) best = { value: v, at: at(item) };
  }
  return best;
}

/** The per-page figures of the table. */
export function summary(m: Measurement) {
  const titles = m.texts.filter((t) => t.title);
  return {
    minFont: extreme(m.texts, (t) => t.font, (t) => t.at),
    /** Largest title-like text; null when the page has no title. */
    maxTitleFont: titles.length ? extreme(titles, (t) => t.font, (t) => t.at, true) : null,
    minLineHeight: extreme(m.texts, (t) => t.lineHeight, (t) => t.at),
    minTarget: extreme(m.targets, (t) => t.size, (t) => t.at),
    minContrast: extreme(m.texts, (t) => t.contrast, (t) => t.at),
  };
}

const where = (s: Spot | null) => (s ? `<${s.tag} class="${s.cls}">${s.text ? ` "${s.text}"` : ''}${s.box ? ` [${s.box}]` : ''}` : '');

/**
 * Every reading below its threshold, as lines naming the page, mode, metric, value and element
 * (each offending element, not just the worst one, so one run shows all there is to fix).
 */
export function failures(name: string, mode: Mode, m: Measurement): string[] {
  const out: string[] = [];
  const fail = (metric: string, value: string, want: string, at: Spot | null) =>
    out.push(`${name} (${mode}): ${metric}${value ? ` ${value}` : ''}, want ${want} — ${where(at)}`);
  const t = THRESHOLDS[mode];
  if (m.texts.length === 0) out.push(`${name} (${mode}): no visible text at all — did the page render?`);
  for (const x of m.texts) {
    if (x.font < t.minFont) fail('font', `${x.font}px`, `≥ ${t.minFont}px`, x.at);
    if (x.contrast < t.minContrast) fail('text contrast', `${x.contrast}:1`, `≥ ${t.minContrast}:1`, x.at);
    if (mode === 'elder' && x.lineHeight !== null && x.lineHeight < THRESHOLDS.elder.minLineHeight) {
      fail('line height', String(x.lineHeight), `≥ ${THRESHOLDS.elder.minLineHeight}`, x.at);
    }
  }
  for (const x of m.targets) if (x.size < t.minTarget) fail('tap target', `${x.size}px`, `≥ ${t.minTarget}px`, x.at);
  const title = summary(m).maxTitleFont;
  if (mode === 'elder' && title && title.value < THRESHOLDS.elder.minTitleFont) {
    fail('largest title', `${title.value}px`, `≥ ${THRESHOLDS.elder.minTitleFont}px`, title.at);
  }
  const o = m.overflow;
  if (o.scrollWidth > o.clientWidth) out.push(`${name} (${mode}): scrolls sideways at ${o.scale}× text (${o.scrollWidth} > ${o.clientWidth}px)`);
  for (const c of o.cut) fail(`layout at ${o.scale}× text`, '', 'nothing cut off or squeezed', c);
  for (const u of m.unlabelled) fail('no accessible name', '', 'a label (aria-label, text, alt)', u);
  return out;
}

export interface Row {
  name: string;
  route: string;
  mode: Mode;
  m: Measurement;
  ok: boolean;
}

const fmt = (n: number, unit = '') => (Number.isFinite(n) ? `${Math.round(n * 100) / 100}${unit}` : '–');

/** The markdown table: one line per page and mode. */
export function table(rows: Row[]): string {
  const head = [
    '| page | route | mode | min font | largest title | min line height | min target | min contrast | overflow @1.4× | length | result |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const lines = rows.map((r) => {
    const s = summary(r.m);
    const o = r.m.overflow;
    const overflow = o.scrollWidth > o.clientWidth || o.cut.length ? `✗ ${o.scrollWidth}/${o.clientWidth}px, ${o.cut.length} cut` : 'none';
    const title = s.maxTitleFont ? fmt(s.maxTitleFont.value, 'px') : '–';
    return `| ${r.name} | ${r.route} | ${r.mode === 'elder' ? '长辈' : '标准'} | ${fmt(s.minFont.value, 'px')} | ${title} | ${fmt(s.minLineHeight.value)} | ${fmt(s.minTarget.value, 'px')} | ${fmt(s.minContrast.value, ':1')} | ${overflow} | ${fmt(r.m.screens)} screens | ${r.ok ? 'pass' : 'FAIL'} |`;
  });
  return [...head, ...lines].join('\n');
}

/**
 * docs/elder-mode.md: the table with how it was measured and the thresholds it was held to
 * (read from THRESHOLDS, so the page cannot drift from the check).
 */
export function elderDoc(rows: Row[], run: { day: string; chromium: string; pages: number }): string {
  const n = THRESHOLDS.normal;
  const e = THRESHOLDS.elder;
  return [
    '# 长辈模式 — measured',
    '',
    `Written by \`test/e2e/elder.test.ts\` on ${run.day} (China time): ${run.pages} resident-facing pages ` +
      '(`test/e2e/pages.ts`) × 2 modes, opened in headless Chromium ' +
      `${run.chromium} at 375 × 812 px against the local cloud with the demo county, and measured from the ` +
      'rendered DOM (`test/e2e/measure.ts`): the smallest visible font, the largest title, the tightest line ' +
      'height, the smallest tap target, the lowest text contrast (WCAG, against the composited background) ' +
      'and horizontal overflow or clipping with all text at 1.4×, and the page\'s length in screens (its height ÷ 812 px). Do not edit: every full run of the test ' +
      'rewrites this file (`npm test` runs it).',
    '',
    `Thresholds — every page: font ≥ ${n.minFont} px, tap targets ≥ ${n.minTarget} px, contrast ≥ ${n.minContrast}:1, ` +
      'nothing overflows or is cut off at 1.4×, every target and image has an accessible name. ' +
      `长辈模式: body text ≥ ${e.minFont} px, the page's largest title ≥ ${e.minTitleFont} px, line height ≥ ${e.minLineHeight}, ` +
      `tap targets ≥ ${e.minTarget} px. "–" means the page has none of that thing (e.g. no tap target on a read-only list).`,
    '',
    table(rows),
    '',
  ].join('\n');
}
