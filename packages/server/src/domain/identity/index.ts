export { login, logout, authenticate, type Authenticated, type LoginResult } from './sessions.ts';
export { createToken, listTokens, revokeToken, type TokenView } from './tokens.ts';
export { createUser, listUsers, type UserInput, type UserView } from './users.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { permissions, builtInRoles, grantedPermissions, isPermission, type Permission } from './permissions.ts';
export { newId } from './secrets.ts';
export { createTenant, type TenantInput } from './tenants.ts';
