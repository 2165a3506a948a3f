/**
 * Jest snapshot serializer that masks CDK asset hashes, so snapshots stay stable across
 * machines and dependency patch releases. Anything that looks like a 64-hex asset hash
 * (S3 keys, asset parameters, bundle file names) becomes a fixed placeholder.
 */
const HASH = /[0-9a-f]{64}/g;

function hasHash(value: unknown): value is string {
  return typeof value === 'string' && /[0-9a-f]{64}/.test(value);
}

module.exports = {
  test: hasHash,
  serialize: (value: string) => JSON.stringify(value.replace(HASH, '[ASSET_HASH]')),
};
