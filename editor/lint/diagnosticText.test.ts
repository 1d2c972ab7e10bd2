import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LINT_CODES, type LintCode } from '../../shared/lint/codes.ts';
import type { Diagnostic } from '../../shared/lint/diagnostic.ts';
import { conditionTooDeep } from '../../shared/lint/rules/conditionTooDeep.ts';
import { cycle } from '../../shared/lint/rules/cycle.ts';
import { danglingEdge } from '../../shared/lint/rules/danglingEdge.ts';
import { duplicateAnswerLabel } from '../../shared/lint/rules/duplicateAnswerLabel.ts';
import { duplicateEdge } from '../../shared/lint/rules/duplicateEdge.ts';
import { invalidCardData } from '../../shared/lint/rules/invalidCardData.ts';
import { liveChatNotLast } from '../../shared/lint/rules/liveChatNotLast.ts';
import { liveChatUnknownTarget } from '../../shared/lint/rules/liveChatUnknownTarget.ts';
import { liveChatWithoutConsent } from '../../shared/lint/rules/liveChatWithoutConsent.ts';
import { liveChatWithoutEmail } from '../../shared/lint/rules/liveChatWithoutEmail.ts';
import { noStart } from '../../shared/lint/rules/noStart.ts';
import { noTargetUrl } from '../../shared/lint/rules/noTargetUrl.ts';
import { pokeNotFirst } from '../../shared/lint/rules/pokeNotFirst.ts';
import { unconnectedPort } from '../../shared/lint/rules/unconnectedPort.ts';
import { unknownCardType } from '../../shared/lint/rules/unknownCardType.ts';
import { unknownToken } from '../../shared/lint/rules/unknownToken.ts';
import { unreachableCard } from '../../shared/lint/rules/unreachableCard.ts';
import { talkToPersonDuplicate } from '../../shared/lint/rules/talkToPersonDuplicate.ts';
import { captureSchema } from '../../shared/cards/capture.ts';
import { documentSchema } from '../../shared/cards/document.ts';
import type { CardRef } from '../../shared/cards/cardLabel.ts';
import { diagnosticText } from './diagnosticText.ts';

const names: Record<string, string> = { ask: 'Talk to sales?', chat: 'Connecting you', hello: 'Hi!' };
const refOf = (id: string): CardRef | undefined => (names[id] ? { says: names[id] } : undefined);
const nameOf = (id: string) => names[id] ?? id;
/** The same cards, but the live chat says nothing and "hello" is a blank message among two. */
const textless: Record<string, CardRef> = {
  ask: { says: 'Talk to sales?' },
  chat: { type: 'liveChat', after: 'Talk to sales?' },
  hello: { type: 'message', n: 2, of: 2 },
};

function nested(depth: number): unknown {
  let c: unknown = { attribute: 'x', op: 'isSet' };
  for (let i = 0; i < depth; i++) c = { all: [c] };
  return c;
}

const issues = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues ?? [];

/** One real diagnostic of every code (and of every wording a code has), made by lint's own rule functions. */
const samples: Diagnostic[] = [
  noStart(null, false)!,
  noStart('gone', false)!,
  unknownCardType('hello', 'carousel'),
  ...invalidCardData('hello', 'message', issues(z.object({ text: z.string() }), {})),
  ...invalidCardData('hello', 'message', issues(z.strictObject({ text: z.string() }), { text: 'a', colour: 1 })),
  ...invalidCardData('hello', 'message', issues(z.object({ text: z.string() }), { text: 3 })),
  ...invalidCardData(
    'doc',
    'document',
    issues(documentSchema, { name: 'Price list', url: 'http://example.com/a.pdf' }),
  ),
  ...invalidCardData(
    'hello',
    'capture',
    issues(captureSchema, { prompt: 'Plan?', attribute: 'plan', input: 'picklist' }),
  ),
  danglingEdge({ id: 'e1', from: 'ask', port: 'yes', to: 'nowhere' }, true, null, false)!,
  ...duplicateEdge('ask', [
    { id: 'e1', from: 'ask', port: 'yes', to: 'chat' },
    { id: 'e2', from: 'ask', port: 'yes', to: 'hello' },
  ]),
  cycle('ask', ['ask', 'hello']),
  cycle('ask', ['ask']),
  cycle('ask', ['ask', 'a', 'b', 'c', 'd', 'e', 'f', 'g']),
  liveChatNotLast({ id: 'e3', from: 'chat', port: 'next', to: 'hello' }),
  pokeNotFirst('hello', true, 'ask')!,
  ...duplicateAnswerLabel('ask', {
    answers: [
      { id: 'a', label: 'Yes' },
      { id: 'b', label: 'Yes' },
    ],
  }),
  ...conditionTooDeep('ask', { branches: [{ id: 'b1', when: nested(20) }] }),
  unreachableCard('hello', false)!,
  ...talkToPersonDuplicate(new Set(['chat', 'ask'])),
  ...unconnectedPort('ask', 'question', ['a'], ['Yes'], () => false),
  ...unconnectedPort('ask', 'condition', ['b1', 'else'], null, () => false),
  ...unconnectedPort('ask', 'other', ['p'], null, () => false),
  liveChatWithoutConsent('chat', true)!,
  liveChatWithoutEmail('chat', true)!,
  ...unknownToken('hello', ['company'], () => false),
  liveChatUnknownTarget('chat', { mode: 'agent', agentId: 'zed' }, { agents: [] })!,
  liveChatUnknownTarget('chat', { mode: 'team', teamId: 'night' }, { teams: [] })!,
  noTargetUrl({ publishing: true, dialogue: { targetUrls: [] } })!,
];

describe('diagnosticText', () => {
  it('has samples of every lint code', () => {
    const seen = new Set(samples.map((d) => d.code));
    expect([...seen].sort()).toEqual((Object.keys(LINT_CODES) as LintCode[]).sort());
  });

  it('shows English as lint wrote it, naming cards by what they say', () => {
    const d = liveChatNotLast({ id: 'e3', from: 'chat', port: 'next', to: 'hello' });
    expect(diagnosticText(d, 'en', refOf)).toBe(
      'Live chat "Connecting you" has an edge to "Hi!", but a live-chat hand-off must be the last card of its branch: ' +
        'delete the edge, or move those cards before the live chat.',
    );
  });

  it('says every diagnostic in Korean: no English sentence left, every card named by what it says', () => {
    for (const d of samples) {
      const text = diagnosticText(d, 'ko', refOf);
      // What may stay in Latin letters: card names, ids, labels, tokens, field paths and type names of the message.
      const latin = text.replace(
        /“[^”]*”|\{\{\w+\}\}|\b(all|any|email|firstName|URL|url|https|options|pricing|text|colour|string)\b/g,
        '',
      );
      expect(latin, `${d.code}: ${text}`).not.toMatch(/[A-Za-z]{3,}/);
      expect(text, d.code).toMatch(/[가-힣]/);
      if (d.cardId && d.code !== 'dangling-edge') expect(text, d.code).toContain(`“${nameOf(d.cardId)}”`);
    }
  });

  it('names a card that says nothing by its type and place, never its id, in English and Korean', () => {
    const refs = (id: string) => textless[id];
    const d = liveChatNotLast({ id: 'e3', from: 'chat', port: 'next', to: 'hello' });
    expect(diagnosticText(d, 'en', refs)).toBe(
      'The Live chat card after "Talk to sales?" has an edge to Message card 2, but a live-chat hand-off must be the ' +
        'last card of its branch: delete the edge, or move those cards before the live chat.',
    );
    expect(diagnosticText(d, 'ko', refs)).toBe(
      '“Talk to sales?” 다음의 라이브 채팅 카드 뒤에 메시지 카드 2(으)로 가는 연결선이 있습니다: 라이브 채팅 연결은 분기의 ' +
        '마지막 카드여야 하니 연결선을 삭제하거나 그 카드들을 라이브 채팅 앞으로 옮기세요.',
    );
    expect(diagnosticText(liveChatWithoutConsent('chat', true)!, 'en', refs)).toMatch(
      /^Visitors can reach the Live chat card after "Talk to sales\?" without being asked/,
    );
    expect(diagnosticText(unreachableCard('hello', false)!, 'en', refs)).toMatch(/^Message card 2 cannot be reached/);
    expect(diagnosticText(unreachableCard('hello', false)!, 'ko', refs)).toMatch(/^메시지 카드 2은\(는\) 시작 카드/);
    for (const s of samples)
      for (const lang of ['en', 'ko'] as const) {
        const text = diagnosticText(s, lang, refs);
        expect(text, `${s.code} ${lang}: ${text}`).not.toMatch(/"chat"|"hello"|“chat”|“hello”/);
        expect(text).not.toMatch(/[\u0001\u0002]/);
      }
  });

  it('keeps the facts of the message: labels, counts, targets and the others on a loop', () => {
    const ko = (d: Diagnostic) => diagnosticText(d, 'ko', refOf);
    expect(ko(samples.find((d) => d.code === 'duplicate-edge')!)).toContain(
      '“Talk to sales?”의 포트 “yes”에서 나가는 연결선이 2개',
    );
    expect(ko(cycle('ask', ['ask', 'hello']))).toContain('“Hi!”와(과) 순환');
    expect(ko(cycle('ask', ['ask', 'a', 'b', 'c', 'd', 'e', 'f', 'g']))).toContain('외 2개');
    expect(ko(samples.find((d) => d.code === 'condition-too-deep')!)).toContain(
      '16단계보다 깊게 중첩합니다. 최대 16단계',
    );
    expect(ko(unconnectedPort('ask', 'question', ['a'], ['Yes'], () => false)[0]!)).toContain(
      '질문 “Talk to sales?”의 답변 “Yes”',
    );
    expect(ko(unconnectedPort('ask', 'condition', ['else'], null, () => false)[0]!)).toContain('‘그 외’ 분기');
    expect(ko(liveChatUnknownTarget('chat', { mode: 'team', teamId: 'night' }, { teams: [] })!)).toContain(
      '팀 “night”',
    );
    expect(ko(unknownToken('hello', ['company'], () => false)[0]!)).toContain('{{company}}');
    expect(ko(noStart('gone', false)!)).toContain('“gone”');
  });
});
