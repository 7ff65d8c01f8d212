import { z } from 'zod';

const id = z.string().min(1);
const text = z.string().min(1);
const date = z.iso.date();
const at = z.iso.datetime({ offset: true }).describe('When the step was recorded (ISO 8601 instant)');
const by = id.describe('Person id of the actor who recorded the step');

export const partyRoles = [
  'customer',
  'user',
  'interested-party',
  'external-supplier',
  'internal-supplier',
  'customer-as-supplier',
] as const;

/** Kinds of relationship responsibility a person can be designated for. */
export const responsibilities = ['customer-relationship', 'supplier-relationship', 'contracts', 'performance'] as const;

export const communicationChannels = [
  'meeting',
  'video-call',
  'phone',
  'email',
  'portal',
  'report',
  'newsletter',
  'other',
] as const;

/** A designated person's contact details: personal data, grouped to be encrypted per person. */
export const responsiblePersonSchema = z
  .object({
    personId: id,
    name: text,
    email: z.email().optional(),
    phone: text.optional(),
  })
  .describe('The designated person (personal data, encrypted per person)');

/** Someone taking part in communications: personal data, grouped to be encrypted per person. */
export const participantSchema = z
  .object({
    personId: id,
    name: text,
    side: z.enum(['provider', 'party']).describe('Whether the person speaks for the service provider or the party'),
  })
  .describe('A participant (personal data, encrypted per person)');

const arrangement = {
  channel: z.enum(communicationChannels),
  frequency: text.describe('How often communication takes place, e.g. "monthly", "P1W" or "on each major incident"'),
  participants: z.array(participantSchema).min(1),
};

export const partyEventSchemas = {
  PartyRegistered: z.object({
    partyId: id,
    name: text.describe('Name of the organisation or organisational unit'),
    description: text.optional(),
    at,
    by,
  }),
  PartyRoleAdded: z.object({
    partyId: id,
    role: z.enum(partyRoles),
    from: date.describe('The date from which the party holds the role'),
    at,
    by,
  }),
  PartyRoleRemoved: z.object({
    partyId: id,
    role: z.enum(partyRoles),
    until: date.describe('The last date on which the party held the role'),
    reason: text,
    at,
    by,
  }),
  ResponsiblePersonDesignated: z.object({
    partyId: id,
    responsibility: z.enum(responsibilities),
    responsible: responsiblePersonSchema,
    from: date.describe('The date from which the person is responsible'),
    replacesPersonId: id
      .optional()
      .describe('Person id of the previous holder, whose responsibility ends the day before'),
    at,
    by,
  }),
  CommunicationArrangementAdded: z.object({
    partyId: id,
    arrangementId: id,
    purpose: text.describe('What the communication is for, e.g. "service performance update"'),
    ...arrangement,
    at,
    by,
  }),
  CommunicationArrangementChanged: z.object({ partyId: id, arrangementId: id, ...arrangement, reason: text, at, by }),
  CommunicationArrangementEnded: z.object({ partyId: id, arrangementId: id, reason: text, at, by }),
  CommunicationHeld: z.object({
    partyId: id,
    communicationId: id,
    arrangementId: id.optional().describe('The arrangement the communication took place under, if any'),
    heldOn: date,
    channel: z.enum(communicationChannels),
    participants: z.array(participantSchema).min(1),
    summary: text,
    at,
    by,
  }),
};

type Schemas = typeof partyEventSchemas;
export type PartyEvent = { [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> } }[keyof Schemas];
export type PartyRole = (typeof partyRoles)[number];
export type Responsibility = (typeof responsibilities)[number];
