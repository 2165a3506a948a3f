/**
 * The lab's cloud assembly, synthesized once and read by every test that checks the whole lab or
 * one of its stacks (see ./README.md); kept by source content across runs (./assembly-cache.ts):
 *
 *   const lab = labAssembly();                              // cdk.json's context, as `cdk synth`
 *   const template = lab.demo('comprehend');                // a Template of AiLab-Comprehend
 *   const withBudget = labAssembly({ budgetEmail: 'learner@example.com' }); // -c settings: its own
 *
 * One assembly per context (and options): the first test file that asks synthesizes it into the
 * assembly cache (or, with AI_LAB_ASSEMBLY_CACHE=off, the run's temp folder), the others read it,
 * in any worker and in later runs while the sources are the same; a worker that asks while
 * another is synthesizing waits for it. The assembly is the one `buildTestLab` makes (the real
 * lib/app.ts with cdk.json's context, no esbuild bundling, cdk-nag only when asked) and must be
 * treated as read-only: every test of the run shares it.
 *
 * Tests whose point is to synthesize (a setting that must fail synth, determinism, the
 * validation cache, negative controls) keep calling `buildTestLab` or their own small app.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import type { LabConfig } from '../../lib/config';
import type { DemoId } from '../../lib/services';
import { ASSEMBLY_CACHE_ENV, ASSEMBLY_DIR_ENV, contextFiles } from './assembly-cache';
import { isRunning, RUN_DIR_ENV } from './run-temp';

export interface LabAssemblyOptions {
  /**
   * Register the cdk-nag packs, as `cdk synth` does. The templates are the same either way; the
   * assembly then records the packs that ran (the review reads that). Off by default, as in
   * `buildTestLab`: a finding then fails the nag test alone, not every test of a stack.
   * @default false
   */
  readonly nag?: boolean;
  /**
   * Only these demos' stacks (lib/app.ts `demos`): for a test that checks one demo under many
   * settings. Each stack is the one the whole lab has (test/suite/lab-assembly.test.ts compares).
   * @default every demo
   */
  readonly demos?: readonly DemoId[];
}

/** A synthesized template, as JSON. */
export interface TemplateJson {
  readonly Resources?: Record<string, { Type: string; Properties?: Record<string, any>; [k: string]: any }>;
  readonly [section: string]: any;
}

/** What the synth wrote besides the assembly: which stack is which. */
interface LabIndex {
  readonly context: Record<string, unknown>;
  readonly nag: boolean;
  /** Every stack of the app, in the order the app created them. */
  readonly stacks: ReadonlyArray<{ readonly stackName: string; readonly templateFile: string }>;
  readonly demos: Partial<Record<DemoId, string>>;
  readonly named: Record<string, string>;
  /** The settings as lib/config.ts loaded them for this app (`lab.config`). */
  readonly config: LabConfig;
}

export interface LabAssembly {
  /** The cloud assembly directory (cdk.out layout). Read-only: shared by the whole run. */
  readonly dir: string;
  /** Every stack's name, in the order the app created them. */
  readonly stackNames: readonly string[];
  /** The stack name of each demo stack the app built, by catalogue id. */
  readonly demos: Partial<Record<DemoId, string>>;
  /**
   * The stack name of every other stack the app built, by its field in lib/app.ts's `Lab`
   * (`shared`, `budget`, `dashboard`, …): a setting's stack is absent when it is off.
   */
  readonly named: Readonly<Record<string, string>>;
  /** The template of a stack, by stack name (throws for a stack the app does not have). */
  template(stackName: string): Template;
  /** The template of a demo's stack (throws when the app did not build it). */
  demo(id: DemoId): Template;
  /** The template of a stack as JSON (a fresh copy: change it freely). */
  json(stackName: string): TemplateJson;
  /** The settings as lib/config.ts loaded them for this app (what `buildTestLab(...).config` is). */
  readonly config: LabConfig;
  /**
   * The stack names a stack depends on (`stack.dependencies`, as the manifest records them for
   * `cdk deploy`'s order), sorted; its asset manifests left out.
   */
  dependencies(stackName: string): string[];
  /**
   * A stack's construct metadata, by construct path (`/AiLab-Shared` is the stack's own
   * `node.metadata`, `/AiLab-Shared/Role/Resource` a resource's), as the manifest records it:
   * custom entries (lib/review-metadata.ts) and the annotations (`aws:cdk:error`, …).
   */
  metadata(stackName: string): Readonly<Record<string, readonly MetadataEntry[]>>;
}

/** One construct metadata entry as the cloud assembly records it. */
export interface MetadataEntry {
  readonly type: string;
  readonly data?: unknown;
}

const INDEX = 'lab-index.json';

export function labAssembly(
  context: Record<string, unknown> = {},
  options: LabAssemblyOptions = {},
): LabAssembly {
  const nag = options.nag ?? false;
  const demos = options.demos ? [...options.demos].sort() : undefined;
  const key = createHash('sha256')
    .update(stableJson({ context, nag, ...(demos ? { demos } : {}), files: contextFiles(context) }))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(storeDir(), key);
  produceOnce(dir, (outdir) => synthesizeLab(outdir, context, nag, demos));
  return readLabAssembly(dir);
}

/**
 * Where the assemblies are kept: the cache folder of the current sources (./assembly-cache.ts), or
 * with `AI_LAB_ASSEMBLY_CACHE=off` the run's temp folder. The global setup (jest.config.js) sets them.
 */
function storeDir(): string {
  const cache = process.env[ASSEMBLY_DIR_ENV];
  if (cache && process.env[ASSEMBLY_CACHE_ENV] !== 'off') return cache;
  const run = process.env[RUN_DIR_ENV];
  if (!run)
    throw new Error(
      `labAssembly() keeps the assembly in the assembly cache (${ASSEMBLY_DIR_ENV}) or the test run's temp folder (${RUN_DIR_ENV}), which jest.config.js's globalSetup sets: run the tests with jest.config.js.`,
    );
  return path.join(run, 'lab-assemblies');
}

function synthesizeLab(
  outdir: string,
  context: Record<string, unknown>,
  nag: boolean,
  demos: readonly DemoId[] | undefined,
): void {
  // Loaded only to synthesize: a test file that reads an existing assembly never loads the stacks.
  const { buildTestLab } = require('./lab') as typeof import('./lab');
  const { Stack: StackClass } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const lab = buildTestLab(context, { outdir, nag, demos });
  lab.app.synth();
  const stacks = lab.app.node.children.filter((c): c is Stack => c instanceof StackClass);
  const index: LabIndex = {
    context,
    nag,
    stacks: stacks.map((s) => ({ stackName: s.stackName, templateFile: s.templateFile })),
    demos: Object.fromEntries(Object.entries(lab.stacks).map(([id, s]) => [id, s!.stackName])),
    named: Object.fromEntries(
      Object.entries(lab).flatMap(([field, s]) => (s instanceof StackClass ? [[field, s.stackName]] : [])),
    ),
    config: lab.config,
  };
  fs.writeFileSync(path.join(outdir, INDEX), JSON.stringify(index, null, 2));
}

function readLabAssembly(dir: string): LabAssembly {
  const index = JSON.parse(fs.readFileSync(path.join(dir, INDEX), 'utf8')) as LabIndex;
  const files = new Map(index.stacks.map((s) => [s.stackName, s.templateFile]));
  const templates = new Map<string, Template>();
  const json = (stackName: string): TemplateJson => {
    const file = files.get(stackName);
    if (!file) throw new Error(`The lab has no stack ${stackName}; it has ${[...files.keys()].join(', ')}.`);
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as TemplateJson;
  };
  const template = (stackName: string): Template => {
    let t = templates.get(stackName);
    if (!t) {
      t = Template.fromJSON(json(stackName));
      templates.set(stackName, t);
    }
    return t;
  };
  // The manifest, read once and only by a test that asks for what only it has, with CDK's own
  // reader (`cdk deploy`'s): it merges each stack's metadata file into the manifest's entries.
  let artifacts: Map<string, CloudFormationStackArtifact> | undefined;
  const artifact = (stackName: string): CloudFormationStackArtifact => {
    if (!artifacts) {
      const { CloudAssembly } = require('aws-cdk-lib/cx-api') as typeof import('aws-cdk-lib/cx-api');
      artifacts = new Map(new CloudAssembly(dir).stacks.map((s) => [s.stackName, s]));
    }
    const a = artifacts.get(stackName);
    if (!a) throw new Error(`The lab has no stack ${stackName}; it has ${[...artifacts.keys()].join(', ')}.`);
    return a;
  };
  return {
    dir,
    config: index.config,
    dependencies: (stackName) =>
      artifact(stackName)
        .dependencies.filter((d): d is CloudFormationStackArtifact => 'templateFile' in d) // not asset manifests
        .map((d) => d.stackName)
        .sort(),
    metadata: (stackName) => artifact(stackName).metadata,
    stackNames: index.stacks.map((s) => s.stackName),
    demos: index.demos,
    named: index.named,
    template,
    json,
    demo: (id) => {
      const stackName = index.demos[id];
      if (!stackName) throw new Error(`The lab built no stack for ${id} with this context.`);
      return template(stackName);
    },
  };
}

/**
 * Makes `dir` with `produce` unless it exists, once across processes: the first caller takes a
 * lock, produces into a staging folder and renames it into place; the others wait for the folder.
 * A lock whose process has died is taken over. Synchronous, so tests can call it at module level.
 */
export function produceOnce(
  dir: string,
  produce: (staging: string) => void,
  options: { timeoutMs?: number; pollMs?: number } = {},
): void {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  while (!fs.existsSync(dir)) {
    if (tryLock(lock)) {
      try {
        if (fs.existsSync(dir)) return;
        const staging = `${dir}.${process.pid}.staging`;
        fs.rmSync(staging, { recursive: true, force: true });
        try {
          fs.mkdirSync(staging);
          produce(staging);
          fs.renameSync(staging, dir);
        } finally {
          fs.rmSync(staging, { recursive: true, force: true });
        }
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`Gave up waiting for ${dir}: ${lock} is held by a process that does not finish.`);
    sleep(options.pollMs ?? 50);
  }
}

/** Takes the lock (a folder with the owner's pid), or takes over one whose owner has died. */
function tryLock(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let owner: number;
  try {
    owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    return false; // just created, pid not written yet
  }
  if (owner > 0 && !isRunning(owner)) fs.rmSync(lock, { recursive: true, force: true });
  return false;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are one context. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
