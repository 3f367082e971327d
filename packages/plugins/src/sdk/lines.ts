export interface TextLine {
  /** The line without its terminator. */
  text: string;
  /** 1-based line number. */
  line: number;
}

/**
 * Splits a stream of text chunks into lines. LF, CRLF and CR-only endings are all line ends, also when
 * a CRLF pair is split across two chunks. A last line without terminator is yielded; an empty file
 * yields nothing.
 */
export async function* readLines(chunks: AsyncIterable<string>): AsyncGenerator<TextLine> {
  let buffer = '';
  let line = 0;
  let skipLf = false;
  for await (const chunk of chunks) {
    let text = chunk;
    if (skipLf) {
      if (text.startsWith('\n')) text = text.slice(1);
      skipLf = false;
    }
    buffer += text;
    let start = 0;
    for (;;) {
      const nl = buffer.indexOf('\n', start);
      const cr = buffer.indexOf('\r', start);
      let end: number;
      if (nl === -1 && cr === -1) break;
      if (cr !== -1 && (nl === -1 || cr < nl)) end = cr;
      else end = nl;
      yield { text: buffer.slice(start, end), line: ++line };
      if (buffer[end] === '\r') {
        if (end + 1 < buffer.length) {
          start = buffer[end + 1] === '\n' ? end + 2 : end + 1;
        } else {
          skipLf = true;
          start = end + 1;
        }
      } else start = end + 1;
    }
    buffer = buffer.slice(start);
  }
  if (buffer.length > 0) yield { text: buffer, line: ++line };
}
