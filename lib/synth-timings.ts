/**
 * Opt-in timings of one synth, for the benchmark: with `AI_LAB_SYNTH_TIMINGS=<file>` the app
 * writes, when it exits, when each phase ended (ms since its process started) and how long the
 * cdk-nag packs took, as JSON. Without the variable it records nothing and changes nothing.
 * bin/ imports this module first, so `start` is when the app's own imports began.
 */
import * as fs from 'node:fs';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';

const file = process.env.AI_LAB_SYNTH_TIMINGS;
export const synthTimingsEnabled = file !== undefined && file !== '';

const marks: Record<string, number> = { start: performance.now() };
const spans: Record<string, number> = {};
const facts: Record<string, unknown> = {};

/** The phase `name` ended now. */
export function mark(name: string): void {
  if (synthTimingsEnabled) marks[name] = performance.now();
}

/** Something worth reporting with the timings (cache hits, bundles built). */
export function note(name: string, value: unknown): void {
  if (synthTimingsEnabled) facts[name] = value;
}

/** The plugin itself, or (timings on) a stand-in that delegates to it and times `validate`. */
export function timedPlugin<T extends IPolicyValidationPlugin>(name: string, plugin: T): T {
  if (!synthTimingsEnabled) return plugin;
  const timed = Object.create(plugin) as T;
  timed.validate = (context: IPolicyValidationContext): PolicyValidationPluginReport => {
    const started = performance.now();
    try {
      return plugin.validate(context);
    } finally {
      spans[name] = (spans[name] ?? 0) + (performance.now() - started);
    }
  };
  return timed;
}

if (synthTimingsEnabled) {
  // After the App's own beforeExit synth: the last mark is the end of synthesis.
  process.once('exit', () => {
    marks.exit = performance.now();
    fs.writeFileSync(file!, JSON.stringify({ marks, spans, facts }, null, 1));
  });
}
