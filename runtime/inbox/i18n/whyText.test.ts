import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { tr } from './testTranslate.ts';
import { ko } from './ko.ts';
import { whyText } from './whyText.ts';

// The engine's sentences (shared/routing), as the routing log shows them once agent ids are names.
const WHYS = [
  'Alex Agent accepted after 1.865 s and now holds 1/10 chats; engagement 1 of 100 on the select trial',
  'round robin: offered to Alex Agent, next in the rotation (position 1 of 2); skipped Bea Agent (offline)',
  'round robin: no eligible agent (Alex Agent (offline), Bea Agent (at capacity 10/10) and 3 more)',
  'team sales: no eligible agent (Alex Agent (away))',
  'Bea Agent declined the offer, which counts like a timeout',
  'Alex Agent did not accept within 45 s',
  'the visitor left; the chat with Alex Agent ended; the transfer to Bea Agent is withdrawn; Alex Agent now holds 0/10 chats',
  'ended after waiting 12.5 s in the queue of team sales',
];

describe('routing whys in the app language', () => {
  it('says the known clauses in Korean, with names, numbers and standings kept', () => {
    expect(WHYS.map((w) => whyText(w, tr(ko)))).toEqual([
      'Alex Agent 님이 1.865초 만에 수락했으며 현재 채팅 1/10개를 맡고 있습니다; 체험판 참여 100회 중 1회째',
      '라운드 로빈: 순서에 따라 Alex Agent 님에게 제안함(2명 중 1번째); 건너뜀: Bea Agent (오프라인)',
      '라운드 로빈: 대화 가능한 상담원 없음(Alex Agent (오프라인), Bea Agent (채팅 한도 10/10) 외 3명)',
      'sales 팀: 대화 가능한 상담원 없음(Alex Agent (자리 비움))',
      'Bea Agent 님이 제안을 거절했습니다(시간 초과와 같이 처리)',
      'Alex Agent 님이 45초 안에 수락하지 않았습니다',
      '방문자가 떠났습니다; Alex Agent 님과의 채팅이 종료되었습니다; Bea Agent 님에게로의 이관이 취소되었습니다; Alex Agent 님은 현재 채팅 0/10개를 맡고 있습니다',
      'sales 팀 대기열에서 12.5초 기다린 뒤 종료되었습니다',
    ]);
  });

  it('leaves English as the engine wrote it, and a clause of another shape as it is', () => {
    for (const w of WHYS) expect(whyText(w, tr(en))).toBe(w);
    expect(whyText('outside business hours; the away message', tr(ko))).toBe(
      'outside business hours; the away message',
    );
  });
});
