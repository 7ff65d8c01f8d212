import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { improvementFromCause } from '../complaints/improvement-from-cause.reaction.js';
import { aggregateController } from '../http/aggregate-routes.js';
import { ReactionRegistry } from '../reactions/reaction-registry.js';
import { surveyRoutes } from './survey.routes.js';

/** Opens the improvement record of an opportunity raised from a survey's results. */
export const surveyImprovementReaction = improvementFromCause('survey');

@Module({ controllers: [aggregateController(surveyRoutes)] })
export class SatisfactionModule implements OnModuleInit {
  constructor(@Inject(ReactionRegistry) private readonly reactions: ReactionRegistry) {}

  onModuleInit(): void {
    this.reactions.register(surveyImprovementReaction);
  }
}
