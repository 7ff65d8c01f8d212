import { randomUUID } from 'node:crypto';
import { agreement, agreementReviewed, review } from './agreements.js';
import { communications, complaint, party, supplierManagement } from './relationships.js';
import { dispute, improvement, period } from './service-levels.js';
import { SERVICES, World, type SyntheticAppend } from './world.js';

/** The parties every account shares: the provider and its internal teams. */
export function setupPlan(world: World): SyntheticAppend[][] {
  const parties = [
    party(world, world.provider, 'Northwind IT Services', null, 2020),
    ...world.internalTeams.map((id, i) =>
      party(world, id, ['Service Desk', 'Network Operations', 'Data Centre Operations'][i]!, 'internal-supplier', 2020),
    ),
  ];
  return [parties];
}

/** One customer account over one year (the years rotate so that dates spread over several). */
export function accountPlan(world: World, index: number): SyntheticAppend[][] {
  const year = 2021 + (index % 5);
  const customer = randomUUID();
  const supplier = randomUUID();
  const service = world.pick(SERVICES);
  const sla = agreement(world, 'SLA', customer, service, year);
  const contract = agreement(world, 'UNDERPINNING_CONTRACT', supplier, service, year, sla);
  const agreements = [sla, contract];
  if (index % 3 === 0) agreements.push(agreement(world, 'OLA', world.pick(world.internalTeams), service, year, sla));
  const periods = agreements.flatMap((spec) => Array.from({ length: 12 }, (_, m) => period(world, spec, m + 1)));
  const breaches = periods.flatMap((p) => p.breaches);
  return [
    [
      party(world, customer, `Customer ${index}`, 'customer', year),
      party(world, supplier, `Supplier ${index}`, 'external-supplier', year),
      supplierManagement(world, supplier, service, year),
    ],
    agreements.map((spec) => spec.append),
    [
      ...periods.map((p) => p.append),
      ...Array.from({ length: 1 + Math.floor(world.random() * 4) }, () => complaint(world, customer, service, year)),
      ...agreements.map((spec) => review(world, spec, year)),
      ...breaches
        .filter((b) => b.kind === 'UNDERPINNING_CONTRACT')
        .slice(0, 1)
        .map((b) => dispute(world, supplier, b)),
    ],
    [
      ...breaches.map((breach) => improvement(world, breach)),
      ...agreements.map((spec) => agreementReviewed(world, spec, year)),
      communications(world, customer, year),
    ],
  ];
}
