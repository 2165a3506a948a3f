/**
 * The words of `pipeline upload`, `pipeline run` and `pipeline status` (cli/pipeline-commands.ts):
 * option help, progress, the documents table and the cost lines. Step names, statuses, units and
 * the run's own error text come from the API and are printed as received.
 */
import { defineMessages } from '../../lib/i18n';

export const PIPELINE_MESSAGES = defineMessages(
  {
    'opt.uploadFile': 'a PNG, JPEG, one-page PDF or text file',
    'opt.uploadRun': 'add the file to this run (from an earlier upload)',
    'opt.files': 'documents: PNG, JPEG, one-page PDF, text (e.g. samples/pipeline/*.txt)',
    'opt.steps': 'comma separated, from {steps}',
    'opt.to': "the translate step's target language, e.g. ko",
    'opt.batch': 'summaries as one Bedrock batch inference job (일괄 추론): half price, hours',
    'opt.repeat': 'send each file n times (a batch job needs its minimum of records)',
    'opt.run': 'start a run whose files were uploaded with pipeline upload',
    'opt.noWait': 'start the run and print its id; follow it with pipeline status',
    'opt.timeout': 'stop waiting after this long (the run goes on)',
    'opt.runId': 'from pipeline run',
    'opt.wait': 'follow the run to its end, with a progress bar',

    notWhole: '{value} is not a positive whole number.',
    badType: 'Cannot send {file}: the pipeline reads {extensions}.',
    give: 'Give the documents to run, or --run with an uploaded run.',
    'uploaded.one': 'uploaded {count} document into run {runId}',
    'uploaded.other': 'uploaded {count} documents into run {runId}',
    batch:
      'A batch job can take hours (its timeout is 24 h); Ctrl-C is safe, the run goes on. Follow it with: {command}',
    stopped: 'Stopped waiting after {seconds} s; the run goes on. Follow it with: {command}',

    label: 'run {runId}',
    line: '{label}: {count}/{total} (done {done}, failed {failed}) {phase}',
    bar: '{label} {bar} {value}/{total} | done {done} | failed {failed} | {phase}',
    head: 'run {runId}: {status} ({inference})',
    error: 'error: {error}: {cause}',
    'col.document': 'document',
    'col.status': 'status',
    'col.lang': 'lang',
    'col.sentiment': 'sentiment',
    'col.pii': 'PII replaced',
    'col.summary': 'summary (or error)',
    'col.cost': 'cost',
    na: 'n/a',
    'cost.none': 'cost: the run has not written its report yet.',
    'cost.title': 'cost (list prices as of {asOf}):',
    'cost.total': 'total {usd}',
    'cost.batch':
      'batch inference: the summaries cost {batch}; on demand the same tokens cost {onDemand} (saved {saved})',
  },
  {
    'opt.uploadFile': 'PNG, JPEG, 한 페이지 PDF 또는 텍스트 파일',
    'opt.uploadRun': '파일을 이 실행에 추가(앞서 업로드할 때 받은 실행 ID)',
    'opt.files': '문서: PNG, JPEG, 한 페이지 PDF, 텍스트(예: samples/pipeline/*.txt)',
    'opt.steps': '쉼표로 구분, 다음 중에서: {steps}',
    'opt.to': 'translate 단계의 대상 언어, 예: ko',
    'opt.batch': '요약을 Bedrock 일괄 추론 작업 하나로: 가격은 절반, 시간은 몇 시간',
    'opt.repeat': '파일마다 n번 보냄(일괄 작업에는 최소 레코드 수가 있음)',
    'opt.run': 'pipeline upload로 파일을 올려 둔 실행을 시작',
    'opt.noWait': '실행을 시작하고 ID만 출력. 진행은 pipeline status로 확인',
    'opt.timeout': '이 시간(초)이 지나면 기다리기를 멈춤(실행은 계속됨)',
    'opt.runId': 'pipeline run이 알려 준 실행 ID',
    'opt.wait': '실행이 끝날 때까지 진행 막대와 함께 따라감',

    notWhole: '양의 정수가 아닙니다: {value}',
    badType: '{file|을/를} 보낼 수 없습니다. 파이프라인이 읽는 형식: {extensions}.',
    give: '실행할 문서를 주거나, 업로드해 둔 실행을 --run으로 주세요.',
    'uploaded.one': '문서 {count}개를 실행 {runId}에 업로드했습니다',
    'uploaded.other': '문서 {count}개를 실행 {runId}에 업로드했습니다',
    batch:
      '일괄 작업은 몇 시간 걸릴 수 있습니다(제한 시간 24시간). Ctrl-C로 멈춰도 실행은 계속됩니다. 따라가려면: {command}',
    stopped: '{seconds}초 뒤 기다리기를 멈췄습니다. 실행은 계속됩니다. 따라가려면: {command}',

    label: '실행 {runId}',
    line: '{label}: {count}/{total}(완료 {done}, 실패 {failed}) {phase}',
    bar: '{label} {bar} {value}/{total} | 완료 {done} | 실패 {failed} | {phase}',
    head: '실행 {runId}: {status}({inference})',
    error: '오류: {error}: {cause}',
    'col.document': '문서',
    'col.status': '상태',
    'col.lang': '언어',
    'col.sentiment': '감성',
    'col.pii': '가린 PII',
    'col.summary': '요약(또는 오류)',
    'col.cost': '비용',
    na: '없음',
    'cost.none': '비용: 실행이 아직 보고서를 쓰지 않았습니다.',
    'cost.title': '비용({asOf} 기준 정가):',
    'cost.total': '합계 {usd}',
    'cost.batch': '일괄 추론: 요약 비용 {batch}, 같은 토큰을 온디맨드로 처리하면 {onDemand}(절약 {saved})',
  },
);
