import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { tr } from './testTranslate.ts';
import { ko } from './ko.ts';
import { refusalText } from './refusal.ts';

// The engine's refusals of a transfer (shared/routing/transfer.ts, its features test), names as the inbox gets them.
const REFUSALS = [
  'an agent cannot transfer a chat to themselves',
  'agent Ghost is unknown',
  'team nowhere is unknown',
  'agent Cat Agent is not eligible (away)',
  'agent Dan Agent is not eligible (no live-chat permission)',
  'Bob Agent holds no open chat with Ada',
  'a transfer to Bea Agent is already pending',
  'team sales: no eligible agent (Alex Agent (away))',
];

describe('a refused transfer in the app language', () => {
  it('keeps the engine English word for word', () => {
    for (const r of REFUSALS) expect(refusalText(r, tr(en))).toBe(r);
  });

  it('says every refusal in Korean, with names and standings kept', () => {
    expect(REFUSALS.map((r) => refusalText(r, tr(ko)))).toEqual([
      '자기 자신에게는 채팅을 이관할 수 없습니다',
      '상담원 Ghost을(를) 찾을 수 없습니다',
      '팀 nowhere을(를) 찾을 수 없습니다',
      'Cat Agent 님은 지금 받을 수 없습니다(자리 비움)',
      'Dan Agent 님은 지금 받을 수 없습니다(라이브 채팅 권한 없음)',
      'Bob Agent 님은 Ada 님과 진행 중인 채팅이 없습니다',
      'Bea Agent 님에게 보낸 이관이 이미 대기 중입니다',
      'sales 팀: 대화 가능한 상담원 없음(Alex Agent (자리 비움))',
    ]);
  });

  it('shows a refusal of another shape as the engine wrote it', () => {
    expect(refusalText('something new', tr(ko))).toBe('something new');
  });
});
