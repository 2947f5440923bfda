/**
 * Drives one scenario with autocannon against the API on loopback and
 * measures it: every request's latency (so p95 is exact; autocannon's own
 * table has no p95), GraphQL errors in 200 answers, throughput, and the
 * peak memory of the API and Neo4j processes.
 */
import autocannon from 'autocannon';
import { loadAverage, percentiles, sampleMemory } from './measure.js';

/** One request's operation and variables, and whose token carries it. */
export interface PlannedRequest {
  query: string;
  variables: Record<string, unknown>;
  token: string;
}

export interface DriveOptions {
  url: string;
  /** Names the scenario in the results. */
  name: string;
  connections: number;
  durationS: number;
  /** Caps the offered load, in requests per second (autocannon overallRate). */
  rate?: number;
  /** Makes the next request to send. */
  next: () => PlannedRequest;
  pids: Record<string, number | undefined>;
}

export interface DriveResult {
  name: string;
  connections: number;
  rate?: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Share of requests that failed: non-2xx, GraphQL errors, timeouts, unanswered. */
  errorRate: number;
  /** Requests answered with an error (non-2xx, GraphQL errors) or timed out. */
  failed: number;
  /** Requests still in flight when the step ended. */
  unanswered: number;
  firstError?: string;
  peakRss: Record<string, number>;
  loadBefore: number;
  loadAfter: number;
}

/** Runs the scenario to its end and returns what it measured. */
export async function drive(options: DriveOptions): Promise<DriveResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const loadBefore = loadAverage();
  const memory = sampleMemory(options.pids);
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
    url: `${options.url}/graphql`,
    connections: options.connections,
    duration: options.durationS,
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 30,
    requests: [{
      method: 'POST',
      setupRequest: (request) => {
        const planned = options.next();
        return {
          ...request,
          headers: { 'content-type': 'application/json',
            authorization: `Bearer ${planned.token}` },
          body: JSON.stringify({ query: planned.query, variables: planned.variables }),
        };
      },
      onResponse: (status, body) => {
        if (status !== 200 || body.includes('"errors"')) {
          failed += 1;
          firstError ??= `${status} ${body.slice(0, 200)}`;
        }
      },
    }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  instance!.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const result = await finished;
  const peakRss = memory.stop();
  // Requests sent but never answered within the step count as errors too.
  const unanswered = Math.max(0, result.requests.sent - latencies.length - result.errors);
  const total = latencies.length + result.errors + unanswered;
  return {
    name: options.name,
    connections: options.connections,
    ...(options.rate ? { rate: options.rate } : {}),
    requests: latencies.length,
    perSecond: latencies.length / result.duration,
    ...percentiles(latencies),
    errorRate: total === 0 ? 0 : (failed + result.errors + unanswered) / total,
    failed: failed + result.errors,
    unanswered,
    ...(firstError ? { firstError } : {}),
    peakRss,
    loadBefore,
    loadAfter: loadAverage(),
  };
}
