/**
 * The words of `npm run smoke` (cli/smoke.ts): its help, table, summary and the reasons a row
 * failed. Routes, stack names, statuses and units are printed as they are; an error the API sent is
 * quoted as received.
 */
import { defineMessages } from '../../lib/i18n';

export const SMOKE_MESSAGES = defineMessages(
  {
    description: 'Call every route of every deployed demo once with the samples; exit 1 on any failure.',
    'opt.json': 'print the rows as JSON',
    'opt.only': 'comma-separated demos: {ids}',
    'opt.wait': 'wait for the batch jobs to finish instead of checking their status once',
    'opt.timeout': 'stop waiting for a job after this long',

    'col.stack': 'stack',
    'col.route': 'route',
    'col.status': 'status',
    'col.latency': 'latency ms',
    'col.units': 'billable units',
    fail: 'FAIL',
    notRun: 'not run',
    error: 'error',
    'line.fail': 'FAIL {stack} {route}: {error}',
    'line.skipped': 'skipped {stack}: {reason}',
    summary: '{passed} passed, {failed} failed, {skipped} stacks skipped',
    nothing: 'No demo stack of {prefix} is deployed: nothing was checked. Deploy one with `{deploy}`.',

    needs: 'needs {route}',
    noTokens: 'no token events',
    midStream: 'mid-stream {code}: {message}',
    noUsage: 'the stream ended without its usage block',
    jobFailed: 'job {status}: {reason}',
    emptyAudio: 'empty audio',
    noAnswer: 'no answer from {models}',
    noFields: 'no fields: {reason}',
    noJson: 'the answer held no JSON',
    runFailed: 'run {status}',
    documentsFailed: '{failed} of {total} documents failed',
  },
  {
    description:
      '배포된 모든 데모의 모든 경로를 샘플로 한 번씩 호출합니다. 하나라도 실패하면 종료 코드는 1입니다.',
    'opt.json': '행을 JSON으로 출력',
    'opt.only': '쉼표로 구분한 데모: {ids}',
    'opt.wait': '일괄 작업의 상태를 한 번만 확인하지 않고 끝날 때까지 기다림',
    'opt.timeout': '작업 하나를 이 시간(초)까지만 기다림',

    'col.stack': '스택',
    'col.route': '경로',
    'col.status': '상태',
    'col.latency': '지연 시간(ms)',
    'col.units': '과금 단위',
    fail: '실패',
    notRun: '실행 안 함',
    error: '오류',
    'line.fail': '실패 {stack} {route}: {error}',
    'line.skipped': '건너뜀 {stack}: {reason}',
    summary: '통과 {passed}, 실패 {failed}, 건너뛴 스택 {skipped}',
    nothing:
      '{prefix}의 데모 스택이 하나도 배포되어 있지 않아 아무것도 확인하지 않았습니다. 하나를 배포하려면: `{deploy}`',

    needs: '{route|이/가} 먼저 성공해야 함',
    noTokens: '토큰 이벤트가 없음',
    midStream: '스트림 도중 {code}: {message}',
    noUsage: '스트림이 사용량 블록 없이 끝남',
    jobFailed: '작업 {status}: {reason}',
    emptyAudio: '오디오가 비어 있음',
    noAnswer: '답하지 않은 모델: {models}',
    noFields: '필드를 얻지 못함: {reason}',
    noJson: '답에 JSON이 없음',
    runFailed: '실행 {status}',
    documentsFailed: '문서 {total}개 중 {failed}개 실패',
  },
);
