/** Keys a conversation holds in one array before it moves them to a Map. */
const SMALL = 16;

/**
 * The seq of each entry of one open conversation that carries a client id, by `sender|clientId`: a resent message
 * is answered from memory with the entry it stored. Most conversations hold a few keys, so they are kept as
 * key, seq, key, seq… in one array of exact length (an empty Map alone is 260 bytes; one key here is ~100 bytes
 * with this object) and move to a Map past SMALL keys.
 */
export class ClientSeqs {
  private small: (string | number)[] | undefined;
  private map: Map<string, number> | undefined;

  static of(entries: Iterable<[string, number]>): ClientSeqs {
    const seqs = new ClientSeqs();
    for (const [key, seq] of entries) seqs.set(key, seq);
    return seqs;
  }

  get(key: string): number | undefined {
    if (this.map) return this.map.get(key);
    const a = this.small;
    if (a) for (let i = 0; i < a.length; i += 2) if (a[i] === key) return a[i + 1] as number;
    return undefined;
  }

  set(key: string, seq: number): void {
    if (this.map) return void this.map.set(key, seq);
    const a = this.small;
    if (!a) return void (this.small = [key, seq]);
    for (let i = 0; i < a.length; i += 2) if (a[i] === key) return void (a[i + 1] = seq);
    if (a.length < 2 * SMALL) return void (this.small = [...a, key, seq]);
    this.map = new Map();
    for (let i = 0; i < a.length; i += 2) this.map.set(a[i] as string, a[i + 1] as number);
    this.map.set(key, seq);
    this.small = undefined;
  }
}
