import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { aggregateController } from '../http/aggregate-routes.js';
import { ReactionRegistry } from '../reactions/reaction-registry.js';
import { nextReviewReaction } from './next-review.reaction.js';
import { reviewRoutes } from './review.routes.js';

@Module({ controllers: [aggregateController(reviewRoutes)] })
export class ReviewsModule implements OnModuleInit {
  constructor(@Inject(ReactionRegistry) private readonly reactions: ReactionRegistry) {}

  onModuleInit(): void {
    this.reactions.register(nextReviewReaction);
  }
}
