/**
 * The entry module of a DecodeWorkerPool worker (private to core/io/codecs): decodes the segments it is sent and
 * posts each answer back, its typed arrays transferred.
 *
 * @module
 */

import { _SegmentWorker, type _ToWorker } from "./_segment.ts";

const worker = new _SegmentWorker();
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<_ToWorker>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};
scope.onmessage = (e) => {
  const answer = worker.handle(e.data);
  if (answer !== null) scope.postMessage(answer.result, answer.transfer);
};
