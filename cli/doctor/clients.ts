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

export interface DoctorClients {
  readonly sts: STSClient;
  readonly ssm: SSMClient;
  readonly bedrock: BedrockClient;
  readonly apigateway: APIGatewayClient;
  readonly cloudformation: CloudFormationClient;
  /** Budgets has one global endpoint; the SDK's endpoint rules pick it from any Region. */
  readonly budgets: BudgetsClient;
  /** Close every client that was made. */
  destroy(): void;
}

export function doctorClients(region: string, credentials: Credentials | CredentialsProvider): DoctorClients {
  const config = {
    region,
    credentials,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
  };
  const made: Array<{ destroy(): void }> = [];
  const lazy = <T extends { destroy(): void }>(make: () => T) => {
    let client: T | undefined;
    return () => {
      if (!client) {
        client = make();
        made.push(client);
      }
      return client;
    };
  };
  const sts = lazy(() => new STSClient(config));
  const ssm = lazy(() => new SSMClient(config));
  const bedrock = lazy(() => new BedrockClient(config));
  const apigateway = lazy(() => new APIGatewayClient(config));
  const cloudformation = lazy(() => new CloudFormationClient(config));
  const budgets = lazy(() => new BudgetsClient(config));
  return {
    get sts() {
      return sts();
    },
    get ssm() {
      return ssm();
    },
    get bedrock() {
      return bedrock();
    },
    get apigateway() {
      return apigateway();
    },
    get cloudformation() {
      return cloudformation();
    },
    get budgets() {
      return budgets();
    },
    destroy() {
      for (const c of made) c.destroy();
    },
  };
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
