// Types for the npm `tail` package (2.2.6), which ships none; used by bench/tail-compare.ts only.
declare module 'tail' {
  import { EventEmitter } from 'node:events';

  export interface TailOptions {
    follow?: boolean;
    fromBeginning?: boolean;
    useWatchFile?: boolean;
    flushAtEOF?: boolean;
    encoding?: string;
    fsWatchOptions?: { interval?: number };
  }

  export class Tail extends EventEmitter {
    constructor(filename: string, options?: TailOptions);
    unwatch(): void;
  }
}
