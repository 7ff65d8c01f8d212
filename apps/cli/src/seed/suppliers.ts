import { createHash } from 'node:crypto';
import { disputeRoutes } from '../../../api/src/disputes/dispute.routes.js';
import { supplierRoutes } from '../../../api/src/suppliers/supplier.routes.js';
import { agreements } from './agreements.js';
import { staff, suppliers, type Person, type Supplier } from './cast.js';
import { demoId, on, step, type Step } from './plan.js';
import { measurementIdOf } from './service-levels.js';

/** Supplier management (clause 8.3.4): selection, interfaces, risks, and the disputes of the year. */

const criteria = {
  external: [
    { criterionId: 'security', description: 'Information security and certifications', weight: 3 },
    { criterionId: 'resilience', description: 'Resilience: sites, routing, failover', weight: 3 },
    { criterionId: 'price', description: 'Price over two years', weight: 2 },
    { criterionId: 'support', description: 'Support hours, escalation and reporting', weight: 2 },
  ],
  internal: [
    { criterionId: 'capacity', description: 'Staffing for 24x7 priority 1 cover', weight: 2 },
    { criterionId: 'skills', description: 'Skills for every customer service', weight: 1 },
  ],
};

const SCORES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'stratus-hosting': { security: 5, resilience: 4, price: 3, support: 4 },
  'kestrel-networks': { security: 4, resilience: 3, price: 4, support: 4 },
  'northwind-service-desk': { capacity: 4, skills: 4 },
};

/** Selection on weighted criteria: started, evaluated, selected. */
function selection(supplier: Supplier, day: number): Step[] {
  const story = `supplier:${supplier.key}`;
  const manager = supplier.kind === 'internal' ? staff.priya : staff.daniel;
  const cmd = (type: string, body: object, at: string, extra = {}, by: Person = manager) =>
    step(supplierRoutes, type, { supplierId: supplier.partyId, ...extra }, body, { at, by: by.personId, story });
  const evaluationId = demoId(`evaluation:${supplier.key}`);
  const list = criteria[supplier.kind];
  const steps = [
    cmd(
      'StartSupplierSelection',
      {
        supplierKind: supplier.kind,
        scope: supplier.description,
        criteria: list,
        scale: { min: 1, max: 5 },
      },
      on(`2024-09-${String(day).padStart(2, '0')}`, '09:00'),
    ),
    cmd(
      'EvaluateSupplier',
      {
        evaluatorId: (supplier.kind === 'internal' ? staff.grace : staff.daniel).personId,
        scores: list.map(({ criterionId }) => ({
          criterionId,
          score: SCORES[supplier.key]![criterionId]!,
          rationale: `Scored from the ${supplier.kind === 'internal' ? 'capacity plan' : 'tender answers and references'}`,
        })),
      },
      on(`2024-09-${String(day + 10).padStart(2, '0')}`, '14:00'),
      { evaluationId },
    ),
    cmd(
      'SelectSupplier',
      { evaluationId, reason: 'Best weighted score among the candidates; meets every mandatory requirement' },
      on(`2024-09-${String(day + 14).padStart(2, '0')}`, '10:00'),
      {},
      staff.grace,
    ),
  ];
  return steps;
}

function interfacesAndRisks(): Step[] {
  const steps: Step[] = [];
  const cmd = (supplier: Supplier, type: string, body: object, at: string, extra = {}, by: Person = staff.daniel) =>
    steps.push(
      step(supplierRoutes, type, { supplierId: supplier.partyId, ...extra }, body, {
        at,
        by: by.personId,
        story: `supplier:${supplier.key}`,
      }),
    );
  const iface = (supplier: Supplier, key: string) => ({ interfaceId: demoId(`interface:${supplier.key}:${key}`) });
  const risk = (supplier: Supplier, key: string) => ({ riskId: demoId(`risk:${supplier.key}:${key}`) });
  const { stratus, kestrel, serviceDesk } = suppliers;

  cmd(
    stratus,
    'DefineSupplierInterface',
    {
      providerProcess: 'Incident management',
      supplierProcess: 'Stratus NOC ticketing',
      description:
        'Priority 1 hosting faults raised by API into the Stratus NOC queue; status pushed back every 30 minutes',
    },
    on('2024-10-01', '10:00'),
    iface(stratus, 'incidents'),
  );
  cmd(
    stratus,
    'DefineSupplierInterface',
    {
      providerProcess: 'Change management',
      supplierProcess: 'Stratus maintenance notification',
      description: 'Supplier maintenance announced 10 days ahead into the Northwind change calendar',
    },
    on('2024-10-01', '10:10'),
    iface(stratus, 'changes'),
  );
  cmd(
    stratus,
    'IdentifySupplierRisk',
    {
      description: 'Both Stratus data centres are in the same region: a regional event takes out every hosted service',
      likelihood: 2,
      impact: 5,
      ownerId: staff.daniel.personId,
    },
    on('2024-10-01', '11:00'),
    risk(stratus, 'single-region'),
  );
  cmd(
    stratus,
    'TreatSupplierRisk',
    { treatment: 'Disaster recovery to the Stratus site in another region contracted and scheduled for testing' },
    on('2025-04-10', '10:00'),
    risk(stratus, 'single-region'),
  );
  cmd(
    stratus,
    'CloseSupplierRisk',
    { reason: 'Disaster recovery test passed on 11 October: all platforms failed over in 38 minutes' },
    on('2025-10-15', '10:00'),
    risk(stratus, 'single-region'),
  );

  cmd(
    kestrel,
    'DefineSupplierInterface',
    {
      providerProcess: 'Incident management',
      supplierProcess: 'Kestrel fault desk',
      description:
        'WAN faults reported by phone and e-mail to the 24x7 fault desk; fault reference kept on the incident',
    },
    on('2024-10-02', '10:00'),
    iface(kestrel, 'faults'),
  );
  cmd(
    kestrel,
    'IdentifySupplierRisk',
    {
      description:
        'The WAN availability target (99.5 %) is below the clinical records target it underpins (99.8 %): Meridian can miss its target while Kestrel meets its own',
      likelihood: 3,
      impact: 4,
      ownerId: staff.daniel.personId,
    },
    on('2025-01-06', '11:00'),
    risk(kestrel, 'alignment-gap'),
  );
  cmd(
    kestrel,
    'TreatSupplierRisk',
    { treatment: '4G failover routers installed and tested at the three Meridian hospitals' },
    on('2025-03-10', '17:30'),
    risk(kestrel, 'alignment-gap'),
  );
  cmd(
    kestrel,
    'TreatSupplierRisk',
    { treatment: 'Dual-path circuits priced with Kestrel for the 2026 renewal of the contract' },
    on('2025-11-20', '16:30'),
    risk(kestrel, 'alignment-gap'),
  );

  cmd(
    serviceDesk,
    'DefineSupplierInterface',
    {
      providerProcess: 'Service level management',
      supplierProcess: 'Service desk triage',
      description: 'Incidents prioritised by the service desk against the customer SLA of the caller',
    },
    on('2024-10-03', '10:00'),
    iface(serviceDesk, 'triage'),
    staff.priya,
  );
  cmd(
    serviceDesk,
    'DefineSupplierInterface',
    {
      providerProcess: 'Request fulfilment',
      supplierProcess: 'Service desk e-mail intake',
      description: 'Customer requests sent to the shared mailbox and logged by the desk',
    },
    on('2024-10-03', '10:10'),
    iface(serviceDesk, 'mail-intake'),
    staff.priya,
  );
  cmd(
    serviceDesk,
    'RetireSupplierInterface',
    { reason: 'Replaced by the request forms of the self-service portal' },
    on('2025-05-02', '10:00'),
    iface(serviceDesk, 'mail-intake'),
    staff.priya,
  );
  return steps;
}

export const disputeIdOf = (key: string) => demoId(`dispute:${key}`);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function disputes(): Step[] {
  const steps: Step[] = [];
  const dispute = (key: string) => {
    const disputeId = disputeIdOf(key);
    return (type: string, body: object, at: string, extra = {}, by: Person = staff.daniel) =>
      steps.push(
        step(disputeRoutes, type, { disputeId, ...extra }, body, { at, by: by.personId, story: `dispute:${key}` }),
      );
  };
  const evidence = (key: string, name: string) => ({ evidenceId: demoId(`evidence:${key}:${name}`) });
  const proposal = (key: string, name: string) => ({ proposalId: demoId(`proposal:${key}:${name}`) });

  const credit = dispute('kestrel-february-credit');
  credit(
    'RaiseDispute',
    {
      partyId: suppliers.kestrel.partyId,
      raisedBy: 'provider',
      subject: {
        kind: 'measurement',
        agreementId: agreements.kestrel.agreementId,
        measurementId: measurementIdOf(agreements.kestrel, 2, 'wan-availability'),
      },
      claim:
        'WAN availability in February was 99.41 %, below the 99.5 % target: service credit under the contract plus the cost of the emergency 4G hire',
      amount: { value: '1840.00', currency: 'GBP' },
    },
    on('2025-03-06', '10:00'),
  );
  credit(
    'AttachDisputeEvidence',
    {
      description: 'Probe export for February 2025, link St Anne’s to data centre A',
      reference: 'dms://northwind/suppliers/kestrel/2025-02-probe-export.csv',
      sha256: sha256('demo evidence: kestrel 2025-02 probe export'),
      submittedBy: 'provider',
    },
    on('2025-03-06', '10:30'),
    evidence('kestrel-february-credit', 'probes'),
  );
  credit(
    'AttachDisputeEvidence',
    {
      description: 'Kestrel fault report KF-2291',
      reference: 'dms://northwind/suppliers/kestrel/KF-2291.pdf',
      sha256: sha256('demo evidence: kestrel fault report KF-2291'),
      submittedBy: 'party',
    },
    on('2025-03-12', '09:00'),
    evidence('kestrel-february-credit', 'fault-report'),
  );
  credit(
    'ProposeDisputeResolution',
    {
      proposedBy: 'party',
      terms: '5 % credit on the February charge only',
      amount: { value: '920.00', currency: 'GBP' },
    },
    on('2025-03-14', '15:00'),
    proposal('kestrel-february-credit', 'credit-only'),
  );
  credit(
    'RejectDisputeResolution',
    { rejectedBy: 'provider', reason: 'The 4G hire was needed only because the link had no diverse path' },
    on('2025-03-17', '10:00'),
    proposal('kestrel-february-credit', 'credit-only'),
  );
  credit(
    'EscalateDispute',
    {
      level: 2,
      escalatedTo: suppliers.kestrel.director.personId,
      reason: 'No agreement at account level within two weeks',
    },
    on('2025-03-18', '09:00'),
  );
  credit(
    'ProposeDisputeResolution',
    {
      proposedBy: 'provider',
      terms: '5 % credit plus half of the 4G hire; Kestrel prices dual paths for 2026',
      amount: { value: '1380.00', currency: 'GBP' },
    },
    on('2025-03-25', '11:00'),
    proposal('kestrel-february-credit', 'credit-and-half-hire'),
  );
  credit(
    'AcceptDisputeResolution',
    { acceptedBy: 'party' },
    on('2025-04-01', '16:00'),
    proposal('kestrel-february-credit', 'credit-and-half-hire'),
  );
  credit('ResolveDispute', { resolution: 'Credit note CN-5521 for 1,380.00 GBP received' }, on('2025-04-02', '10:00'));
  credit('CloseDispute', {}, on('2025-04-15', '10:00'));

  const overage = dispute('stratus-storage-overage');
  overage(
    'RaiseDispute',
    {
      partyId: suppliers.stratus.partyId,
      raisedBy: 'party',
      subject: { kind: 'charge', agreementId: agreements.stratus.agreementId, chargeId: 'INV-2025-0419' },
      claim: 'Storage overage of 2.3 TB in March, invoiced on INV-2025-0419, is unpaid',
      amount: { value: '460.00', currency: 'GBP' },
    },
    on('2025-04-22', '14:00'),
  );
  overage(
    'AttachDisputeEvidence',
    {
      description: 'Northwind storage usage report for March: 0.4 TB under the committed volume',
      reference: 'dms://northwind/suppliers/stratus/2025-03-storage.xlsx',
      sha256: sha256('demo evidence: stratus 2025-03 storage report'),
      submittedBy: 'provider',
    },
    on('2025-04-24', '10:00'),
    evidence('stratus-storage-overage', 'usage-report'),
  );
  overage(
    'WithdrawDispute',
    { withdrawnBy: 'party', reason: 'Metering error on the Stratus side; the invoice is cancelled' },
    on('2025-05-06', '12:00'),
  );

  const response = dispute('kestrel-fault-response');
  response(
    'RaiseDispute',
    {
      partyId: suppliers.kestrel.partyId,
      raisedBy: 'provider',
      subject: { kind: 'agreement', agreementId: agreements.kestrel.agreementId },
      claim:
        'Fault response took more than one hour three times in November; the Kestrel report counts from the fault reference, not from our call',
    },
    on('2025-12-08', '10:00'),
  );
  response(
    'AttachDisputeEvidence',
    {
      description: 'Call log of the Northwind service desk to the Kestrel fault desk, November 2025',
      reference: 'dms://northwind/suppliers/kestrel/2025-11-call-log.csv',
      sha256: sha256('demo evidence: kestrel 2025-11 call log'),
      submittedBy: 'provider',
    },
    on('2025-12-08', '10:30'),
    evidence('kestrel-fault-response', 'call-log'),
  );
  response(
    'EscalateDispute',
    {
      level: 1,
      escalatedTo: suppliers.kestrel.contact.personId,
      reason: 'Account manager to check the fault desk recordings',
    },
    on('2025-12-10', '09:00'),
  );
  response(
    'ProposeDisputeResolution',
    { proposedBy: 'party', terms: 'Re-measure November from the fault desk call recordings and report by 15 January' },
    on('2025-12-15', '15:00'),
    proposal('kestrel-fault-response', 're-measure'),
  );
  return steps;
}

export function supplierAndDisputeSteps(): Step[] {
  return [
    ...selection(suppliers.stratus, 2),
    ...selection(suppliers.kestrel, 3),
    ...selection(suppliers.serviceDesk, 5),
    ...interfacesAndRisks(),
    ...disputes(),
  ];
}
