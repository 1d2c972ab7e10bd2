let ctx: AudioContext | undefined;

/**
 * A short two-tone chime made with Web Audio (no sound file to ship). Browsers only let a page play sound after
 * the user interacted with it; `unlockAudio` is called on the first click so that later offers can ring.
 */
export function beep(): void {
  const ac = audio();
  if (!ac) return;
  if (ac.state === 'suspended') void ac.resume().catch(() => {});
  const start = ac.currentTime + 0.01;
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = ac.createOscillator();
    const gain = ac.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * 0.16;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.3);
    osc.connect(gain).connect(ac.destination);
    osc.start(t0);
    osc.stop(t0 + 0.32);
  }
}

export function unlockAudio(): void {
  const ac = audio();
  if (ac?.state === 'suspended') void ac.resume().catch(() => {});
}

function audio(): AudioContext | undefined {
  if (ctx) return ctx;
  const Ctor =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return undefined;
  try {
    ctx = new Ctor();
  } catch {
    return undefined;
  }
  return ctx;
}
