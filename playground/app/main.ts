/**
 * The playground page: asks the server which demos are deployed, then shows one panel per demo
 * (or, for one that is not deployed, the command that deploys it), in English or Korean.
 */
import { LANGS, type Lang } from '../../lib/i18n';
import { api } from './api';
import { lang, messages, messagesWithNodes, setLang } from './i18n';
import { PAGE } from './messages/page';
import { mountBedrock } from './panels/bedrock';
import { mountComprehend } from './panels/comprehend';
import { mountPipeline } from './panels/pipeline';
import { mountPolly } from './panels/polly';
import { mountRekognition } from './panels/rekognition';
import { mountTextract } from './panels/textract';
import { mountTranscribe } from './panels/transcribe';
import { mountTranslate } from './panels/translate';
import { badge, errorBox, h, type MountPanel, type PanelContext } from './ui';

interface StackStatus {
  id: string;
  stackName: string;
  awsService: string;
  concept: string;
  routes: string[];
  state: 'deployed' | 'not-deployed' | 'unknown';
  region?: string;
  reason?: string;
  deployCommand?: string;
}

interface Status {
  stacks: StackStatus[];
  credentials: { ok: boolean; message?: string };
}

const t = messages(PAGE);
const tn = messagesWithNodes(PAGE);

const PANELS: Record<string, MountPanel> = {
  comprehend: mountComprehend,
  translate: mountTranslate,
  textract: mountTextract,
  rekognition: mountRekognition,
  polly: mountPolly,
  transcribe: mountTranscribe,
  bedrock: mountBedrock,
  pipeline: mountPipeline,
};

function panel(stack: StackStatus, ctx: PanelContext): HTMLElement {
  const id = `panel-${stack.id}`;
  const deployed = stack.state === 'deployed';
  const body = h('div', { class: 'panel-body' });
  if (deployed) {
    PANELS[stack.id]?.(body, ctx);
  } else {
    const command = stack.deployCommand ?? '';
    body.append(
      h(
        'div',
        { class: 'undeployed' },
        h(
          'p',
          {},
          h('strong', {}, t('notDeployed', { stack: stack.stackName })),
          stack.state === 'unknown' ? t('notChecked') : '',
          '.',
        ),
        h(
          'p',
          {},
          ...tn('deploySentence', {
            command: { node: h('code', { class: 'command' }, command), text: command },
          }),
        ),
        stack.reason ? h('p', { class: 'meta', lang: 'en' }, stack.reason) : null,
      ),
    );
  }
  return h(
    'section',
    { class: `panel ${deployed ? '' : 'is-undeployed'}`, id, 'aria-labelledby': `${id}-title` },
    h(
      'header',
      { class: 'panel-header' },
      h('h2', { id: `${id}-title`, tabindex: -1 }, stack.awsService),
      deployed
        ? badge(t('badgeDeployed', { region: stack.region ?? '' }), 'ok')
        : badge(t('badgeNotDeployed'), 'warn'),
    ),
    h('p', { class: 'concept' }, stack.concept),
    body,
  );
}

function navItem(stack: StackStatus): HTMLElement {
  const link = h(
    'a',
    { href: `#panel-${stack.id}`, class: stack.state === 'deployed' ? 'on' : 'off' },
    stack.awsService.replace(/^Amazon /, ''),
    stack.state === 'deployed' ? null : h('span', { class: 'visually-hidden' }, t('navNotDeployed')),
  );
  link.addEventListener('click', (e) => {
    e.preventDefault();
    const title = document.getElementById(`panel-${stack.id}-title`);
    title?.scrollIntoView({ block: 'start' });
    title?.focus({ preventScroll: true });
    history.replaceState(null, '', `#panel-${stack.id}`);
  });
  return h('li', {}, link);
}

async function load(refresh: boolean): Promise<void> {
  const summary = document.getElementById('status-summary')!;
  const nav = document.getElementById('nav')!;
  const panels = document.getElementById('panels')!;
  const ctx: PanelContext = { pollIntervalMs: Number(document.body.dataset.pollIntervalMs) || 3000 };
  summary.textContent = t('looking');
  try {
    const { body: status } = await api<Status>('GET', '/status', {
      query: { refresh: refresh ? '1' : undefined },
    });
    const deployed = status.stacks.filter((s) => s.state === 'deployed');
    const regions = [...new Set(deployed.map((s) => s.region))].join(', ');
    summary.replaceChildren(
      t('deployedCount', { deployed: deployed.length, total: status.stacks.length }),
      regions ? t('region', { regions }) : '',
      status.credentials.ok
        ? ''
        : h('span', { class: 'warn-text' }, t('noCredentials', { detail: status.credentials.message ?? '' })),
    );
    nav.replaceChildren(...status.stacks.map(navItem));
    panels.replaceChildren(...status.stacks.map((s) => panel(s, ctx)));
  } catch (err) {
    summary.textContent = t('statusFailed');
    panels.replaceChildren(errorBox(err));
  }
}

/** The page's own words (header, footer, the switch) in the current language. */
function applyLanguage(): void {
  document.documentElement.lang = lang();
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as keyof typeof PAGE.en);
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel as keyof typeof PAGE.en));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang()));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('refresh')?.addEventListener('click', () => void load(true));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      const next = button.dataset.lang as Lang;
      if (!(LANGS as readonly string[]).includes(next) || next === lang()) return;
      setLang(next);
      applyLanguage();
      void load(false);
    });
  }
  applyLanguage();
  void load(false);
});
