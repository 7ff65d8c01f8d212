import { EventStore1790000000000 } from './1790000000000-event-store.js';
import { EventStoreLeanAppend1790000610000 } from './1790000610000-lean-append.js';
import { EventStoreAppendOneStatement1790000620000 } from './1790000620000-append-one-statement.js';

export { EventStore1790000000000, EventStoreLeanAppend1790000610000, EventStoreAppendOneStatement1790000620000 };

/** The event store's schema migrations, in order: append them to the service's migration list. */
export const eventStoreMigrations: Function[] = [
  EventStore1790000000000,
  EventStoreLeanAppend1790000610000,
  EventStoreAppendOneStatement1790000620000,
];
