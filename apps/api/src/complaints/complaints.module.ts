import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { aggregateController } from '../http/aggregate-routes.js';
import { ReactionRegistry } from '../reactions/reaction-registry.js';
import { complaintRoutes } from './complaint.routes.js';
import { improvementFromCause } from './improvement-from-cause.reaction.js';

/** Opens the improvement record of an opportunity raised from a complaint. */
export const complaintImprovementReaction = improvementFromCause('complaint');

@Module({ controllers: [aggregateController(complaintRoutes)] })
export class ComplaintsModule implements OnModuleInit {
  constructor(@Inject(ReactionRegistry) private readonly reactions: ReactionRegistry) {}

  onModuleInit(): void {
    this.reactions.register(complaintImprovementReaction);
  }
}
