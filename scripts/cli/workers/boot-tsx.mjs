// Starts a worker thread from the TypeScript sources (tsx, vitest): registers tsx's loader in this
// thread, then runs the real entry. The bundled CLI starts its workers from scripts/.build/ instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
