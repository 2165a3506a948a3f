/**
 * The demo CLI: `ai-lab <service> <action> [options]`, one action per route of every demo in
 * lib/services.ts. ACTIONS says, per route, the action's name, its options (named after the API's
 * fields) and how they become the request; a catalogue route without an entry fails at start-up.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Command, CommanderError, type Option, type OptionValues } from 'commander';
import { type Lang, translator } from '../lib/i18n';
import { type DemoRoute, type DemoService, SERVICES } from '../lib/services';
import { KOREAN_CATALOGUE } from '../scripts/catalogue-ko';
import { BEDROCK_ACTIONS } from './bedrock-commands';
import {
  type ApiCall,
  ApiError,
  type Json,
  type LabClient,
  type PresignedUpload,
  uploadPresigned,
} from './client';
import { commanderWords, globalOptions, localize, runLang } from './localize';
import { OUTPUT_MESSAGES } from './messages/output';
import { PROGRAM_MESSAGES } from './messages/program';
import { ROUTE_SUMMARIES_KO, routeKey } from './messages/routes';
import { type OptionKit, type OptionWords, optionKit } from './options';
import { isRunning, render, waitFor } from './output';
import { PIPELINE_ACTIONS } from './pipeline-commands';
import { type CliDeps, type GlobalOptions, Session } from './session';
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
    /** The action's words (option help and input errors) in the session's language. */
    readonly t: OptionWords,
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
        code === 'ENOENT'
          ? this.t('file.missing', { file: name })
          : this.t('file.unreadable', { file: name, error: (err as Error).message }),
      );
    }
  }

  json(name: string): Json {
    try {
      return JSON.parse(this.file(name).toString('utf8')) as Json;
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(this.t('json.invalid', { file: name, error: (err as Error).message }));
    }
  }

  /** Ask the uploads route for a presigned POST, then upload the file with it. */
  async upload(file: string, types: Record<string, string>, contentType?: string) {
    const bytes = this.file(file);
    const ext = path.extname(file).slice(1).toLowerCase();
    const type = contentType ?? types[ext];
    if (!type) {
      const known = [...new Set(Object.values(types))].join(', ');
      throw new CliError(this.t('upload.type', { file, types: known }));
    }
    const body = await this.call({ body: { contentType: type } }, `POST /${this.service.id}/uploads`);
    const upload = body.upload as PresignedUpload;
    await uploadPresigned(
      upload,
      { bytes, name: path.basename(file), contentType: type },
      this.session.fetch,
      this.session.lang,
    );
    return { key: upload.key, contentType: type, bytes: bytes.length, requestId: body.requestId };
  }

  /** The job's status: polled until done with --wait; a FAILED job makes the exit code 1. */
  async jobStatus(
    poll: () => Promise<Json>,
    job: 'job.textract' | 'job.transcribe',
    id: string,
    resume: string,
    started?: Json,
  ): Promise<Json> {
    const { lang } = this.session;
    const body = this.o.wait
      ? await waitFor(poll, {
          io: this.session.io,
          lang,
          label: translator(OUTPUT_MESSAGES, lang)(job, { id }),
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
  /** The arguments and their help, in the kit's language. */
  readonly args?: (k: OptionKit) => ReadonlyArray<readonly [string, string]>;
  readonly options: (k: OptionKit) => Option[];
  /** Make the call(s) and return what to print (nothing when the action printed as it went). */
  readonly run: (c: Ctx) => Promise<Json | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Option helpers
// ---------------------------------------------------------------------------------------------

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

const rekognition = (name: string, extra: (k: OptionKit) => Option[] = () => []): Action => ({
  name,
  options: (k) => [k.image(), ...extra(k)],
  run: (c) =>
    c.call({
      body: { image: c.file(c.o.image).toString('base64'), ...fields(c.o, 'maxLabels', 'minConfidence') },
    }),
});

const comprehendText = (name: string, codes?: (k: OptionKit) => string): Action => ({
  name,
  options: (k) => [
    k.text(),
    k.languageCode(codes?.(k) ?? 'en, es, fr, de, it, pt, ar, hi, ja, ko, zh, zh-TW'),
  ],
  run: (c) => c.call({ body: fields(c.o, 'text', 'languageCode') }),
});

export const ACTIONS: Record<string, Action> = {
  'POST /comprehend/sentiment': comprehendText('sentiment'),
  'POST /comprehend/entities': comprehendText('entities'),
  'POST /comprehend/key-phrases': comprehendText('key-phrases'),
  'POST /comprehend/language': {
    name: 'language',
    options: (k) => [k.required('--text <text>', 'language.text')],
    run: (c) => c.call({ body: fields(c.o, 'text') }),
  },
  'POST /comprehend/pii': comprehendText('pii', (k) => k.t('codes.pii')),
  'POST /comprehend/toxicity': {
    name: 'toxicity',
    options: (k) => [
      k.opt('--text <text>', 'toxicity.text'),
      k.repeatable('--segment <text>', 'toxicity.segment'),
    ],
    run: (c) => {
      if (!c.o.text === !c.o.segment) throw new CliError(c.t('toxicity.give'));
      return c.call({ body: c.o.segment ? { segments: c.o.segment } : { text: c.o.text } });
    },
  },

  'POST /translate': {
    name: 'text',
    options: (k) => [
      k.required('--text <text>', 'translate.text'),
      k.required('--target <code>', 'translate.target'),
      k.opt('--source <code>', 'translate.source').default('auto'),
      k.opt('--formality <level>', 'translate.formality').choices(['FORMAL', 'INFORMAL']),
      k.opt('--mask-profanity', 'translate.profanity'),
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
    options: (k) => [k.opt('--display-language-code <code>', 'languages.display')],
    run: (c) => c.call({ query: { displayLanguageCode: c.o.displayLanguageCode } }),
  },

  'POST /textract/text': {
    name: 'text',
    options: (k) => [k.document()],
    run: (c) => c.call({ body: { document: c.file(c.o.document).toString('base64') } }),
  },
  'POST /textract/analyze': {
    name: 'analyze',
    options: (k) => [k.document(), k.features('features.default'), k.query()],
    run: (c) => {
      const { features = ['TABLES', 'FORMS'], queries } = textractFeatures(c.o);
      return c.call({ body: { document: c.file(c.o.document).toString('base64'), features, queries } });
    },
  },
  'POST /textract/uploads': {
    name: 'upload',
    options: (k) => [
      k.required('--file <file>', 'textract.file'),
      k.opt('--content-type <type>', 'contentType').choices(['application/pdf', 'image/tiff']),
    ],
    run: async (c) => {
      const up = await c.upload(c.o.file, DOCUMENT_TYPES, c.o.contentType);
      return { ...up, next: `npm run demo -- textract job --key ${up.key} --wait` };
    },
  },
  'POST /textract/jobs': {
    name: 'job',
    options: (k) => [
      k.opt('--key <key>', 'textract.key'),
      k.opt('--file <file>', 'textract.upload'),
      k.opt('--mode <mode>', 'textract.mode').choices(['text', 'analyze']),
      k.features('features.analyze'),
      k.query(),
      ...k.wait(),
    ],
    run: async (c) => {
      if (!c.o.key === !c.o.file) throw new CliError(c.t('textract.give'));
      const key: string = c.o.key ?? (await c.upload(c.o.file, DOCUMENT_TYPES)).key;
      const { features: given, queries } = textractFeatures(c.o);
      const mode: string = c.o.mode ?? (given ? 'analyze' : 'text');
      const features = given ?? ['TABLES', 'FORMS'];
      const job = await c.call({ body: { key, mode, ...(mode === 'analyze' && { features, queries }) } });
      const jobId = String(job.jobId);
      const billed = mode === 'analyze' ? features : undefined;
      const resume = `npm run demo -- textract status ${jobId} --mode ${mode}${billed ? ` --features ${billed.join(',')}` : ''}`;
      return c.jobStatus(textractPoll(c, jobId, mode, billed), 'job.textract', jobId, resume, job);
    },
  },
  'GET /textract/jobs/{jobId}': {
    name: 'status',
    args: (k) => [['<jobId>', k.t('textract.jobId')]],
    options: (k) => [
      k.opt('--mode <mode>', 'textract.startedMode').choices(['text', 'analyze']).default('text'),
      k.features(),
      ...k.wait(),
    ],
    run: async (c) => {
      const [jobId = ''] = c.args;
      const poll = textractPoll(c, jobId, c.o.mode, c.o.features);
      const resume = `npm run demo -- textract status ${jobId} --mode ${c.o.mode}`;
      return c.jobStatus(poll, 'job.textract', jobId, resume);
    },
  },

  'POST /rekognition/labels': rekognition('labels', (k) => [
    k.number('--max-labels <n>', 'labels.max'),
    k.number('--min-confidence <percent>', 'minConfidence', { percent: 70 }),
  ]),
  'POST /rekognition/text': rekognition('text'),
  'POST /rekognition/faces': rekognition('faces'),
  'POST /rekognition/moderation': rekognition('moderation', (k) => [
    k.number('--min-confidence <percent>', 'minConfidence', { percent: 50 }),
  ]),

  'POST /polly/speech': {
    name: 'speech',
    options: (k) => [
      k.required('--text <text>', 'polly.text'),
      k.opt('--voice <id>', 'polly.voice'),
      k.opt('--engine <engine>', 'polly.engine'),
      k.opt('--language-code <code>', 'polly.languageCode'),
      k.opt('--text-type <type>', 'polly.textType').choices(['text', 'ssml']),
      k.opt('--format <format>', 'polly.format').choices(Object.keys(AUDIO_FORMATS)),
      k.opt('--out <file>', 'polly.out'),
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
    options: (k) => [
      k.opt('--language-code <code>', 'voices.languageCode'),
      k.opt('--engine <engine>', 'voices.engine'),
    ],
    run: (c) => c.call({ query: { languageCode: c.o.languageCode, engine: c.o.engine } }),
  },

  'POST /transcribe/uploads': {
    name: 'upload',
    options: (k) => [
      k.required('--file <file>', 'transcribe.file'),
      k.opt('--content-type <type>', 'contentType'),
    ],
    run: async (c) => {
      const up = await c.upload(c.o.file, AUDIO_TYPES, c.o.contentType);
      return { ...up, next: `npm run demo -- transcribe job --key ${up.key} --wait` };
    },
  },
  'POST /transcribe/jobs': {
    name: 'job',
    options: (k) => [
      k.opt('--key <key>', 'transcribe.key'),
      k.opt('--audio <file>', 'transcribe.audio'),
      k.opt('--language-code <code>', 'transcribe.languageCode'),
      k.list('--language-options <codes>', 'transcribe.languageOptions'),
      ...k.wait(),
    ],
    run: async (c) => {
      if (!c.o.key === !c.o.audio) throw new CliError(c.t('transcribe.give'));
      const source = c.o.key ? { key: c.o.key } : { audioBase64: c.file(c.o.audio).toString('base64') };
      const job = await c.call({ body: { ...source, ...fields(c.o, 'languageCode', 'languageOptions') } });
      const jobName = String(job.jobName);
      const resume = `npm run demo -- transcribe status ${jobName}`;
      return c.jobStatus(transcribePoll(c, jobName), 'job.transcribe', jobName, resume, job);
    },
  },
  'GET /transcribe/jobs/{jobName}': {
    name: 'status',
    args: (k) => [['<jobName>', k.t('transcribe.jobName')]],
    options: (k) => k.wait(),
    run: async (c) => {
      const [jobName = ''] = c.args;
      const poll = transcribePoll(c, jobName);
      const resume = `npm run demo -- transcribe status ${jobName}`;
      return c.jobStatus(poll, 'job.transcribe', jobName, resume);
    },
  },

  'POST /bedrock/converse': {
    name: 'converse',
    options: (k) => [
      k.opt('--prompt <text>', 'prompt'),
      k.opt('--instruction <text>', 'instruction'),
      k.opt('--context <text>', 'context'),
      k.opt('--input-data <text>', 'inputData'),
      k.opt('--output-indicator <text>', 'outputIndicator'),
      k.opt('--system <text>', 'system'),
      k.opt('--file <json>', 'requestFile'),
      ...k.inference(),
      k.number('--samples <1-3>', 'samples'),
    ],
    run: (c) => {
      const body = {
        ...(c.o.file ? c.json(c.o.file) : {}),
        ...fields(c.o, 'prompt', 'instruction', 'context', 'inputData', 'outputIndicator', 'system'),
        ...fields(c.o, 'temperature', 'topP', 'maxTokens', 'samples'),
      };
      if (!body.prompt && !body.instruction && !body.inputData) throw new CliError(c.t('converse.give'));
      return c.call({ body });
    },
  },
  'POST /bedrock/ask-notes': {
    name: 'ask',
    options: (k) => [
      k.opt('--question <text>', 'question'),
      k.opt('--file <json>', 'ask.file'),
      k.number('--top-k <1-5>', 'topK'),
      ...k.inference(),
    ],
    run: (c) => {
      const body = {
        ...(c.o.file ? c.json(c.o.file) : {}),
        ...fields(c.o, 'question', 'topK', 'temperature', 'topP', 'maxTokens'),
      };
      if (!body.question) throw new CliError(c.t('ask.give'));
      return c.call({ body });
    },
  },
  ...BEDROCK_ACTIONS,
  ...PIPELINE_ACTIONS,
};

// ---------------------------------------------------------------------------------------------
// The program
// ---------------------------------------------------------------------------------------------

/** The Korean route summary (cli/messages/routes.ts), or a start-up error naming the route that has none. */
function koreanSummary(route: DemoRoute): string {
  const summary = ROUTE_SUMMARIES_KO[routeKey(route)];
  if (!summary)
    throw new Error(`No Korean summary for ${routeKey(route)}: add one to cli/messages/routes.ts.`);
  return summary;
}

export function buildProgram(deps: CliDeps, onExitCode: (code: number) => void, lang: Lang = 'en'): Command {
  const t = translator(PROGRAM_MESSAGES, lang);
  const kit = optionKit(lang);
  const program = localize(new Command('ai-lab'), lang, {
    writeOut: deps.stdout ?? ((text) => process.stdout.write(text)),
    writeErr: deps.stderr ?? ((text) => process.stderr.write(text)),
  })
    .helpCommand('help [command]', commanderWords(lang)('help'))
    .showHelpAfterError(commanderWords(lang)('afterError'))
    .description(t('description'))
    .option('--json', t('opt.json'))
    .addHelpText('after', t('examples'))
    .exitOverride();
  for (const option of globalOptions(lang)) program.addOption(option);

  for (const service of SERVICES) {
    const group = program.command(service.id).description(
      t('demo', {
        service: service.awsService,
        suffix: service.stackSuffix,
        concept: lang === 'ko' ? KOREAN_CATALOGUE[service.id].concept : service.concept,
      }),
    );
    for (const route of service.routes) {
      const action = ACTIONS[routeKey(route)];
      if (!action)
        throw new Error(`No CLI action for ${routeKey(route)}: add one to ACTIONS in cli/commands.ts.`);
      // Every route has a Korean summary, checked in both languages so an English run finds a gap too.
      const korean = koreanSummary(route);
      const summary = lang === 'ko' ? korean : route.summary;
      const cmd = group.command(action.name).description(`${summary} — ${routeKey(route)}`);
      for (const [name, description] of action.args?.(kit) ?? []) cmd.argument(name, description);
      for (const option of action.options(kit)) cmd.addOption(option);
      cmd.action(async (...params: unknown[]) => {
        const command = params.at(-1) as Command;
        const o = command.optsWithGlobals();
        const session = new Session(deps, { ...(o as GlobalOptions), lang });
        const ctx = new Ctx(session, service, route, o, command.processedArgs as string[], kit.t);
        const body = await action.run(ctx);
        if (body !== undefined) {
          session.io.stdout(o.json ? `${JSON.stringify(body, null, 2)}\n` : render(body, lang));
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
  const lang = runLang(argv, deps.env ?? process.env);
  let exitCode = 0;
  try {
    await buildProgram(
      deps,
      (code) => {
        exitCode = code;
      },
      lang,
    ).parseAsync(argv, { from: 'user' });
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
    const line =
      err instanceof CliError ? message : translator(PROGRAM_MESSAGES, lang)('unexpected', { message });
    stderr(`${line}\n`);
    return 1;
  }
}
