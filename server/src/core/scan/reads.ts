import fs = require('fs');
import { isAscii } from 'buffer';
import { decodeText, isBinary } from '../text';

/**
 * One buffer that the walk's reads of a known size fill and the text is decoded from: a buffer per
 * file made 20,000 buffers on the large benchmark tree, each in memory touched for the first time.
 */
let scratch = Buffer.alloc(0);
/** Larger files get a buffer of their own, so that a language server does not keep megabytes for one read. */
const SCRATCH_MAX = 1024 * 1024;
const SCRATCH_MIN = 64 * 1024;

/** The bytes of an open file of `size` bytes, up to where it ends if it shrank meanwhile; valid until the next read. */
export function readOpen(fd: number, size: number): Buffer {
  if (size > SCRATCH_MAX) return readInto(fd, Buffer.allocUnsafe(size), size);
  // Made at the first read, not when the module loads: a CLI start that reads nothing pays nothing.
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX, Math.max(size, scratch.length * 2, SCRATCH_MIN)));
  return readInto(fd, scratch, size);
}

function readInto(fd: number, bytes: Buffer, size: number): Buffer {
  let n = 0;
  for (let got = 1; n < size && got > 0; n += got) got = fs.readSync(fd, bytes, n, size - n, n);
  return bytes.subarray(0, n);
}

/** The buffer of every one-shot scan's reads; `OneShotTexts.flush` empties it before each scan yields. */
let batch = Buffer.alloc(0);
const BATCH_BYTES = 1024 * 1024;

/**
 * The reads and texts of a scan made once (the CLI's, and the benchmark's floor). Files are read
 * one after another into one buffer, and the ASCII texts among them decoded a batch at a time: one
 * string, of which each file's text is a slice. A string of more than 128 KB is made outside V8's
 * young generation (in its large-object space, or over about 1 MB by Node outside the heap), and a
 * slice only points into it, so the collector no longer copies 12 MB of Python on the large
 * benchmark tree from one half of the young generation to the other and then to the old one: its
 * pauses in a cold CLI run went from 167-195 ms to 117-123 ms. A slice keeps the whole batch
 * alive, which a one-shot process does not mind; the language server, which lets its Python texts
 * go after an analysis, decodes each file on its own.
 */
export class OneShotTexts {
  private used = 0;
  private readonly paths: string[] = [];
  private readonly ends: number[] = [];

  constructor(private readonly texts: Map<string, string>) {}

  /**
   * The whole of a file that fits the room left in the batch (at least 64 KB), in one read;
   * undefined when it does not fit, or the read fails (a folder or a FIFO swapped in): then an
   * fstat tells. A read of a regular file that returns less than it asked for has reached the end
   * (POSIX allows a short read of one only at the end or on a signal, and Linux's local, network
   * and FUSE file systems, 9p included, fill a read or loop inside the kernel until they do), so no
   * second read is made to see it return nothing: that read cost about as much as the first in
   * Node's `readSync`. One read costs less than an fstat and a read: on Node 20 an fstat also
   * makes a Stats object with four Dates. The bytes are valid until the next call.
   */
  read(fd: number): Buffer | undefined {
    if (batch.length - this.used < SCRATCH_MIN) this.flush();
    if (!batch.length) batch = Buffer.allocUnsafeSlow(BATCH_BYTES);
    let n: number;
    try {
      n = fs.readSync(fd, batch, this.used, batch.length - this.used, 0);
    } catch {
      return undefined;
    }
    return this.used + n < batch.length ? batch.subarray(this.used, this.used + n) : undefined;
  }

  /** The text of the bytes `read` gave last: none for a binary file, decoded at once when not ASCII. */
  keep(path: string, bytes: Buffer): void {
    if (!isAscii(bytes)) {
      const text = decodeText(bytes);
      if (text !== undefined) this.texts.set(path, text);
      return;
    }
    if (isBinary(bytes)) return;
    this.used += bytes.length;
    this.paths.push(path);
    this.ends.push(this.used);
  }

  /** The batch's texts into the map; called before the scan yields and when it ends. */
  flush(): void {
    if (!this.paths.length) return;
    const all = batch.toString('latin1', 0, this.used);
    let start = 0;
    for (let i = 0; i < this.paths.length; i++) {
      this.texts.set(this.paths[i], all.slice(start, this.ends[i]));
      start = this.ends[i];
    }
    this.paths.length = 0;
    this.ends.length = 0;
    this.used = 0;
  }
}
