/**
 * The demo CLI: `ai-lab <service> <action> [options]`, one action per route of every demo in
 * lib/services.ts. ACTIONS says, per route, the action's name, its options (named after the API's
 * fields) and how they become the request; a catalogue route without an entry fails at start-up.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option, type OptionValues } from 'commander';
import { type DemoRoute, type DemoService, SERVICES } from '../lib/services';
import { BEDROCK_ACTIONS } from './bedrock-commands';
import {
  type ApiCall,
  ApiError,
  type Json,
  type LabClient,
  type PresignedUpload,
  uploadPresigned,
} from './client';
import { isRunning, render, waitFor } from './output';
import { PIPELINE_ACTIONS } from './pipeline-commands';
import { type CliDeps, type GlobalOptions, PREFIX_HELP, PREFIX_OPTION, Session } from './session';
import { CliError } from './signer';

/** Everything an action needs: its options, files, and calls to its demo's routes. */
class Ctx {
  exitCode = 0;
  private labClient?: Promise<LabClient>;

  constructor(
    readonly session: Session,
    readonly service: DemoService,
    readonly route: DemoRoute,
    readonly o: OptionValues,
    readonly args: string[],
  ) {}

  client(): Promise<LabClient> {
    this.labClient ??= this.session.clientOf(this.service);
    return this.labClient;
  }

  /** Call one of this demo's routes by `METHOD /path` (default: the action's own route). */
  async call(call: Omit<ApiCall, 'method' | 'path'> = {}, key = `${this.route.method} ${this.route.path}`) {
    const route = this.service.routes.find((r) => `${r.method} ${r.path}` === key);
    if (!route) throw new Error(`${key} is not a route of ${this.service.id}`);
    const res = await (await this.client()).json({ ...call, method: route.method, path: route.path });
    return res.body;
  }

  file(name: string): Buffer {
    try {
      return readFileSync(path.resolve(this.session.cwd, name));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(
        `Cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
      );
    }
  }

  json(name: string): Json {
    try {
      return JSON.parse(this.file(name).toString('utf8')) as Json;
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`${name} is not valid JSON: ${(err as Error).message}`);
    }
  }

  /** Ask the uploads route for a presigned POST, then upload the file with it. */
  async upload(file: string, types: Record<string, string>, contentType?: string) {
    const bytes = this.file(file);
    const ext = path.extname(file).slice(1).toLowerCase();
    const type = contentType ?? types[ext];
    if (!type) {
      throw new CliError(
        `Cannot tell the type of ${file}: pass --content-type (${[...new Set(Object.values(types))].join(', ')}).`,
      );
    }
    const body = await this.call({ body: { contentType: type } }, `POST /${this.service.id}/uploads`);
    const upload = body.upload as PresignedUpload;
    await uploadPresigned(
      upload,
      { bytes, name: path.basename(file), contentType: type },
      this.session.fetch,
    );
    return { key: upload.key, contentType: type, bytes: bytes.length, requestId: body.requestId };
  }

  /** The job's status: polled until done with --wait; a FAILED job makes the exit code 1. */
  async jobStatus(poll: () => Promise<Json>, label: string, resume: string, started?: Json): Promise<Json> {
    const body = this.o.wait
      ? await waitFor(poll, {
          io: this.session.io,
          label,
          resume: `${resume} --wait`,
          timeoutSeconds: this.o.timeout,
          intervalSeconds: this.o.interval,
          sleep: this.session.sleep,
          now: this.session.now,
        })
      : (started ?? (await poll()));
    if (body.status === 'FAILED') this.exitCode = 1;
    // Readable output of a running job says how to follow it.
    return isRunning(body) && !this.o.json ? { ...body, next: `${resume} --wait` } : body;
  }
}

interface Action {
  readonly name: string;
  readonly args?: ReadonlyArray<readonly [string, string]>;
  readonly options: () => Option[];
  /** Make the call(s) and return what to print (nothing when the action printed as it went). */
  readonly run: (c: Ctx) => Promise<Json | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Option helpers
// ---------------------------------------------------------------------------------------------

const opt = (flags: string, description: string) => new Option(flags, description);
const required = (flags: string, description: string) => opt(flags, description).makeOptionMandatory();

function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('Not a number.');
  return n;
}
const number = (flags: string, description: string) => opt(flags, description).argParser(parseNumber);
const list = (flags: string, description: string) =>
  opt(flags, description).argParser((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const repeatable = (flags: string, description: string) =>
  opt(flags, `${description} (repeat for more)`).argParser((v, prev: string[] = []) => [...prev, v]);

const waitOptions = () => [
  opt('--wait', 'poll until the job finishes, with progress on stderr'),
  number('--timeout <seconds>', 'stop waiting after this long').default(600),
  number('--interval <seconds>', 'time between polls').default(5),
];

/** The given options, under their API field names, without the ones left out. */
function fields(o: OptionValues, ...names: string[]): Json {
  return Object.fromEntries(names.filter((n) => o[n] !== undefined).map((n) => [n, o[n]]));
}

/** `--query "What is the total?"` or `--query "TOTAL=What is the total?"` (with an alias). */
function textractQueries(queries: string[] | undefined) {
  return queries?.map((q) => {
    const m = /^([A-Z][A-Z0-9_]*)=(.+)$/.exec(q);
    return m ? { text: m[2]!, alias: m[1]! } : { text: q };
  });
}

const DOCUMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};
const AUDIO_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
  m4a: 'audio/mp4',
  mp4: 'audio/mp4',
  amr: 'audio/amr',
};
/** Polly's output formats and the Accept header that asks for each as bytes. */
const AUDIO_FORMATS: Record<string, string> = {
  mp3: 'audio/mpeg',
  ogg_vorbis: 'audio/ogg',
  pcm: 'audio/pcm',
};

const textOption = () => required('--text <text>', 'the text to analyse');
const languageCode = (codes: string) => opt('--language-code <code>', `${codes}; omit to detect it (billed)`);
const image = () => required('--image <file>', 'PNG or JPEG image, e.g. samples/street-scene.jpg');
const document = () =>
  required('--document <file>', 'PNG, JPEG, TIFF or single-page PDF, e.g. samples/invoice-form.png');
const features = (note = '') => list('--features <list>', `comma-separated: TABLES, FORMS, QUERIES${note}`);
const query = () => repeatable('--query <question>', 'a question, optionally ALIAS=question (adds QUERIES)');
const inference = () => [
  number('--temperature <0-1>', '0 = most repeatable, 1 = most varied'),
  number('--top-p <0-1>', 'nucleus sampling'),
  number('--max-tokens <n>', 'cap on output tokens (the stack caps it too)'),
];

function textractFeatures(o: OptionValues): { features?: string[]; queries?: Json[] } {
  const queries = textractQueries(o.query);
  const given: string[] | undefined = o.features ?? (queries ? [] : undefined);
  const features = queries && !given!.includes('QUERIES') ? [...given!, 'QUERIES'] : given;
  return { features, queries };
}

const textractPoll = (c: Ctx, jobId: string, mode: string, features?: string[]) => () =>
  c.call({ params: { jobId }, query: { mode, features: features?.join(',') } }, 'GET /textract/jobs/{jobId}');
const transcribePoll = (c: Ctx, jobName: string) => () =>
  c.call({ params: { jobName } }, 'GET /transcribe/jobs/{jobName}');

// ---------------------------------------------------------------------------------------------
// One action per route
// ---------------------------------------------------------------------------------------------

const rekognition = (name: string, extra: () => Option[] = () => []): Action => ({
  name,
  options: () => [image(), ...extra()],
  run: (c) =>
    c.call({
      body: { image: c.file(c.o.image).toString('base64'), ...fields(c.o, 'maxLabels', 'minConfidence') },
    }),
});

const comprehendText = (
  name: string,
  codes = 'en, es, fr, de, it, pt, ar, hi, ja, ko, zh, zh-TW',
): Action => ({
  name,
  options: () => [textOption(), languageCode(codes)],
  run: (c) => c.call({ body: fields(c.o, 'text', 'languageCode') }),
});

export const ACTIONS: Record<string, Action> = {
  'POST /comprehend/sentiment': comprehendText('sentiment'),
  'POST /comprehend/entities': comprehendText('entities'),
  'POST /comprehend/key-phrases': comprehendText('key-phrases'),
  'POST /comprehend/language': {
    name: 'language',
    options: () => [required('--text <text>', 'at least 20 characters')],
    run: (c) => c.call({ body: fields(c.o, 'text') }),
  },
  'POST /comprehend/pii': comprehendText('pii', 'en or es'),
  'POST /comprehend/toxicity': {
    name: 'toxicity',
    options: () => [
      opt('--text <text>', 'one text'),
      repeatable('--segment <text>', 'or segments, up to 10'),
    ],
    run: (c) => {
      if (!c.o.text === !c.o.segment) throw new CliError('Give --text, or one or more --segment.');
      return c.call({ body: c.o.segment ? { segments: c.o.segment } : { text: c.o.text } });
    },
  },

  'POST /translate': {
    name: 'text',
    options: () => [
      required('--text <text>', 'the text to translate'),
      required('--target <code>', 'target language, e.g. ko'),
      opt('--source <code>', 'source language; auto detects it with Comprehend').default('auto'),
      opt('--formality <level>', 'formal or informal register').choices(['FORMAL', 'INFORMAL']),
      opt('--mask-profanity', 'mask profane words'),
    ],
    run: (c) =>
      c.call({
        body: {
          ...fields(c.o, 'text', 'formality', 'maskProfanity'),
          targetLanguage: c.o.target,
          sourceLanguage: c.o.source,
        },
      }),
  },
  'GET /translate/languages': {
    name: 'languages',
    options: () => [opt('--display-language-code <code>', 'language to name the languages in (default en)')],
    run: (c) => c.call({ query: { displayLanguageCode: c.o.displayLanguageCode } }),
  },

  'POST /textract/text': {
    name: 'text',
    options: () => [document()],
    run: (c) => c.call({ body: { document: c.file(c.o.document).toString('base64') } }),
  },
  'POST /textract/analyze': {
    name: 'analyze',
    options: () => [document(), features(' (default TABLES,FORMS)'), query()],
    run: (c) => {
      const { features = ['TABLES', 'FORMS'], queries } = textractFeatures(c.o);
      return c.call({ body: { document: c.file(c.o.document).toString('base64'), features, queries } });
    },
  },
  'POST /textract/uploads': {
    name: 'upload',
    options: () => [
      required('--file <file>', 'multi-page PDF or TIFF, e.g. samples/two-page.pdf'),
      opt('--content-type <type>', 'default: from the file name').choices(['application/pdf', 'image/tiff']),
    ],
    run: async (c) => {
      const up = await c.upload(c.o.file, DOCUMENT_TYPES, c.o.contentType);
      return { ...up, next: `npm run demo -- textract job --key ${up.key} --wait` };
    },
  },
  'POST /textract/jobs': {
    name: 'job',
    options: () => [
      opt('--key <key>', 'an uploaded document (textract upload)'),
      opt('--file <file>', 'or a PDF/TIFF to upload first'),
      opt('--mode <mode>', 'text, or analyze (the default with --features or --query)').choices([
        'text',
        'analyze',
      ]),
      features(' (analyze; default TABLES,FORMS)'),
      query(),
      ...waitOptions(),
    ],
    run: async (c) => {
      if (!c.o.key === !c.o.file) throw new CliError('Give --key (from textract upload) or --file.');
      const key: string = c.o.key ?? (await c.upload(c.o.file, DOCUMENT_TYPES)).key;
      const { features: given, queries } = textractFeatures(c.o);
      const mode: string = c.o.mode ?? (given ? 'analyze' : 'text');
      const features = given ?? ['TABLES', 'FORMS'];
      const job = await c.call({ body: { key, mode, ...(mode === 'analyze' && { features, queries }) } });
      const jobId = String(job.jobId);
      const billed = mode === 'analyze' ? features : undefined;
      const resume = `npm run demo -- textract status ${jobId} --mode ${mode}${billed ? ` --features ${billed.join(',')}` : ''}`;
      return c.jobStatus(textractPoll(c, jobId, mode, billed), `Textract job ${jobId}`, resume, job);
    },
  },
  'GET /textract/jobs/{jobId}': {
    name: 'status',
    args: [['<jobId>', 'from textract job']],
    options: () => [
      opt('--mode <mode>', 'the mode the job was started with').choices(['text', 'analyze']).default('text'),
      features(),
      ...waitOptions(),
    ],
    run: async (c) => {
      const [jobId = ''] = c.args;
      const poll = textractPoll(c, jobId, c.o.mode, c.o.features);
      const resume = `npm run demo -- textract status ${jobId} --mode ${c.o.mode}`;
      return c.jobStatus(poll, `Textract job ${jobId}`, resume);
    },
  },

  'POST /rekognition/labels': rekognition('labels', () => [
    number('--max-labels <n>', 'most labels to return (default 10)'),
    number('--min-confidence <percent>', 'only labels at least this sure (default 70)'),
  ]),
  'POST /rekognition/text': rekognition('text'),
  'POST /rekognition/faces': rekognition('faces'),
  'POST /rekognition/moderation': rekognition('moderation', () => [
    number('--min-confidence <percent>', 'only labels at least this sure (default 50)'),
  ]),

  'POST /polly/speech': {
    name: 'speech',
    options: () => [
      required('--text <text>', 'what to say (plain text, or SSML with --text-type ssml)'),
      opt('--voice <id>', 'voice id, e.g. Joanna (English, default) or Seoyeon (Korean)'),
      opt('--engine <engine>', 'neural (default), standard, long-form or generative'),
      opt('--language-code <code>', 'only for bilingual voices, e.g. en-IN'),
      opt('--text-type <type>', 'text or ssml').choices(['text', 'ssml']),
      opt('--format <format>', 'audio format (default mp3)').choices(Object.keys(AUDIO_FORMATS)),
      opt('--out <file>', 'write the audio here (without it: JSON with the audio in base64)'),
    ],
    run: async (c) => {
      const body = {
        ...fields(c.o, 'text', 'engine', 'languageCode', 'textType', 'format'),
        voiceId: c.o.voice,
      };
      if (!c.o.out) return c.call({ body });
      const accept = AUDIO_FORMATS[c.o.format ?? 'mp3'];
      const res = await (await c.client()).binary({ method: 'POST', path: '/polly/speech', body, accept });
      await writeFile(path.resolve(c.session.cwd, c.o.out), res.bytes);
      return {
        savedTo: c.o.out,
        bytes: res.bytes.length,
        contentType: res.contentType,
        requestId: res.requestId,
      };
    },
  },
  'GET /polly/voices': {
    name: 'voices',
    options: () => [
      opt('--language-code <code>', 'only voices for this language, e.g. ko-KR'),
      opt('--engine <engine>', 'only voices with this engine'),
    ],
    run: (c) => c.call({ query: { languageCode: c.o.languageCode, engine: c.o.engine } }),
  },

  'POST /transcribe/uploads': {
    name: 'upload',
    options: () => [
      required('--file <file>', 'audio file, e.g. samples/hello-en.mp3'),
      opt('--content-type <type>', 'default: from the file name'),
    ],
    run: async (c) => {
      const up = await c.upload(c.o.file, AUDIO_TYPES, c.o.contentType);
      return { ...up, next: `npm run demo -- transcribe job --key ${up.key} --wait` };
    },
  },
  'POST /transcribe/jobs': {
    name: 'job',
    options: () => [
      opt('--key <key>', 'an uploaded file (transcribe upload)'),
      opt('--audio <file>', 'or a short clip (up to 3 MB) sent inline, e.g. samples/hello-en.wav'),
      opt('--language-code <code>', 'e.g. en-US; omit to identify the language'),
      list('--language-options <codes>', 'candidates for identification, e.g. en-US,ko-KR'),
      ...waitOptions(),
    ],
    run: async (c) => {
      if (!c.o.key === !c.o.audio) throw new CliError('Give --key (from transcribe upload) or --audio.');
      const source = c.o.key ? { key: c.o.key } : { audioBase64: c.file(c.o.audio).toString('base64') };
      const job = await c.call({ body: { ...source, ...fields(c.o, 'languageCode', 'languageOptions') } });
      const jobName = String(job.jobName);
      const resume = `npm run demo -- transcribe status ${jobName}`;
      return c.jobStatus(transcribePoll(c, jobName), `Transcribe job ${jobName}`, resume, job);
    },
  },
  'GET /transcribe/jobs/{jobName}': {
    name: 'status',
    args: [['<jobName>', 'from transcribe job']],
    options: () => waitOptions(),
    run: async (c) => {
      const [jobName = ''] = c.args;
      const poll = transcribePoll(c, jobName);
      const resume = `npm run demo -- transcribe status ${jobName}`;
      return c.jobStatus(poll, `Transcribe job ${jobName}`, resume);
    },
  },

  'POST /bedrock/converse': {
    name: 'converse',
    options: () => [
      opt('--prompt <text>', 'a plain prompt'),
      opt('--instruction <text>', 'prompt element 1: what to do (지침)'),
      opt('--context <text>', 'prompt element 2: background (컨텍스트)'),
      opt('--input-data <text>', 'prompt element 3: the input (입력 데이터)'),
      opt('--output-indicator <text>', 'prompt element 4: the output wanted (출력 지표)'),
      opt('--system <text>', 'system prompt (role, tone)'),
      opt('--file <json>', 'a request body, e.g. samples/prompts/four-elements.json (options override it)'),
      ...inference(),
      number('--samples <1-3>', 'run it 1–3 times to see non-determinism'),
    ],
    run: (c) => {
      const body = {
        ...(c.o.file ? c.json(c.o.file) : {}),
        ...fields(c.o, 'prompt', 'instruction', 'context', 'inputData', 'outputIndicator', 'system'),
        ...fields(c.o, 'temperature', 'topP', 'maxTokens', 'samples'),
      };
      if (!body.prompt && !body.instruction && !body.inputData) {
        throw new CliError(
          'Give --prompt, the prompt elements (--instruction, --context, --input-data, --output-indicator), or --file.',
        );
      }
      return c.call({ body });
    },
  },
  'POST /bedrock/ask-notes': {
    name: 'ask',
    options: () => [
      opt('--question <text>', 'a question about the study notes (English or Korean)'),
      opt('--file <json>', 'a request body, e.g. samples/prompts/ask-notes.json'),
      number('--top-k <1-5>', 'passages to retrieve (default 3)'),
      ...inference(),
    ],
    run: (c) => {
      const body = {
        ...(c.o.file ? c.json(c.o.file) : {}),
        ...fields(c.o, 'question', 'topK', 'temperature', 'topP', 'maxTokens'),
      };
      if (!body.question) throw new CliError('Give --question or --file.');
      return c.call({ body });
    },
  },
  ...BEDROCK_ACTIONS,
  ...PIPELINE_ACTIONS,
};

// ---------------------------------------------------------------------------------------------
// The program
// ---------------------------------------------------------------------------------------------

const EXAMPLES = `
Examples:
  npm run demo -- comprehend sentiment --text "I love this lab"
  npm run demo -- translate text --text "Hello" --target ko
  npm run demo -- textract analyze --document samples/invoice-form.png --query "What is the total?"
  npm run demo -- polly speech --text "안녕하세요" --voice Seoyeon --out hello.mp3
  npm run demo -- transcribe job --audio samples/hello-en.wav --language-code en-US --wait
  npm run demo -- bedrock converse --file samples/prompts/four-elements.json
  npm run demo -- bedrock stream --text "Explain foundation models in two sentences"
  npm run demo -- bedrock compare --text "What is RAG?" --models amazon.nova-micro-v1:0,amazon.nova-lite-v1:0
  npm run demo -- bedrock read-document --file samples/invoice-form.ko.png --request samples/prompts/read-invoice.ko.json
  npm run demo -- pipeline run samples/pipeline/*.txt samples/invoice-form.png --steps extract,pii,translate,summarize,speak --to ko

Endpoints come from ./cdk-outputs.json (cdk deploy --outputs-file) or else from the stacks'
ApiUrl outputs (CloudFormation, in --region / AWS_REGION / your profile's Region). Requests are
signed (SigV4) with your usual AWS credentials: environment, --profile / AWS_PROFILE, SSO.`;

export function buildProgram(deps: CliDeps, onExitCode: (code: number) => void): Command {
  const program = new Command('ai-lab')
    .description("Call the lab's demos with SigV4-signed requests (npm run demo -- <service> <action>).")
    .option('--json', 'print the raw JSON response (for scripts)')
    .option('--region <region>', 'AWS Region of the stacks (default: AWS_REGION or your profile)')
    .option('--profile <name>', 'AWS profile for credentials (default: AWS_PROFILE or the default chain)')
    .option(
      '--outputs-file <file>',
      'stack outputs written by cdk deploy --outputs-file (default: ./cdk-outputs.json)',
    )
    .option(PREFIX_OPTION, PREFIX_HELP)
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: deps.stdout ?? ((t) => process.stdout.write(t)),
      writeErr: deps.stderr ?? ((t) => process.stderr.write(t)),
    });

  for (const service of SERVICES) {
    const group = program
      .command(service.id)
      .description(`${service.awsService} (stack <prefix>-${service.stackSuffix}): ${service.concept}`);
    for (const route of service.routes) {
      const action = ACTIONS[`${route.method} ${route.path}`];
      if (!action)
        throw new Error(
          `No CLI action for ${route.method} ${route.path}: add one to ACTIONS in cli/commands.ts.`,
        );
      const cmd = group.command(action.name).description(`${route.summary} — ${route.method} ${route.path}`);
      for (const [name, description] of action.args ?? []) cmd.argument(name, description);
      for (const option of action.options()) cmd.addOption(option);
      cmd.action(async (...params: unknown[]) => {
        const command = params.at(-1) as Command;
        const o = command.optsWithGlobals();
        const session = new Session(deps, o as GlobalOptions);
        const ctx = new Ctx(session, service, route, o, command.processedArgs as string[]);
        const body = await action.run(ctx);
        if (body !== undefined) {
          session.io.stdout(o.json ? `${JSON.stringify(body, null, 2)}\n` : render(body));
        }
        onExitCode(ctx.exitCode);
      });
    }
  }
  return program;
}

/** Run the CLI; resolves to the exit code. Errors are printed, never thrown. */
export async function main(argv: string[], deps: CliDeps = {}): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let exitCode = 0;
  try {
    await buildProgram(deps, (code) => {
      exitCode = code;
    }).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const stderr = deps.stderr ?? ((t: string) => process.stderr.write(t));
    const stdout = deps.stdout ?? ((t: string) => process.stdout.write(t));
    const message = err instanceof Error ? err.message : String(err);
    if (argv.includes('--json')) {
      const body = err instanceof ApiError && err.body ? err.body : { error: { code: 'CLI_ERROR', message } };
      stdout(`${JSON.stringify(body, null, 2)}\n`);
    }
    stderr(err instanceof CliError ? `${message}\n` : `Unexpected error: ${message}\n`);
    return 1;
  }
}
