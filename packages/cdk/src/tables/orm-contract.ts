// TEMPORARY: mirrors @davinci/orm's contract until its build exposes these exports.
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}
export interface Projection {
  type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  nonKeyAttributes?: string[];
}
export interface TableSchema {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalSecondaryIndexes: {
    indexName: string;
    partitionKey: KeyAttribute;
    sortKey?: KeyAttribute;
    projection: Projection;
  }[];
  localSecondaryIndexes: { indexName: string; sortKey: KeyAttribute; projection: Projection }[];
  timeToLiveAttribute?: string;
  versionAttribute?: string;
}
export function physicalName(appName: string, deploymentId: string, logicalName: string): string {
  return `${appName}-${deploymentId}-${logicalName}`;
}
export function tableEnvVar(logicalName: string): string {
  return `DAVINCI_TABLE_${logicalName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
