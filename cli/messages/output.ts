/**
 * The words of the CLI's readable output (cli/output.ts): what it writes around a response's own
 * fields, and the progress lines while a job runs. Field names and the values the API sends are
 * printed as they are, in both languages.
 */
import { defineMessages } from '../../lib/i18n';

export const OUTPUT_MESSAGES = defineMessages(
  {
    base64: '<{count} characters of base64>',
    none: '(none)',
    more: '… {count} more (--json prints all)',
    'job.textract': 'Textract job {id}',
    'job.transcribe': 'Transcribe job {id}',
    'wait.done': '{label}: {status} after {seconds} s',
    'wait.polling': '{label}: {status} (polling every {interval} s, up to {timeout} s)',
    'wait.spinner': '{label}: {status} {seconds} s',
    'wait.timeout':
      'Timed out after {seconds} s waiting for {label} (still {status}). Check again with: {resume}',
  },
  {
    base64: '<base64 {count}자>',
    none: '(없음)',
    more: '… {count}개 더 있음(모두 보려면 --json)',
    'job.textract': 'Textract 작업 {id}',
    'job.transcribe': 'Transcribe 작업 {id}',
    'wait.done': '{label}: {seconds}초 만에 {status}',
    'wait.polling': '{label}: {status}({interval}초마다 확인, 최대 {timeout}초)',
    'wait.spinner': '{label}: {status} {seconds}초',
    'wait.timeout':
      '{seconds}초 동안 기다렸지만 {label|이/가} 끝나지 않았습니다(아직 {status}). 다시 확인하려면: {resume}',
  },
);
