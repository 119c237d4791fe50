import type { SandboxClock } from '../../../clock.js';
import { sqsErrors } from '../errors.js';
import { parseQueueArn, parseQueueUrl } from './names.js';
import { Queue } from './queue.js';

/** Every queue of the sandbox's one account and region, by name. */
export class QueueRegistry {
  readonly #queues = new Map<string, Queue>();

  constructor(
    readonly region: string,
    readonly accountId: string,
    private readonly clock: SandboxClock,
  ) {}

  create(name: string, attributes: Record<string, string>): Queue {
    const queue = new Queue(
      { region: this.region, accountId: this.accountId, name },
      attributes,
      this.clock,
    );
    this.#queues.set(name, queue);
    return queue;
  }

  byName(name: string): Queue | undefined {
    return this.#queues.get(name);
  }

  byArn(arn: string): Queue | undefined {
    const location = parseQueueArn(arn);
    if (!location || location.accountId !== this.accountId) return undefined;
    if (location.region !== '' && location.region !== this.region) return undefined;
    return this.#queues.get(location.name);
  }

  /**
   * The queue a URL names, whatever its host. Throws InvalidAddress when the text is no queue
   * URL, QueueDoesNotExist when there is no such queue.
   */
  byUrl(url: string): Queue {
    const parsed = parseQueueUrl(url);
    if (!parsed) throw sqsErrors.invalidAddress(url);
    const queue = parsed.accountId === this.accountId ? this.#queues.get(parsed.name) : undefined;
    if (!queue) throw sqsErrors.queueDoesNotExist();
    return queue;
  }

  delete(queue: Queue): void {
    this.#queues.delete(queue.name);
    queue.markDeleted();
  }

  /** Queues sorted by name, for stable listings and pagination. */
  list(): Queue[] {
    return [...this.#queues.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  clear(): void {
    for (const queue of this.#queues.values()) queue.markDeleted();
    this.#queues.clear();
  }
}
