export * from './field-cipher.js';
export * from './person-keys.js';
export * from './person-keys.migration.js';
export * from './personal-data-event-store.js';
export * from './personal-fields.js';
