import type { Decider } from '../shared/index.js';
import type { SupplierCommand } from './commands.js';
import { decideSupplier } from './decide.js';
import type { SupplierEvent } from './events.js';
import { evolveSupplier } from './evolve.js';
import { initialSupplierState, type SupplierState } from './state.js';

export const supplierDecider: Decider<SupplierCommand, SupplierEvent, SupplierState> = {
  decide: decideSupplier,
  evolve: evolveSupplier,
  initialState: initialSupplierState,
};
