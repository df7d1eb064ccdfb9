import type { ConfirmationView, EventView, ListedMaterial, MaterialView } from './repo.js';
import { overdueBefore } from './rules.js';

/** Rows as the API answers them (camelCase, no internal ids of people beyond login IDs). */

export function presentMaterial(m: MaterialView) {
  return {
    id: m.id,
    number: m.number,
    kind: m.kind,
    basis: m.basis,
    applicationCode: m.application_code,
    applicationName: m.application_name,
    unitCode: m.unit_code,
    unitName: m.unit_name,
    inquiryId: m.inquiry_id,
    requestId: m.request_id,
    copyOf: m.copy_of,
    purpose: m.purpose,
    summary: m.summary,
    quantity: m.quantity,
    checkMode: m.check_mode,
    state: m.state,
    createdBy: { loginId: m.creator_login_id, name: m.creator_name },
    createdAt: m.created_at.toISOString(),
    lastEventAt: m.last_event_at.toISOString(),
  };
}

export function presentListed(m: ListedMaterial, now: Date) {
  const oldest = m.oldest_unconfirmed_at ? new Date(m.oldest_unconfirmed_at) : null;
  return {
    ...presentMaterial(m),
    unconfirmedEvents: m.unconfirmed_events,
    // OUT-3: highlighted in the list once a handling waited longer than the confirmation period.
    overdue: oldest !== null && oldest < overdueBefore(now),
  };
}

export function presentEvent(e: EventView, confirmation: ConfirmationView | undefined) {
  return {
    id: e.id,
    seq: e.seq,
    kind: e.kind,
    at: e.at.toISOString(),
    handler: { loginId: e.handler_login_id, name: e.handler_name },
    quantity: e.quantity,
    recipient: e.recipient,
    means: e.means,
    method: e.method,
    approval: e.approval,
    countermeasure: e.countermeasure,
    place: e.place,
    note: e.note,
    confirmation: confirmation
      ? {
          mode: confirmation.mode,
          by: { loginId: confirmation.confirmer_login_id, name: confirmation.confirmer_name },
          at: confirmation.confirmed_at.toISOString(),
          note: confirmation.note,
        }
      : null,
  };
}
