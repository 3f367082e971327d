/** The people a flow can assign, as the runtime loads them for one tenant (and a simulation is given). */
export interface DirectoryUser {
  id: string;
  email: string;
  name: string;
  roles: readonly string[];
  /** User attributes (orgUnit, region, …) that assignee sources filter on. */
  attributes: Readonly<Record<string, unknown>>;
  active: boolean;
}

/** A standing delegation: tasks for `from` go to `to` on the days `starts`…`ends` (inclusive, YYYY-MM-DD). */
export interface Delegation {
  from: string;
  to: string;
  starts: string;
  ends: string;
}

export interface Directory {
  users: readonly DirectoryUser[];
  delegations: readonly Delegation[];
}

/** Lookups over a directory, built once per command. */
export class People {
  private readonly byId = new Map<string, DirectoryUser>();
  private readonly byEmail = new Map<string, DirectoryUser>();

  constructor(readonly directory: Directory) {
    for (const u of directory.users) {
      this.byId.set(u.id, u);
      this.byEmail.set(u.email.toLowerCase(), u);
    }
  }

  /** An active user by id or e-mail. */
  find(ref: unknown): DirectoryUser | undefined {
    if (typeof ref !== 'string' || ref.length === 0 || ref.length > 320) return undefined;
    const u = this.byId.get(ref) ?? this.byEmail.get(ref.toLowerCase());
    return u?.active ? u : undefined;
  }

  /** Any user by id, active or not (for names in history). */
  get(id: string): DirectoryUser | undefined {
    return this.byId.get(id);
  }

  withRole(role: string): DirectoryUser[] {
    return this.directory.users.filter((u) => u.active && u.roles.includes(role));
  }

  /** The delegate of `user` on `day`, one level deep (a delegate's own delegation is not followed). */
  delegateOf(user: string, day: string): DirectoryUser | undefined {
    for (const d of this.directory.delegations) {
      if (d.from !== user || d.to === user || day < d.starts || day > d.ends) continue;
      const to = this.find(d.to);
      if (to) return to;
    }
    return undefined;
  }
}
