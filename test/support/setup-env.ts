// The SDK warns on every client that Node.js 20 support ends in 2027; the functions run on
// Node.js 24 in Lambda, so the warning only adds noise to local test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// aws-cdk-lib validates every synthesized template with its CloudFormation validation engine, which
// takes about 2 s to start in each test file: about half the suite's time, spent checking the same
// lab templates dozens of times. Tests synthesize without it (set CDK_VALIDATION=true to have it
// everywhere). The whole lab is validated where that is the point (test/stacks/nag.test.ts, as
// bin/ does it: through the lab's validation cache, checking that it ran over every template), and
// the validation cache is tested against the engine (test/lib/validation-cache.test.ts); both turn
// it on with `withCloudFormationValidation` (test/support/validation.ts).
process.env.CDK_VALIDATION ??= 'false';
