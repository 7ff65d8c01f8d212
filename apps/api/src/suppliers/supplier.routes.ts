import { notFound, ruleViolated } from '@lib/domain';
import { partyDecider, partyStreamId, type PartyRole } from '@lib/domain/parties/index.js';
import {
  supplierClausesOf,
  supplierCommandBodies as bodies,
  supplierDecider,
  supplierStreamId,
  type SupplierCommand,
  type SupplierEvent,
  type SupplierKind,
  type SupplierState,
} from '@lib/domain/suppliers/index.js';
import type { AggregateStore } from '../commands/aggregate-store.js';
import type { AggregateRoutes } from '../http/aggregate-routes.js';

const managers = ['supplier-manager'] as const;

/** The party role a supplier of each kind holds. */
const roleOfKind: Record<SupplierKind, PartyRole> = {
  external: 'external-supplier',
  internal: 'internal-supplier',
  'customer-as-supplier': 'customer-as-supplier',
};

/** A supplier is a registered party that currently holds the supplier role of the kind being selected. */
async function ensureSupplierParty(command: SupplierCommand, aggregates: AggregateStore): Promise<SupplierCommand> {
  if (command.type !== 'StartSupplierSelection') return command;
  const { supplierId, supplierKind } = command;
  const { state } = await aggregates.load({ decider: partyDecider }, partyStreamId(supplierId));
  if (!state.registered) {
    throw notFound('supplier.party-not-found', `Party ${supplierId} is not registered; register it first`);
  }
  const role = roleOfKind[supplierKind];
  if (!state.roles.some((tenure) => tenure.role === role && tenure.until === null)) {
    throw ruleViolated(
      'supplier.party-not-a-supplier',
      `Party ${supplierId} does not hold the role ${role}, which a supplier of kind ${supplierKind} needs`,
    );
  }
  return command;
}

/**
 * Supplier management (clauses 8.3.4.1 and 8.3.4.2), one record per supplier
 * party, under the party's id: selection on weighted criteria, the decision,
 * the interfaces between the provider's and the supplier's processes, and
 * the risks of depending on the supplier.
 */
export const supplierRoutes: AggregateRoutes<SupplierCommand, SupplierEvent, SupplierState> = {
  name: 'suppliers',
  base: 'suppliers',
  idParam: 'supplierId',
  aggregate: { decider: supplierDecider, clausesOf: (event) => supplierClausesOf(event) },
  streamId: ({ supplierId }) => supplierStreamId(supplierId!),
  commands: [
    {
      command: 'StartSupplierSelection',
      path: ':supplierId',
      creates: true,
      body: bodies.StartSupplierSelection,
      roles: managers,
      summary: 'Start selecting a registered party as a supplier: its kind, the scope, weighted criteria and the scale',
      prepare: ensureSupplierParty,
    },
    {
      command: 'EvaluateSupplier',
      path: ':supplierId/evaluations',
      body: bodies.EvaluateSupplier,
      roles: managers,
      summary: 'Record an evaluation scoring every selection criterion; the weighted score is computed',
      newIds: ['evaluationId'],
    },
    {
      command: 'SelectSupplier',
      path: ':supplierId/selection',
      body: bodies.SelectSupplier,
      roles: managers,
      summary: 'Select the supplier on one of its evaluations, with the reason',
    },
    {
      command: 'RejectSupplier',
      path: ':supplierId/rejection',
      body: bodies.RejectSupplier,
      roles: managers,
      summary: 'Reject the supplier, with the reason',
    },
    {
      command: 'DefineSupplierInterface',
      path: ':supplierId/interfaces',
      body: bodies.DefineSupplierInterface,
      roles: managers,
      summary: "Define an interface between one of the provider's processes and one of the supplier's",
      newIds: ['interfaceId'],
    },
    {
      command: 'RetireSupplierInterface',
      path: ':supplierId/interfaces/:interfaceId/retirement',
      body: bodies.RetireSupplierInterface,
      roles: managers,
      summary: 'Retire an interface that is no longer used, with the reason',
    },
    {
      command: 'IdentifySupplierRisk',
      path: ':supplierId/risks',
      body: bodies.IdentifySupplierRisk,
      roles: managers,
      summary: 'Identify a risk of depending on the supplier: likelihood and impact from 1 to 5, and its owner',
      newIds: ['riskId'],
    },
    {
      command: 'TreatSupplierRisk',
      path: ':supplierId/risks/:riskId/treatments',
      body: bodies.TreatSupplierRisk,
      roles: managers,
      summary: 'Record a treatment applied to an open risk',
    },
    {
      command: 'CloseSupplierRisk',
      path: ':supplierId/risks/:riskId/closure',
      body: bodies.CloseSupplierRisk,
      roles: managers,
      summary: 'Close a risk, with the reason',
    },
  ],
};
