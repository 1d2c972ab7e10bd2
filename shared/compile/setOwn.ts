/**
 * Sets an own, enumerable member — also for the key `"__proto__"`, which a plain assignment would turn into a
 * prototype change. Keeps ordinary objects (fast in V8, unlike null-prototype ones) safe for any id as a key.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
