/**
 * API Gateway's AWS_IAM check as the stand-in plays it: every request's SigV4 signature (service
 * execute-api) recomputed with the test credentials.
 */
import { createHash } from 'node:crypto';
import type * as http from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { TEST_CREDENTIALS, TEST_REGION } from './reply';

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** 20240102T030405Z → Date */
const amzDate = (s: string) =>
  new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
  );

/** A check that gives null when the signature is right; otherwise why not, as API Gateway would say. */
export function signatureChecker() {
  const verifier = new SignatureV4({
    service: 'execute-api',
    region: TEST_REGION,
    credentials: TEST_CREDENTIALS,
    sha256: Sha256,
    applyChecksum: false,
  });

  return async function checkSignature(
    req: http.IncomingMessage,
    url: URL,
    raw: Buffer,
  ): Promise<string | null> {
    const auth = req.headers.authorization;
    const m =
      auth &&
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return 'MISSING';
    const [, keyId, , region, service, signedHeaders] = m;
    if (keyId !== TEST_CREDENTIALS.accessKeyId)
      return 'The security token included in the request is invalid.';
    if (region !== TEST_REGION || service !== 'execute-api') {
      return `Credential should be scoped to a valid region and service (got ${region}/${service}).`;
    }
    const date = String(req.headers['x-amz-date'] ?? '');
    if (!/^\d{8}T\d{6}Z$/.test(date) || Math.abs(Date.now() - amzDate(date).getTime()) > 5 * 60_000) {
      return 'Signature expired or X-Amz-Date missing.';
    }
    if (req.headers['x-amz-security-token'] !== TEST_CREDENTIALS.sessionToken) {
      return 'The security token included in the request is invalid.';
    }
    const claimed = req.headers['x-amz-content-sha256'];
    if (claimed !== undefined && claimed !== sha256Hex(raw))
      return 'The payload hash does not match the body.';
    const names = signedHeaders!.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date'))
      return 'host and x-amz-date must be signed.';
    const headers: Record<string, string> = {};
    for (const n of names) {
      const v = req.headers[n];
      if (v === undefined) return `Signed header ${n} is missing.`;
      headers[n] = Array.isArray(v) ? v.join(',') : v;
    }
    const expected = await verifier.sign(
      {
        method: req.method ?? 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: raw.length ? raw : undefined,
      },
      { signingDate: amzDate(date), signableHeaders: new Set(names) },
    );
    return expected.headers.authorization === auth
      ? null
      : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
  };
}
