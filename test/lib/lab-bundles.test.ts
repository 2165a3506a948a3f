/**
 * bin/ prebuilds the lab's bundles before the stacks are constructed: the list it builds
 * (lib/lab-bundles.ts) names every function the stacks bundle, with the define each is built
 * with, and follows `aws:cdk:bundling-stacks` as the CDK CLI sets it.
 *
 * That the list is exactly what the stacks then ask for (construction after the prebuild builds
 * nothing), what the prebuild builds and in how many esbuild calls, and that a bundle built in a
 * group is byte for byte the one built alone are tested with real builds in
 * test/stacks/determinism.test.ts, which shares its two synths of the lab between those claims.
 */
import { App } from 'aws-cdk-lib';
import { globMatch, labBundleSpecs } from '../../lib/lab-bundles';

test('the prebuild list: every function the stacks bundle, with its define', () => {
  const specs = labBundleSpecs(new App({ autoSynth: false }));
  // Eight demo bundles, and AiLab-Pipeline's API and its three workflow functions.
  expect(specs.map((s) => s.entry)).toHaveLength(12);
  expect(specs.map((s) => s.entry).filter((e) => e.startsWith('lambda/pipeline/'))).toEqual([
    'lambda/pipeline/handler.ts',
    'lambda/pipeline/text-handler.ts',
    'lambda/pipeline/run-handler.ts',
    'lambda/pipeline/job-event-handler.ts',
  ]);
  expect(specs.find((s) => s.entry === 'lambda/bedrock/handler.ts')?.define).toHaveProperty(
    '__NOTES_INDEX__',
  );
  // The streaming function (POST /bedrock/converse-stream) is a bundle of its own, without the notes index.
  const streamSpec = specs.find((s) => s.entry === 'lambda/bedrock/stream-handler.ts');
  expect(streamSpec).toBeDefined();
  expect(streamSpec?.define).toBeUndefined();
});

test('only the stacks the CLI bundles are prebuilt (cdk synth AiLab-Translate --exclusively)', () => {
  const entries = (patterns?: string[]) =>
    labBundleSpecs(
      new App({ context: patterns ? { 'aws:cdk:bundling-stacks': patterns } : {}, autoSynth: false }),
    ).map((s) => s.entry);
  expect(entries()).toHaveLength(12);
  expect(entries(['AiLab-Translate'])).toEqual(['lambda/translate/handler.ts']);
  expect(entries(['AiLab-T*'])).toEqual([
    'lambda/translate/handler.ts',
    'lambda/textract/handler.ts',
    'lambda/transcribe/handler.ts',
  ]);
  expect(entries([])).toEqual([]);
});

test('glob matching as minimatch reads the CLI patterns', () => {
  expect(globMatch('**', 'AiLab-Polly')).toBe(true);
  expect(globMatch('AiLab-Polly', 'AiLab-Polly')).toBe(true);
  expect(globMatch('AiLab-Polly', 'AiLab-PollyX')).toBe(false);
  expect(globMatch('AiLab-?olly', 'AiLab-Polly')).toBe(true);
  expect(globMatch('*', 'Stage/AiLab-Polly')).toBe(false);
  expect(globMatch('Stage/*', 'Stage/AiLab-Polly')).toBe(true);
  expect(globMatch('AiLab.Polly', 'AiLab-Polly')).toBe(false); // a dot is literal, not "any"
});
