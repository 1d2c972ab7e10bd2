import { fireDue, handleAccept, handleDecline, handleEnd } from './chat.ts';
import { Output } from './output.ts';
import { serveQueues } from './queue.ts';
import { handleRequest } from './request.ts';
import type { RoutingState } from './state.ts';
import { handleTransfer } from './transfer.ts';
import type { RoutingEvent, StepResult } from './types.ts';
import {
  handleAgent,
  handleAgentRemoved,
  handleBusinessHours,
  handlePlan,
  handleRestore,
  handleRules,
  handleSettings,
  handleStatus,
  handleTeams,
} from './workspace.ts';

/**
 * The routing engine (SPEC §4): applies one event at `now` (seconds on the caller's clock, never read from the
 * system) and returns the decisions, the timers to arm and cancel, and the touched visitor records.
 *
 * Timers due by `now` fire first, stamped with their due time, so a timer due at t always comes before an event
 * at t; then the event; then the waiting queues of agents who became eligible are served; then any timer the
 * event made due (a restored offer whose deadline has passed).
 * `state` is mutated in place and belongs to the engine.
 */
export function step(state: RoutingState, event: RoutingEvent, now: number): StepResult {
  const out = new Output();
  fireDue(state, out, now);
  state.now = Math.max(state.now, now);
  switch (event.type) {
    case 'request':
      handleRequest(state, out, event, now);
      break;
    case 'accept':
      handleAccept(state, out, event, now);
      break;
    case 'decline':
      handleDecline(state, out, event, now);
      break;
    case 'end':
      handleEnd(state, out, event.visitor, now);
      break;
    case 'left':
      handleEnd(state, out, event.visitor, now, { reason: 'visitor-left' });
      break;
    case 'transfer':
      handleTransfer(state, out, event, now);
      break;
    case 'status':
      handleStatus(state, out, event, now);
      break;
    case 'tick':
      break;
    case 'agent':
      handleAgent(state, event, now);
      break;
    case 'agentRemoved':
      handleAgentRemoved(state, out, event, now);
      break;
    case 'teams':
      handleTeams(state, event);
      break;
    case 'rules':
      handleRules(state, event);
      break;
    case 'settings':
      handleSettings(state, out, event);
      break;
    case 'businessHours':
      handleBusinessHours(state, event);
      break;
    case 'plan':
      handlePlan(state, event);
      break;
    case 'restore':
      handleRestore(state, out, event, now);
      break;
    default: {
      const never: never = event;
      throw new Error(`unknown routing event ${JSON.stringify(never)}`);
    }
  }
  // Whoever the event made eligible serves the queues of their pools first, then any timer the event made due.
  serveQueues(state, out, now);
  fireDue(state, out, now);
  return out.result();
}
