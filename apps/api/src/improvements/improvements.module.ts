import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { aggregateController } from '../http/aggregate-routes.js';
import { ReactionRegistry } from '../reactions/reaction-registry.js';
import { improvementRoutes } from './improvement.routes.js';
import { raiseImprovementOpportunities } from './raise-improvement-opportunities.reaction.js';

/** Improvement opportunities over HTTP, and the reaction that raises them from breaches (run by the global runner). */
@Module({ controllers: [aggregateController(improvementRoutes)] })
export class ImprovementsModule implements OnModuleInit {
  constructor(@Inject(ReactionRegistry) private readonly reactions: ReactionRegistry) {}

  onModuleInit(): void {
    this.reactions.register(raiseImprovementOpportunities);
  }
}
