import type { ErrorCode } from '../../../shared/protocol/common.ts';

/** Why a client's request changed nothing: answered to that client as an `error` with this code. */
export type OpError = { code: ErrorCode; message: string };
