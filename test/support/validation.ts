/**
 * Tests synthesize without aws-cdk-lib's CloudFormation validation (test/support/setup-env.ts);
 * this turns it back on (CDK_VALIDATION unset, aws-cdk-lib's default) around `fn`.
 */
export function withCloudFormationValidation<T>(fn: () => T): T {
  const saved = process.env.CDK_VALIDATION;
  delete process.env.CDK_VALIDATION;
  try {
    return fn();
  } finally {
    if (saved !== undefined) process.env.CDK_VALIDATION = saved;
  }
}
