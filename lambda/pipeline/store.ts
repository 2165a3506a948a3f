/** Reading and writing a run's JSON objects in the pipeline bucket (one S3 client, injected). */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

export class RunStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
    /** The request's deadline (lambda/shared/deadline.ts), when an API call is being served. */
    private readonly signal?: AbortSignal,
  ) {}

  private get options() {
    return this.signal ? { abortSignal: this.signal } : undefined;
  }

  /** Every key under `prefix`, in key order. */
  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
        this.options,
      );
      for (const o of page.Contents ?? []) if (o.Key) out.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /** One page of keys under `prefix`. */
  async page(prefix: string, maxKeys: number, token?: string) {
    const page = await this.s3.send(
      new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: prefix,
        MaxKeys: maxKeys,
        ContinuationToken: token,
      }),
      this.options,
    );
    return {
      keys: (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])),
      nextToken: page.IsTruncated ? page.NextContinuationToken : undefined,
    };
  }

  async text(key: string): Promise<string> {
    const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), this.options);
    return (await res.Body?.transformToString('utf-8')) ?? '';
  }

  async json<T>(key: string): Promise<T> {
    return JSON.parse(await this.text(key)) as T;
  }

  async put(key: string, body: string, contentType = 'application/json'): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
      this.options,
    );
  }

  /** Read many objects with bounded concurrency (S3 takes thousands of GETs a second per prefix). */
  async jsonAll<T>(keys: readonly string[], concurrency = 16): Promise<T[]> {
    const out = new Array<T>(keys.length);
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const i = next++;
        out[i] = await this.json<T>(keys[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
    return out;
  }
}
