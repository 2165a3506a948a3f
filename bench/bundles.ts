/**
 * Build each demo's handler with esbuild's JS API using exactly DemoFunction's bundling settings
 * (imported from lib/bundling/options.ts, the ones the synth uses), plus the variants the
 * benchmark compares: SDK external (runtime-provided) and not minified. `compareWithCdkOut`
 * checks the deployed variant against the asset `cdk synth` produced (size and SHA-256).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { buildNotesIndexJson } from '../lambda/bedrock/notes-index';
import { DEMO_ESBUILD } from '../lib/bundling/options';
import type { DemoId } from '../lib/services';
import { ROOT } from './config';

export type Variant = 'deployed' | 'sdkExternal' | 'unminified';

export const VARIANTS: Record<Variant, { readonly label: string; readonly options: esbuild.BuildOptions }> = {
  deployed: { label: 'deployed (minified, SDK bundled)', options: {} },
  sdkExternal: {
    label: 'SDK external (runtime-provided)',
    options: { external: ['@aws-sdk/*', '@smithy/*'] },
  },
  unminified: { label: 'not minified (SDK bundled)', options: { minify: false } },
};

/** DemoFunction's bundling (lib/bundling/options.ts: the options the synth itself uses), quiet. */
export const DEMO_FUNCTION_ESBUILD: esbuild.BuildOptions = { ...DEMO_ESBUILD, logLevel: 'silent' };

/** Compile-time constants a stack passes to its function (`bundling.define`). */
function definesFor(id: DemoId): Record<string, string> | undefined {
  if (id === 'bedrock') {
    // As lib/stacks/bedrock-stack.ts does with the default notesFile.
    const markdown = fs.readFileSync(path.join(ROOT, 'notes', 'study-notes.md'), 'utf8');
    return { __NOTES_INDEX__: JSON.stringify(buildNotesIndexJson(markdown)) };
  }
  return undefined;
}

export interface Bundle {
  readonly id: DemoId;
  readonly variant: Variant;
  readonly file: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly mapBytes: number;
  readonly sha256: string;
  /** Output bytes per top-level package (or `project` for our own code), largest first. */
  readonly composition: ReadonlyArray<readonly [string, number]>;
  /** Packages bundled from more than one install path (version skew), with the bytes of the extra copies. */
  readonly duplicates: ReadonlyArray<{
    readonly name: string;
    readonly copies: number;
    readonly extraBytes: number;
  }>;
}

export const entryOf = (id: DemoId): string => path.join(ROOT, 'lambda', id, 'handler.ts');

export async function buildBundle(id: DemoId, variant: Variant, outRoot: string): Promise<Bundle> {
  const outfile = path.join(outRoot, variant, id, 'index.js');
  const result = await esbuild.build({
    ...DEMO_FUNCTION_ESBUILD,
    ...VARIANTS[variant].options,
    absWorkingDir: ROOT,
    entryPoints: [entryOf(id)],
    outfile,
    define: definesFor(id),
    metafile: true,
  });
  const js = fs.readFileSync(outfile);
  const mapFile = `${outfile}.map`;
  return {
    id,
    variant,
    file: outfile,
    rawBytes: js.length,
    gzipBytes: gzipSync(js).length,
    mapBytes: fs.existsSync(mapFile) ? fs.statSync(mapFile).size : 0,
    sha256: createHash('sha256').update(js).digest('hex'),
    ...analyse(result.metafile),
  };
}

/** `node_modules/a/node_modules/@s/b/x.js` → install path `node_modules/a/node_modules/@s/b`, name `@s/b`. */
function installOf(input: string): { path: string; name: string } | undefined {
  const p = input.replaceAll('\\', '/');
  const re = /node_modules\/((?:@[^/]+\/)?[^/]+)/g;
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(p); m; m = re.exec(p)) last = m;
  return last ? { path: p.slice(0, last.index + last[0].length), name: last[1]! } : undefined;
}

function analyse(meta: esbuild.Metafile): Pick<Bundle, 'composition' | 'duplicates'> {
  const totals = new Map<string, number>();
  const installs = new Map<string, Map<string, number>>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const install = installOf(input);
      // Top-level package (the one the project depends on); the SDK's many packages grouped by
      // scope: the question is "how much is SDK".
      const top = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'project';
      const key = top.startsWith('@aws-sdk/') || top.startsWith('@smithy/') ? top.split('/')[0]! : top;
      totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
      if (install) {
        const paths = installs.get(install.name) ?? new Map<string, number>();
        paths.set(install.path, (paths.get(install.path) ?? 0) + bytesInOutput);
        installs.set(install.name, paths);
      }
    }
  }
  const duplicates: Array<{ name: string; copies: number; extraBytes: number }> = [];
  for (const [name, paths] of installs) {
    if (paths.size < 2) continue;
    // Every copy but the largest is extra.
    const sizes = [...paths.values()].sort((a, b) => b - a);
    duplicates.push({ name, copies: paths.size, extraBytes: sizes.slice(1).reduce((a, b) => a + b, 0) });
  }
  return {
    composition: [...totals.entries()].sort((a, b) => b[1] - a[1]),
    duplicates: duplicates.sort((a, b) => b.extraBytes - a.extraBytes),
  };
}

export interface Parity {
  readonly id: DemoId;
  readonly status: 'identical' | 'size-match' | 'mismatch' | 'missing';
  readonly detail: string;
}

/**
 * Compare the deployed variant with the function asset in a synthesized cloud assembly: the
 * mirror is right if the bytes are identical (or, failing that, the size is within 3 %).
 */
export function compareWithCdkOut(bundle: Bundle, stackName: string, cdkOut: string): Parity {
  const template = path.join(cdkOut, `${stackName}.template.json`);
  if (!fs.existsSync(template))
    return { id: bundle.id, status: 'missing', detail: `no ${stackName} in ${cdkOut}` };
  const resources = (
    JSON.parse(fs.readFileSync(template, 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    }
  ).Resources;
  const fn = Object.entries(resources).find(
    ([logicalId, r]) =>
      r.Type === 'AWS::Lambda::Function' &&
      logicalId.startsWith('HandlerFunction') &&
      r.Metadata?.['aws:asset:path'],
  );
  const assetDir = fn?.[1].Metadata?.['aws:asset:path'];
  const asset = assetDir ? path.join(cdkOut, assetDir, 'index.js') : undefined;
  if (!asset || !fs.existsSync(asset))
    return { id: bundle.id, status: 'missing', detail: `no function asset in ${stackName}` };
  const bytes = fs.readFileSync(asset);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha === bundle.sha256)
    return { id: bundle.id, status: 'identical', detail: `identical to ${stackName}'s asset` };
  const diff = (bundle.rawBytes - bytes.length) / bytes.length;
  const pct = `${(diff * 100).toFixed(2)} %`;
  return Math.abs(diff) <= 0.03
    ? { id: bundle.id, status: 'size-match', detail: `${pct} size difference from ${stackName}'s asset` }
    : { id: bundle.id, status: 'mismatch', detail: `${pct} size difference from ${stackName}'s asset` };
}

/** Version of an installed package, for the report (what the bundle pins). */
export function installedVersion(pkg: string): string {
  const file = path.join(ROOT, 'node_modules', ...pkg.split('/'), 'package.json');
  return fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version
    : '?';
}
