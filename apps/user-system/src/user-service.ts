import { randomUUID } from 'node:crypto';
import { EventPublisher } from '@davinci/event-bus';
import { TableClient } from '@davinci/orm';
import { UserActivated, UserCreated } from './events.js';
import { type User, UserTable } from './tables.js';

export class UserNotFoundError extends Error {
  readonly code = 'USER_NOT_FOUND';
  constructor(readonly userId: string) {
    super(`no user ${userId}`);
    this.name = 'UserNotFoundError';
  }
}

/** Creates and activates users, announcing each change on the event bus. */
export class UserService {
  constructor(
    private readonly users = new TableClient(UserTable),
    private readonly publisher = new EventPublisher(),
  ) {}

  async createUser(email: string, name: string): Promise<User> {
    // The event is built (and its body checked) before anything is written.
    const user_id = randomUUID();
    const event = UserCreated.create({ user_id, email, name });
    const user = await this.users.put(
      { user_id, email, name, created_at: new Date() },
      { mustNotExist: true },
    );
    await this.publisher.submit(event);
    return user;
  }

  async activateUser(userId: string): Promise<User> {
    const existing = await this.users.get({ user_id: userId });
    if (!existing) throw new UserNotFoundError(userId);
    // Only a pending user becomes active, so a repeated call cannot count an activation twice.
    const user = await this.users.update(
      { user_id: userId },
      { set: { status: 'active' } },
      { condition: { status: 'pending' } },
    );
    await this.publisher.submit(UserActivated.create({ user_id: user.user_id, email: user.email }));
    return user;
  }
}
