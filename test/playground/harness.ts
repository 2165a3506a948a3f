/**
 * The playground in-process against the stand-in API: test credentials injected, endpoints from an
 * outputs file, no CloudFormation, and a real Chromium (Debian's, never a download) for the page.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Playground, startPlayground } from '../../playground/server';
import { allStacks, tempDir, testDeps, writeOutputs } from '../cli/harness';
import type { StandIn } from '../cli/stand-in';

export const REPO = path.join(__dirname, '..', '..');
/** Screenshots of each panel (gitignored). */
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'playground');
export const CHROMIUM = '/usr/bin/chromium';

export interface Lab {
  readonly playground: Playground;
  /** Log lines the server wrote. */
  readonly log: string[];
  readonly outputsFile: string;
}

/** A playground whose outputs file lists `stacks` (default: every demo) at the stand-in. */
export async function startLab(
  api: StandIn,
  options: {
    stacks?: Record<string, string>;
    pollIntervalMs?: number;
    maxBodyBytes?: number;
    maxUploadBytes?: number;
  } = {},
): Promise<Lab> {
  const cwd = tempDir();
  const outputsFile = writeOutputs(cwd, options.stacks ?? allStacks(api.url));
  const log: string[] = [];
  const deps = testDeps({ cwd });
  const playground = await startPlayground({
    port: 0,
    // Relative, as a user would type it: messages name `cdk-outputs.json`, not a temp path.
    globals: { outputsFile: path.basename(outputsFile) },
    deps,
    log: (line) => log.push(line),
    pollIntervalMs: options.pollIntervalMs ?? 20,
    maxBodyBytes: options.maxBodyBytes,
    maxUploadBytes: options.maxUploadBytes,
  });
  return { playground, log, outputsFile };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile in a temp dir; fails clearly when missing. */
export async function launchBrowser(executablePath = CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `The playground's browser tests need Chromium at ${executablePath}, and it is not installed. ` +
        'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu); .ci/run does this in CI. ' +
        'The tests never download a browser.',
    );
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'ai-lab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
