/** The unacknowledged cdk-nag findings of a synthesized app, read from its validation report. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { App } from 'aws-cdk-lib';

export interface Finding {
  rule: string;
  path: string;
}

/** Synthesize and return every unacknowledged finding from the validation report. */
export function nagFindings(app: App, outdir: string): Finding[] {
  const reportFile = path.join(outdir, 'validation-report.json');
  try {
    app.synth();
  } catch (err) {
    // Findings make synth throw after writing the report; anything else is a real error.
    if (!fs.existsSync(reportFile)) throw err;
  }
  return findingsIn(reportFile);
}

/** Every unacknowledged finding in a validation report (none when synth wrote none). */
export function findingsIn(reportFile: string): Finding[] {
  if (!fs.existsSync(reportFile)) return [];
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
    pluginReports: Array<{
      violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }>;
    }>;
  };
  return report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath })),
    ),
  );
}
