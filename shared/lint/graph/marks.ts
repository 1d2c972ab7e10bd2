let epoch = 0;

/** A fresh traversal mark: a node whose `mark` equals it was visited by the current traversal. */
export function nextMark(): number {
  epoch = epoch === Number.MAX_SAFE_INTEGER ? 1 : epoch + 1;
  return epoch;
}
