/**
 * A memo of values by word for rules that look at most tokens of a text: open addressing keyed by
 * two 32-bit hashes of the word, so that a lookup never compares strings (a Map with the tokens'
 * strings as keys costs several times more per lookup). Two different words take one slot only
 * when both hashes collide, about once in 2^64. When half full, the table starts afresh.
 */
export class WordTable<T> {
  private readonly mask: number;
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  /** Index + 1 into `values`; 0 for an empty slot. */
  private readonly slots: Int32Array;
  private values: T[] = [];

  constructor(bits = 17) {
    const size = 1 << bits;
    this.mask = size - 1;
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.slots = new Int32Array(size);
  }

  /** The value remembered for the word, else `compute(word)`, remembered. */
  get(word: string, compute: (word: string) => T): T {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    b ^= word.length;
    let slot = (a ^ (a >>> 15)) & this.mask;
    for (;;) {
      const index = this.slots[slot]!;
      if (index === 0) break;
      if (this.first[slot] === a && this.second[slot] === b) return this.values[index - 1]!;
      slot = (slot + 1) & this.mask;
    }
    const value = compute(word);
    if (this.values.length * 2 >= this.mask) {
      this.slots.fill(0);
      this.values = [];
      return value;
    }
    this.values.push(value);
    this.slots[slot] = this.values.length;
    this.first[slot] = a;
    this.second[slot] = b;
    return value;
  }
}
