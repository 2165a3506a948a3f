/**
 * SigV4 signing for the lab's APIs (service `execute-api`). Credentials come from the AWS default
 * chain (environment, profiles, SSO, process, container and instance roles) unless a test injects
 * its own. Credentials are never printed: errors name where to configure them, not what they are.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import { type Lang, translator } from '../lib/i18n';
import { SESSION_MESSAGES } from './messages/session';

export type Credentials = Awaited<ReturnType<ReturnType<typeof fromNodeProviderChain>>>;
export type CredentialsProvider = () => Promise<Credentials>;

/** An error the CLI expects and shows as one line (no stack trace). */
export class CliError extends Error {
  override name = 'CliError';
}

/** The default chain, memoized, with an actionable error (in `lang`) instead of the SDK's. */
export function defaultCredentials(profile?: string, lang: Lang = 'en'): CredentialsProvider {
  const chain = fromNodeProviderChain(profile ? { profile } : {});
  return async () => {
    try {
      return await chain();
    } catch (err) {
      // The SDK's message says which provider failed (never a secret), e.g. an expired SSO session.
      const why = err instanceof Error ? err.message : String(err);
      const t = translator(SESSION_MESSAGES, lang);
      throw new CliError(t('credentials.none', { why, help: t('credentials.help') }));
    }
  };
}

export function createSigner(region: string, credentials: Credentials | CredentialsProvider): SignatureV4 {
  return new SignatureV4({ service: 'execute-api', region, credentials, sha256: Sha256 });
}

export interface SignedFetch {
  readonly url: URL;
  readonly init: { method: string; headers: Record<string, string>; body?: string };
}

/** Sign a request for `url`; the Host header is signed but left to fetch to send. */
export async function signRequest(
  signer: SignatureV4,
  method: string,
  url: URL,
  headers: Record<string, string>,
  body?: string,
): Promise<SignedFetch> {
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...headers, host: url.host },
    body,
  });
  const { host: _host, ...sent } = signed.headers;
  return { url, init: { method, headers: sent, ...(body !== undefined && { body }) } };
}
