export const TABLE_NAME = 'bench-users';
