/**
 * Two synths in a row — real esbuild bundles included — give byte-identical templates and
 * asset hashes, so reviewers can diff synth output and snapshots hold across machines
 * (the stacks are environment-agnostic: no account or Region is baked in). Each synth runs
 * as bin/ does: prebuild the bundles, then construct. The first two build every bundle into an
 * empty bundle cache; the third takes them all from the first one's cache, so a cached synth is
 * shown to equal a fresh one too.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildLab } from '../../lib/app';
import { BundleCache } from '../../lib/bundling/cache';
import { prebundle } from '../../lib/bundling/prebundle';
import { labBundleSpecs } from '../../lib/lab-bundles';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

async function synthTemplates(cacheDir: string): Promise<{
  templates: Record<string, string>;
  built: number;
  cached: number;
}> {
  const outdir = tmp('ai-lab-synth-');
  const previous = process.env.AI_LAB_BUNDLE_CACHE;
  process.env.AI_LAB_BUNDLE_CACHE = cacheDir;
  try {
    const cache = BundleCache.forProject();
    const { stats } = cache;
    const [misses, hits] = [stats.misses, stats.hits];
    const app = new App({ outdir });
    await prebundle(labBundleSpecs(app), cache);
    buildLab(app, { nag: false });
    app.synth();
    const templates = Object.fromEntries(
      fs
        .readdirSync(outdir)
        .filter((f) => f.endsWith('.template.json'))
        .map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]),
    );
    return { templates, built: stats.misses - misses, cached: stats.hits - hits };
  } finally {
    if (previous === undefined) delete process.env.AI_LAB_BUNDLE_CACHE;
    else process.env.AI_LAB_BUNDLE_CACHE = previous;
  }
}

test('two synths produce identical templates (bundles included), and so does a cached one', async () => {
  const cacheA = tmp('ai-lab-bundles-a-');
  const first = await synthTemplates(cacheA);
  const second = await synthTemplates(tmp('ai-lab-bundles-b-'));
  const cached = await synthTemplates(cacheA);
  // Built: by the prebuild; the constructs then find all twelve (seven demos, the Bedrock streaming function, the pipeline's API and its three workflow functions).
  expect([first.built, first.cached, second.built, second.cached]).toEqual([12, 12, 12, 12]);
  expect([cached.built, cached.cached]).toEqual([0, 24]);

  expect(Object.keys(first.templates).length).toBeGreaterThanOrEqual(5);
  expect(second.templates).toEqual(first.templates);
  expect(cached.templates).toEqual(first.templates);
  for (const template of Object.values(first.templates)) {
    expect(template).not.toMatch(/\b\d{12}\b/); // no account id baked in
    // No Region baked in: the Region table's Mappings (and the Rule naming its Regions) hold every
    // Region's values, and CloudFormation picks the deployment's at deploy time.
    const rest = JSON.parse(template) as Record<string, unknown>;
    delete rest.Mappings;
    delete rest.Rules;
    expect(JSON.stringify(rest)).not.toMatch(/"(us|eu|ap|ca|sa)-[a-z]+-\d"/);
  }
});
