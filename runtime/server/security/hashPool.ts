import { Worker } from 'node:worker_threads';

/**
 * Password hashing on its own threads. scrypt through `crypto.scrypt` runs on libuv's thread pool, the very pool
 * the store syncs the WAL on before every acknowledgement (docs/runtime.md, Durability): a sign-in flood queued
 * ahead of those syncs and held every visitor's ack for seconds. Here `size` worker threads run scrypt
 * synchronously, one job at a time each; at most `maxQueue` jobs wait (past it `run` rejects with `PoolBusy`), so
 * a flood costs bounded CPU and memory and never touches libuv's pool. The threads run at the lowest priority.
 */
export class HashPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
  private closed = false;

  constructor(
    size: number,
    private readonly maxQueue: number,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Jobs waiting for a thread now. */
  get waiting(): number {
    return this.queue.length;
  }

  scrypt(password: string, salt: Buffer, keylen: number, opts: { N: number; r: number; p: number }): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the hash pool is closed'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new PoolBusy());
    return new Promise((resolve, reject) => {
      this.queue.push({ msg: { password, salt, keylen, ...opts }, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('the hash pool is closed'));
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    // A thread waiting for work must not keep the process alive.
    w.unref();
    w.on('message', (m: { key?: Uint8Array; error?: string }) => {
      const job = this.running.get(w);
      this.running.delete(w);
      if (job) {
        if (m.key) job.resolve(Buffer.from(m.key));
        else job.reject(new Error(m.error ?? 'scrypt failed'));
      }
      this.idle.push(w);
      this.pump();
    });
    w.on('error', (err) => {
      const job = this.running.get(w);
      this.running.delete(w);
      job?.reject(err);
      this.all.splice(this.all.indexOf(w), 1);
      if (!this.closed) this.spawn();
    });
    this.all.push(w);
    this.idle.push(w);
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(w, job);
      w.postMessage(job.msg);
    }
  }
}

export class PoolBusy extends Error {
  constructor() {
    super('too many passwords are being checked; try again in a moment');
  }
}

interface Job {
  msg: { password: string; salt: Buffer; keylen: number; N: number; r: number; p: number };
  resolve(key: Buffer): void;
  reject(err: Error): void;
}

// CommonJS, evaluated in the worker: no TypeScript loader there. scryptSync runs on this thread, not libuv's pool.
// On Linux the thread lowers its own priority (setpriority on its thread id, read from /proc/thread-self): when the
// cores are busy, the event loop and the store's syncs run first and sign-ins wait, not visitors.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) require('node:os').setPriority(tid, 19);
} catch {}
parentPort.on('message', (m) => {
  try {
    const key = scryptSync(m.password.normalize('NFKC'), Buffer.from(m.salt), m.keylen,
      { N: m.N, r: m.r, p: m.p, maxmem: 256 * m.N * m.r });
    parentPort.postMessage({ key });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
});
`;
