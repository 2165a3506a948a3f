/**
 * The words commander writes itself (help titles, the help option, its parse errors), for the
 * demo CLI and the smoke run. English is commander's own text; in Korean, cli/localize.ts shows
 * these instead. Flags, option values and command names stay as they are.
 */
import { defineMessages } from '../../lib/i18n';

export const COMMANDER_MESSAGES = defineMessages(
  {
    'title.usage': 'Usage:',
    'title.arguments': 'Arguments:',
    'title.options': 'Options:',
    'title.globalOptions': 'Global Options:',
    'title.commands': 'Commands:',
    'usage.options': '[options]',
    'usage.command': '[command]',
    'extra.choices': 'choices: ',
    'extra.default': 'default: ',
    help: 'display help for command',
    afterError: '(add --help for usage)',

    missingArgument: "error: missing required argument '{name}'",
    optionMissingArgument: "error: option '{flags}' argument missing",
    missingMandatoryOption: "error: required option '{flags}' not specified",
    unknownOption: "error: unknown option '{flag}'",
    unknownCommand: "error: unknown command '{name}'",
    excessArguments: 'error: too many arguments{command}. Expected {expected} argument{s} but got {got}.',
    'excessArguments.command': " for '{name}'",
    invalidArgument: "error: option '{flags}' argument '{value}' is invalid.",
    allowedChoices: 'Allowed choices are {choices}.',
    didYouMean: '(Did you mean {candidate}?)',
    didYouMeanOneOf: '(Did you mean one of {candidates}?)',
  },
  {
    'title.usage': '사용법:',
    'title.arguments': '인수:',
    'title.options': '옵션:',
    'title.globalOptions': '전역 옵션:',
    'title.commands': '명령:',
    'usage.options': '[옵션]',
    'usage.command': '[명령]',
    'extra.choices': '선택: ',
    'extra.default': '기본값: ',
    help: '명령의 도움말 표시',
    afterError: '(사용법은 --help로 확인)',

    missingArgument: "오류: 필수 인수가 없습니다: '{name}'",
    optionMissingArgument: "오류: 옵션 '{flags}'에 값이 없습니다",
    missingMandatoryOption: "오류: 필수 옵션을 주지 않았습니다: '{flags}'",
    unknownOption: "오류: 알 수 없는 옵션: '{flag}'",
    unknownCommand: "오류: 알 수 없는 명령: '{name}'",
    excessArguments:
      '오류: 인수가 너무 많습니다{command}. {expected}개를 받아야 하는데 {got}개를 받았습니다.',
    'excessArguments.command': "('{name}')",
    invalidArgument: "오류: 옵션 '{flags}'의 값이 올바르지 않습니다: '{value}'.",
    allowedChoices: '고를 수 있는 값: {choices}.',
    didYouMean: '(혹시 {candidate}?)',
    didYouMeanOneOf: '(혹시 다음 중 하나? {candidates})',
  },
);
