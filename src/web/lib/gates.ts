/**
 * What a signed-in person must do before using the system, in the order the server checks it
 * (docs/api.md "Gates"). Each gate has its own page.
 */
export interface Gates {
  mfaRequired: boolean;
  passwordChangeRequired: boolean;
  mfaEnrollmentRequired: boolean;
  noticeAcknowledgementRequired: boolean;
}

export const GATE_ORDER = [
  'mfaRequired',
  'passwordChangeRequired',
  'mfaEnrollmentRequired',
  'noticeAcknowledgementRequired',
] as const satisfies readonly (keyof Gates)[];

export type Gate = (typeof GATE_ORDER)[number];

export const GATE_PATHS: Readonly<Record<Gate, string>> = {
  mfaRequired: '/login/mfa',
  passwordChangeRequired: '/password',
  mfaEnrollmentRequired: '/mfa/setup',
  noticeAcknowledgementRequired: '/notice',
};

/** Level of a page: the gates before it must be passed. FULL = every gate passed. */
export const GATE_LEVEL = {
  mfaRequired: 0,
  passwordChangeRequired: 1,
  mfaEnrollmentRequired: 2,
  noticeAcknowledgementRequired: 3,
  full: 4,
} as const;

export type GateLevel = (typeof GATE_LEVEL)[keyof typeof GATE_LEVEL];

export const NO_GATES: Gates = {
  mfaRequired: false,
  passwordChangeRequired: false,
  mfaEnrollmentRequired: false,
  noticeAcknowledgementRequired: false,
};

/** Index of the first gate still closed, or GATE_LEVEL.full. */
export function firstPendingLevel(gates: Gates): number {
  const index = GATE_ORDER.findIndex((gate) => gates[gate]);
  return index === -1 ? GATE_LEVEL.full : index;
}

/** Where to go next: the first closed gate, else `destination`. */
export function nextPath(gates: Gates, destination = '/'): string {
  const gate = GATE_ORDER.find((g) => gates[g]);
  return gate ? GATE_PATHS[gate] : destination;
}
