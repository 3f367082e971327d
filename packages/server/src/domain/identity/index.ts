export { login, logout, authenticate, credentialTenant, type Authenticated, type LoginResult } from './sessions.ts';
export { authenticateHandoff, handoffPrefix, newHandoffSecret } from './handoff.ts';
export { createToken, listTokens, revokeToken, type TokenView } from './tokens.ts';
export {
  createUser,
  listUsers,
  setUserStatus,
  userViewSchema,
  userListSchema,
  type UserInput,
  type UserView,
} from './users.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { permissions, builtInRoles, grantedPermissions, isPermission, type Permission } from './permissions.ts';
export { newId } from './secrets.ts';
export { createTenant, findTenant, listAllTenants, type TenantInput } from './tenants.ts';
export {
  listRoles,
  saveRole,
  assignRoles,
  resolveAccess,
  seedRoles,
  builtInScopes,
  roleViewSchema,
  roleListSchema,
  type RoleView,
  type RoleInput,
  type Access,
} from './roles.ts';
export {
  validateScope,
  parseScope,
  scopeFields,
  rowScopeOf,
  narrowScope,
  type CustomerFilter,
  type ScopeRule,
  type RowScope,
} from './data-scope.ts';
export { actorPermissions } from './permissions.ts';
export {
  writeOffApprovalRefusal,
  reversalApprovalRefusal,
  bankAccountConfirmationRefusal,
  enforce,
} from './segregation.ts';
export { previewDataScope, type ScopePreview, type ScopePreviewInput } from './scope-preview.ts';
