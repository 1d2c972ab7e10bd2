/** The pure conversation interpreter: (compiled stream, session state, visitor input) → (new state, events). */
export { startSession } from './startSession.ts';
export { stepSession } from './stepSession.ts';
export { closeSession } from './closeSession.ts';
export { EngineError, SESSION_FORMAT } from './session.ts';
export type { SessionFacts, SessionState, SessionStep, TrailStep } from './session.ts';
export type { EngineEvent, SessionEndReason } from './events.ts';
export { parseTokens, renderTokens } from './tokens.ts';
export { talkToPerson, talkToPersonRefusal, talkToPersonTarget, TALK_TO_PERSON_PORT } from './talkToPerson.ts';
