/**
 * Capture everything a handler writes to stdout/stderr (Powertools Logger and Metrics write
 * there), so tests can assert that no request content reaches the logs.
 */
export interface LogCapture {
  /** All captured output so far. */
  text(): string;
  restore(): void;
}

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    }),
  );
  return {
    text: () => chunks.join(''),
    restore: () => {
      for (const s of spies) s.mockRestore();
    },
  };
}

/**
 * A capture for each test of the file (or describe block): started before each test, restored after
 * it. `logs.text()` reads the current test's output.
 */
export function useCapturedLogs(): LogCapture {
  let current: LogCapture | undefined;
  beforeEach(() => {
    current = captureLogs();
  });
  afterEach(() => {
    current?.restore();
    current = undefined;
  });
  return {
    text: () => current?.text() ?? '',
    restore: () => current?.restore(),
  };
}
