import type { MessageKey } from '../../i18n/index.js';

/** How one field of a record is shown: plain text, a calendar day (和暦), a birth date (和暦 and 西暦), or a list. */
export type FieldKind = 'text' | 'date' | 'birth' | 'list';

export interface RecordField {
  name: string;
  label: MessageKey;
  kind: FieldKind;
}

/** The field naming the record in its heading (the person, or the plate for a vehicle). */
export const HEADING_FIELD: Readonly<Record<string, string>> = {
  licence: 'name',
  vehicle: 'plateNumber',
  lost_property: 'reportNumber',
};

/** The fields of each record set, in the order an officer reads them (record-sets.ts). */
export const RECORD_FIELDS: Readonly<Record<string, readonly RecordField[]>> = {
  licence: [
    { name: 'name', label: 'inq.f.name', kind: 'text' },
    { name: 'nameKana', label: 'inq.f.kana', kind: 'text' },
    { name: 'birthDate', label: 'inq.f.birthDate', kind: 'birth' },
    { name: 'address', label: 'inq.f.address', kind: 'text' },
    { name: 'licenceNumber', label: 'inq.f.licenceNumber', kind: 'text' },
    { name: 'licenceClasses', label: 'inq.f.licenceClasses', kind: 'list' },
    { name: 'issuedOn', label: 'inq.f.issuedOn', kind: 'date' },
    { name: 'validUntil', label: 'inq.f.validUntil', kind: 'date' },
    { name: 'conditions', label: 'inq.f.conditions', kind: 'text' },
    { name: 'status', label: 'inq.f.status', kind: 'text' },
  ],
  vehicle: [
    { name: 'plateNumber', label: 'inq.f.plateNumber', kind: 'text' },
    { name: 'ownerName', label: 'inq.f.ownerName', kind: 'text' },
    { name: 'ownerKana', label: 'inq.f.kana', kind: 'text' },
    { name: 'ownerBirthDate', label: 'inq.f.birthDate', kind: 'birth' },
    { name: 'ownerAddress', label: 'inq.f.address', kind: 'text' },
    { name: 'make', label: 'inq.f.make', kind: 'text' },
    { name: 'model', label: 'inq.f.model', kind: 'text' },
    { name: 'colour', label: 'inq.f.colour', kind: 'text' },
    { name: 'chassisNumber', label: 'inq.f.chassisNumber', kind: 'text' },
    { name: 'registeredOn', label: 'inq.f.registeredOn', kind: 'date' },
    { name: 'inspectionValidUntil', label: 'inq.f.inspectionValidUntil', kind: 'date' },
  ],
  lost_property: [
    { name: 'reportNumber', label: 'inq.f.reportNumber', kind: 'text' },
    { name: 'kind', label: 'inq.f.reportKind', kind: 'text' },
    { name: 'reporterName', label: 'inq.f.reporterName', kind: 'text' },
    { name: 'reporterKana', label: 'inq.f.kana', kind: 'text' },
    { name: 'reporterBirthDate', label: 'inq.f.birthDate', kind: 'birth' },
    { name: 'reporterAddress', label: 'inq.f.address', kind: 'text' },
    { name: 'item', label: 'inq.f.item', kind: 'text' },
    { name: 'description', label: 'inq.f.description', kind: 'text' },
    { name: 'place', label: 'inq.f.place', kind: 'text' },
    { name: 'occurredOn', label: 'inq.f.occurredOn', kind: 'date' },
    { name: 'reportedOn', label: 'inq.f.reportedOn', kind: 'date' },
    { name: 'status', label: 'inq.f.status', kind: 'text' },
  ],
};
