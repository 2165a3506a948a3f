/**
 * `npm run cost [-- --calls N] [--dir cdk.out] [--prefix NAME]`: the lab's cost picture from the
 * synthesized templates (synthesized first when there is no cdk.out/ yet). `--prefix` (or
 * AI_LAB_PREFIX) keeps one instance's stacks (`-c prefix=…`); by default every lab stack in the
 * assembly. Offline; prints, changes nothing.
 */
import { parseArgs } from 'node:util';
import { PREFIX_ENV } from '../lib/names';
import { ensureCloudAssembly } from './assembly';
import { type CfnTemplate, costReport, formatReport } from './cost-report';
import { readLabTemplates } from './lab-templates';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000' },
    dir: { type: 'string' },
    prefix: { type: 'string' },
  },
});
const calls = Number(values.calls);
if (!Number.isInteger(calls) || calls < 0) {
  process.stderr.write('--calls must be a whole number ≥ 0\n');
  process.exit(2);
}
const prefix = values.prefix ?? process.env[PREFIX_ENV];
let dir: string;
try {
  dir = ensureCloudAssembly(values.dir, { context: values.prefix ? { prefix: values.prefix } : {} });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const { templates, prefixes } = readLabTemplates<CfnTemplate>(dir, prefix);
if (Object.keys(templates).length === 0) {
  process.stderr.write(
    `No stack of instance ${prefix} in ${dir} (it holds ${prefixes.join(', ') || 'no lab stacks'}): ` +
      `synthesize it with \`npx cdk synth -c prefix=${prefix}\`.\n`,
  );
  process.exit(2);
}
process.stdout.write(`${formatReport(costReport(templates, calls), calls)}\n`);
