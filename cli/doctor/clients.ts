/**
 * The AWS SDK clients the doctor reads with, made on first use in the caller's Region. Every call it
 * makes is a read (cli/doctor/permissions.ts lists them with their IAM actions; a test checks each
 * against the IAM reference's access level). Short timeouts and two attempts: a preflight that hangs
 * on one service is worse than one that says it could not check.
 */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { Credentials, CredentialsProvider } from '../signer';

/** The clients, by the IAM service prefix of the actions they send. */
const CLIENTS = {
  sts: STSClient,
  ssm: SSMClient,
  bedrock: BedrockClient,
  apigateway: APIGatewayClient,
  cloudformation: CloudFormationClient,
  // Budgets has one global endpoint; the SDK's endpoint rules pick it from any Region.
  budgets: BudgetsClient,
} as const;

export type DoctorClients = { readonly [K in keyof typeof CLIENTS]: InstanceType<(typeof CLIENTS)[K]> } & {
  /** Close every client that was made. */
  destroy(): void;
};

export function doctorClients(region: string, credentials: Credentials | CredentialsProvider): DoctorClients {
  const config = {
    region,
    credentials,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
  };
  const made = new Map<string, { destroy(): void }>();
  const clients = {
    destroy: () => {
      for (const c of made.values()) c.destroy();
    },
  } as DoctorClients;
  for (const [name, Client] of Object.entries(CLIENTS)) {
    const make = Client as unknown as new (c: typeof config) => { destroy(): void };
    Object.defineProperty(clients, name, {
      get: () => made.get(name) ?? made.set(name, new make(config)).get(name),
    });
  }
  return clients;
}

/** An AWS error's name and message, whatever was thrown. */
export function awsError(err: unknown): { name: string; message: string } {
  const e = err as { name?: string; message?: string };
  return { name: e?.name ?? 'Error', message: (e?.message ?? String(err)).split('\n')[0]!.slice(0, 300) };
}

/** The caller may not make this read (IAM, an SCP, a permissions boundary). */
export function isAccessDenied(err: unknown): boolean {
  const { name, message } = awsError(err);
  return (
    /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(name) ||
    /not authorized to perform/i.test(message)
  );
}
