/**
 * The Node.js release lines Countersign is tested on (`.ci/run`), with the end of their support by the
 * Node.js project (https://github.com/nodejs/release#release-schedule). `engines` in package.json
 * states the same range; docs/operations.md says which to choose.
 */
export const SUPPORTED_NODE_LINES: Readonly<Record<number, { endOfLife: string }>> = Object.freeze({
  20: { endOfLife: '2026-04-30' },
  22: { endOfLife: '2027-04-30' },
  24: { endOfLife: '2028-04-30' },
});

/** The line recommended for production: the active LTS. */
export const RECOMMENDED_NODE_LINE = 24;

export interface RuntimeCheck {
  /** `process.version`, e.g. `v20.20.2`. */
  nodeVersion: string;
  /** A warning for the operator, or undefined when the runtime is a supported, maintained line. */
  warning?: string;
}

/** Says whether `version` (a `process.version`) is a tested line still maintained on `today`. */
export function checkRuntime(version: string, today: Date): RuntimeCheck {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  const line = SUPPORTED_NODE_LINES[major];
  const advice = `Use Node.js ${RECOMMENDED_NODE_LINE} (active LTS) in production.`;
  if (!line) {
    return { nodeVersion: version, warning: `Node.js ${version} is not a release line Countersign is tested on (${testedLines()}). ${advice}` };
  }
  if (today.toISOString().slice(0, 10) > line.endOfLife) {
    return { nodeVersion: version, warning: `Node.js ${major} reached end of life on ${line.endOfLife} and gets no security fixes. ${advice}` };
  }
  return { nodeVersion: version };
}

function testedLines(): string {
  return Object.keys(SUPPORTED_NODE_LINES).join(', ');
}
