import { randomUUID } from 'node:crypto';
import { complaintClauses, type IsoClause } from '../../../libs/domain/src/index.js';
import { day, instant, recorded, round, World, type SyntheticAppend } from './world.js';

export function party(world: World, partyId: string, name: string, role: string | null, year: number): SyntheticAppend {
  const c = world.command();
  const at = instant(year - 1, 11, 3);
  const events = [recorded(c, 'PartyRegistered', { partyId, name, at, by: c.by }, ['8.3.2'])];
  if (role) {
    const clause: IsoClause = role === 'customer' ? '8.3.2' : role === 'internal-supplier' ? '8.3.4.2' : '8.3.4.1';
    const responsibility = role === 'customer' ? 'customer-relationship' : 'supplier-relationship';
    const person = `person-${randomUUID().slice(0, 8)}`;
    events.push(
      recorded(c, 'PartyRoleAdded', { partyId, role, from: day(year - 1, 11, 3), at, by: c.by }, [clause]),
      recorded(
        world.command(c.by, c.correlationId),
        'ResponsiblePersonDesignated',
        {
          partyId,
          responsibility,
          responsible: { personId: person, name: `${name} relationship owner`, email: `${person}@example.com` },
          from: day(year - 1, 11, 4),
          at: instant(year - 1, 11, 4),
          by: c.by,
        },
        [role === 'customer' ? '8.3.2' : '8.3.4.1'],
      ),
    );
  }
  return { streamId: `party-${partyId}`, events };
}

export function supplierManagement(world: World, supplierId: string, service: string, year: number): SyntheticAppend {
  const c = world.command();
  const base = { supplierId, supplierKind: 'external', by: c.by };
  const clauses: IsoClause[] = ['8.3.4.1'];
  const evaluationId = randomUUID();
  const criteria = [
    { criterionId: 'iso-27001', description: 'ISO/IEC 27001 certified', weight: 3 },
    { criterionId: 'price', description: 'Price over three years', weight: 2 },
    { criterionId: 'support', description: '24x7 support in the customer language', weight: 1 },
  ];
  const scores = criteria.map(({ criterionId }) => ({ criterionId, score: 1 + Math.floor(world.random() * 5) }));
  const weightedScore = round(scores.reduce((sum, s, i) => sum + s.score * criteria[i]!.weight, 0) / 6, 4);
  const step = (type: string, data: Record<string, unknown>, month: number, dayOfMonth: number) =>
    recorded(
      world.command(c.by, c.correlationId),
      type,
      { ...base, ...data, at: instant(year - 1, month, dayOfMonth) },
      clauses,
    );
  return {
    streamId: `supplier-${supplierId}`,
    events: [
      step('SupplierSelectionStarted', { scope: `Hosting for ${service}`, criteria, scale: { min: 1, max: 5 } }, 9, 1),
      step('SupplierEvaluated', { evaluationId, evaluatorId: c.by, scores, weightedScore }, 9, 15),
      step('SupplierSelected', { evaluationId, reason: 'Best weighted score' }, 10, 1),
      step(
        'SupplierInterfaceDefined',
        {
          interfaceId: randomUUID(),
          providerProcess: 'Incident management',
          supplierProcess: 'Supplier NOC',
          description: 'Priority 1 incidents are passed by phone and ticket within 15 minutes',
        },
        10,
        5,
      ),
      step(
        'SupplierRiskIdentified',
        {
          riskId: 'single-site',
          description: 'Hosting from a single data centre',
          likelihood: 2,
          impact: 4,
          ownerId: c.by,
        },
        10,
        6,
      ),
      step('SupplierRiskTreated', { riskId: 'single-site', treatment: 'Second site contracted' }, 11, 20),
    ],
  };
}

export function complaint(world: World, customerId: string, serviceId: string, year: number): SyntheticAppend {
  const complaintId = randomUUID();
  const month = 1 + Math.floor(world.random() * 11);
  const c = world.command();
  const step = (type: keyof typeof complaintClauses, data: Record<string, unknown>, dayOfMonth: number) =>
    recorded(
      world.command(c.by, c.correlationId),
      type,
      { complaintId, ...data, at: instant(year, month, dayOfMonth), by: c.by },
      complaintClauses[type],
    );
  const events = [
    step(
      'ComplaintRecorded',
      {
        customerId,
        serviceId,
        description: 'Reports arrived late',
        channel: world.pick(['email', 'phone', 'portal']),
        receivedAt: instant(year, month, 2, 8),
        complainant: { personId: randomUUID(), name: 'Erika Mustermann', email: 'erika@example.com' },
      },
      2,
    ),
    step('ComplaintAssigned', { assigneeId: world.person() }, 3),
    step('ComplaintInvestigated', { findings: 'The report job failed twice' }, 6),
  ];
  if (world.random() < 0.2) {
    events.push(
      step('ComplaintEscalated', { route: 'service owner', escalatedTo: world.person(), reason: 'Repeated' }, 7),
    );
  }
  events.push(
    step('ComplaintActionTaken', { action: 'Job monitored and restarted automatically' }, 9),
    step('ComplaintResolved', { resolution: 'Reports on time since' }, 12),
    step('ComplaintClosed', { closure: { basis: 'customer-confirmed', confirmedBy: world.person() } }, 20),
  );
  return { streamId: `complaint-${complaintId}`, events };
}

export function communications(world: World, partyId: string, year: number): SyntheticAppend {
  const c = world.command();
  const arrangementId = randomUUID();
  const participants = [
    { personId: c.by, name: 'Relationship manager', side: 'provider' },
    { personId: randomUUID(), name: 'Customer contact', side: 'party' },
  ];
  const events = [
    recorded(
      c,
      'CommunicationArrangementAdded',
      {
        partyId,
        arrangementId,
        purpose: 'Service performance update',
        channel: 'video-call',
        frequency: 'monthly',
        participants,
        at: instant(year, 1, 3),
        by: c.by,
      },
      ['8.3.2'],
    ),
  ];
  for (let month = 1; month <= 12; month++) {
    events.push(
      recorded(
        world.command(c.by),
        'CommunicationHeld',
        {
          partyId,
          communicationId: randomUUID(),
          arrangementId,
          heldOn: day(year, month, 10),
          channel: 'video-call',
          participants,
          summary: 'Monthly service report discussed',
          at: instant(year, month, 10),
          by: c.by,
        },
        ['8.3.2'],
      ),
    );
  }
  return { streamId: `party-${partyId}`, events };
}
