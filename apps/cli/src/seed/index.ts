export { seedCommand } from './seed.command.js';
export { DEMO_ACTOR, demoPlan, seedDemo, streamKindOf, type SeedProgress, type SeedResult } from './seed-demo.js';
