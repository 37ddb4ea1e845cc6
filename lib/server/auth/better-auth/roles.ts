/**
 * The project roles as better-auth access-control roles. Only owners manage people (invite, change roles,
 * remove, cancel invitations); what editors and viewers may do with runs is the product's own rule
 * (lib/server/auth/rules.ts), checked before any better-auth call.
 */
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";

export const projectAccessControl = createAccessControl(defaultStatements);

export const projectRoles = {
  owner: projectAccessControl.newRole({
    organization: ["update", "delete"],
    member: ["create", "update", "delete"],
    invitation: ["create", "cancel"],
  }),
  editor: projectAccessControl.newRole({ organization: [], member: [], invitation: [] }),
  viewer: projectAccessControl.newRole({ organization: [], member: [], invitation: [] }),
};
