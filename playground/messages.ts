/**
 * What the playground server says itself, in the page's language (the page sends it as
 * Accept-Language): its own errors, and the words of /api/status. Errors relayed from a demo's
 * API or from the CLI's discovery are passed on as they were written.
 */
import { defineMessages, type Lang } from '../lib/i18n';

export const SERVER = defineMessages(
  {
    tooLarge: 'The request body is larger than {limit} bytes.',
    aborted: 'The request was cut short.',
    unexpected: 'Unexpected error in the playground server.',
    lookupFailed: 'Unexpected error while looking for the stack.',
    noCredentials: 'No usable AWS credentials.',
    noUploads: "No uploads for '{service}'.",
    uploadType: 'Content-Type must be one of {types}.',
    emptyFile: 'The file is empty.',
    unknownRoute: '{method} {path} is not a route of the lab.',
    methodNotAllowed: '{path} takes {methods}.',
    badParam: 'The path parameter {name} is not valid.',
    noQuery: '{path} takes no query string.',
    sendJson: 'Send the body as application/json.',
    invalidJson: 'The body is not valid JSON.',
    notObject: 'The body must be a JSON object.',
    crossSite: 'Only the playground page may call /api.',
    missingHeader: 'Requests to /api need the header X-Playground: 1.',
    statusGet: '/api/status takes GET.',
    uploadPost: 'Uploads take POST.',
    onlyGet: 'Only GET here.',
    nothingAt: 'Nothing at {path}.',
    forbiddenHost: 'Open the playground at 127.0.0.1 or localhost.',
    forbiddenOrigin: 'Cross-origin requests are not allowed.',
    streamCut:
      'The stream ended without its final usage or error event, so the answer is incomplete: the function was stopped or a connection broke. Try again, or ask for fewer tokens.',
  },
  {
    tooLarge: '요청 본문이 {limit}바이트보다 큽니다.',
    aborted: '요청이 중간에 끊겼습니다.',
    unexpected: '플레이그라운드 서버에서 예상하지 못한 오류가 났습니다.',
    lookupFailed: '스택을 찾다가 예상하지 못한 오류가 났습니다.',
    noCredentials: '쓸 수 있는 AWS 자격 증명이 없습니다.',
    noUploads: "'{service}'에는 업로드가 없습니다.",
    uploadType: 'Content-Type은 {types} 중 하나여야 합니다.',
    emptyFile: '파일이 비어 있습니다.',
    unknownRoute: '{method} {path|은/는} 실습실의 경로가 아닙니다.',
    methodNotAllowed: '{path|은/는} {methods}만 받습니다.',
    badParam: '경로 파라미터 {name|이/가} 올바르지 않습니다.',
    noQuery: '{path|은/는} 쿼리 문자열을 받지 않습니다.',
    sendJson: '본문을 application/json으로 보내세요.',
    invalidJson: '본문이 올바른 JSON이 아닙니다.',
    notObject: '본문은 JSON 객체여야 합니다.',
    crossSite: '/api는 플레이그라운드 페이지만 호출할 수 있습니다.',
    missingHeader: '/api 요청에는 X-Playground: 1 헤더가 필요합니다.',
    statusGet: '/api/status는 GET만 받습니다.',
    uploadPost: '업로드는 POST만 받습니다.',
    onlyGet: '여기서는 GET만 받습니다.',
    nothingAt: '{path}에는 아무것도 없습니다.',
    forbiddenHost: '플레이그라운드는 127.0.0.1이나 localhost로 여세요.',
    forbiddenOrigin: '다른 출처의 요청은 허용되지 않습니다.',
    streamCut:
      '스트림이 마지막 usage나 error 이벤트 없이 끝났으므로 답이 완전하지 않습니다. 함수가 중단되었거나 연결이 끊겼습니다. 다시 시도하거나 토큰을 줄여 요청하세요.',
  },
);

export type ServerMessage = keyof typeof SERVER.en;

/** The language the page asked for in Accept-Language (`ko`, `ko-KR;q=0.9` → ko), else English. */
export function requestLang(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const primary = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    if (primary === 'ko' || primary === 'en') return primary;
  }
  return 'en';
}
