/**
 * The playground in-process against the stand-in API: test credentials injected, endpoints from an
 * outputs file, no CloudFormation, and a real Chromium for the page: the one that ships inside
 * the @sparticuz/chromium npm package, or AI_LAB_CHROMIUM (test/support/chromium.ts). Never a download.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Playground, startPlayground } from '../../playground/server';
import { allStacks, tempDir, testDeps, writeOutputs } from '../cli/harness';
import type { StandIn } from '../cli/stand-in';
import {
  type ChromiumBinary,
  NoBrowserError,
  type ResolveOptions,
  resolveChromium,
} from '../support/chromium';

export const REPO = path.join(__dirname, '..', '..');
/** Screenshots of each panel (gitignored). */
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'playground');

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
    /** The instance the playground calls (--prefix). @default the default instance */
    prefix?: string;
  } = {},
): Promise<Lab> {
  const cwd = tempDir();
  const outputsFile = writeOutputs(cwd, options.stacks ?? allStacks(api.url));
  const log: string[] = [];
  const deps = testDeps({ cwd });
  const playground = await startPlayground({
    port: 0,
    // Relative, as a user would type it: messages name `cdk-outputs.json`, not a temp path.
    globals: { outputsFile: path.basename(outputsFile), prefix: options.prefix },
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

/**
 * Chromium, headless, with a fresh profile in a temp dir. Fails with a NoBrowserError naming the
 * package and the override when no browser can be found or started.
 */
export async function launchBrowser(options: ResolveOptions & { locale?: string } = {}): Promise<Browser> {
  const binary = await resolveChromium(options);
  const profile = mkdtempSync(path.join(tmpdir(), 'ai-lab-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: binary.executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, ...binary.env },
      viewport: { width: 1100, height: 900 },
      // What navigator.languages and Accept-Language say: the page's default language.
      locale: options.locale ?? 'en-US',
      timeout: 30_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new NoBrowserError(`${named(binary)} did not start (${firstLine(error)})`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    close: async () => {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

const named = (binary: ChromiumBinary) => `${binary.executablePath} (from ${binary.source})`;
const firstLine = (error: unknown) => String((error as Error).message ?? error).split('\n')[0];
