// The SDK warns on every client that Node.js 20 support ends in 2027; the functions run on
// Node.js 24 in Lambda, so the warning only adds noise to local test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
