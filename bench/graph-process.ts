/**
 * The Graph stand-in in a process of its own, for the booking storm: Graph is a service apart, and
 * in the bench's own process it would answer only between the load generator's turns, so the
 * invites would wait on the load rather than on Graph's limits. It takes its faults as JSON in
 * argv, says its address once listening, and answers the bench's questions over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GraphFaults } from '../test/fakes/graph-server.js';

/** What the stand-in holds and counted: each mailbox's events, by their transactionIds. */
export interface GraphState {
  requests: number;
  throttled: number;
  mailboxConcurrencyThrottled: number;
  maxConsecutiveThrottles: number;
  mailboxes: Record<string, Array<string | null>>;
}

export interface GraphProcess {
  baseUrl: string;
  state(): Promise<GraphState>;
  /** How many of these mailboxes hold an event (lighter than state(), for polling). */
  withEvents(mailboxes: string[]): Promise<number>;
  /** Starts counting the longest run of 429s afresh (one storm's floor). */
  resetChain(): Promise<void>;
  stop(): Promise<void>;
}

type Question = { op: 'state' } | { op: 'resetChain' } | { op: 'withEvents'; mailboxes: string[] };
type Request = Question & { id: number };

export async function startGraphProcess(faults: GraphFaults): Promise<GraphProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [JSON.stringify(faults)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 0;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Graph stand-in exited ${code}`)));
    child.on('message', (message: { listening?: string; id?: number; value?: unknown }) => {
      if (message.listening) resolve(message.listening);
      else if (message.id !== undefined) {
        waiting.get(message.id)?.(message.value);
        waiting.delete(message.id);
      }
    });
  });
  const ask = <T>(question: Question) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ ...question, id } satisfies Request);
    });
  return {
    baseUrl,
    state: () => ask<GraphState>({ op: 'state' }),
    withEvents: (mailboxes) => ask<number>({ op: 'withEvents', mailboxes }),
    resetChain: () => ask<void>({ op: 'resetChain' }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.send) {
  const { FakeGraphServer } = await import('../test/fakes/graph-server.js');
  const graph = await new FakeGraphServer().start();
  graph.faults = JSON.parse(process.argv[2] ?? '{}') as GraphFaults;
  process.on('message', (message: Request) => {
    if (message.op === 'resetChain') graph.counters.maxConsecutiveThrottles = 0;
    const { requests, throttled, mailboxConcurrencyThrottled, maxConsecutiveThrottles } = graph.counters;
    const value: GraphState | number | undefined =
      message.op === 'withEvents'
        ? message.mailboxes.filter((m) => (graph.events.get(m)?.size ?? 0) > 0).length
        : message.op === 'state'
          ? {
              requests,
              throttled,
              mailboxConcurrencyThrottled,
              maxConsecutiveThrottles,
              mailboxes: Object.fromEntries([...graph.events].map(([mailbox, events]) => [mailbox, [...events.values()].map((e) => e.transactionId ?? null)])),
            }
          : undefined;
    process.send!({ id: message.id, value });
  });
  process.on('SIGTERM', () => void graph.stop().then(() => process.exit(0)));
  process.send({ listening: graph.baseUrl });
}
