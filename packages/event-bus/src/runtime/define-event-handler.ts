import type { EventDefinition } from '../events/define-event.js';
import { type EventSubscription, toEventPattern } from '../pattern/to-event-pattern.js';
import type { EventPattern } from '../pattern/types.js';
import { type CreateEventHandlerOptions, createEventHandler } from './create-event-handler.js';
import type { DetailSchema } from './envelope.js';
import { InvalidHandlerOptionError } from './errors.js';
import type { SqsBatchHandler } from './lambda-types.js';

/** How a function may use a table: read items, or read and write them. */
export type TableAccess = 'read' | 'readWrite';

const TABLE_ACCESS: readonly TableAccess[] = ['read', 'readWrite'];

/**
 * What a handler needs from its deployment, declared beside its code: `@davinci/cdk` deploys
 * exactly this (the rule's pattern, the table grants, the idempotency table), and the runtime
 * applies the same idempotency setting, so the two cannot disagree.
 */
export interface EventHandlerDeclaration {
  /** The handler's name in logs and idempotency keys. */
  readonly name: string;
  /** The EventBridge pattern of the rule that feeds the handler's queue. */
  readonly eventPattern: EventPattern;
  /** Tables the handler uses, by logical name, and how. */
  readonly tables: Readonly<Record<string, TableAccess>>;
  /** Whether each event is applied at most once (the idempotency table is then granted too). */
  readonly idempotency: boolean;
}

/** The options of `defineEventHandler`: the handler's runtime options plus what it subscribes to. */
export interface DefineEventHandlerOptions<S extends DetailSchema | undefined = undefined>
  extends Omit<CreateEventHandlerOptions<S>, 'name'> {
  /** The handler's name in logs and idempotency keys; unique per handler, without `#`. */
  readonly name: string;
  /**
   * The events to handle: an event type (`'user.created'`, `'user.*'`), several, or a full
   * EventBridge pattern. Default: the event type of `schema` when it is a `defineEvent`
   * definition; without one, `subscribe` is required.
   */
  readonly subscribe?: EventSubscription;
  /**
   * Tables the handler uses, by logical name: `{ user_stats: 'readWrite' }`. The CDK grants exactly
   * these and sets one `DAVINCI_TABLE_<NAME>` variable per table. Default: none.
   */
  readonly tables?: Readonly<Record<string, TableAccess>>;
}

/** A Lambda handler for the handler's SQS queue that also carries its declaration. */
export interface DeclaredEventHandler extends SqsBatchHandler {
  readonly declaration: EventHandlerDeclaration;
}

/**
 * Declares an event handler once: the Lambda handler to export, and what it subscribes to, the
 * tables it uses and whether it is idempotent. `Application.addEventHandler({ entry, handler,
 * declaration })` reads the declaration instead of repeating it.
 *
 * @example
 * export const handleUserActivated = defineEventHandler({
 *   name: 'handleUserActivated',
 *   schema: UserActivated, // subscribes to 'user.activated'
 *   tables: { user_stats: 'readWrite' },
 *   idempotency: true,
 *   handler: async (event, { transaction }) => { … },
 * });
 */
export function defineEventHandler<S extends DetailSchema | undefined = undefined>(
  options: DefineEventHandlerOptions<S>,
): DeclaredEventHandler {
  if (typeof options.name !== 'string' || options.name.trim() === '') {
    throw new InvalidHandlerOptionError('name', 'must be a non-empty string', options.name);
  }
  const declaration: EventHandlerDeclaration = Object.freeze({
    name: options.name,
    eventPattern: toEventPattern(subscriptionOf(options)),
    tables: Object.freeze(checkedTables(options.tables)),
    idempotency: Boolean(options.idempotency),
  });
  const { subscribe: _subscribe, tables: _tables, ...runtime } = options;
  const handler = createEventHandler<S>(runtime);
  const declared: SqsBatchHandler = (event, context) => handler(event, context);
  return Object.defineProperty(declared, 'declaration', {
    value: declaration,
    enumerable: true,
  }) as DeclaredEventHandler;
}

/** Whether a module export is a handler made by `defineEventHandler`. */
export function isDeclaredEventHandler(value: unknown): value is DeclaredEventHandler {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<DeclaredEventHandler>).declaration === 'object' &&
    (value as Partial<DeclaredEventHandler>).declaration !== null
  );
}

function subscriptionOf<S extends DetailSchema | undefined>(
  options: DefineEventHandlerOptions<S>,
): EventSubscription {
  if (options.subscribe !== undefined) return options.subscribe;
  const eventType = (options.schema as Partial<EventDefinition<string, never>> | undefined)
    ?.eventType;
  if (typeof eventType === 'string') return eventType;
  throw new InvalidHandlerOptionError(
    'subscribe',
    'is required unless schema is a defineEvent definition, whose event type is then subscribed to',
    options.subscribe,
  );
}

function checkedTables(
  tables: Readonly<Record<string, TableAccess>> | undefined,
): Record<string, TableAccess> {
  const checked: Record<string, TableAccess> = Object.create(null);
  for (const [name, access] of Object.entries(tables ?? {})) {
    if (!TABLE_ACCESS.includes(access)) {
      throw new InvalidHandlerOptionError(
        `tables.${name}`,
        `must be one of ${TABLE_ACCESS.join(', ')}`,
        access,
      );
    }
    checked[name] = access;
  }
  return checked;
}
