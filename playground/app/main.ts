/**
 * The playground page: asks the server which demos are deployed, then shows one panel per demo
 * (or, for one that is not deployed, the command that deploys it).
 */
import { api } from './api';
import { mountBedrock } from './panels/bedrock';
import { mountComprehend } from './panels/comprehend';
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

const PANELS: Record<string, MountPanel> = {
  comprehend: mountComprehend,
  translate: mountTranslate,
  textract: mountTextract,
  rekognition: mountRekognition,
  polly: mountPolly,
  transcribe: mountTranscribe,
  bedrock: mountBedrock,
};

function panel(stack: StackStatus, ctx: PanelContext): HTMLElement {
  const id = `panel-${stack.id}`;
  const deployed = stack.state === 'deployed';
  const body = h('div', { class: 'panel-body' });
  if (deployed) {
    PANELS[stack.id]?.(body, ctx);
  } else {
    body.append(
      h(
        'div',
        { class: 'undeployed' },
        h(
          'p',
          {},
          h('strong', {}, `${stack.stackName} is not deployed`),
          stack.state === 'unknown' ? ' (or could not be checked)' : '',
          '.',
        ),
        h(
          'p',
          {},
          'Deploy it with ',
          h('code', { class: 'command' }, stack.deployCommand ?? ''),
          ', then choose “Check again”.',
        ),
        stack.reason ? h('p', { class: 'meta' }, stack.reason) : null,
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
      deployed ? badge(`deployed · ${stack.region}`, 'ok') : badge('not deployed', 'warn'),
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
    stack.state === 'deployed' ? null : h('span', { class: 'visually-hidden' }, ' (not deployed)'),
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
  summary.textContent = 'Looking for the deployed demos…';
  try {
    const { body: status } = await api<Status>('GET', '/status', {
      query: { refresh: refresh ? '1' : undefined },
    });
    const deployed = status.stacks.filter((s) => s.state === 'deployed');
    const regions = [...new Set(deployed.map((s) => s.region))].join(', ');
    summary.replaceChildren(
      `${deployed.length} of ${status.stacks.length} demos deployed`,
      regions ? ` · Region ${regions}` : '',
      status.credentials.ok ? '' : h('span', { class: 'warn-text' }, ` · ${status.credentials.message}`),
    );
    nav.replaceChildren(...status.stacks.map(navItem));
    panels.replaceChildren(...status.stacks.map((s) => panel(s, ctx)));
  } catch (err) {
    summary.textContent = 'Could not ask the server which demos are deployed.';
    panels.replaceChildren(errorBox(err));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('refresh')?.addEventListener('click', () => void load(true));
  void load(false);
});
