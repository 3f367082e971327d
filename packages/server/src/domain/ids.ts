import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Record ids are uuid v7: time-ordered, so primary keys grow at their end. */
export const newId = () => uuidv7();

export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
