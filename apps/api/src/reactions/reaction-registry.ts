import { Injectable } from '@nestjs/common';
import type { Reaction } from './reaction.js';

/** Bounded contexts register their reactions here when their module initialises; the runner starts them. */
@Injectable()
export class ReactionRegistry {
  private readonly registered: Reaction[] = [];

  register(reaction: Reaction): void {
    if (this.registered.some((known) => known.name === reaction.name)) {
      throw new Error(`Two reactions are named ${reaction.name}`);
    }
    this.registered.push(reaction);
  }

  get reactions(): readonly Reaction[] {
    return this.registered;
  }
}
