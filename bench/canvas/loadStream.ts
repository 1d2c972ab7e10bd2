import type { Stream } from '../../shared/stream/model.ts';

declare global {
  interface Window {
    __BENCH_STREAM__?: Stream;
    __BENCH_READY__?: boolean;
  }
}

/** The stream under test: injected by bench/canvas.ts before the page loads, else fetched from ./stream.json. */
export async function loadStream(): Promise<Stream> {
  if (window.__BENCH_STREAM__) return window.__BENCH_STREAM__;
  const res = await fetch('./stream.json');
  return (await res.json()) as Stream;
}
