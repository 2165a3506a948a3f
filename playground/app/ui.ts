/**
 * Small DOM helpers the panels share: elements (text is always set as text, never as HTML),
 * labelled form fields, the live result region, and renderers for what every demo returns
 * (usage and cost, tables, score bars, boxes over an image).
 */
import { ApiFailure, type Json, sample } from './api';
import { lang, messages, messagesWithNodes } from './i18n';
import { UI } from './messages/ui';

const t = messages(UI);
const tn = messagesWithNodes(UI);

/** Text that comes from an API as it was written (English): marked so screen readers say it right. */
export const fromApi = (text: string) => (lang() === 'en' ? text : h('span', { lang: 'en' }, text));

/** A unit a demo bills by, in the page's language when the lab knows it. */
export function unitName(unit: string): string {
  const key = `unit.${unit}`;
  return key in UI.en ? t(key as keyof typeof UI.en) : unit;
}

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

/** `h('p', { class: 'hint' }, 'text', child)`: attributes set as attributes, children as nodes or text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

let ids = 0;
const uniqueId = (prefix: string) => `${prefix}-${++ids}`;

/** A control with its <label> (and an optional hint it is described by). */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id ||= uniqueId('field');
  const hintEl = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

export function textarea(value: string, rows = 3, attrs: Attrs = {}): HTMLTextAreaElement {
  const el = h('textarea', { rows, spellcheck: 'false', ...attrs });
  el.value = value;
  return el;
}

export function input(type: string, value: string, attrs: Attrs = {}): HTMLInputElement {
  const el = h('input', { type, ...attrs });
  el.value = value;
  return el;
}

export function select(options: ReadonlyArray<readonly [string, string]>, value?: string): HTMLSelectElement {
  const el = h('select', {}, ...options.map(([v, label]) => h('option', { value: v }, label)));
  if (value !== undefined) el.value = value;
  return el;
}

export function checkbox(label: string, checked = false): { el: HTMLElement; input: HTMLInputElement } {
  const box = h('input', { type: 'checkbox' });
  box.checked = checked;
  return { el: h('label', { class: 'check' }, box, ` ${label}`), input: box };
}

export function button(
  label: string,
  options: { kind?: 'primary' | 'secondary'; type?: 'submit' | 'button'; value?: string } = {},
): HTMLButtonElement {
  return h(
    'button',
    {
      type: options.type ?? 'submit',
      class: options.kind ?? 'primary',
      ...(options.value && { name: 'action', value: options.value }),
    },
    label,
  );
}

export const row = (...children: Child[]) => h('div', { class: 'row' }, ...children);
export const actions = (...buttons: HTMLButtonElement[]) => h('div', { class: 'actions' }, ...buttons);

// ---------------------------------------------------------------------------------------------
// The result region

/** Where a panel's results and errors appear: a polite live region, busy while a call runs. */
export class Output {
  readonly el = h('div', { class: 'output', 'aria-live': 'polite' });
  private running = false;

  constructor(label: string) {
    this.el.setAttribute('aria-label', label);
  }

  show(...nodes: Child[]): void {
    this.el.replaceChildren(...nodes.flatMap(toNodes));
    this.el.removeAttribute('aria-busy');
  }

  /** Add below what is shown (progress of a job). */
  append(...nodes: Child[]): void {
    this.el.append(...nodes.flatMap(toNodes));
  }

  busy(text: string): void {
    this.el.setAttribute('aria-busy', 'true');
    this.el.replaceChildren(
      h('p', { class: 'busy' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text),
    );
  }

  error(err: unknown): void {
    this.show(errorBox(err));
  }

  /** Run one action: busy text, then what it renders, or its error. Ignored while one runs. */
  async run(busyText: string, fn: () => Promise<Child | Child[]>): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.busy(busyText);
    try {
      const out = await fn();
      this.show(...(Array.isArray(out) ? out : [out]));
    } catch (err) {
      this.error(err);
    } finally {
      this.running = false;
      this.el.removeAttribute('aria-busy');
    }
  }
}

const toNodes = (n: Child): Node[] =>
  n === null || n === undefined || n === false
    ? []
    : [n instanceof Node ? n : document.createTextNode(String(n))];

export function errorBox(err: unknown): HTMLElement {
  if (err instanceof ApiFailure) {
    return h(
      'div',
      { class: 'error', role: 'alert' },
      h('p', { class: 'error-title' }, `${err.status ? `${err.status} ` : ''}${err.code}`),
      h('p', { class: 'error-message' }, err.message),
      err.deployCommand
        ? h(
            'p',
            {},
            ...tn('deployWith', {
              command: { node: h('code', {}, err.deployCommand), text: err.deployCommand },
            }),
          )
        : null,
      err.requestId ? h('p', { class: 'meta' }, t('requestId', { id: err.requestId })) : null,
    );
  }
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', { class: 'error-title' }, t('error')),
    h('p', { class: 'error-message' }, err instanceof Error ? err.message : String(err)),
  );
}

// ---------------------------------------------------------------------------------------------
// Renderers

/** `$0.0003`: small amounts with enough digits to be non-zero. */
export function money(usd: number): string {
  if (usd === 0) return '$0';
  const digits = usd >= 0.01 ? 4 : Math.min(8, 2 - Math.floor(Math.log10(usd)));
  return `$${usd.toFixed(digits).replace(/(\.\d*?[1-9])0+$/, '$1')}`;
}

export const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** The usage block every demo returns, with the request id and the API's latency. */
export function usageLine(body: Json, latencyMs?: number): HTMLElement {
  const usage = (body.usage ?? {}) as Json;
  const parts: Child[] = [];
  if (usage.unit !== undefined) parts.push(`${usage.quantity ?? 0} ${unitName(String(usage.unit))}`);
  if (typeof usage.inputTokens === 'number') {
    parts.push(t('tokens', { input: usage.inputTokens, output: Number(usage.outputTokens ?? 0) }));
  }
  if (typeof usage.estimatedCostUsd === 'number') {
    parts.push(h('strong', { class: 'cost' }, `≈ ${money(usage.estimatedCostUsd)}`));
  }
  if (latencyMs !== undefined) parts.push(`${latencyMs} ms`);
  if (body.requestId) parts.push(t('request', { id: String(body.requestId) }));
  const items = parts.flatMap((p, i) => (i ? [' · ', p] : [p]));
  return h(
    'p',
    { class: 'usage' },
    h('span', { class: 'usage-label' }, t('usage')),
    ' ',
    ...items,
    typeof usage.note === 'string' ? h('span', { class: 'meta' }, ' (', fromApi(usage.note), ')') : null,
  );
}

export function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<Child>>, caption?: string) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      caption ? h('caption', {}, caption) : null,
      head.length ? h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))) : null,
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
    ),
  );
}

export function badge(text: string, tone: 'ok' | 'warn' | 'bad' | 'info' = 'info'): HTMLElement {
  return h('span', { class: `badge ${tone}` }, text);
}

export function notice(tone: 'warn' | 'info', ...children: Child[]): HTMLElement {
  return h('div', { class: `notice ${tone}` }, ...children);
}

/** A labelled score bar, 0–1. */
export function bar(label: string, ratio: number, tone = ''): HTMLElement {
  const fill = h('span', { class: `bar-fill ${tone}` });
  fill.style.width = `${Math.max(0, Math.min(1, ratio)) * 100}%`;
  return h(
    'div',
    { class: 'bar-row' },
    h('span', { class: 'bar-label' }, label),
    h('span', { class: 'bar', 'aria-hidden': 'true' }, fill),
    h('span', { class: 'bar-value' }, pct(ratio)),
  );
}

export const heading = (text: string) => h('h4', {}, text);

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The image with each box drawn over it (boxes are ratios of the image size, as Rekognition gives them). */
export function imageWithBoxes(
  src: string,
  alt: string,
  boxes: ReadonlyArray<{ box: Box; label: string }>,
): HTMLElement {
  const layer = h('div', { class: 'boxes', 'aria-hidden': 'true' });
  boxes.forEach(({ box, label }, i) => {
    const el = h('div', { class: `box c${i % 6}` }, h('span', { class: 'box-label' }, label));
    el.style.left = `${box.left * 100}%`;
    el.style.top = `${box.top * 100}%`;
    el.style.width = `${box.width * 100}%`;
    el.style.height = `${box.height * 100}%`;
    layer.append(el);
  });
  return h(
    'figure',
    { class: 'image-boxes' },
    h('div', { class: 'image-frame' }, h('img', { src, alt }), layer),
    h('figcaption', {}, boxes.length === 1 ? t('boxDrawn') : t('boxesDrawn', { count: boxes.length })),
  );
}

// ---------------------------------------------------------------------------------------------
// Choosing a file: a committed sample or one of your own

export interface FileChoice {
  readonly el: HTMLElement;
  /** The chosen file: your own if you picked one, else the sample (fetched once). */
  get(): Promise<Blob>;
  /** A URL to preview the choice (a blob: URL for your own file). */
  previewUrl(): string;
  onChange(fn: () => void): void;
}

export function fileChoice(options: {
  legend: string;
  samples: ReadonlyArray<readonly [file: string, label: string]>;
  accept: string;
  ownHint: string;
}): FileChoice {
  const picker = select(options.samples.map(([file, label]) => [file, label]));
  const own = h('input', { type: 'file', accept: options.accept });
  const listeners: Array<() => void> = [];
  const cache = new Map<string, Promise<Blob>>();
  let ownUrl: string | undefined;
  const changed = () => {
    for (const fn of listeners) fn();
  };
  picker.addEventListener('change', () => {
    own.value = '';
    changed();
  });
  own.addEventListener('change', () => {
    if (ownUrl) URL.revokeObjectURL(ownUrl);
    ownUrl = own.files?.[0] ? URL.createObjectURL(own.files[0]) : undefined;
    changed();
  });
  const el = h(
    'fieldset',
    { class: 'file-choice' },
    h('legend', {}, options.legend),
    field(t('sampleOf', { what: options.legend.toLowerCase() }), picker),
    field(t('ownOf', { what: options.legend.toLowerCase() }), own, options.ownHint),
  );
  return {
    el,
    get: () => {
      const file = own.files?.[0];
      if (file) return Promise.resolve(file);
      let blob = cache.get(picker.value);
      if (!blob) {
        blob = sample(picker.value);
        cache.set(picker.value, blob);
        blob.catch(() => cache.delete(picker.value));
      }
      return blob;
    },
    previewUrl: () => (own.files?.[0] && ownUrl ? ownUrl : `/samples/${picker.value}`),
    onChange: (fn) => listeners.push(fn),
  };
}

/** A panel's form: runs `onSubmit` with the clicked button's value (Enter submits the first). */
export function form(onSubmit: (action: string) => void, ...children: Child[]): HTMLFormElement {
  const el = h('form', { novalidate: true }, ...children);
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    onSubmit(submitter?.value ?? '');
  });
  return el;
}

// ---------------------------------------------------------------------------------------------
// Panels

export interface PanelContext {
  /** How often to poll a running job. */
  readonly pollIntervalMs: number;
}

/** Fill a demo's panel body with its forms and result region. */
export type MountPanel = (body: HTMLElement, ctx: PanelContext) => void;

/** A sub-section of a panel, with its own heading. */
export const section = (title: string, ...children: Child[]) =>
  h('div', { class: 'sub' }, h('h3', {}, title), ...children);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
