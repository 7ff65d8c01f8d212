import { comparableValue, higherIsBetter } from './target-level.js';
import type { TargetLevel } from './terms.js';

export interface AlignmentAssessment {
  readonly outcome: 'aligned' | 'misaligned' | 'not-comparable';
  readonly explanation: string;
  /** The risk to the customer target when the supplier target does not underpin it. */
  readonly risk?: string;
}

const show = (level: TargetLevel) => `${level.metric} ${level.comparator} ${level.value} ${level.unit}`;

/**
 * Whether a supplier target underpins a customer target (clauses 8.3.4.1, 8.3.4.2):
 * every value that meets the supplier target must also meet the customer target,
 * so the supplier target is at least as strict. Availability >= 99.9 % underpins
 * >= 99.5 %; response time <= 2 h underpins <= 4 h. Targets of different metrics,
 * opposite directions, custom metrics or units that do not convert are not comparable:
 * a person has to judge them.
 */
export function assessTargetAlignment(supplier: TargetLevel, customer: TargetLevel): AlignmentAssessment {
  const notComparable = (why: string): AlignmentAssessment => ({
    outcome: 'not-comparable',
    explanation: `${show(supplier)} cannot be compared with ${show(customer)}: ${why}`,
    risk: 'Alignment cannot be shown by calculation; it needs a documented judgement',
  });
  if (supplier.metric !== customer.metric) return notComparable('different metrics');
  if (supplier.metric === 'custom') return notComparable('custom metrics');
  if (higherIsBetter(supplier.comparator) !== higherIsBetter(customer.comparator)) {
    return notComparable('the comparators point in opposite directions');
  }
  const s = comparableValue(supplier);
  const c = comparableValue(customer);
  if (!s || !c || s.unit !== c.unit) return notComparable('the units do not convert');

  // Strictly better always underpins; an equal value underpins unless only the customer's bound is strict.
  const better = higherIsBetter(supplier.comparator) ? s.value > c.value : s.value < c.value;
  const supplierStrict = supplier.comparator === '>' || supplier.comparator === '<';
  const customerStrict = customer.comparator === '>' || customer.comparator === '<';
  const aligned = better || (s.value === c.value && (supplierStrict || !customerStrict));
  return aligned
    ? { outcome: 'aligned', explanation: `Supplier target ${show(supplier)} underpins ${show(customer)}` }
    : {
        outcome: 'misaligned',
        explanation: `Supplier target ${show(supplier)} is less strict than customer target ${show(customer)}`,
        risk: `The customer target ${show(customer)} can be breached while the supplier meets ${show(supplier)}`,
      };
}
