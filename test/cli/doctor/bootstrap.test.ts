/**
 * The bootstrap version the doctor asks for is the one the lab's own templates ask for: the doctor
 * probes aws-cdk-lib with one empty stack, and this synthesizes the lab (every optional stack too)
 * and compares. The CLI's bootstrap template version is read from the installed aws-cdk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  bootstrapRequirement,
  cliBootstrapVersion,
  requirementOf,
} from '../../../cli/doctor/check-bootstrap';
import { buildTestLab } from '../../support/lab';

test('the probe asks what the synthesized lab asks', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'ai-lab-doctor-test-'));
  try {
    const lab = buildTestLab({ budgetEmail: 'kim@example.com', dashboard: 'true' }, { outdir });
    const assembly = lab.app.synth();
    expect(assembly.stacks.length).toBeGreaterThanOrEqual(9);
    expect(requirementOf(assembly)).toEqual(bootstrapRequirement());
    expect(bootstrapRequirement()).toEqual({ version: 6, parameter: '/cdk-bootstrap/hnb659fds/version' });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});

test('a custom qualifier names its own parameter', () => {
  expect(bootstrapRequirement('lab2').parameter).toBe('/cdk-bootstrap/lab2/version');
});

test("the installed CDK CLI's bootstrap template version is read", () => {
  expect(cliBootstrapVersion()).toBeGreaterThanOrEqual(30);
});
