/**
 * The bootstrap version the doctor asks for is the one the lab's own templates ask for: the doctor
 * probes aws-cdk-lib with one empty stack, and this synthesizes the lab (every optional stack too)
 * and compares. The CLI's bootstrap template version is read from the installed aws-cdk.
 */
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import {
  bootstrapRequirement,
  cliBootstrapVersion,
  requirementOf,
} from '../../../cli/doctor/check-bootstrap';
import { SERVICES } from '../../../lib/services';
import { labAssembly } from '../../support/lab-assembly';

test('the probe asks what the synthesized lab asks', () => {
  const lab = labAssembly({
    apiGatewayCloudWatchRole: 'create',
    budgetEmail: 'kim@example.com',
    dashboard: 'true',
  });
  const assembly = new CloudAssembly(lab.dir);
  expect(assembly.stacks.length).toBe(SERVICES.length + 3);
  expect(requirementOf(assembly)).toEqual(bootstrapRequirement());
  expect(bootstrapRequirement()).toEqual({ version: 6, parameter: '/cdk-bootstrap/hnb659fds/version' });
});

test('a custom qualifier names its own parameter', () => {
  expect(bootstrapRequirement('lab2').parameter).toBe('/cdk-bootstrap/lab2/version');
});

test("the installed CDK CLI's bootstrap template version is read", () => {
  expect(cliBootstrapVersion()).toBeGreaterThanOrEqual(30);
});
