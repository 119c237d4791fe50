import { defineEvent } from '@davinci/event-bus';
import { z } from 'zod';

/** Published once a user record exists. */
export const UserCreated = defineEvent(
  'user.created',
  z.object({ user_id: z.string().uuid(), email: z.string().email(), name: z.string().min(1) }),
);

/** Published when a pending user becomes active. */
export const UserActivated = defineEvent(
  'user.activated',
  z.object({ user_id: z.string().uuid(), email: z.string().email() }),
);
