/** A request decoded from either protocol into the JSON protocol's shapes (AWS's API model). */
export type ApiInput = Readonly<Record<string, unknown>>;

/** An operation's answer in the JSON protocol's shapes; the query protocol re-renders it as XML. */
export type ApiOutput = Readonly<Record<string, unknown>>;
